/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The hand-off of a signal: on a fair mutex the signaller queues the waiter for the lock, and the
 * release that makes it first in line unparks it (ConditionQueue's "Transfer"); a non-fair one wakes it. Each round, a waiter awaits; the test
 * takes the lock, signals and unlocks; the waiter must return within {@value #BOUND_MILLIS} ms.
 * A fair {@link BrokenTransferMutex} queues the waiter without marking it as parked, so no release unparks it,
 * and the same round with the same bound must find it still waiting. Lincheck cannot be the judge (its
 * model checker wakes parked threads spuriously).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalTransferNegativeControlTest {

    /** Rounds per fairness mode. */
    static final int ROUNDS = 50;

    /** How long the signalled waiter may take to return once the lock is free: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void aSignalledWaiterReturnsOnceTheSignallerUnlocks() throws InterruptedException {
        for (boolean fair : new boolean[] {false, true}) {
            for (int round = 0; round < ROUNDS; round++) {
                ReentrantMutex lock = new ReentrantMutex(fair);
                assertNull(signalRound(lock, lock.newCondition(), lock), "fair = " + fair + ", round " + round);
            }
        }
    }

    @Test
    void theControlLeavesTheSignalledWaiterAsleep() throws InterruptedException {
        String stuck = null;
        for (int round = 0; round < ROUNDS && stuck == null; round++) {
            BrokenTransferMutex lock = new BrokenTransferMutex(true); // a non-fair one wakes the waiter instead
            stuck = signalRound(lock, lock.newCondition(), lock);
        }
        System.out.println("[negative control] " + stuck);
        assertNotNull(stuck, "the broken mutex woke the signalled waiter in all " + ROUNDS
                + " rounds: this test cannot see the lost hand-off");
    }

    /** One round: null if the signalled waiter returned within the bound, or what was left waiting. */
    private static String signalRound(Lock lock, Condition condition, Object blocker) throws InterruptedException {
        CountDownLatch returned = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            lock.lock();
            try {
                condition.awaitUninterruptibly();
                returned.countDown();
            } finally {
                lock.unlock();
            }
        }, "condition-waiter");
        waiter.setDaemon(true); // the control's waiter never returns
        waiter.start();
        ReadWriteMutexScaleTest.awaitParked(waiter, blocker);
        lock.lock(); // possible only once the waiter has released it in await
        condition.signal();
        lock.unlock();
        if (!returned.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
            return "the signalled waiter was still waiting " + BOUND_MILLIS + " ms after the signaller's unlock";
        }
        waiter.join();
        return null;
    }
}
