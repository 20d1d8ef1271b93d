/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenStabilityLockingPriorityQueue;
import dev.interlock.queues.LockingPriorityQueue;
import java.util.Comparator;
import java.util.Queue;
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
    A priority queue's promise beyond PriorityBlockingQueue's: elements that compare equal leave in the
    order they came. Here every element ties (the comparator says 0), so the queue must behave as a FIFO
    queue. The producer offers 1, 2 and 3; the consumer polls once while it does; the arbiter drains what
    is left.

    A binary heap that breaks no ties reorders them as soon as it holds three: polling 1 from [1, 2, 3]
    moves the last element, 3, into the root, and with nothing to say that 2 came first, 3 stays there.
    Whether the consumer's poll comes before the offers or after all three, the rest comes out as 3, 2.
    Only a poll between the offers, when the heap never holds three, hides it.

    Results: (r1, r2) = (the consumer's poll, 0 for nothing; what the arbiter drained, as digits: 23 is 2
    then 3). -1 means the queue threw.

    Every outcome:
      - 0, 123: the poll came before the first offer; the rest left in arrival order.
      - 1, 23:  the poll took the first element; the rest left in arrival order.
      - 1, 32 and 0, 132: equal elements left out of arrival order: the tie-break is missing.
      - 2 or 3 polled first, a digit twice or missing, -1: reordered, duplicated, lost or threw.
    The two acceptable outcomes are the only ones; the catch-all forbids every other.

    Variants:
      - LockingPriority:  LockingPriorityQueue, unbounded, every element tied.
      - BrokenStability:  the negative control BrokenStabilityLockingPriorityQueue, generated from
                          LockingPriorityQueue with one bug: it orders by the comparator alone. 1, 32 or
                          0, 132 must be seen: NegativeControlsIT asserts it, and
                          PriorityNegativeControlTest is its Lincheck judge.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_11_EqualsLeaveInArrivalOrder
 */
@Outcome(id = {"0, 123", "1, 23"}, expect = ACCEPTABLE, desc = "Equal elements left in arrival order.")
@Outcome(id = {"1, 32", "0, 132"}, expect = FORBIDDEN, desc = "Equal elements left out of arrival order: no tie-break on arrival.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: reordered, duplicated, lost, or the queue threw (-1).")
public class Queues_11_EqualsLeaveInArrivalOrder {

    /** Every element ties. */
    static final Comparator<Integer> TIES = (first, second) -> 0;

    static void offerOneTwoThree(Queue<Integer> queue) {
        queue.offer(1);
        queue.offer(2);
        queue.offer(3);
    }

    @JCStressTest
    @JCStressMeta(Queues_11_EqualsLeaveInArrivalOrder.class)
    @State
    public static class LockingPriority {
        private final Queue<Integer> queue = new LockingPriorityQueue<>(TIES);

        @Actor
        public void producer() {
            offerOneTwoThree(queue);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_11_EqualsLeaveInArrivalOrder.class)
    @State
    public static class BrokenStability {
        private final Queue<Integer> queue = new BrokenStabilityLockingPriorityQueue<>(TIES);

        @Actor
        public void producer() {
            offerOneTwoThree(queue);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r2 = QueueOutcomes.drainDigits(queue);
        }
    }
}
