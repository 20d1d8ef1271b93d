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
    private final UnavailablePolicy policy;
    /** One map for the whole family: a member's local bucket outlives the bucket objects of its calls. */
    private final LocalFallbacks fallbacks = new LocalFallbacks();

    RedisTokenBucketFamily(RedisScriptExecutor redis, String name, RedisTokenBucket.Configuration configuration,
            TimeSource clock, UnavailablePolicy policy) {
        this.redis = redis;
        this.name = name;
        this.configuration = configuration;
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * The bucket of one member, on the key {@code interlock:token-buckets:{family:member}}.
     *
     * @param member the member, such as a user's id; not empty, and without braces
     * @return its bucket
     * @throws IllegalArgumentException if {@code member} is empty or has a brace
     * @throws NullPointerException if {@code member} is null
     */
    public RedisTokenBucket bucket(String member) {
        RedisTokenBucket.Builder.checkName(member);
        return new RedisTokenBucket(redis, "interlock:token-buckets:{" + name + ":" + member + "}", configuration, clock,
                policy, fallbacks);
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

}
