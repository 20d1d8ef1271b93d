/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenCancelMutex;
import dev.interlock.locks.BrokenWokenReaderReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
import dev.interlock.locks.ReentrantMutex;
import dev.interlock.stress.ParkedThreads;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
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
    A wake-up must not die with a waiter that gives up. Three threads besides the harness: an owner
    O that holds the lock, a first waiter W1 in lockInterruptibly(), and the actor, queued behind W1
    in lock(). The signal tells O to interrupt W1 and then, at once, to unlock. The unlock finds W1
    still first in line (it has not run since its interrupt) and wakes it; W1 wakes, sees its
    interrupt, cancels and throws. The lock is now free, and the only thread that can take it is the
    actor, which is parked: W1's cancellation must pass the wake-up on. ReentrantMutex does (its
    cancel reads owner after marking the node, and wakes the first live waiter if the lock is free).
    Lincheck's model checker cannot see a lost wake-up (it lets a parked thread wake spuriously; see
    docs/verification.md), so this is the test that does, with CancelWakeUpNegativeControlTest.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The state starts O and W1 and waits until W1 is parked on the lock, so W1 is always first. The
    actor publishes itself and queues; the signal waits until it is parked too (at most a second),
    then releases O. If the actor has not parked by then, the race is run with W1 alone in the queue,
    which must terminate as well.

    ReadWriteMutex runs the same race with the modes split: O holds the write lock, W1 waits in
    readLock().lockInterruptibly(), and the actor in writeLock().lock(). Under READER_PREFERRING the
    unlock wakes W1 to compete rather than granting it a hold, and the actor, a queued writer, waits
    for the readers so woken. W1 then finds its interrupt, holds nothing and throws: its leaving must
    serve the queue, or the actor sleeps on a free lock. Under WRITER_PREFERRING the unlock grants
    the actor first; under FAIR it grants W1 a hold, which W1 keeps (with its interrupt status) and
    releases. Those two never wake a reader to compete: they check that the same race ends in the
    other policies' paths (a withdrawal, or a grant to an interrupted waiter), and must terminate
    too.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - InterruptedFirstWaiter, InterruptedFirstWaiterFair: ReentrantMutex, non-fair and fair.
      - InterruptedWokenReader_ReaderPreferring, _WriterPreferring, _Fair: ReadWriteMutex.
      - BrokenCancel: the negative control, BrokenCancelMutex, a copy of ReentrantMutex whose
                      cancellation does not pass the wake-up on. STALE must be seen:
                      NegativeControlsIT asserts it.
      - BrokenWokenReader: the negative control of the reader wake-up,
                      BrokenWokenReaderReadWriteMutex (READER_PREFERRING), generated from
                      ReadWriteMutex with one bug: a woken reader that gives up does not serve the
                      queue. STALE must be seen.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_10_CancelPassesWakeUp -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor got the lock after the first waiter gave up.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never woken, though the lock was free: the wake-up died with the waiter that gave up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw.")
public class Locks_10_CancelPassesWakeUp {

    /** How long the signal waits for the actor to park before it runs the race anyway. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /** The owner, the first waiter and the actor's thread, around one lock (or three views of one). */
    static final class Race {
        private final Lock ownerLock;
        private final Lock waiterLock;
        private final Lock actorLock;
        private final Object blocker;
        private final Thread firstWaiter;
        private final Thread owner;
        private volatile boolean holding;
        private volatile boolean released;
        private final ParkedThreads threads = new ParkedThreads();

        Race(Lock lock) {
            this(lock, lock, lock, lock);
        }

        /** O takes the write lock, W1 waits for the read lock, the actor for the write lock. */
        Race(ReadWriteMutex lock) {
            this(lock.writeLock(), lock.readLock(), lock.writeLock(), lock);
        }

        /** As {@link #Race(ReadWriteMutex)}, for the control. */
        Race(BrokenWokenReaderReadWriteMutex lock) {
            this(lock.writeLock(), lock.readLock(), lock.writeLock(), lock);
        }

        /** {@code blocker} is the object the waiters park on. */
        private Race(Lock ownerLock, Lock waiterLock, Lock actorLock, Object blocker) {
            this.ownerLock = ownerLock;
            this.waiterLock = waiterLock;
            this.actorLock = actorLock;
            this.blocker = blocker;
            owner = new Thread(this::own, "interlock-owner");
            owner.setDaemon(true);
            owner.start();
            long start = System.nanoTime();
            while (!holding) {
                if (System.nanoTime() - start > ParkedThreads.SETUP_NANOS) {
                    throw new IllegalStateException("the owner did not get the free lock in 10 s");
                }
                Thread.yield();
            }
            firstWaiter = new Thread(this::waitFirst, "interlock-first-waiter");
            firstWaiter.setDaemon(true);
            firstWaiter.start();
            ParkedThreads.requireParked(firstWaiter, blocker, "the first waiter");
        }

        private void own() {
            ownerLock.lock();
            holding = true;
            while (!released) {
                LockSupport.park(this);
            }
            firstWaiter.interrupt();
            ownerLock.unlock(); // finds the first waiter not yet cancelled, and wakes it
        }

        private void waitFirst() {
            try {
                waiterLock.lockInterruptibly();
                waiterLock.unlock(); // it got the lock before it saw the interrupt: no race this time
            } catch (InterruptedException expected) {
                // gave up as the unlock chose it: the race
            }
        }

        /** The actor: queues behind the first waiter. */
        void actor() {
            threads.publishActor();
            actorLock.lock();
            actorLock.unlock();
        }

        /** The signal: once the actor is parked, the owner interrupts the first waiter and unlocks. */
        void signal() {
            threads.awaitActorParked(blocker, ACTOR_PARK_WAIT_NANOS);
            released = true;
            LockSupport.unpark(owner);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class InterruptedFirstWaiter {
        private final Race race = new Race(new ReentrantMutex());

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class InterruptedFirstWaiterFair {
        private final Race race = new Race(new ReentrantMutex(true));

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class InterruptedWokenReader_ReaderPreferring {
        private final Race race = new Race(new ReadWriteMutex(Policy.READER_PREFERRING));

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class InterruptedWokenReader_WriterPreferring {
        private final Race race = new Race(new ReadWriteMutex(Policy.WRITER_PREFERRING));

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class InterruptedWokenReader_Fair {
        private final Race race = new Race(new ReadWriteMutex(Policy.FAIR));

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class BrokenCancel {
        private final Race race = new Race(new BrokenCancelMutex());

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
    @JCStressMeta(Locks_10_CancelPassesWakeUp.class)
    @State
    public static class BrokenWokenReader {
        private final Race race = new Race(new BrokenWokenReaderReadWriteMutex(BrokenWokenReaderReadWriteMutex.Policy.READER_PREFERRING));

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
