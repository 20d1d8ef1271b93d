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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Counter} must meet, as one abstract test base; each implementation has a
 * small subclass that supplies instances and adds tests of its own API.
 *
 * <p>The concurrent tests here check the guarantees of the {@link Counter} interface that a test can
 * observe directly: no lost updates and an exact total once the updaters have finished. The subtler
 * interleavings are the job of Lincheck ({@code *LincheckTest}) and jcstress
 * ({@code dev.interlock.stress.counters}).
 */
abstract class CounterContract {

    /** Threads for the concurrent tests: more than this machine's cores, so that threads are preempted mid-update. */
    static final int THREADS = 4;

    /** Returns a new counter with value zero. */
    abstract Counter newCounter();

    @Test
    void startsAtZero() {
        assertEquals(0L, newCounter().get());
    }

    @Test
    void incrementDecrementAndAddAreApplied() {
        Counter counter = newCounter();
        counter.increment();
        counter.increment();
        counter.decrement();
        counter.add(40L);
        counter.add(-3L);
        counter.add(0L);
        assertEquals(38L, counter.get());
    }

    @Test
    void wrapsAroundOnOverflowLikeLong() {
        Counter counter = newCounter();
        counter.add(Long.MAX_VALUE);
        counter.increment();
        assertEquals(Long.MIN_VALUE, counter.get());
        counter.decrement();
        assertEquals(Long.MAX_VALUE, counter.get());
    }

    @Test
    void toStringIsTheDecimalValue() {
        Counter counter = newCounter();
        counter.add(-1234L);
        assertEquals("-1234", counter.toString());
    }

    @Test
    @Timeout(60)
    void concurrentIncrementsAreNeverLost() throws InterruptedException {
        Counter counter = newCounter();
        int perThread = 200_000;
        runConcurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                counter.increment();
            }
        });
        assertEquals((long) THREADS * perThread, counter.get());
    }

    @Test
    @Timeout(60)
    void concurrentMixedUpdatesGiveTheExactTotal() throws InterruptedException {
        Counter counter = newCounter();
        int perThread = 100_000;
        runConcurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                counter.add(thread + 2L); // the deltas differ per thread
                counter.decrement();
            }
        });
        long expected = 0;
        for (int thread = 0; thread < THREADS; thread++) {
            expected += (long) perThread * (thread + 1L);
        }
        assertEquals(expected, counter.get());
    }

    @Test
    @Timeout(60)
    void eachThreadReadsItsOwnIncrements() throws InterruptedException {
        Counter counter = newCounter();
        List<String> failures = new ArrayList<>();
        runConcurrently(thread -> {
            for (long mine = 1; mine <= 50_000; mine++) {
                counter.increment();
                long read = counter.get();
                if (read < mine) { // the others only add, so the total is at least my own count
                    synchronized (failures) {
                        failures.add("thread " + thread + " read " + read + " after " + mine + " increments");
                    }
                    return;
                }
            }
        });
        assertTrue(failures.isEmpty(), failures::toString);
    }

    @Test
    @Timeout(60)
    void readsOfOneThreadNeverDecreaseWhileOthersOnlyIncrement() throws InterruptedException {
        Counter counter = newCounter();
        List<String> failures = new ArrayList<>();
        runConcurrently(thread -> {
            if (thread == 0) {
                long previous = Long.MIN_VALUE;
                for (int i = 0; i < 200_000; i++) {
                    long read = counter.get();
                    if (read < previous) {
                        synchronized (failures) {
                            failures.add("read " + read + " after " + previous);
                        }
                        return;
                    }
                    previous = read;
                }
            } else {
                for (int i = 0; i < 200_000; i++) {
                    counter.increment();
                }
            }
        });
        assertTrue(failures.isEmpty(), failures::toString);
    }

    /** The body of one thread of a concurrent test. */
    interface ThreadBody {
        void run(int thread);
    }

    /** Runs {@code body} in {@link #THREADS} threads released together, and waits for all of them. */
    static void runConcurrently(ThreadBody body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    body.run(thread);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "counter-contract-" + t);
            worker.start();
            threads.add(worker);
        }
        start.countDown();
        long deadline = System.nanoTime() + Duration.ofSeconds(50).toNanos();
        for (Thread worker : threads) {
            worker.join(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertTrue(!worker.isAlive(), worker.getName() + " did not finish");
        }
        assertTrue(errors.isEmpty(), () -> "worker failed: " + errors);
    }
}
