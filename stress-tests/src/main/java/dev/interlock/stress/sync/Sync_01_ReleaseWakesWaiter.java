/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.stress.ParkedThreads;
import dev.interlock.sync.BrokenLostReleaseEvent;
import java.util.concurrent.TimeUnit;
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
    The blocking promise of a gate: the release wakes a thread that waits for it. Event's set()
    releases every thread waiting in await(), CountDownLatch's last countDown() every thread
    waiting in its await(), and Semaphore's release() the thread waiting in acquire(). A gate that loses the wake-up leaves the waiter parked forever though
    the gate is open. Lincheck's model checker cannot see that (it lets a parked thread wake up
    spuriously at any time; see docs/verification.md), so this is the test that catches it.

    Mode.Termination: jcstress starts the one actor, then calls the signal, then waits for the actor
    to return. TERMINATED if it returns in time, STALE if it does not; a STALE sample also ends the
    fork, since its thread cannot be reclaimed.

    The actor waits at a closed gate; the signal opens it. Nothing else opens it and nobody
    interrupts the actor, so the release is the only way out. The signal races with the actor: in
    most samples the actor is already parked when the release comes (jcstress's runner sleeps a
    millisecond before it calls the signal), and the release must wake it; in others the release
    comes before the actor arrives, or while it is on its way into the wait (between finding the
    flag clear and pushing its node, or between pushing it and parking), and the actor must then
    find the gate open, or its node released, or the unpark's permit waiting. Every interleaving
    must terminate.

    ERROR means the actor threw (the timed variants throw if their hour-long wait returns false); it
    is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - Event:                Event, await() and set().
      - Event_Timed:          the same with await(1 hour): the timed park.
      - Event_SetThenClear:   the signal waits until the actor is parked (at most a second) and then
                              calls set() and clear() at once: a thread waiting at the instant of a
                              set() is released by it even if a clear() follows (Event's javadoc). If
                              the actor has not parked in time, the signal only sets, since a
                              waiter that arrives after the clear rightly waits for the next set().
      - CountDownLatch:       a latch of 1, await() and countDown(), which sets the latch's
                              internal event.
      - CountDownLatch_Timed: the same with await(1 hour).
      - BrokenLostRelease:    the negative control, BrokenLostReleaseEvent, generated from Event with
                              one bug: set() marks each waiter released but never unparks it.
                              Whenever the actor parks before the set(), it sleeps on: STALE must be
                              observed. NegativeControlsIT asserts it, and
                              LostReleaseNegativeControlTest is its bounded test.
      - Semaphore:            a semaphore of 0 permits, acquire() and release(), which grants the
                              permit to the queued actor (or the actor takes it on arrival).
      - Semaphore_Timed:      the same with tryAcquire(1 hour), on a fair semaphore.
      - BrokenLostReleaseSemaphore: the negative control, BrokenLostReleaseSemaphore, generated from
                              Semaphore with one bug: release() adds the permit but never serves
                              the queue (here non-fair: it never wakes the head). Whenever the actor queues before the release(), it sleeps
                              on: STALE must be observed. NegativeControlsIT asserts it, and
                              LostReleaseNegativeControlTest is its bounded test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_01_ReleaseWakesWaiter -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter returned after the release.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never returned, though the gate was open: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: it was interrupted, or a timed wait reported a timeout.")
public class Sync_01_ReleaseWakesWaiter {

    /** How long a timed actor waits: far longer than any sample, so only the release ends it. */
    static final long HOUR_MINUTES = 60;

    /** How long Event_SetThenClear's signal waits for the actor to park. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /** What an actor does if interrupted: nobody interrupts it, so it is an error. */
    static IllegalStateException unexpected(InterruptedException e) {
        return new IllegalStateException("the actor was interrupted, and nobody interrupts it", e);
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        @Actor
        public void actor() {
            try {
                event.await();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            event.set();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class Event_Timed {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        @Actor
        public void actor() {
            try {
                if (!event.await(HOUR_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("await(1 hour) reported a timeout");
                }
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            event.set();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class Event_SetThenClear {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        /** The actor's thread, published by the actor, polled by the signal. */
        private volatile Thread actorThread;

        @Actor
        public void actor() {
            actorThread = Thread.currentThread();
            try {
                event.await();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            long start = System.nanoTime();
            Thread actor = actorThread;
            while (actor == null && System.nanoTime() - start < ACTOR_PARK_WAIT_NANOS) {
                Thread.onSpinWait();
                actor = actorThread;
            }
            // Parked on the event means it pushed its node before: the set() below must release it.
            boolean parked = actor != null
                    && ParkedThreads.awaitParked(actor, event, ACTOR_PARK_WAIT_NANOS - (System.nanoTime() - start));
            event.set();
            if (parked) {
                event.clear();
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);

        @Actor
        public void actor() {
            try {
                latch.await();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            latch.countDown();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class CountDownLatch_Timed {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);

        @Actor
        public void actor() {
            try {
                if (!latch.await(HOUR_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("await(1 hour) reported a timeout");
                }
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            latch.countDown();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class BrokenLostRelease {
        private final BrokenLostReleaseEvent event = new BrokenLostReleaseEvent();

        @Actor
        public void actor() {
            try {
                event.await();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            event.set();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(0);

        @Actor
        public void actor() {
            try {
                semaphore.acquire();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            semaphore.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class Semaphore_Timed {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(0, true);

        @Actor
        public void actor() {
            try {
                if (!semaphore.tryAcquire(HOUR_MINUTES, TimeUnit.MINUTES)) {
                    throw new IllegalStateException("tryAcquire(1 hour) reported a timeout");
                }
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            semaphore.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_01_ReleaseWakesWaiter.class)
    @State
    public static class BrokenLostReleaseSemaphore {
        private final dev.interlock.sync.BrokenLostReleaseSemaphore semaphore =
                new dev.interlock.sync.BrokenLostReleaseSemaphore(0);

        @Actor
        public void actor() {
            try {
                semaphore.acquire();
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            semaphore.release();
        }
    }
}
