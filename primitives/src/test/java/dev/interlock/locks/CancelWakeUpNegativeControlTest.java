/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import dev.interlock.testing.Parking;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three threads through the race no other test runs: an unlock that chooses a waiter just as that
 * waiter gives up. The owner holds the lock; W1 and W2 ({@code lockInterruptibly} both)
 * queue behind it and park. Then W1 is interrupted and, before it can run, the owner unlocks: the
 * unlock picks W1, the first live waiter, and unparks it; W1 wakes, finds its interrupt and leaves.
 * The wake-up must go on to W2, which must hold the lock within {@value #BOUND_MILLIS} ms.
 * {@link BrokenCancelMutex} leaves without passing it on, and the same rounds with the same bound must
 * find W2 still parked. Lincheck cannot be the judge (its model checker wakes parked threads
 * spuriously); jcstress is the other one ({@code Locks_10_CancelPassesWakeUp.BrokenCancel}).
 *
 * <p>The interrupt comes first and the unlock a few instructions later, while W1 is still waking, so
 * the unlock nearly always finds W1 not yet cancelled: the race is run in almost every round, not by
 * luck. A timed waiter whose deadline falls on the unlock is the same race by another way in; it is
 * run too, on the real mutex, where its timing can only be aimed at.
 */
@BoundedControl
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CancelWakeUpNegativeControlTest {

    /** Rounds of the race per lock. */
    static final int ROUNDS = 200;

    /** How long W2 may take to get the lock once it is free: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void anInterruptedWaiterThatTheUnlockChosePassesTheWakeUpOn() throws InterruptedException {
        for (boolean fair : new boolean[] {false, true}) {
            for (int round = 0; round < ROUNDS; round++) {
                ReentrantMutex lock = new ReentrantMutex(fair);
                assertNull(interruptedWaiterRace(lock, lock, round), "fair = " + fair);
            }
        }
    }

    @Test
    void theControlLosesThatWakeUp() throws InterruptedException {
        String stuck = null;
        for (int round = 0; round < ROUNDS && stuck == null; round++) {
            BrokenCancelMutex lock = new BrokenCancelMutex();
            stuck = interruptedWaiterRace(lock, lock, round);
        }
        System.out.println("[negative control] " + stuck);
        assertTrue(stuck != null, "the broken mutex woke W2 in all " + ROUNDS + " rounds: this test cannot see the lost wake-up");
    }

    @Test
    void aWaiterTimingOutAsTheUnlockChoseItPassesTheWakeUpOn() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            ReentrantMutex lock = new ReentrantMutex();
            lock.lock();
            long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(2);
            AtomicLong deadline = new AtomicLong();
            Thread first = start("W1-timed", () -> {
                deadline.set(System.nanoTime() + timeoutNanos); // its own deadline, give or take the call
                if (lock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                    lock.unlock();
                }
            });
            Parking.awaitTimedParkedOnOrEnded(first, lock); // W1 first in line, then W2
            CountDownLatch secondIn = new CountDownLatch(1);
            Thread second = start("W2", () -> {
                lock.lock();
                secondIn.countDown();
                lock.unlock();
            });
            ReadWriteMutexScaleTest.awaitParked(second, lock);
            // Aim the unlock at W1's deadline, a little later each round, across about 100 µs.
            long aim = deadline.get() + (round % 20) * 5_000L - 50_000L;
            while (System.nanoTime() - aim < 0) {
                Thread.onSpinWait();
            }
            lock.unlock();
            assertTrue(secondIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS),
                    "round " + round + ": W1 timed out as the unlock chose it, and W2 was never woken");
            first.join();
            second.join();
        }
    }

    /**
     * One round: returns null if W2 got the lock within the bound, or what was left waiting. The owner
     * is the calling thread.
     */
    private static String interruptedWaiterRace(Lock lock, Object blocker, int round) throws InterruptedException {
        lock.lock();
        Thread first = start("W1", () -> {
            try {
                lock.lockInterruptibly();
                lock.unlock(); // the unlock won the race this time: W1 got the lock before it saw the interrupt
            } catch (InterruptedException expected) {
                // W1 gave up, as the race intends
            }
        });
        ReadWriteMutexScaleTest.awaitParked(first, blocker);
        CountDownLatch secondIn = new CountDownLatch(1);
        Thread second = start("W2", () -> {
            try {
                lock.lockInterruptibly();
            } catch (InterruptedException cleanUp) {
                return; // the broken control's clean-up
            }
            secondIn.countDown();
            lock.unlock();
        });
        ReadWriteMutexScaleTest.awaitParked(second, blocker);
        first.interrupt();
        lock.unlock(); // chooses W1, which has not run since its interrupt
        boolean woken = secondIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        first.join();
        if (!woken) {
            second.interrupt();
            second.join();
            return "round " + round + ": W1 gave up as the unlock chose it, and W2 was still parked " + BOUND_MILLIS
                    + " ms later, the lock free";
        }
        second.join();
        return null;
    }

    /** Something a thread runs that may be interrupted. */
    interface Body {
        void run() throws InterruptedException;
    }

    private static Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
