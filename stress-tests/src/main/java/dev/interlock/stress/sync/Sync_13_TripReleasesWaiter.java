/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenTripBarrier;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    The blocking promise of a barrier: the last party to arrive releases the ones that wait. A barrier
    that loses that wake-up leaves a party parked forever though its generation has tripped. Lincheck
    cannot see that (its scenarios never wait: see BarrierOperations), so this is the test that
    catches it.

    Mode.Termination: jcstress starts the one actor, then calls the signal, then waits for the actor
    to return. TERMINATED if it returns in time, STALE if it does not.

    A barrier of 2 parties. The actor arrives first and waits. The signal spins until the barrier
    counts the actor (it counts itself under the barrier's lock, before it parks), then arrives as the
    last party, which never waits: it trips the barrier and must release the actor. The trip races
    with the actor: in most samples the actor is already parked (jcstress's runner sleeps a
    millisecond before it calls the signal); in others it is on its way into the wait, between being
    counted and parking, and must then find its generation ended, or the unpark's permit waiting.
    Every interleaving must terminate.

    ERROR means the actor threw: it was interrupted, the barrier broke, or the timed variant's
    hour-long wait ran out. Forbidden, and listed so that the list is exhaustive.

    Variants:
      - Barrier:       await() and the last party's await().
      - Barrier_Timed: the same with await(1 hour): the timed park.
      - BrokenTrip:    the negative control, BrokenTripBarrier, generated from Barrier with one bug: the
                       last arrival starts the next generation but never sets the ended one's event.
                       The actor, counted before the trip, sleeps on: STALE must be observed.
                       NegativeControlsIT asserts it, and LostReleaseNegativeControlTest is its bounded
                       test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_13_TripReleasesWaiter -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiting party returned after the trip.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiting party never returned, though its generation tripped: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: interrupted, broken, or a timed wait ran out.")
public class Sync_13_TripReleasesWaiter {

    /** How long the timed actor waits: far longer than any sample, so only the trip ends it. */
    static final long HOUR_MINUTES = 60;

    /** What an actor does on an exception nobody causes. */
    static IllegalStateException unexpected(Exception e) {
        return new IllegalStateException("nobody interrupts the actor or breaks the barrier", e);
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_13_TripReleasesWaiter.class)
    @State
    public static class Barrier {
        private final dev.interlock.sync.Barrier barrier = new dev.interlock.sync.Barrier(2);

        @Actor
        public void actor() {
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            while (barrier.getNumberWaiting() == 0 && !barrier.isBroken()) { // broken: the actor threw
                Thread.onSpinWait();
            }
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw unexpected(e);
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_13_TripReleasesWaiter.class)
    @State
    public static class Barrier_Timed {
        private final dev.interlock.sync.Barrier barrier = new dev.interlock.sync.Barrier(2);

        @Actor
        public void actor() {
            try {
                barrier.await(HOUR_MINUTES, TimeUnit.MINUTES);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            while (barrier.getNumberWaiting() == 0 && !barrier.isBroken()) { // broken: the actor threw
                Thread.onSpinWait();
            }
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw unexpected(e);
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Sync_13_TripReleasesWaiter.class)
    @State
    public static class BrokenTrip {
        private final BrokenTripBarrier barrier = new BrokenTripBarrier(2);

        @Actor
        public void actor() {
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw unexpected(e);
            }
        }

        @Signal
        public void signal() {
            while (barrier.getNumberWaiting() == 0 && !barrier.isBroken()) { // broken: the actor threw
                Thread.onSpinWait();
            }
            try {
                barrier.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                throw unexpected(e);
            }
        }
    }
}
