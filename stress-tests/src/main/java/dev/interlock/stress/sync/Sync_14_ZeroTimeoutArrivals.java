/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenTimeoutBarrier;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The breaking promise of a barrier: a party that gives up breaks its generation, and is not left
    counted. Here both parties give up at once: each arrives with a timeout of zero, which never waits.

    A barrier of 2 parties. actor1 and actor2 each call await(0, NANOSECONDS), into r1 and r2: the
    arrival index if it returned, -1 if it timed out (TimeoutException), -2 if it found the barrier
    broken (BrokenBarrierException). When both have finished, the arbiter reads isBroken() into r3
    (1 if broken); nothing runs concurrently with it. The first arrival, under the barrier's lock, is
    not the last, so its time is up at once: it breaks the barrier and times out; the second finds it
    broken.
      - (-1, -2, 1): actor1 arrived first.
      - (-2, -1, 1): actor2 arrived first.

    (-1, 1, 0) and (1, -1, 0) are a timed-out party left counted: the other arrival became the last
    and tripped the barrier a party short. Every other outcome is forbidden too: two timeouts, two
    refusals, or a barrier left unbroken.

    Variants:
      - Barrier:        the barrier.
      - BrokenTimeout:  the negative control, BrokenTimeoutBarrier, generated from Barrier with one bug:
                        an arrival whose zero timeout ran out leaves without breaking the generation, yet
                        stays counted. Every sample shows it: (-1, 1, 0) or (1, -1, 0) must be observed.
                        NegativeControlsIT asserts it, and SyncNegativeControlTest catches it with
                        Lincheck.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_14_ZeroTimeoutArrivals
 */
@Outcome(id = "-1, -2, 1", expect = ACCEPTABLE, desc = "actor1 arrived first, timed out and broke the barrier; actor2 found it broken.")
@Outcome(id = "-2, -1, 1", expect = ACCEPTABLE, desc = "actor2 arrived first, timed out and broke the barrier; actor1 found it broken.")
@Outcome(id = "-1, 1, 0", expect = FORBIDDEN, desc = "actor1 timed out but stayed counted: actor2 tripped the barrier a party short.")
@Outcome(id = "1, -1, 0", expect = FORBIDDEN, desc = "actor2 timed out but stayed counted: actor1 tripped the barrier a party short.")
@Outcome(expect = FORBIDDEN, desc = "Anything else: two timeouts, two refusals, or a barrier left unbroken.")
public class Sync_14_ZeroTimeoutArrivals {

    /** An arrival that may not wait: its index, -1 if it timed out, -2 if the barrier was broken. */
    interface Arrival {
        int await() throws InterruptedException, BrokenBarrierException, TimeoutException;
    }

    static int arrive(Arrival arrival) {
        try {
            return arrival.await();
        } catch (TimeoutException timedOut) {
            return -1;
        } catch (BrokenBarrierException broken) {
            return -2;
        } catch (InterruptedException e) {
            throw new IllegalStateException("nobody interrupts the actors", e);
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_14_ZeroTimeoutArrivals.class)
    @State
    public static class Barrier {
        private final dev.interlock.sync.Barrier barrier = new dev.interlock.sync.Barrier(2);

        @Actor
        public void actor1(III_Result r) {
            r.r1 = arrive(() -> barrier.await(0, TimeUnit.NANOSECONDS));
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = arrive(() -> barrier.await(0, TimeUnit.NANOSECONDS));
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = barrier.isBroken() ? 1 : 0;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_14_ZeroTimeoutArrivals.class)
    @State
    public static class BrokenTimeout {
        private final BrokenTimeoutBarrier barrier = new BrokenTimeoutBarrier(2);

        @Actor
        public void actor1(III_Result r) {
            r.r1 = arrive(() -> barrier.await(0, TimeUnit.NANOSECONDS));
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = arrive(() -> barrier.await(0, TimeUnit.NANOSECONDS));
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = barrier.isBroken() ? 1 : 0;
        }
    }
}
