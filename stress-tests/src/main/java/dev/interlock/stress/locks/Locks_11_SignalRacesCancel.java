/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenSignalCondition;
import dev.interlock.locks.BrokenTransferMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReentrantMutex;
import dev.interlock.stress.ParkedThreads;
import java.util.concurrent.locks.Condition;
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
    A signal is never lost to a waiter that gives up. Two threads await one condition: a helper A
    first, then the actor. The signal takes the lock, interrupts A and, at once, signals once. The
    condition must decide the race between the signal and A's interrupt exactly once: either the
    signal wins, A returns from await normally (keeping its interrupt as its status) and, as this
    test's protocol, passes a signal on to the actor; or the interrupt wins, A throws, and the
    signal goes to the next waiter, the actor. Either way the actor returns. ConditionQueue decides
    the race by a CAS on the waiter's status; a condition that decided it by a check and a write
    could let both win, and the actor would wait for ever. Lincheck's model checker cannot see that
    (it lets a parked thread wake spuriously; see docs/verification.md), so this is the test that
    does, with SignalCancelNegativeControlTest.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The state starts A and waits until it is parked in await. The actor publishes itself and
    awaits; the signal waits until the actor is parked too before it runs the race. That wait is
    bounded (ten seconds) so that the harness never hangs; an actor that took longer to park would
    find the signal spent and show STALE without a bug, but it parks within microseconds.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - InterruptedFirstWaiter, InterruptedFirstWaiterFair: a condition of ReentrantMutex, non-fair
                      and fair.
      - WriteLockCondition: a condition of ReadWriteMutex's write lock (the same ConditionQueue).
      - BrokenSignal: the negative control, BrokenSignalCondition, whose signal checks the waiter's
                      status and then writes it, with BrokenSignalCondition.DELAY_SPINS spins in
                      between. STALE must be seen: NegativeControlsIT asserts it.
      - BrokenTransfer: the negative control of the hand-off, a fair BrokenTransferMutex, whose
                      signal queues the waiter for the lock without marking it as parked. Whichever
                      side wins the race, the actor's signal then goes that way and no release
                      unparks it: STALE must be seen.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_11_SignalRacesCancel -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor was signalled, by the signal or by the waiter that won it.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never signalled: the signal was lost to a waiter that gave up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw.")
public class Locks_11_SignalRacesCancel {

    /** How long the signal waits for the actor to park before it runs the race anyway. */
    static final long ACTOR_PARK_WAIT_NANOS = 10_000_000_000L;

    /** A helper waiter, the actor's thread, and the race, around one lock and one condition. */
    static final class Race {
        private final Lock lock;
        private final Condition condition;
        private final Object blocker;
        private final Thread first;
        private final ParkedThreads threads = new ParkedThreads();

        Race(Lock lock, Condition condition, Object blocker) {
            this.lock = lock;
            this.condition = condition;
            this.blocker = blocker;
            first = new Thread(this::awaitFirst, "interlock-first-waiter");
            first.setDaemon(true);
            first.start();
            ParkedThreads.requireParked(first, blocker, "the first waiter, in await,");
        }

        private void awaitFirst() {
            lock.lock();
            try {
                condition.await();
                condition.signal(); // won the signal: pass one on, so that the actor is not left waiting
            } catch (InterruptedException expected) {
                // the interrupt won: the signal must have gone to the actor
            } finally {
                lock.unlock();
            }
        }

        /** The actor: awaits behind the first waiter. */
        void actor() {
            threads.publishActor();
            lock.lock();
            try {
                condition.awaitUninterruptibly();
            } finally {
                lock.unlock();
            }
        }

        /** The signal: once the actor is waiting, interrupt the first waiter and signal once. */
        void signal() {
            threads.awaitActorParked(blocker, ACTOR_PARK_WAIT_NANOS);
            lock.lock();
            try {
                first.interrupt(); // under the lock, so the signal reads A's status right after
                condition.signal();
            } finally {
                lock.unlock();
            }
        }
    }

    static Race onMutex(ReentrantMutex lock) {
        return new Race(lock, lock.newCondition(), lock);
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_11_SignalRacesCancel.class)
    @State
    public static class InterruptedFirstWaiter {
        private final Race race = onMutex(new ReentrantMutex());

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
    @JCStressMeta(Locks_11_SignalRacesCancel.class)
    @State
    public static class InterruptedFirstWaiterFair {
        private final Race race = onMutex(new ReentrantMutex(true));

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
    @JCStressMeta(Locks_11_SignalRacesCancel.class)
    @State
    public static class WriteLockCondition {
        private final ReadWriteMutex lock = new ReadWriteMutex();
        private final Race race = new Race(lock.writeLock(), lock.writeLock().newCondition(), lock);

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
    @JCStressMeta(Locks_11_SignalRacesCancel.class)
    @State
    public static class BrokenSignal {
        private final ReentrantMutex lock = new ReentrantMutex();
        private final Race race = new Race(lock, new BrokenSignalCondition(lock, BrokenSignalCondition.DELAY_SPINS), lock);

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
    @JCStressMeta(Locks_11_SignalRacesCancel.class)
    @State
    public static class BrokenTransfer {
        private final BrokenTransferMutex lock = new BrokenTransferMutex(true);
        private final Race race = new Race(lock, lock.newCondition(), lock);

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
