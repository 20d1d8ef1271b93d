/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import java.util.Arrays;

/**
 * Checks a history of grants against the token bucket's conformance bound, exactly: in every window
 * {@code [t, u]} of the server's clock, the tokens granted are at most the tokens the bucket held at
 * {@code t} plus those it produced in {@code (t, u]}. The tokens held are not guessed but replayed: the
 * ideal bucket holds {@code initialTokens} at its creation, produces {@code floor((u - origin) rate / step)}
 * tokens by time {@code u} (the script's grid, from the bucket's epoch), never holds more than the
 * capacity, and gives one token per grant. The bound holds for every window if and only if that replay
 * never grants from an empty bucket; a violation names the window that breaks it. O(n log n).
 */
final class ConformanceChecker {
    private ConformanceChecker() {
    }

    /**
     * The first violation, or null if there is none.
     *
     * @param grantMicros the server time of each granted token, in microseconds, in any order (a grant
     *        of n tokens appears n times)
     * @param capacity the bucket's capacity
     * @param rate the tokens produced every {@code step} microseconds
     * @param step see {@code rate}
     * @param originMicros the server time the bucket was created (its epoch)
     * @param initialTokens the tokens it held then
     */
    static String violation(long[] grantMicros, long capacity, long rate, long step, long originMicros,
            long initialTokens) {
        long[] times = grantMicros.clone();
        Arrays.sort(times);
        long level = initialTokens;
        long producedSoFar = 0;
        long windowStart = originMicros;                               // the last time the bucket was full, or its creation
        long tokensAtStart = initialTokens;
        long producedAtStart = 0;
        long grantedSinceStart = 0;
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            if (t < originMicros) {
                return "a grant at " + t + " us, before the bucket was created at " + originMicros + " us";
            }
            long produced = produced(t - originMicros, rate, step);
            if (level + (produced - producedSoFar) >= capacity) {
                level = capacity;
                windowStart = t;
                tokensAtStart = capacity;
                producedAtStart = produced;
                grantedSinceStart = 0;
            } else {
                level += produced - producedSoFar;
            }
            producedSoFar = produced;
            grantedSinceStart++;
            if (level < 1) {
                return grantedSinceStart + " tokens granted from " + windowStart + " to " + t + " us, where the bound is "
                        + tokensAtStart + " held + " + (produced - producedAtStart) + " produced";
            }
            level--;
        }
        return null;
    }

    /** floor(elapsed rate / step), without overflow. */
    private static long produced(long elapsed, long rate, long step) {
        return elapsed / step * rate + elapsed % step * rate / step;
    }
}
