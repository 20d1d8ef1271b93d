/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link StripedCounter} against the {@link CounterContract}, and its reset and cell growth. */
class StripedCounterTest extends CounterContract {

    @Override
    Counter newCounter() {
        return new StripedCounter();
    }

    /** The documented bound on the table: twice the processor count rounded up to a power of two. */
    private static int maxCells() {
        int processors = Runtime.getRuntime().availableProcessors();
        int power = 2;
        while (power < 2 * processors) {
            power *= 2;
        }
        return power;
    }

    @Test
    void noCellsWithoutContention() {
        StripedCounter counter = new StripedCounter();
        for (int i = 0; i < 1000; i++) {
            counter.increment();
        }
        assertEquals(0, counter.cellCount());
        assertEquals(1000L, counter.get());
    }

    @Test
    void sumThenResetReturnsTheTotalAndLeavesZero() {
        StripedCounter counter = new StripedCounter();
        counter.add(41L);
        counter.increment();
        assertEquals(42L, counter.sumThenReset());
        assertEquals(0L, counter.get());
        assertEquals(0L, counter.sumThenReset());
        counter.add(5L);
        counter.reset();
        assertEquals(0L, counter.get());
    }

    @Test
    @Timeout(60)
    void contentionGrowsCellsWithinTheBoundAndLosesNothing() throws InterruptedException {
        StripedCounter counter = new StripedCounter();
        AtomicBoolean inflated = new AtomicBoolean();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long[] perThread = new long[THREADS];
        runConcurrently(thread -> {
            // Update until the table exists and, to be sure cells were used, a while after.
            long extra = 100_000;
            while (extra > 0 && System.nanoTime() < deadline) {
                counter.increment();
                perThread[thread]++;
                if (counter.cellCount() > 0) {
                    inflated.set(true);
                    extra--;
                }
            }
        });
        long expected = 0;
        for (long count : perThread) {
            expected += count;
        }
        assertTrue(inflated.get(), "four threads never contended in 30 s");
        int cells = counter.cellCount();
        assertTrue(cells >= 2 && cells <= maxCells() && Integer.bitCount(cells) == 1,
                () -> "cell count " + cells + " is not a power of two in [2, " + maxCells() + "]");
        assertEquals(expected, counter.get());
    }

    @Test
    @Timeout(60)
    void concurrentSumThenResetCountsEachUpdateExactlyOnce() throws InterruptedException {
        StripedCounter counter = new StripedCounter();
        long[] harvested = new long[THREADS];
        int increments = 300_000;
        runConcurrently(thread -> {
            if (thread == 0) {
                // The harvester: resets over and over while the others increment.
                for (int i = 0; i < 20_000; i++) {
                    harvested[0] += counter.sumThenReset();
                }
            } else {
                for (int i = 0; i < increments; i++) {
                    counter.increment();
                }
            }
        });
        long total = harvested[0] + counter.get();
        assertEquals((long) (THREADS - 1) * increments, total, "an update was lost or counted twice");
    }
}
