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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A {@code Condition.signal()} racing a waiter that gives up: exactly one of them wins, and a signal is
 * never lost. Two threads await on one condition, A first, then B. The test takes the lock, interrupts A
 * and at once signals. Either A wins the signal (it returns normally, keeping its interrupt as its status) and
 * B keeps waiting, or A's interrupt wins (it throws) and the signal goes on to B, which must return
 * within {@value #BOUND_MILLIS} ms. {@link BrokenSignalCondition} decides the race by a check and a
 * plain write, delayed in between: both sides win, A throws and B never hears the signal. The same
 * rounds with the same bound must find B still waiting. Lincheck cannot be the judge (its model checker
 * wakes parked threads spuriously); jcstress is the other one ({@code Locks_11_SignalRacesCancel.BrokenSignal}).
 * A timed waiter whose deadline is aimed at the signal is the same race by another way in; it runs on
 * the real conditions only, where its timing can only be aimed at. Interrupted just before the signal,
 * A nearly always loses to it, so a third test lets A cancel first and checks that the signal skips
 * it and reaches B: the order in which a signal that gave up after one failed CAS would be lost.
 * A fourth aims the signal at the moment A wakes to cancel, the only order in which a real signal
 * that decided the race by a check and a write (not a CAS) lets both win; with the aim taken from
 * A's thread state, it catches that bug without a planted delay.
 */
@BoundedControl
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SignalCancelNegativeControlTest {

    /** Rounds of the race per condition. */
    static final int ROUNDS = 200;

    /**
     * Rounds of the aimed race. With the real signal turned into a check and a write, about 1 round in
     * 180 lost the signal (44 in 8,000, on 2 cores), so 2,000 rounds miss it with odds of about e^-11.
     */
    static final int AIMED_ROUNDS = 2_000;

    /** How long a signalled waiter may take to return: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    static final int SIGNALLED = 1;
    static final int INTERRUPTED = 2;
    static final int TIMED_OUT = 3;

    @Test
    void aSignalRacingAnInterruptedAwaitIsNeverLost() throws InterruptedException {
        for (boolean fair : new boolean[] {false, true}) {
            for (int round = 0; round < ROUNDS; round++) {
                ReentrantMutex lock = new ReentrantMutex(fair);
                assertNull(race(lock, lock.newCondition(), round, Way.INTERRUPT_AT_THE_SIGNAL), "fair = " + fair);
            }
        }
        for (int round = 0; round < ROUNDS; round++) {
            assertNull(raceOnWriteLock(new ReadWriteMutex(), round), "ReadWriteMutex's write lock");
        }
    }

    /**
     * The race at its closest: the signal is aimed at the moment A wakes to cancel. This is the test
     * that catches, on the real class, a signal that decides the race by a check and a write (a window
     * of two instructions; see the class comment).
     */
    @Test
    void aSignalAimedAtAWakingInterruptedAwaitIsNeverLost() throws InterruptedException {
        for (int round = 0; round < AIMED_ROUNDS; round++) {
            ReentrantMutex lock = new ReentrantMutex();
            assertNull(race(lock, lock.newCondition(), round, Way.INTERRUPT_AS_A_WAKES));
        }
    }

    @Test
    void aSignalRacingATimedOutAwaitIsNeverLost() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            ReentrantMutex lock = new ReentrantMutex();
            assertNull(race(lock, lock.newCondition(), round, Way.TIMEOUT_AT_THE_SIGNAL));
        }
    }

    /** The order the race rarely gives: A's interrupt has already cancelled its wait, and the signal must skip it. */
    @Test
    void aSignalSkipsAWaiterThatHasAlreadyGivenUp() throws InterruptedException {
        for (boolean fair : new boolean[] {false, true}) {
            for (int round = 0; round < ROUNDS / 4; round++) {
                ReentrantMutex lock = new ReentrantMutex(fair);
                assertNull(race(lock, lock.newCondition(), round, Way.INTERRUPT_BEFORE_THE_SIGNAL), "fair = " + fair);
            }
        }
    }

    @Test
    void theControlLosesTheSignal() throws InterruptedException {
        String lost = null;
        for (int round = 0; round < ROUNDS && lost == null; round++) {
            ReentrantMutex lock = new ReentrantMutex();
            lost = race(lock, new BrokenSignalCondition(lock, BrokenSignalCondition.DELAY_SPINS), round, Way.INTERRUPT_AT_THE_SIGNAL);
        }
        System.out.println("[negative control] " + lost);
        assertTrue(lost != null, "the broken condition lost no signal in " + ROUNDS + " rounds: this test cannot see it");
    }

    private static String raceOnWriteLock(ReadWriteMutex lock, int round) throws InterruptedException {
        Condition condition = lock.writeLock().newCondition();
        return race(new WriteLockOf(lock), condition, round, Way.INTERRUPT_AT_THE_SIGNAL);
    }

    /** The lock side of the race, so that a mutex and a write lock run the same code. */
    interface Exclusive {
        void lock();

        void unlock();

        Object blocker();

        int queueLength();
    }

    private static final class WriteLockOf implements Exclusive {
        private final ReadWriteMutex lock;

        WriteLockOf(ReadWriteMutex lock) {
            this.lock = lock;
        }

        @Override
        public void lock() {
            lock.writeLock().lock();
        }

        @Override
        public void unlock() {
            lock.writeLock().unlock();
        }

        @Override
        public Object blocker() {
            return lock;
        }

        @Override
        public int queueLength() {
            return lock.getQueueLength();
        }
    }

    private static String race(ReentrantMutex lock, Condition condition, int round, Way way) throws InterruptedException {
        return race(new Exclusive() {
            @Override
            public void lock() {
                lock.lock();
            }

            @Override
            public void unlock() {
                lock.unlock();
            }

            @Override
            public Object blocker() {
                return lock;
            }

            @Override
            public int queueLength() {
                return lock.getQueueLength();
            }
        }, condition, round, way);
    }

    /** How A gives up, or does not, as the signal comes. */
    enum Way {
        /** The test interrupts A under the lock, then signals at once: the signal nearly always reads A's status first. */
        INTERRUPT_AT_THE_SIGNAL,
        /** The test interrupts A and waits until A has cancelled (it is queued for the lock), then signals: the signal must skip A. */
        INTERRUPT_BEFORE_THE_SIGNAL,
        /** A waits 2 ms; the signal is aimed across about 100 µs of A's own deadline. */
        TIMEOUT_AT_THE_SIGNAL,
        /**
         * The test interrupts A under the lock, spins until A is no longer parked (its cancelling CAS
         * comes next), then 0 to 1 µs more, swept round by round, and signals.
         */
        INTERRUPT_AS_A_WAKES
    }

    /**
     * One round: returns null if the signal reached exactly one waiter, or what went wrong. A awaits,
     * then B; the calling thread signals once, as {@code way} says.
     */
    private static String race(Exclusive lock, Condition condition, int round, Way way) throws InterruptedException {
        AtomicInteger first = new AtomicInteger();
        AtomicLong deadline = new AtomicLong();
        long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(2);
        Thread a = start("A", () -> {
            lock.lock();
            try {
                if (way == Way.TIMEOUT_AT_THE_SIGNAL) {
                    deadline.set(System.nanoTime() + timeoutNanos); // its own deadline, give or take the call
                    first.set(condition.awaitNanos(timeoutNanos) > 0 ? SIGNALLED : TIMED_OUT);
                } else {
                    condition.await();
                    first.set(SIGNALLED);
                }
            } catch (InterruptedException e) {
                first.set(INTERRUPTED);
            } finally {
                lock.unlock();
            }
        });
        if (way == Way.TIMEOUT_AT_THE_SIGNAL) {
            Parking.awaitTimedParkedOnOrEnded(a, lock.blocker()); // or already timed out
        } else {
            ReadWriteMutexScaleTest.awaitParked(a, lock.blocker());
        }
        CountDownLatch secondSignalled = new CountDownLatch(1);
        Thread b = start("B", () -> {
            lock.lock();
            try {
                condition.await();
                secondSignalled.countDown();
            } catch (InterruptedException cleanUp) {
                // the clean-up of a lost signal
            } finally {
                lock.unlock();
            }
        });
        awaitWaitingOnTheCondition(b, lock);
        if (way == Way.TIMEOUT_AT_THE_SIGNAL) {
            long aim = deadline.get() + (round % 20) * 5_000L - 50_000L;
            while (System.nanoTime() - aim < 0) {
                Thread.onSpinWait();
            }
        }
        lock.lock();
        try {
            if (way == Way.INTERRUPT_AT_THE_SIGNAL) {
                a.interrupt(); // under the lock, so that the signal reads A's status right after
            } else if (way == Way.INTERRUPT_AS_A_WAKES) {
                a.interrupt();
                long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1);
                while (a.getState() == Thread.State.WAITING && System.nanoTime() - giveUp < 0) {
                    Thread.onSpinWait(); // until A returns from park: its cancelling CAS is next
                }
                long aim = System.nanoTime() + 20L * (round % 50); // then 0 to 1 µs more
                while (System.nanoTime() - aim < 0) {
                    Thread.onSpinWait();
                }
            } else if (way == Way.INTERRUPT_BEFORE_THE_SIGNAL) {
                a.interrupt();
                long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (lock.queueLength() == 0) { // A cancelled its wait and now queues for the lock we hold
                    assertTrue(System.nanoTime() < waitUntil, "round " + round + ": A never left the condition");
                    Thread.yield();
                }
            }
            condition.signal();
        } finally {
            lock.unlock();
        }
        a.join();
        String verdict = null;
        if (first.get() == SIGNALLED) {
            if (secondSignalled.getCount() == 0) {
                verdict = "round " + round + ": one signal woke both waiters";
            }
            lock.lock(); // the signal went to A; B is still waiting, rightly: release it
            try {
                condition.signal();
            } finally {
                lock.unlock();
            }
            assertTrue(secondSignalled.await(BOUND_MILLIS, TimeUnit.MILLISECONDS), "round " + round + ": B missed a second signal");
        } else if (!secondSignalled.await(BOUND_MILLIS, TimeUnit.MILLISECONDS)) {
            verdict = "round " + round + ": A " + (first.get() == INTERRUPTED ? "was interrupted" : "timed out")
                    + " and B was still waiting " + BOUND_MILLIS + " ms after the signal: the signal was lost";
            b.interrupt();
        }
        b.join();
        return verdict;
    }

    /**
     * Waits until B waits on the condition: parked on the lock's object, and not in the lock's queue
     * (a thread queued for the lock parks on the same object).
     */
    private static void awaitWaitingOnTheCondition(Thread b, Exclusive lock) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (b.getState() != Thread.State.WAITING || LockSupport.getBlocker(b) != lock.blocker() || lock.queueLength() != 0) {
            assertTrue(System.nanoTime() < deadline, "B never waited on the condition");
            Thread.yield();
        }
    }

    /** Something a thread runs. */
    interface Body {
        void run();
    }

    private static Thread start(String name, Body body) {
        Thread thread = new Thread(body::run, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
