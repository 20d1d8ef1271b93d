/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenEdgeCountDownLatch;
import dev.interlock.sync.BrokenGiveUpCountDownLatch;
import dev.interlock.sync.BrokenPlainCountDownLatch;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The counting promise of a latch: every countDown() lowers the count by exactly one, whatever the
    other threads do at the same time, so that N calls release the waiters of a latch of N. A lost
    decrement leaves the count above zero for ever, and the waiters asleep.

    Two actors call countDown() once each on a fresh latch of 2. When both have finished, the arbiter
    reads getCount(). Nothing runs concurrently with the arbiter, so the read is quiescent and must
    be exact: 0.

    A count of 1 is the classic read-modify-write race: both actors read 2, both wrote 1, and one
    write replaced the other; or one actor's decrement was dropped: its CAS failed, because the
    other's came first, and it did not try again; or the last decrement, from 1 to 0, was refused. A
    count of 2 cannot come from any interleaving of two decrements of which at least one takes
    effect; it is listed so that the list of outcomes is exhaustive, and any value not listed would
    be reported by jcstress as an unknown outcome, which also fails the test.

    Variants:
      - CountDownLatch: the count is lowered by a CAS, retried until it succeeds or finds zero.
      - BrokenPlain:    the negative control, BrokenPlainCountDownLatch, generated from
                        CountDownLatch with one bug: countDown() lowers the count by a read, a
                        check and a write, not a CAS. It must be observed with the FORBIDDEN count
                        1: NegativeControlsIT asserts it, and SyncNegativeControlTest is its
                        Lincheck judge.
      - BrokenGiveUp:   the negative control, BrokenGiveUpCountDownLatch, generated from
                        CountDownLatch with one bug: countDown() gives up after one failed CAS and
                        returns. When both actors read 2, the one whose CAS the other beat is lost,
                        and the FORBIDDEN count 1 must be observed; a race, which only the samples in
                        which both read before either CASes show. NegativeControlsIT asserts it,
                        and SyncNegativeControlTest is its Lincheck judge.
      - BrokenEdge:     the negative control, BrokenEdgeCountDownLatch, generated from
                        CountDownLatch with one bug: countDown() stops at a count of 1, not 0. No
                        race: every sample ends at the FORBIDDEN count 1. NegativeControlsIT
                        asserts it, and SyncNegativeControlTest is its Lincheck judge.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_03_NoLostCountDown
 */
@Outcome(id = "0", expect = ACCEPTABLE, desc = "Both countDown() calls counted.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Lost decrement: one write replaced the other, a failed CAS was not retried, or the last decrement was refused.")
@Outcome(id = "2", expect = FORBIDDEN, desc = "Both decrements lost.")
public class Sync_03_NoLostCountDown {

    @JCStressTest
    @JCStressMeta(Sync_03_NoLostCountDown.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(2);

        @Actor
        public void actor1() {
            latch.countDown();
        }

        @Actor
        public void actor2() {
            latch.countDown();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = latch.getCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_03_NoLostCountDown.class)
    @State
    public static class BrokenPlain {
        private final BrokenPlainCountDownLatch latch = new BrokenPlainCountDownLatch(2);

        @Actor
        public void actor1() {
            latch.countDown();
        }

        @Actor
        public void actor2() {
            latch.countDown();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = latch.getCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_03_NoLostCountDown.class)
    @State
    public static class BrokenGiveUp {
        private final BrokenGiveUpCountDownLatch latch = new BrokenGiveUpCountDownLatch(2);

        @Actor
        public void actor1() {
            latch.countDown();
        }

        @Actor
        public void actor2() {
            latch.countDown();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = latch.getCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_03_NoLostCountDown.class)
    @State
    public static class BrokenEdge {
        private final BrokenEdgeCountDownLatch latch = new BrokenEdgeCountDownLatch(2);

        @Actor
        public void actor1() {
            latch.countDown();
        }

        @Actor
        public void actor2() {
            latch.countDown();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = latch.getCount();
        }
    }
}
