/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenEarlySequenceArrayQueue;
import dev.interlock.queues.BrokenGiveUpLinkedQueue;
import dev.interlock.queues.MpmcArrayQueue;
import dev.interlock.queues.LockFreeLinkedQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.LockingPriorityQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import java.util.Queue;
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
    The first promise of a queue: nothing is lost and nothing is duplicated. Two producers and two
    consumers, in two threads: each actor offers one element (actor 1 offers 1, actor 2 offers 2)
    and then polls one. The arbiter, after both, drains what is left.

    Each actor's poll comes after its own offer, so the queue is never empty when an actor polls:
    if the other actor has taken this actor's element, the other actor's element is there (it was
    offered before the other actor polled). So both polls return an element, two different ones,
    and nothing is left. The results are (r1, r2, r3) = (actor 1's poll, actor 2's poll, what the
    arbiter drained, as digits: 0 for nothing). A poll that found nothing is 0; a call that threw is
    -1 (see QueueOutcomes).

    Every outcome:
      - 1, 2, 0: each actor took its own element. Acceptable.
      - 2, 1, 0: each took the other's: both offers came before both polls. Acceptable.
      - 1, 1, x and 2, 2, x: one element taken twice: a duplicate (two consumers claimed one node or
        one slot).
      - 0, x, y or x, 0, y: a poll found the queue empty while it held an element: a linearizable
        poll never does that; a queue that lets poll give up while a producer is mid-offer does
        (see MpmcArrayQueue's relaxedPoll, which is not tested here for that reason).
      - x, y, r3 with r3 != 0: an element left over while both polls succeeded, or taken and still
        there.
      - -1 anywhere: the queue threw.
    Only the first two are acceptable; the catch-all below forbids every other.

    Variants, one per multi-producer, multi-consumer queue (SpscArrayQueue allows one producer and
    one consumer, so it has its own tests: Queues_02 and Queues_04):
      - LockingArray:   LockingArrayQueue, one lock around a ring buffer.
      - LockingPriority: LockingPriorityQueue of capacity 2, a heap under one lock, natural order:
                       1 leaves first, whoever polls; every outcome above keeps its meaning.
      - TwoLock:        TwoLockLinkedQueue, bounded to 2: a put lock and a take lock, and a count.
      - LockFreeLinked: LockFreeLinkedQueue, the Michael–Scott queue: CAS on next, tail and head.
      - MpmcArray:  MpmcArrayQueue, Vyukov's queue: CAS on the indices, a sequence per slot.
      - BrokenEarlySequence:  the negative control of Vyukov's queue, which publishes a slot's
                              sequence before its element. A consumer can claim the slot and read
                              no element: a 0, and an element lost.
      - BrokenGiveUp:  the Michael–Scott queue's second negative control, BrokenGiveUpLinkedQueue:
                       LockFreeLinkedQueue generated with an offer that gives up after one failed
                       CAS on the last node's link and reports success. When the offers race, the
                       one whose CAS loses is lost: a poll finds the queue empty, 0.
    The suite run excludes the Broken variants; NegativeControlsIT runs each and expects a forbidden
    outcome. (The Michael–Scott queue's negative control, a tail swung by a plain write, is not here:
    its bug needs a producer stopped between two adjacent instructions while the other actor
    empties the queue, which this test never produced in quick mode; Queues_07 is built for it.)

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_01_NothingLostOrDuplicated
 */
@Outcome(id = {"1, 2, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "Each actor took one element, a different one, and nothing is left.")
@Outcome(id = {"1, 1, 0", "2, 2, 0", "1, 1, 2", "2, 2, 1"}, expect = FORBIDDEN, desc = "One element was taken twice.")
@Outcome(id = {"0, 1, 2", "0, 2, 1", "1, 0, 2", "2, 0, 1", "0, 0, 12", "0, 0, 21"}, expect = FORBIDDEN, desc = "A poll found the queue empty while it held an element.")
@Outcome(id = {"0, 1, 0", "0, 2, 0", "1, 0, 0", "2, 0, 0", "0, 0, 0"}, expect = FORBIDDEN, desc = "An element was lost.")
@Outcome(id = {"1, 2, 1", "1, 2, 2", "2, 1, 1", "2, 1, 2"}, expect = FORBIDDEN, desc = "An element was taken and is still there.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an element lost, duplicated or invented, or the queue threw (-1).")
public class Queues_01_NothingLostOrDuplicated {

    /** Actor 1's part, actor 2's part, and the arbiter's, the same for every queue. */
    static void actor(Queue<Integer> queue, int element, III_Result r, int actor) {
        int offered = QueueOutcomes.offer(queue, element);
        int polled = QueueOutcomes.poll(queue);
        int result = offered == 1 ? polled : QueueOutcomes.THREW;
        if (actor == 1) {
            r.r1 = result;
        } else {
            r.r2 = result;
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class LockingArray {
        private final Queue<Integer> queue = new LockingArrayQueue<>(2);

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class LockingPriority {
        private final Queue<Integer> queue = new LockingPriorityQueue<>(2);

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class TwoLock {
        private final Queue<Integer> queue = new TwoLockLinkedQueue<>(2);

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class LockFreeLinked {
        private final Queue<Integer> queue = new LockFreeLinkedQueue<>();

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class MpmcArray {
        private final Queue<Integer> queue = new MpmcArrayQueue<>(2);

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenEarlySequence {
        private final Queue<Integer> queue = new BrokenEarlySequenceArrayQueue(2);

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenGiveUp {
        private final Queue<Integer> queue = new BrokenGiveUpLinkedQueue<>();

        @Actor
        public void actor1(III_Result r) {
            actor(queue, 1, r, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            actor(queue, 2, r, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }
}
