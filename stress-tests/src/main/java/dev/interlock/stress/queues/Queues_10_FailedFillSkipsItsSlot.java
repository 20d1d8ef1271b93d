/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenFailedFillMpmcArrayQueue;
import dev.interlock.queues.MpmcArrayQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A fill whose supplier fails gives back the slot it claimed, so the element a racing producer
    offers is never stuck behind it.

    MpmcArrayQueue's fill claims a slot before it calls the supplier. One actor fills with a
    supplier that throws; the other offers 7 at the same time. Whichever claimed its slot first,
    the failed fill's slot is published as skipped, and the arbiter's relaxedPoll() passes over it
    to the 7. relaxedPoll() never waits: a slot that is never published reads as empty, where
    poll() would wait for it for ever.
    Results: (r1, r2) = (the arbiter's first relaxedPoll, its second), -1 for nothing.

    Every outcome:
      - 7, -1: the 7, then an empty queue. Acceptable.
      - -1, -1: the 7 is stuck behind a slot the failed fill claimed and never gave back.
      - 7, 7 / -1, 7: the 7 polled twice, or found only after an empty poll.

    Variants:
      - MpmcArray:        MpmcArrayQueue: fill publishes the claimed slot as skipped in a finally block.
      - BrokenFailedFill: the negative control BrokenFailedFillMpmcArrayQueue, generated from
                        MpmcArrayQueue with fill publishing only an element it got. It must report
                        -1, -1 whenever the fill claimed its slot first.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_10_FailedFillSkipsItsSlot
 */
@Outcome(id = "7, -1", expect = ACCEPTABLE, desc = "The failed fill's slot was skipped, and the 7 polled once.")
@Outcome(id = "-1, -1", expect = FORBIDDEN, desc = "The 7 is stuck behind the slot the failed fill never gave back.")
@Outcome(id = {"7, 7", "-1, 7"}, expect = FORBIDDEN, desc = "The 7 polled twice, or after an empty poll.")
public class Queues_10_FailedFillSkipsItsSlot {

    static final int OFFERED = 7;

    static Integer failingSupplier() {
        throw new IllegalStateException("the supplier failed");
    }

    static int orMinusOne(Integer element) {
        return element == null ? -1 : element;
    }

    @JCStressTest
    @JCStressMeta(Queues_10_FailedFillSkipsItsSlot.class)
    @State
    public static class MpmcArray {
        private final MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);

        @Actor
        public void failingFill() {
            try {
                queue.fill(Queues_10_FailedFillSkipsItsSlot::failingSupplier, 1);
            } catch (IllegalStateException expected) {
                // the supplier's failure, passed on by fill
            }
        }

        @Actor
        public void offer() {
            queue.offer(OFFERED);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = orMinusOne(queue.relaxedPoll());
            r.r2 = orMinusOne(queue.relaxedPoll());
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_10_FailedFillSkipsItsSlot.class)
    @State
    public static class BrokenFailedFill {
        private final BrokenFailedFillMpmcArrayQueue<Integer> queue = new BrokenFailedFillMpmcArrayQueue<>(4);

        @Actor
        public void failingFill() {
            try {
                queue.fill(Queues_10_FailedFillSkipsItsSlot::failingSupplier, 1);
            } catch (IllegalStateException expected) {
                // the supplier's failure, passed on by fill
            }
        }

        @Actor
        public void offer() {
            queue.offer(OFFERED);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = orMinusOne(queue.relaxedPoll());
            r.r2 = orMinusOne(queue.relaxedPoll());
        }
    }
}
