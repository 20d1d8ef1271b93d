/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import dev.interlock.testing.Parking;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of the wake-up that {@code set()} owes every parked waiter, and its negative control.
 * {@value #WAITERS} threads call {@code await()} on a clear event and park; then {@code set()}. Each
 * waiter must return within {@value #BOUND_MILLIS} ms (it needs microseconds). {@link BrokenLostReleaseEvent}
 * marks each waiter released but never unparks it, and the same test, with the same bound, must find the
 * waiters still parked though the flag is set. Lincheck cannot be the judge (its model checker wakes
 * parked threads spuriously, so a wake-up that is never sent never shows there); jcstress is the other
 * one ({@code Sync_01_ReleaseWakesWaiter.BrokenLostRelease}).
 *
 * <p>The waiters park before the release, so every round runs the path the bug is on, not by luck: the
 * control is caught in the first round. {@link CountDownLatch}, whose waiters wait at an internal event,
 * runs the same test on its last {@code countDown()}, and {@link Semaphore} on a release of as many
 * permits as there are waiters; {@link BrokenLostReleaseSemaphore} releases them without serving
 * the queue, and must leave its acquirers parked (jcstress: {@code Sync_01_ReleaseWakesWaiter.BrokenLostReleaseSemaphore}).
 * {@link Barrier} runs it with {@value #WAITERS} parties parked and the test thread arriving last;
 * {@link BrokenTripBarrier} never releases them (jcstress: {@code Sync_13_TripReleasesWaiter.BrokenTrip}).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LostReleaseNegativeControlTest {

    /** How long a released waiter may take to return: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** Waiters parked before each release: the release walks a stack of them. */
    static final int WAITERS = 3;

    /** Rounds of the positive tests. */
    static final int ROUNDS = 20;

    /** A gate's untimed wait: the real classes and the copy share no type. */
    interface Wait {
        void await() throws InterruptedException;
    }

    @Test
    void setWakesEveryParkedWaiter() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Event event = new Event();
            assertEquals(0, waitersLeftAfterRelease(event::await, event::set), "round " + round);
        }
    }

    @Test
    void theLastCountDownWakesEveryParkedWaiter() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch latch = new CountDownLatch(1);
            assertEquals(0, waitersLeftAfterRelease(latch::await, latch::countDown), "round " + round);
        }
    }

    @Test
    void aReleaseOfEnoughPermitsWakesEveryParkedAcquirer() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Semaphore semaphore = new Semaphore(0);
            assertEquals(0, waitersLeftAfterRelease(semaphore::acquire, () -> semaphore.release(WAITERS)), "round " + round);
        }
    }

    @Test
    void theSemaphoreControlLeavesTheParkedAcquirersAsleep() throws InterruptedException {
        BrokenLostReleaseSemaphore semaphore = new BrokenLostReleaseSemaphore(0);
        int left = waitersLeftAfterRelease(semaphore::acquire, () -> semaphore.release(WAITERS));
        System.out.println("[negative control] " + left + " of " + WAITERS + " acquirers still parked "
                + BOUND_MILLIS + " ms after release(" + WAITERS + "): " + semaphore);
        assertTrue(left > 0, "the broken semaphore woke every acquirer: this test cannot see the lost wake-up");
    }

    @Test
    void theLastArrivalWakesEveryParkedParty() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Barrier barrier = new Barrier(WAITERS + 1);
            assertEquals(0, waitersLeftAfterRelease(() -> arrive(barrier::await), () -> arriveLast(barrier::await)),
                    "round " + round);
        }
    }

    @Test
    void theBarrierControlLeavesTheParkedPartiesAsleep() throws InterruptedException {
        BrokenTripBarrier barrier = new BrokenTripBarrier(WAITERS + 1);
        int left = waitersLeftAfterRelease(() -> arrive(barrier::await), () -> arriveLast(barrier::await));
        System.out.println("[negative control] " + left + " of " + WAITERS + " parties still parked "
                + BOUND_MILLIS + " ms after the last arrival: " + barrier);
        assertTrue(left > 0, "the broken barrier woke every party: this test cannot see the lost wake-up");
    }

    /** A barrier's untimed {@code await()}: the real class and the copy share no type. */
    interface Arrival {
        int await() throws InterruptedException, BrokenBarrierException;
    }

    /** Waits at a barrier that nobody breaks. */
    private static void arrive(Arrival arrival) throws InterruptedException {
        try {
            arrival.await();
        } catch (BrokenBarrierException e) {
            throw new AssertionError("nobody breaks the barrier", e);
        }
    }

    /** Arrives last at a barrier, which trips it without waiting. */
    private static void arriveLast(Arrival arrival) {
        try {
            arrival.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new AssertionError("the last arrival does not wait", e);
        }
    }

    @Test
    void theControlLeavesTheParkedWaitersAsleep() throws InterruptedException {
        BrokenLostReleaseEvent event = new BrokenLostReleaseEvent();
        int left = waitersLeftAfterRelease(event::await, event::set);
        System.out.println("[negative control] " + left + " of " + WAITERS + " waiters still parked "
                + BOUND_MILLIS + " ms after set(), the flag set: " + event);
        assertTrue(left > 0, "the broken event woke every waiter: this test cannot see the lost wake-up");
    }

    /**
     * Parks {@value #WAITERS} waiters, then releases them, and returns how many had not returned
     * {@value #BOUND_MILLIS} ms later. Those are then interrupted, to end them.
     */
    private static int waitersLeftAfterRelease(Wait gate, Runnable release) throws InterruptedException {
        AtomicInteger returned = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            Thread waiter = new Thread(() -> {
                try {
                    gate.await();
                    returned.incrementAndGet();
                } catch (InterruptedException cleanUp) {
                    // the clean-up below: the broken control's waiters never return otherwise
                }
            }, "waiter-" + i);
            waiter.setDaemon(true); // a failed wait must not keep the JVM alive
            waiter.start();
            Parking.awaitParked(waiter); // queued before the release, so the release must wake it
            waiters.add(waiter);
        }
        release.run();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        for (Thread waiter : waiters) {
            waiter.join(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        int left = WAITERS - returned.get(); // read before the interrupts, which end the broken waits
        for (Thread waiter : waiters) {
            waiter.interrupt();
            waiter.join();
        }
        return left;
    }
}
