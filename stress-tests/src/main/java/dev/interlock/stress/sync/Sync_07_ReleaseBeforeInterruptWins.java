/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenInterruptEvent;
import java.util.concurrent.TimeUnit;
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
    A release that comes before an interrupt wins: a thread waiting at a gate when the release comes
    is released by it, and if an interrupt follows, the await returns normally, with the thread's
    interrupt status set (Event's javadoc). The release's CAS makes the waiter's node released; the
    waiter, woken and finding itself interrupted, tries to cancel its node by a CAS of its own, and
    that CAS failing is how it learns that the release came first. A waiter that ignored it and
    threw InterruptedException anyway would report that the release never reached it. Lincheck
    cannot see that: it never interrupts its threads.

    Mode.Termination: jcstress starts the actor, then calls the signal, then waits for the actor to
    return. TERMINATED if it returns normally, ERROR if it throws, STALE if it does not return.

    The actor publishes its thread and waits at a closed gate. The signal waits until the actor is
    parked at the gate (at most a second), then releases the gate and interrupts the actor at once,
    in that order. The wait for the park matters: an await that has not pushed its node yet is not
    waiting, the release does not reach it, and if the interrupt lands before its entry check of the
    interrupt status, it rightly throws though the release came first in real time. Parked at the
    gate, the actor has pushed its node (it pushes, then parks), so the release reaches it, whether
    it then wakes before the interrupt lands (it finds its node released and returns, the interrupt
    status set afterwards) or after (its cancel fails and it returns, the status kept). If the actor
    has not parked in time, the signal only releases the gate, and the actor must return too. So a
    correct gate never throws here: ERROR is forbidden. So is STALE: nothing else could wake the
    actor, and the release must.

    Variants:
      - Event:                Event, await(); the signal calls set(), then interrupt().
      - Event_Timed:          the same with await(1 hour): the timed park, which must return true.
      - CountDownLatch:       a latch of 1, await(); the signal calls countDown(), which sets the
                              latch's internal event, then interrupt().
      - CountDownLatch_Timed: the same with await(1 hour).
      - BrokenInterrupt:      the negative control, BrokenInterruptEvent, generated from Event with
                              one bug: an interrupted waiter ignores the result of its cancelling
                              CAS and throws. Whenever the interrupt lands before the released
                              actor wakes (usually: the interrupt follows the release at once), the
                              actor throws, and ERROR must be observed; the samples in which the
                              actor wakes first end TERMINATED. NegativeControlsIT asserts it, and
                              InterruptNegativeControlTest is its bounded test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_07_ReleaseBeforeInterruptWins -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor returned normally: the release came first, and the interrupt did not undo it.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor never returned, though the gate was open.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: a released waiter reported an interrupt, or a timed wait a timeout.")
public class Sync_07_ReleaseBeforeInterruptWins {

    /** How long a timed actor waits: far longer than any sample, so only the release ends it. */
    static final long HOUR_MINUTES = 60;

    /** How long the signal waits for the actor to park before it releases the gate without interrupting. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /** A gate's wait, untimed or timed; returns whether the gate let the thread through. */
    interface Wait {
        boolean await() throws InterruptedException;
    }

    /** The actor and the signal around one gate. */
    static final class Race {
        private final Wait wait;
        private final Runnable release;
        private final Object blocker;

        /** The actor's thread, published by the actor, polled by the signal. */
        private volatile Thread actorThread;

        /** {@code blocker} is the object the gate's waiters park on. */
        Race(Wait wait, Runnable release, Object blocker) {
            this.wait = wait;
            this.release = release;
            this.blocker = blocker;
        }

        /** The actor: waits at the gate, and throws if the wait does not return true. */
        void actor() {
            actorThread = Thread.currentThread();
            boolean through;
            try {
                through = wait.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("the actor was released, then interrupted, and it threw", e);
            }
            if (!through) {
                throw new IllegalStateException("await(1 hour) reported a timeout");
            }
        }

        /** The signal: once the actor is parked at the gate, the release, then the interrupt. */
        void signal() {
            long start = System.nanoTime();
            Thread actor = actorThread;
            while (actor == null && System.nanoTime() - start < ACTOR_PARK_WAIT_NANOS) {
                Thread.onSpinWait();
                actor = actorThread;
            }
            boolean parked = actor != null && awaitParked(actor, ACTOR_PARK_WAIT_NANOS - (System.nanoTime() - start));
            release.run();
            if (parked) {
                actor.interrupt(); // after the release: the release reached the parked actor first
            }
        }

        /**
         * Waits, yielding, until {@code thread} is parked on the gate, timed or not, has ended, or the time
         * is up; returns whether it parked. Parked on the gate means its node is pushed: it pushes, then parks.
         */
        private boolean awaitParked(Thread thread, long nanos) {
            long start = System.nanoTime();
            while (true) {
                Thread.State state = thread.getState();
                if ((state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING)
                        && LockSupport.getBlocker(thread) == blocker) {
                    return true;
                }
                if (state == Thread.State.TERMINATED || System.nanoTime() - start >= nanos) {
                    return false;
                }
                Thread.yield();
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_07_ReleaseBeforeInterruptWins.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();
        private final Race race = new Race(() -> {
            event.await();
            return true;
        }, event::set, event);

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
    @JCStressMeta(Sync_07_ReleaseBeforeInterruptWins.class)
    @State
    public static class Event_Timed {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();
        private final Race race = new Race(() -> event.await(HOUR_MINUTES, TimeUnit.MINUTES), event::set, event);

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
    @JCStressMeta(Sync_07_ReleaseBeforeInterruptWins.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);
        private final Race race = new Race(() -> {
            latch.await();
            return true;
        }, latch::countDown, latch);

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
    @JCStressMeta(Sync_07_ReleaseBeforeInterruptWins.class)
    @State
    public static class CountDownLatch_Timed {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);
        private final Race race = new Race(() -> latch.await(HOUR_MINUTES, TimeUnit.MINUTES), latch::countDown,
                latch);

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
    @JCStressMeta(Sync_07_ReleaseBeforeInterruptWins.class)
    @State
    public static class BrokenInterrupt {
        private final BrokenInterruptEvent event = new BrokenInterruptEvent();
        private final Race race = new Race(() -> {
            event.await();
            return true;
        }, event::set, event);

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
