/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import dev.interlock.ratelimit.TokenBucket;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local buckets of an outage, one per Redis key, created full when a call first finds Redis down and
 * dropped at the first call Redis answers: so the map holds only the keys used during an outage.
 */
final class LocalFallbacks {
    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    /** Whether the map may hold buckets: one volatile read on each answered call, not a scan. */
    private volatile boolean inUse;

    TokenBucket bucket(String key, UnavailablePolicy policy) {
        inUse = true;
        return buckets.computeIfAbsent(key, unused -> policy.newLocalBucket());
    }

    void redisAnswered() {
        if (inUse) {
            inUse = false;
            buckets.clear();
        }
    }
}
