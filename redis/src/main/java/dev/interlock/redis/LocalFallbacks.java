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
 * The local buckets of an outage, one per Redis key: created full by the first call that finds Redis down
 * for that key, and dropped by the first call Redis answers for it, so that a partial outage (one shard
 * of a cluster) leaves the other keys on Redis. At most {@value #MAX_BUCKETS} at once: a member beyond
 * that fails closed, so that an outage cannot grow the map without bound.
 */
final class LocalFallbacks {
    static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    /** The key's local bucket, or null if the map is full. */
    TokenBucket bucket(String key, UnavailablePolicy policy) {
        TokenBucket local = buckets.get(key);
        if (local != null || buckets.size() >= MAX_BUCKETS) {
            return local;
        }
        return buckets.computeIfAbsent(key, unused -> policy.newLocalBucket());
    }

    void redisAnswered(String key) {
        if (!buckets.isEmpty()) {
            buckets.remove(key);
        }
    }
}
