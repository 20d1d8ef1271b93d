/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.MpmcArrayQueue;
import dev.interlock.queues.LockFreeLinkedQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.SpscArrayQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import java.util.Queue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The empty edge: the last element goes to exactly one consumer. The queue holds one element, 1;
    two actors poll at once. Exactly one must get it and the other must find the queue empty: both
    getting it is a duplicate (two consumers claimed one node or one slot), neither getting it is a
    loss, or a poll that gave up on an element that was there.

    Results: (r1, r2, r3) = (actor 1's poll, actor 2's, what the arbiter drained, as digits). A
    poll that found nothing is 0; -1 means the queue threw.

    Every outcome:
      - 1, 0, 0 and 0, 1, 0: one consumer got the element. Acceptable.
      - 1, 1, 0: both got it: a duplicate.
      - 0, 0, 1: both found the queue empty though it held 1; 0, 0, 0: the element vanished.
      - anything else: an element left behind after it was taken, or the queue threw.

    Variants, one per multi-consumer queue, and one for the SPSC queue with its own outcomes:
      - LockingArray, TwoLock, LockFreeLinked, MpmcArray: as in Queues_01.
      - SpscArray: one producer offers the element into the empty queue while the one consumer
        polls: (r1, r2) = (the offer: 1 accepted; 1 if the element is in exactly one place, the
        consumer's hands or the queue after the test). Acceptable: 1, 1. The empty edge of an SPSC
        ring is where the consumer must not read a slot before the producer's release publishes it.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_05_EmptyEdge
 */
@Outcome(id = {"1, 0, 0", "0, 1, 0"}, expect = ACCEPTABLE, desc = "Exactly one consumer got the last element.")
@Outcome(id = "1, 1, 0", expect = FORBIDDEN, desc = "Both consumers got the one element.")
@Outcome(id = {"0, 0, 1", "0, 0, 0"}, expect = FORBIDDEN, desc = "Neither consumer got the element: it was skipped, or lost.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an element taken and left behind, or the queue threw (-1).")
public class Queues_05_EmptyEdge {

    /** The queue, holding one element: 1. */
    static Queue<Integer> holdingOne(Queue<Integer> queue) {
        queue.offer(1);
        return queue;
    }

    @JCStressTest
    @JCStressMeta(Queues_05_EmptyEdge.class)
    @State
    public static class LockingArray {
        private final Queue<Integer> queue = holdingOne(new LockingArrayQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_05_EmptyEdge.class)
    @State
    public static class TwoLock {
        private final Queue<Integer> queue = holdingOne(new TwoLockLinkedQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_05_EmptyEdge.class)
    @State
    public static class LockFreeLinked {
        private final Queue<Integer> queue = holdingOne(new LockFreeLinkedQueue<>());

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_05_EmptyEdge.class)
    @State
    public static class MpmcArray {
        private final Queue<Integer> queue = holdingOne(new MpmcArrayQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The offer was accepted, and the element is in exactly one place: the consumer's poll or the queue.")
    @Outcome(expect = FORBIDDEN, desc = "The element was lost, duplicated, or the queue threw.")
    @State
    public static class SpscArray {
        private final Queue<Integer> queue = new SpscArrayQueue<>(2);

        @Actor
        public void producer(II_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 1);
        }

        @Actor
        public void consumer(II_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            // 1 = the element is in exactly one place: the consumer's poll or the queue.
            int drained = QueueOutcomes.drainDigits(queue);
            if (r.r2 != QueueOutcomes.THREW && drained != QueueOutcomes.THREW) {
                r.r2 = r.r2 + drained;
            }
        }
    }
}
