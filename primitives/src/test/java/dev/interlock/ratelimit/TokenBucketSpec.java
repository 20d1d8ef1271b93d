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
 * The sequential model of the bucket that {@link TokenBucketLincheckBase} configures: the textbook
 * token bucket, written as plainly as possible and independently of {@link TokenBucket}'s token
 * index. It keeps a token count, adds the whole tokens produced since the last operation, and caps
 * the count at the capacity; it finds the wait of a denied probe by counting nanoseconds one at a
 * time, not by the closed formula the bucket uses. Not thread-safe: Lincheck calls it from one thread.
 */
public class TokenBucketSpec {

    static final long CAPACITY = 3;
    static final long TOKENS = 2;
    static final long PERIOD_NANOS = 3;
    static final long INITIAL_TOKENS = 1;

    private long elapsedNanos;
    private long tokens = INITIAL_TOKENS;
    private long producedSoFar;

    public TokenBucketSpec() {
    }

    private static long produced(long elapsed) {
        return elapsed * TOKENS / PERIOD_NANOS;
    }

    private void refill() {
        long produced = produced(elapsedNanos);
        tokens = Math.min(CAPACITY, tokens + produced - producedSoFar);
        producedSoFar = produced;
    }

    public boolean tryAcquire(int permits) {
        refill();
        if (tokens >= permits) {
            tokens -= permits;
            return true;
        }
        return false;
    }

    public TokenBucket.Probe tryAcquireAndProbe(int permits) {
        refill();
        if (tokens >= permits) {
            tokens -= permits;
            return withoutGrantedRemainder(new TokenBucket.Probe(true, tokens, 0));
        }
        long wait = 0;
        while (tokens + produced(elapsedNanos + wait) - producedSoFar < permits) {
            wait++;
        }
        return new TokenBucket.Probe(false, tokens, wait);
    }

    /**
     * A probe as {@link TokenBucketLincheckBase} compares it: a granted probe's remaining tokens are
     * replaced by -1 (see there why).
     */
    static TokenBucket.Probe withoutGrantedRemainder(TokenBucket.Probe probe) {
        return probe.granted() ? new TokenBucket.Probe(true, -1, probe.nanosToWait()) : probe;
    }

    public long availableTokens() {
        refill();
        return tokens;
    }

    public void advance(int nanos) {
        elapsedNanos += nanos;
    }
}
