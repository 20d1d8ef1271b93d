/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

/**
 * A deliberately broken token bucket: the negative control of the rate-limiter family. It is
 * {@link TokenBucket}'s algorithm with the CAS replaced by check-then-act: it reads the token index,
 * checks that enough tokens are there, and then writes the new index with a plain volatile write.
 * Two threads that both read the index before either writes both see the same tokens, both take
 * them, and the second write overwrites the first: the bucket grants too much.
 *
 * <p>{@code RateLimitNegativeControlTest} asserts that Lincheck rejects it, under both strategies,
 * and the jcstress test {@code RateLimit_01_ExactlyTheTokensThere.BrokenCheckThenAct} must report
 * the over-grant. It depends only on main classes, because the stress jar takes the {@code Broken*}
 * classes, alone, from this module's test jar.
 */
public final class BrokenCheckThenActBucket {

    private final long capacity;
    private final long tokensPerStep;
    private final long nanosPerStep;
    private final TimeSource clock;
    private final long origin;
    private volatile long consumed;

    /**
     * A broken bucket; the arguments mean what they mean for {@link TokenBucket.Builder}, and are
     * not checked.
     *
     * @param capacity the capacity
     * @param tokens tokens per period
     * @param periodNanos the period, in nanoseconds
     * @param initialTokens the tokens at the start
     * @param clock the clock
     */
    public BrokenCheckThenActBucket(long capacity, long tokens, long periodNanos, long initialTokens, TimeSource clock) {
        this.capacity = capacity;
        this.tokensPerStep = tokens;
        this.nanosPerStep = periodNanos;
        this.clock = clock;
        this.origin = clock.nanoTime();
        this.consumed = -initialTokens;
    }

    /**
     * Takes the tokens if they are there: read, check, then write. THE BUG: nothing stops another
     * thread from taking the same tokens between the read and the write.
     *
     * @param permits how many tokens
     * @return whether they were taken
     */
    public boolean tryAcquire(long permits) {
        long current = consumed;
        long produced = produced();
        long start = Math.max(current, produced - capacity);
        if (produced - start < permits) {
            return false;
        }
        consumed = start + permits; // THE BUG: a write where a CAS belongs
        return true;
    }

    /**
     * {@link TokenBucket#tryAcquireAndProbe(long)} with the same bug.
     *
     * @param permits how many tokens
     * @return the probe
     */
    public TokenBucket.Probe tryAcquireAndProbe(long permits) {
        long current = consumed;
        long elapsed = Math.max(0L, clock.nanoTime() - origin);
        long produced = RateMath.multiplyDivide(elapsed, tokensPerStep, nanosPerStep);
        long start = Math.max(current, produced - capacity);
        long available = produced - start;
        if (available >= permits) {
            consumed = start + permits; // THE BUG
            return new TokenBucket.Probe(true, available - permits, 0L);
        }
        long missing = start + permits - produced;
        long carried = RateMath.remainder(elapsed, tokensPerStep, nanosPerStep, produced);
        return new TokenBucket.Probe(false, Math.max(0L, available),
                RateMath.multiplySubtractDivideCeiling(missing, nanosPerStep, carried, tokensPerStep));
    }

    /**
     * The tokens there now.
     *
     * @return the available tokens
     */
    public long availableTokens() {
        long current = consumed;
        return Math.max(0L, Math.min(capacity, produced() - current));
    }

    private long produced() {
        return RateMath.multiplyDivide(Math.max(0L, clock.nanoTime() - origin), tokensPerStep, nanosPerStep);
    }
}
