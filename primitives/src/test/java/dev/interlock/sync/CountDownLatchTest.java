/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static dev.interlock.testing.Parking.awaitParkedEitherWay;
import static dev.interlock.testing.Parking.awaitTimedParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.Parking;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * {@link CountDownLatch} against the {@link GateContract}, as a latch of count 1 released by its
 * {@code countDown()}, and what only a latch has: the count, which must not start negative, goes down by
 * one a call to exactly zero under contention and no further, and releases the waiters only at zero; and
 * the instant between the count reaching zero and the internal event being set, which {@code await}
 * must cover by reading the count.
 */
class CountDownLatchTest extends GateContract<CountDownLatch> {

    @Override
    protected CountDownLatch newClosed() {
        return new CountDownLatch(1);
    }

    @Override
    protected void release(CountDownLatch latch) {
        latch.countDown();
    }

    @Override
    protected void await(CountDownLatch latch) throws InterruptedException {
        latch.await();
    }

    @Override
    protected boolean await(CountDownLatch latch, long timeout, TimeUnit unit) throws InterruptedException {
        return latch.await(timeout, unit);
    }

    @Override
    protected int getQueueLength(CountDownLatch latch) {
        return latch.getQueueLength();
    }

    // ---- The count ----------------------------------------------------------------------------------

    @Test
    void aNegativeCountThrowsIllegalArgumentException() {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> new CountDownLatch(-1));
        assertEquals("count must not be negative: -1", thrown.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CountDownLatch(Integer.MIN_VALUE));
    }

    @Test
    void aCountOfZeroIsReleasedAtOnce() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(0);
        assertEquals(0, latch.getCount());
        latch.await();
        assertTrue(latch.await(0, TimeUnit.NANOSECONDS));
        assertTrue(latch.await(-1, TimeUnit.SECONDS));
        assertEquals(0, latch.getQueueLength());
    }

    @Test
    void countDownLowersTheCountByOneAndDoesNothingAtZero() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(3);
        assertEquals(3, latch.getCount());
        latch.countDown();
        assertEquals(2, latch.getCount());
        assertFalse(latch.await(0, TimeUnit.NANOSECONDS));
        latch.countDown();
        assertEquals(1, latch.getCount());
        latch.countDown();
        assertEquals(0, latch.getCount());
        assertTrue(latch.await(0, TimeUnit.NANOSECONDS));
        latch.countDown();
        latch.countDown();
        assertEquals(0, latch.getCount(), "countDown() at zero does nothing");
        latch.await();
        CountDownLatch large = new CountDownLatch(Integer.MAX_VALUE);
        large.countDown();
        assertEquals(Integer.MAX_VALUE - 1L, large.getCount());
    }

    @Test
    void toStringShowsTheCount() {
        CountDownLatch latch = new CountDownLatch(3);
        assertEquals("CountDownLatch[Count = 3]", latch.toString());
        latch.countDown();
        assertEquals("CountDownLatch[Count = 2]", latch.toString());
        latch.countDown();
        latch.countDown();
        latch.countDown();
        assertEquals("CountDownLatch[Count = 0]", latch.toString());
    }

    // ---- Waiting for zero ---------------------------------------------------------------------------

    @Test
    void waitersWaitUntilTheLastCountDown() throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(3);
        Waiter untimed = startWaiter(latch, "waiter");
        Parking.awaitParked(untimed.thread);
        Waiter timed = startTimedWaiter(latch, 1, TimeUnit.HOURS, "timed-waiter");
        awaitTimedParked(timed.thread);
        latch.countDown();
        latch.countDown();
        assertFalse(latch.await(20, TimeUnit.MILLISECONDS), "count 1: a timed wait runs out");
        assertEquals(Thread.State.WAITING, untimed.thread.getState(), "still parked at count 1");
        assertEquals(Thread.State.TIMED_WAITING, timed.thread.getState(), "still parked at count 1");
        assertEquals(2, latch.getQueueLength());
        latch.countDown();
        assertEquals("returned, status false", untimed.outcome());
        assertEquals("true, status false", timed.outcome(), "a timed await returns true when the count reached zero");
        assertEquals(0, latch.getQueueLength());
        assertEquals(0, latch.getCount());
    }

    /**
     * Four threads count a latch of 40,000 down, 10,000 calls each, while waiters are parked: the count
     * must reach exactly zero (a lost decrement leaves it above, and the waiters waiting), and the
     * waiters must be released. Calls beyond zero, made while the others still count, change nothing.
     */
    @Test
    void concurrentCountDownsReachExactlyZeroAndReleaseTheWaiters() throws InterruptedException {
        int threads = 4;
        int perThread = 10_000;
        CountDownLatch latch = new CountDownLatch(threads * perThread);
        List<Waiter> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Waiter waiter = i == 0
                    ? startTimedWaiter(latch, 1, TimeUnit.HOURS, "timed-waiter")
                    : startWaiter(latch, "waiter-" + i);
            waiters.add(waiter);
            awaitParkedEitherWay(waiter.thread);
        }
        AtomicBoolean go = new AtomicBoolean();
        List<Thread> counters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            counters.add(start("counter-" + t, () -> {
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < perThread; i++) {
                    latch.countDown();
                }
            }));
        }
        go.set(true);
        for (Thread counter : counters) {
            counter.join(PROMPT_MILLIS);
            assertFalse(counter.isAlive(), counter.getName() + " did not finish");
        }
        assertEquals(0, latch.getCount(), "a decrement was lost");
        assertEquals("true, status false", waiters.get(0).outcome());
        assertEquals("returned, status false", waiters.get(1).outcome());
        assertEquals("returned, status false", waiters.get(2).outcome());
        assertEquals(0, latch.getQueueLength());
        latch.countDown();
        assertEquals(0, latch.getCount());
    }

    /**
     * Between the {@code countDown()} that takes the count to zero and its {@code set()} of the internal
     * event, the count is zero and the event not set. An {@code await} in that window must answer by the
     * count: the untimed one returns, and the timed one returns {@code true}, whether it reads zero on
     * entry or only when its time has run out. The window is held open by writing the count directly.
     */
    @Test
    void anAwaitBetweenZeroAndTheReleaseAnswersByTheCount() throws InterruptedException, ReflectiveOperationException {
        CountDownLatch latch = new CountDownLatch(1);
        Field count = CountDownLatch.class.getDeclaredField("count");
        count.setAccessible(true);
        count.setInt(latch, 0); // the CAS to zero has happened; its set() of the event has not
        assertEquals(0, latch.getCount());
        latch.await();
        assertTrue(latch.await(0, TimeUnit.NANOSECONDS));
        assertTrue(latch.await(1, TimeUnit.SECONDS));

        CountDownLatch timingOut = new CountDownLatch(1);
        Waiter waiter = startTimedWaiter(timingOut, 200, TimeUnit.MILLISECONDS, "timed-waiter");
        awaitTimedParked(waiter.thread);
        count.setInt(timingOut, 0); // while it waits: only its re-read of the count after the timeout can see it
        assertEquals("true, status false", waiter.outcome(), "the count was zero when the time ran out");
        assertEquals(0, timingOut.getQueueLength());
    }
}
