/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import dev.interlock.testing.Parking;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a fair {@link Semaphore}'s promise that a large request is never starved by a
 * stream of small ones, and its negative control. Five permits; the stream holds four; a waiter asks for
 * all five and queues. Then the stream runs {@value #ARRIVALS} times: it gives one permit back, and a small
 * request arrives at once ({@code tryAcquire()}, alternating with a timed {@code tryAcquire} of zero
 * time), as a busy server's would. A fair semaphore turns every arrival away while the large request
 * waits, so after four arrivals the stream holds nothing and the waiter has its five, within
 * {@value #BOUND_MILLIS} ms. {@link BrokenBargingSemaphore} skips the fair check, so each arrival takes
 * the permit just given back, the stream keeps holding four, and the same test must find the waiter
 * still waiting. (The JDK's fair semaphore behaves as the control does here: its untimed
 * {@code tryAcquire()} barges.)
 *
 * <p>No race: one thread is the whole stream, so every round takes the same path, and the control is
 * caught in the first.
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BargingNegativeControlTest {

    /** How long the large request may take once the stream has given back: it needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** Small requests in the stream. */
    static final int ARRIVALS = 1_000;

    /** Rounds of the positive test. */
    static final int ROUNDS = 20;

    /** The operations of one semaphore that the stream and the waiter use: the real class and the copy share no type. */
    record Permits(Acquire acquire, BooleanSupplier tryAcquire, ZeroTimeTry tryAcquireWithoutWaiting,
            IntConsumer release) {
    }

    /** {@code acquire(n)}. */
    interface Acquire {
        void acquire(int n) throws InterruptedException;
    }

    /** {@code tryAcquire(1, 0, NANOSECONDS)}. */
    interface ZeroTimeTry {
        boolean tryAcquire() throws InterruptedException;
    }

    @Test
    void aStreamOfSmallRequestsNeverStarvesALargeOneWhenFair() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            assertTrue(largeServedDespiteTheStream(fair(new Semaphore(5, true))), "round " + round
                    + ": the large request was starved");
        }
    }

    @Test
    void theControlStarvesTheLargeRequest() throws InterruptedException {
        boolean served = largeServedDespiteTheStream(broken(new BrokenBargingSemaphore(5, true)));
        System.out.println("[negative control] a request for 5 permits was " + (served ? "" : "not ")
                + "served after " + ARRIVALS + " small arrivals and " + BOUND_MILLIS + " ms");
        assertFalse(served, "the broken semaphore served the large request: this test cannot see the barging");
    }

    private static Permits fair(Semaphore semaphore) {
        return new Permits(semaphore::acquire, semaphore::tryAcquire,
                () -> semaphore.tryAcquire(1, 0, TimeUnit.NANOSECONDS), semaphore::release);
    }

    private static Permits broken(BrokenBargingSemaphore semaphore) {
        return new Permits(semaphore::acquire, semaphore::tryAcquire,
                () -> semaphore.tryAcquire(1, 0, TimeUnit.NANOSECONDS), semaphore::release);
    }

    /**
     * Runs the stream beside a large request, and returns whether the request returned within
     * {@value #BOUND_MILLIS} ms after the stream; if not, it is interrupted, to end it.
     */
    private static boolean largeServedDespiteTheStream(Permits semaphore) throws InterruptedException {
        semaphore.acquire().acquire(4);
        Thread large = SemaphoreContract.start("large", () -> semaphore.acquire().acquire(5));
        Parking.awaitParked(large);
        int held = 4;
        for (int i = 0; i < ARRIVALS; i++) {
            if (held > 0) {
                semaphore.release().accept(1);
                held--;
            }
            boolean taken = i % 2 == 0 ? semaphore.tryAcquire().getAsBoolean() : semaphore.tryAcquireWithoutWaiting().tryAcquire();
            if (taken) {
                held++;
            }
        }
        large.join(BOUND_MILLIS);
        boolean served = !large.isAlive();
        large.interrupt();
        large.join();
        return served;
    }
}
