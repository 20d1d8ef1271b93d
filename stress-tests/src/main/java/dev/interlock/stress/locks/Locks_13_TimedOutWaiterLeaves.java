/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenTimeoutMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReentrantMutex;
import dev.interlock.stress.ParkedThreads;
import java.util.concurrent.TimeUnit;
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
    A waiter that times out must take its place in the queue with it. An owner O holds the lock; a
    quitter Q calls tryLock(1 ms), queues, and times out; then the actor queues in lock(). When O
    unlocks, the actor is the only thread that wants the lock, and it must get it. A lock whose timed
    acquisition returns without withdrawing from the queue leaves Q's place first in line: the
    release wakes Q, which has gone, and the actor sleeps on a free lock. Lincheck's model checker
    cannot see that (it lets a parked thread wake spuriously; see docs/verification.md). Locks_10 is
    the same promise for a waiter that gives up just as the release chose it; here the waiter has
    given up long before, so the test has no race of its own: every sample must see the queue as the
    timeout left it.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The state starts O and waits until it holds the lock, then runs Q to its end. The actor publishes
    itself and queues; the signal waits until it is parked (at most a second), then releases O. If
    the actor has not parked by then, it finds the lock free or is woken by the release; either way
    it must terminate.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - ReentrantMutex_NonFair, ReentrantMutex_Fair: ReentrantMutex.
      - ReadWriteMutex_Write: ReadWriteMutex(FAIR); O, Q and the actor all use the write lock.
      - BrokenTimeout:        the negative control, BrokenTimeoutMutex, generated from
                              ReentrantMutex with one bug: a timed tryLock that times out returns
                              without cancelling its queue node. STALE must be seen:
                              NegativeControlsIT asserts it, and TimeoutRefundNegativeControlTest is
                              its bounded test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_13_TimedOutWaiterLeaves -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor got the lock after the owner released it.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never woken, though the lock was free: the timed-out waiter's place was left in the queue.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw.")
public class Locks_13_TimedOutWaiterLeaves {

    /** How long the signal waits for the actor to park before it releases the owner anyway. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /** The owner, the quitter that timed out, and the actor's thread, around one lock. */
    static final class Race {
        private final Lock lock;
        private final Object blocker;
        private final LockHolder owner;
        private final ParkedThreads threads = new ParkedThreads();

        /** {@code blocker} is the object the lock's waiters park on. */
        Race(Lock lock, Object blocker) {
            this.lock = lock;
            this.blocker = blocker;
            owner = LockHolder.holding(lock);
            Thread quitter = new Thread(this::quit, "interlock-quitter");
            quitter.setDaemon(true);
            quitter.start();
            try {
                quitter.join(ParkedThreads.SETUP_NANOS / 1_000_000L);
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted while the quitter timed out", e);
            }
            if (quitter.isAlive()) {
                throw new IllegalStateException("the quitter's tryLock(1 ms) did not return in 10 s");
            }
        }

        private void quit() {
            try {
                if (lock.tryLock(1, TimeUnit.MILLISECONDS)) {
                    lock.unlock(); // cannot happen: the owner holds it until the signal
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody interrupts it
            }
        }

        /** The actor: queues where the quitter was. */
        void actor() {
            threads.publishActor();
            lock.lock();
            lock.unlock();
        }

        /** The signal: once the actor is parked, the owner unlocks. */
        void signal() {
            threads.awaitActorParked(blocker, ACTOR_PARK_WAIT_NANOS);
            owner.release(); // the actor is the only thread that wants the lock now
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_13_TimedOutWaiterLeaves.class)
    @State
    public static class ReentrantMutex_NonFair {
        private final ReentrantMutex mutex = new ReentrantMutex();
        private final Race race = new Race(mutex, mutex);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_13_TimedOutWaiterLeaves.class)
    @State
    public static class ReentrantMutex_Fair {
        private final ReentrantMutex mutex = new ReentrantMutex(true);
        private final Race race = new Race(mutex, mutex);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_13_TimedOutWaiterLeaves.class)
    @State
    public static class ReadWriteMutex_Write {
        private final ReadWriteMutex readWrite = new ReadWriteMutex(ReadWriteMutex.Policy.FAIR);
        private final Race race = new Race(readWrite.writeLock(), readWrite);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_13_TimedOutWaiterLeaves.class)
    @State
    public static class BrokenTimeout {
        private final BrokenTimeoutMutex mutex = new BrokenTimeoutMutex();
        private final Race race = new Race(mutex, mutex);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }
}
