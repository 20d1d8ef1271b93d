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
import dev.interlock.locks.spin.TasLock;
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
    A blocking promise: an interrupt wakes a thread that waits in lockInterruptibly(), which then
    throws InterruptedException without acquiring the lock. And the abandoned wait must leave the
    lock usable: the next unlock passes the lock on as if the interrupted thread had never waited.

    Mode.Termination, as in Locks_05_UnlockWakesWaiter: jcstress starts the one actor, calls the
    signal, and waits for the actor to return: TERMINATED, or STALE if it does not.

    The design. A LockHolder (see Locks_05) holds the lock on a thread of its own, and this time it
    does not let go until the actor tells it to. The actor publishes its Thread (ThreadToInterrupt)
    and calls lockInterruptibly(). The signal waits until the actor's Thread is published (jcstress
    may call the signal before the actor's first line), and interrupts it. So the interrupt is the
    only way out of lockInterruptibly(): nothing else ever releases the lock meanwhile. Once out,
    the actor releases the holder and calls lock() itself: that lock() returns only if the holder's
    unlock passed the lock on properly past the interrupted waiter. For a queue lock that is the
    hard part: the interrupted waiter has left a node in the queue, and unlock() must skip it or
    hand the lock through it, never to a thread that has stopped waiting.

    The interrupt lands at any point: before lockInterruptibly() (it must then throw at once: the
    interrupt status is checked on entry), while the actor waits (spinning or parked), or as it is
    about to wait. All must terminate.

    If lockInterruptibly() returned normally, the actor would have acquired a lock that another
    thread held: the actor then throws IllegalStateException, which jcstress reports as ERROR, a
    FORBIDDEN outcome. ERROR also covers any other exception from the actor.

    Only the locks that support lockInterruptibly():
      - Tas:                TasLock, test-and-set: every waiter spins on an atomic exchange of one
                            flag.
      - Ttas:               TtasLock, test-and-test-and-set: waiters spin on a read of the flag and
                            try the exchange only when they see it free.
      - Backoff:            BackoffLock, TTAS that backs off for a growing, random time after a
                            lost race.
      - Clh:                ClhLock, the CLH queue lock: each waiter spins on its predecessor's
                            node, and a waiter that gives up leaves its node behind for its
                            successor to skip.
      - ReentrantMutex:     the parking, reentrant mutex, non-fair (a thread may barge in).
      - ReentrantMutexFair: the same, fair: the lock goes to the longest waiter.

    Left out: Ticket and Mcs. Their lockInterruptibly() throws UnsupportedOperationException, as
    their javadoc says: a ticket lock's waiter cannot give its ticket back, and an MCS waiter cannot
    unlink its node from the queue, without turning them into different algorithms.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_06_InterruptWakesLockInterruptibly
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The interrupt ended the wait, and the lock was usable afterwards.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor never returned: the interrupt did not end lockInterruptibly(), or the abandoned wait broke the lock.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: lockInterruptibly() acquired a lock another thread held, or another exception.")
public class Locks_06_InterruptWakesLockInterruptibly {

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class Tas {
        private final TasLock lock = new TasLock();

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class Ttas {
        private final TtasLock lock = new TtasLock();

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class Backoff {
        private final BackoffLock lock = new BackoffLock();

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class Clh {
        private final ClhLock lock = new ClhLock();

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_06_InterruptWakesLockInterruptibly.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** Holds the lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock);

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.unlock();
                throw new IllegalStateException(
                        "lockInterruptibly() acquired a lock held by another thread");
            }
            lock.lock(); // the abandoned wait must have left the lock usable
            lock.unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }
}
