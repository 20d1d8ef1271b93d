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
import dev.interlock.queues.LockingPriorityQueue;
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

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    First in, first out, seen from one producer: the producer offers 1 and then 2, and a consumer
    that polls twice may find nothing, then 1, then 2, but never 2 before 1, and never 2 while 1
    is still waiting. The arbiter drains what is left after both.

    Results: (r1, r2, r3) = (the consumer's first poll, its second poll, what the arbiter drained,
    as digits: 12 is 1 then 2, 0 is nothing). A poll that found nothing is 0; -1 means the queue
    threw. The capacity is 2 where there is one, so both offers always fit.

    Every outcome:
      - 0, 0, 12: both polls came before the offers (or before the first one was visible).
      - 0, 1, 2 and 1, 0, 2: one poll got 1, the other found 2 not offered yet.
      - 1, 2, 0: the consumer got both, in order.
      - 2 before 1 in any position (2, x, y; 0, 2, 1; x, y, 21): the producer's order was broken.
      - 0, 2, 1 is also a poll that skipped the 1 waiting ahead of the 2.
      - 1, 1, x or a 1 or 2 in two places: duplicated. A missing 1 or 2: lost. -1: the queue threw.
    The four acceptable outcomes are the only ones; the catch-all forbids every other.

    The state for an SPSC queue is the same: one producer, one consumer. Each queue gets a variant:
      - LockingArray:   LockingArrayQueue, one lock around a ring buffer.
      - LockingPriority: LockingPriorityQueue of capacity 2 with every element tied: equal elements
                       leave in arrival order, so it is FIFO.
      - TwoLock:        TwoLockLinkedQueue, bounded to 2: separate put and take locks.
      - LockFreeLinked: LockFreeLinkedQueue, the Michael–Scott queue.
      - MpmcArray:  MpmcArrayQueue, Vyukov's queue with a sequence per slot.
      - SpscArray:      SpscArrayQueue: actor 1 is its one producer, actor 2 its one consumer.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_02_ProducerFifo
 */
@Outcome(id = {"0, 0, 12", "0, 1, 2", "1, 0, 2", "1, 2, 0"}, expect = ACCEPTABLE, desc = "The consumer saw a prefix of 1, 2 in order; the arbiter found the rest, in order.")
@Outcome(id = {"2, 0, 1", "2, 1, 0", "0, 2, 1", "0, 0, 21", "0, 2, 0", "2, 0, 0"}, expect = FORBIDDEN, desc = "2 came out before 1, or while 1 was still waiting: the producer's order was broken.")
@Outcome(id = {"1, 1, 2", "1, 1, 0", "1, 2, 2", "1, 2, 1", "0, 1, 12", "1, 0, 12"}, expect = FORBIDDEN, desc = "An element came out twice.")
@Outcome(id = {"0, 0, 1", "0, 0, 2", "0, 0, 0", "0, 1, 0", "1, 0, 0"}, expect = FORBIDDEN, desc = "An element was lost.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: lost, duplicated, reordered, or the queue threw (-1).")
public class Queues_02_ProducerFifo {

    /** The producer's part, the same for every queue. */
    static void offerOneThenTwo(Queue<Integer> queue) {
        queue.offer(1);
        queue.offer(2);
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class LockingArray {
        private final Queue<Integer> queue = new LockingArrayQueue<>(2);

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class LockingPriority {
        private final Queue<Integer> queue = new LockingPriorityQueue<>(2, (first, second) -> 0);

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class TwoLock {
        private final Queue<Integer> queue = new TwoLockLinkedQueue<>(2);

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class LockFreeLinked {
        private final Queue<Integer> queue = new LockFreeLinkedQueue<>();

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class MpmcArray {
        private final Queue<Integer> queue = new MpmcArrayQueue<>(2);

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_02_ProducerFifo.class)
    @State
    public static class SpscArray {
        private final Queue<Integer> queue = new SpscArrayQueue<>(2);

        @Actor
        public void producer() {
            offerOneThenTwo(queue);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }
}
