/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import dev.interlock.ratelimit.TimeSource;
import java.util.Objects;

/**
 * Buckets of one configuration, one per member: one per user, per API key or per tenant. Built by
 * {@link RedisTokenBucket.Builder#buildFamily}; {@link #bucket(String)} is cheap (no round trip), and
 * a member's bucket exists in Redis only while it is not full (see {@link RedisTokenBucket}, "A new
 * bucket and an idle one"). Thread-safe.
 */
public final class RedisTokenBucketFamily {
    private final RedisScriptExecutor redis;
    private final String name;
    private final RedisTokenBucket.Configuration configuration;
    private final TimeSource clock;

    RedisTokenBucketFamily(RedisScriptExecutor redis, String name, RedisTokenBucket.Configuration configuration,
            TimeSource clock) {
        this.redis = redis;
        this.name = name;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * The bucket of one member, on the key {@code interlock:token-bucket:{family:member}}.
     *
     * @param member the member, such as a user's id; not empty, and without braces
     * @return its bucket
     * @throws IllegalArgumentException if {@code member} is empty or has a brace
     * @throws NullPointerException if {@code member} is null
     */
    public RedisTokenBucket bucket(String member) {
        RedisTokenBucket.Builder.checkName(member);
        return new RedisTokenBucket(redis, key(name + ":" + member), configuration, clock);
    }

    /**
     * The family's name.
     *
     * @return the name given to the builder
     */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "RedisTokenBucketFamily[name=" + name + ", capacity=" + configuration.capacity + ", refill="
                + configuration.refillTokens + " per " + configuration.refillPeriod + "]";
    }

    /** The key of a bucket: its whole name is the hash tag, so that anything the bucket adds shares its slot. */
    static String key(String name) {
        return "interlock:token-bucket:{" + Objects.requireNonNull(name) + "}";
    }
}
