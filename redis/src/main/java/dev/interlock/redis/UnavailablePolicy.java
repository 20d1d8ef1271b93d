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
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link RedisTokenBucket} does when Redis does not answer a call (the call threw
 * {@link RedisUnavailableException}): each policy trades availability against over-admission, and
 * docs/distributed-rate-limiting.md compares them. Each call asks Redis first, so the bucket is back on
 * Redis at the first call Redis answers. Thread-safe and immutable.
 */
public final class UnavailablePolicy {
    private static final UnavailablePolicy FAIL_CLOSED = new UnavailablePolicy(Kind.FAIL_CLOSED, null);
    private static final UnavailablePolicy FAIL_OPEN = new UnavailablePolicy(Kind.FAIL_OPEN, null);

    enum Kind { FAIL_CLOSED, FAIL_OPEN, LOCAL }

    final Kind kind;
    /** For {@link Kind#LOCAL}: a configured builder, built once per bucket and outage. */
    private final TokenBucket.Builder local;

    private UnavailablePolicy(Kind kind, TokenBucket.Builder local) {
        this.kind = kind;
        this.local = local;
    }

    /**
     * Throw {@link RedisUnavailableException}: grant nothing that Redis did not grant.
     *
     * @return the policy
     */
    public static UnavailablePolicy failClosed() {
        return FAIL_CLOSED;
    }

    /**
     * Grant every request while Redis is unreachable: no limit at all. {@code availableTokens} reports the
     * capacity, and a probe 0 tokens left.
     *
     * @return the policy
     */
    public static UnavailablePolicy failOpen() {
        return FAIL_OPEN;
    }

    /**
     * Limit each process on a local {@link TokenBucket} of this configuration, one per Redis key, while
     * Redis does not answer for that key. A local bucket starts full and is dropped when Redis answers for
     * its key again, so each outage can admit, per process, the local capacity plus the local rate over
     * its length, on top of what Redis granted: give each of N processes about 1/N of the rate and
     * capacity. A request for more than the local capacity, or for a key beyond the
     * {@value LocalFallbacks#MAX_BUCKETS} that a family keeps at once, fails closed.
     *
     * @param capacity the local bucket's capacity, as {@link TokenBucket.Builder#capacity(long)}
     * @param tokens the local rate's tokens per {@code period}
     * @param period the local rate's period, as {@link TokenBucket.Builder#refill(long, Duration)}
     * @return the policy
     * @throws IllegalArgumentException if {@link TokenBucket.Builder} refuses the configuration
     * @throws NullPointerException if {@code period} is null
     */
    public static UnavailablePolicy localBucket(long capacity, long tokens, Duration period) {
        Objects.requireNonNull(period, "period");
        TokenBucket.Builder builder = TokenBucket.builder().capacity(capacity).refill(tokens, period)
                .initialTokens(capacity);
        builder.build();                                               // refuses a bad configuration now
        return new UnavailablePolicy(Kind.LOCAL, builder);
    }

    /** A new local bucket, full; only for {@link Kind#LOCAL}. The builder is never changed after the factory. */
    TokenBucket newLocalBucket() {
        synchronized (local) {
            return local.build();
        }
    }

    @Override
    public String toString() {
        return "UnavailablePolicy[" + kind + "]";
    }
}
