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
 * Checks a history of grants against the token bucket's conformance bound: in every window
 * {@code [t, u]} of the server's clock, the tokens granted are at most the capacity (the most the bucket
 * can hold at {@code t}) plus {@code ceil(rate (u - t))}, the most it can produce meanwhile. Every pair
 * of grants is a window's ends, so the check is exact for the history given: O(n²), for the few
 * thousand grants of a test.
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
     */
    static String violation(long[] grantMicros, long capacity, long rate, long step) {
        long[] times = grantMicros.clone();
        Arrays.sort(times);
        for (int first = 0; first < times.length; first++) {
            for (int last = first + (int) Math.min(capacity, Integer.MAX_VALUE); last < times.length; last++) {
                long granted = last - first + 1L;
                long length = times[last] - times[first];
                long produced = (length * rate + step - 1) / step;     // ceil(rate * length)
                if (granted > capacity + produced) {
                    return granted + " tokens granted in the " + length + " us from " + times[first] + " to "
                            + times[last] + ", where the bound is " + capacity + " + " + produced;
                }
            }
        }
        return null;
    }
}
