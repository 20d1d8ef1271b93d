/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static dev.interlock.testing.Parking.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a timed acquisition that gives up, and its negative control. The test thread holds
 * the lock; a waiter's {@code tryLock(1 ms)} queues and times out; a second waiter queues in
 * {@code lockInterruptibly()} after it; the test thread unlocks. The second waiter must get the lock: the
 * one that timed out took its place in the queue with it. {@link BrokenTimeoutMutex} leaves that place
 * behind, so the release wakes a thread that has gone, and the same test, with the same bound, must find
 * the second waiter still asleep. (LockContract's unlockLetsAWaiterInBehindOneThatTimedOut checks the same
 * on every lock, with the two waiters overlapping.) jcstress is the other judge
 * ({@code Locks_13_TimedOutWaiterLeaves.BrokenTimeout}).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutRefundNegativeControlTest {

    /** How long the second waiter may take once the lock is free: the positive run needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void theWaiterBehindOneThatTimedOutGetsTheLock() throws InterruptedException {
        assertTrue(waiterBehindGetsIn(new ReentrantMutex()), "non-fair: the second waiter is still waiting");
        assertTrue(waiterBehindGetsIn(new ReentrantMutex(true)), "fair: the second waiter is still waiting");
        ReadWriteMutex readWrite = new ReadWriteMutex(ReadWriteMutex.Policy.FAIR);
        assertTrue(waiterBehindGetsIn(readWrite.writeLock()), "read-write: the second waiter is still waiting");
    }

    @Test
    void theControlLeavesTheTimedOutPlaceInTheQueue() throws InterruptedException {
        assertFalse(waiterBehindGetsIn(new BrokenTimeoutMutex()),
                "the broken lock let the waiter in: this test cannot see a timed-out waiter's place left behind");
    }

    /** The sequence described above; returns whether the second waiter got the lock within the bound. */
    private static boolean waiterBehindGetsIn(Lock lock) throws InterruptedException {
        lock.lock();
        AtomicReference<Object> quitterOutcome = new AtomicReference<>();
        Thread quitter = new Thread(() -> {
            try {
                quitterOutcome.set(lock.tryLock(1, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                quitterOutcome.set(e);
            }
        }, "quitter");
        quitter.setDaemon(true);
        quitter.start();
        quitter.join();
        assertEquals(Boolean.FALSE, quitterOutcome.get(), "the timed tryLock of a held lock");
        CountDownLatch in = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException e) {
                return; // the clean-up of the broken control
            }
            in.countDown();
            lock.unlock();
        }, "waiter");
        waiter.setDaemon(true); // a failed wait below must not leave it keeping the JVM alive
        waiter.start();
        awaitParked(waiter);
        lock.unlock();
        boolean gotIn = in.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        waiter.interrupt();
        waiter.join();
        return gotIn;
    }
}
