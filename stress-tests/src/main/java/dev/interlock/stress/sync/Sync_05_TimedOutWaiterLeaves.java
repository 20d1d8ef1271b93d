/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    A waiter that times out as the release comes must leave without harm to the waiters behind it:
    it ends either way (released, if the release's CAS on its node came first, or timed out, if its
    own cancelling CAS did), and the thread that waits after it must still be woken. The timeout's
    path is the one that edits the stack of waiters while the release walks it: a waiter that gives up
    sweeps cancelled nodes out, by a write of a neighbour's link or a CAS on the top, and a sweep that
    dropped a live node, or a release that skipped one, would leave a thread asleep at an open gate.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The state starts a quitter Q, which calls the timed await on the closed gate, and waits until Q is
    parked (or has already timed out). Then the actor calls the untimed await and parks: its node is
    pushed above Q's. The signal opens the gate, then waits (at most 10 s) for Q to return. jcstress's
    runner calls the signal about a millisecond after the actor starts, so the release lands near Q's
    deadline; Q's timeout is varied from sample to sample, from 0.5 ms to 2 ms in steps of 0.1 ms, so
    that its timeout and its cancelling sweep come before, during and after the release. Whichever
    wins, the actor must be woken.

    ERROR means the actor threw, or Q never returned (the signal throws then); both are forbidden,
    and listed so that the list is exhaustive.

    Variants:
      - Event:          Event; Q calls await(timeout), the actor await(), the signal set().
      - CountDownLatch: a latch of 1; Q calls await(timeout), the actor await(), the signal
                        countDown().

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_05_TimedOutWaiterLeaves -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor was woken by the release, whether the quitter beside it timed out or was released.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never woken, though the gate was open: the quitter's timeout lost it.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw, or the quitter never returned.")
public class Sync_05_TimedOutWaiterLeaves {

    /** How long the state waits for the quitter to park, and the signal for it to return. */
    static final long SETUP_NANOS = 10_000_000_000L;

    /** The shortest timeout of the quitter, and the step by which the samples vary it. */
    static final long QUITTER_TIMEOUT_NANOS = 500_000L;
    static final long QUITTER_STEP_NANOS = 100_000L;
    static final int QUITTER_STEPS = 16;

    /** Counts the samples, to vary the quitter's timeout. */
    static final AtomicInteger SAMPLES = new AtomicInteger();

    /** A gate's timed wait: the two gates share no type. */
    interface TimedWait {
        boolean await(long nanos) throws InterruptedException;
    }

    /** A gate's untimed wait. */
    interface Wait {
        void await() throws InterruptedException;
    }

    /** The quitter and the actor around one gate. */
    static final class Race {
        private final Wait untimed;
        private final Runnable release;
        private final Thread quitter;

        /** {@code blocker} is the object the gate's waiters park on. */
        Race(TimedWait timed, Wait untimed, Runnable release, Object blocker) {
            this.untimed = untimed;
            this.release = release;
            long timeout = QUITTER_TIMEOUT_NANOS
                    + Math.floorMod(SAMPLES.getAndIncrement(), QUITTER_STEPS) * QUITTER_STEP_NANOS;
            quitter = new Thread(() -> {
                try {
                    timed.await(timeout); // true or false: either is right, racing the release
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt(); // nobody interrupts it
                }
            }, "interlock-quitter");
            quitter.setDaemon(true);
            quitter.start();
            long start = System.nanoTime();
            while (quitter.isAlive() && (quitter.getState() != Thread.State.TIMED_WAITING
                    || LockSupport.getBlocker(quitter) != blocker)) {
                if (System.nanoTime() - start >= SETUP_NANOS) {
                    throw new IllegalStateException("the quitter did not park in 10 s");
                }
                Thread.yield();
            }
        }

        /** The actor: waits above the quitter. */
        void actor() {
            try {
                untimed.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("the actor was interrupted, and nobody interrupts it", e);
            }
        }

        /** The signal: opens the gate, then waits for the quitter to return. */
        void signal() {
            release.run();
            try {
                quitter.join(TimeUnit.NANOSECONDS.toMillis(SETUP_NANOS));
            } catch (InterruptedException e) {
                throw new IllegalStateException("interrupted while the quitter returned", e);
            }
            if (quitter.isAlive()) {
                throw new IllegalStateException("the quitter's timed await did not return in 10 s");
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_05_TimedOutWaiterLeaves.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();
        private final Race race = new Race(nanos -> event.await(nanos, TimeUnit.NANOSECONDS), event::await,
                event::set, event);

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
    @JCStressMeta(Sync_05_TimedOutWaiterLeaves.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);
        private final Race race = new Race(nanos -> latch.await(nanos, TimeUnit.NANOSECONDS), latch::await,
                latch::countDown, latch);

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
