/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.spin.BackoffLock;
import dev.interlock.locks.spin.ClhLock;
import dev.interlock.locks.spin.McsLock;
import dev.interlock.locks.spin.TasLock;
import dev.interlock.locks.spin.TicketLock;
import dev.interlock.locks.spin.TtasLock;
import java.util.concurrent.locks.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A blocking promise: unlock() wakes a thread that waits in lock(). A lock that loses this
    wake-up leaves the waiter blocked forever, though the lock is free. Lincheck's model checker
    cannot see such a bug in our own park/unpark loops (it lets a parked thread wake up spuriously
    at any time; see docs/verification.md), so this is the test that catches it.

    Mode.Termination: jcstress starts the one actor, then calls the signal, then waits for the actor
    to return. TERMINATED if it returns in time, STALE if it does not; a STALE sample also ends the
    fork, since its thread cannot be reclaimed.

    The design. The lock must be held when the actor calls lock(), and released by the signal. But
    our locks are owned by the thread that locked them: only that thread may unlock. jcstress 0.16
    happens to build the state and call the signal on the same thread, so "lock in the constructor,
    unlock in the signal" would work, but that is the harness's implementation detail, not its
    promise. So the state starts a thread of its own, a LockHolder: it locks, the state's
    constructor waits until it holds the lock, and it unlocks when the signal tells it to (a
    volatile flag and an unpark). The actor, started after the state is built, always finds the
    lock held, and its lock() can return only after the holder's unlock.

    The signal races with the actor. In some samples the actor is already waiting when the holder
    unlocks: unlock() must hand over, or wake it. In others the unlock comes first, before the actor
    even arrives, or while it is on its way into the wait (between deciding to wait and waiting):
    the actor must then find the lock free. The last window is where a lost wake-up usually hides.
    Every interleaving must terminate.

    What "waking" means differs. For ReentrantMutex it is the unpark of a waiter that has queued
    and parked (after a short spin); the "No lost wake-up" paragraph of its javadoc is the argument
    that this test checks. For the spin locks it is the waiter's spin loop seeing the release: the
    read in that loop must be at least opaque, or the JIT may hoist it out of the loop and spin
    forever on the value it read first (docs/memory-ordering.md). For Mcs, it is also the holder
    finding its successor, which may have swapped itself into the tail but not yet linked itself
    to the holder's node.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    One variant per lock:
      - Tas:                TasLock, test-and-set: every waiter spins on an atomic exchange of one
                            flag.
      - Ttas:               TtasLock, test-and-test-and-set: waiters spin on a read of the flag and
                            try the exchange only when they see it free.
      - Backoff:            BackoffLock, TTAS that backs off for a growing, random time after a
                            lost race.
      - Ticket:             TicketLock: take a number, wait until it is served; FIFO.
      - Clh:                ClhLock, the CLH queue lock: each waiter spins on its predecessor's
                            node, and a waiter that gives up leaves its node behind for its
                            successor to skip.
      - Mcs:                McsLock, the MCS queue lock: each waiter spins on its own node, and the
                            holder hands the lock to its successor.
      - ReentrantMutex:     the parking, reentrant mutex, non-fair (a thread may barge in).
      - ReentrantMutexFair: the same, fair: the lock goes to the longest waiter.
      - BrokenLostWakeup:   the negative control, BrokenLostWakeupMutex: a waiter parks until it is
                            unparked, and unlock() never unparks. Whenever the actor parks before
                            the holder's unlock, it sleeps on: STALE must be observed. It proves
                            that this test, and the Termination tests like it, can fail. (Until it
                            existed, a jcstress quirk let these tests pass without taking a single
                            sample in sanity mode; see docs/verification.md.)

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_05_UnlockWakesWaiter
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter got the lock after the holder's unlock.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never got the lock, though the holder had released it: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw an exception.")
public class Locks_05_UnlockWakesWaiter {

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Tas {
        private final TasLock lock = new TasLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Ttas {
        private final TtasLock lock = new TtasLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Backoff {
        private final BackoffLock lock = new BackoffLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Ticket {
        private final TicketLock lock = new TicketLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Clh {
        private final ClhLock lock = new ClhLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class Mcs {
        private final McsLock lock = new McsLock();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_05_UnlockWakesWaiter.class)
    @State
    public static class BrokenLostWakeup {
        private final BrokenLostWakeupMutex lock = new BrokenLostWakeupMutex();

        /** Holds the lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock);

        @Actor
        public void actor() {
            lock.lock();
            lock.unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }
}
