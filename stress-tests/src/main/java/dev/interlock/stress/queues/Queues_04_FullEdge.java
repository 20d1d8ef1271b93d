/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenCapacityLockingArrayQueue;
import dev.interlock.queues.MpmcArrayQueue;
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

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The full edge of a bounded queue: the last free slot goes to exactly one producer. The queue
    has capacity 2 and holds 9, so one slot is free; two actors offer at once (actor 1 offers 1,
    actor 2 offers 2). Exactly one offer must succeed: both would put 3 elements in a queue of 2
    (two producers claimed one slot, or a stale count let both in), and neither would refuse an
    element while there was room.

    Results: (r1, r2, r3) = (actor 1's offer: 1 accepted, 0 refused; actor 2's; what the arbiter
    drained, as digits). -1 means the queue threw.

    Every outcome:
      - 1, 0, 91 and 0, 1, 92: one offer won the slot, the other was refused. Acceptable.
      - 1, 1, x: both accepted: over capacity, or one element overwrote the other (x = 91 or 92).
      - 0, 0, 9: both refused while a slot was free.
      - anything else: an element lost or invented, or the queue threw.

    Variants, one per bounded multi-producer queue:
      - LockingArray:   LockingArrayQueue: the count, checked and changed under the lock.
      - TwoLock:        TwoLockLinkedQueue bounded to 2: the put lock serializes producers, and the
                        count is changed atomically because consumers change it under the other
                        lock.
      - MpmcArray:  MpmcArrayQueue: the CAS on the producer index claims the slot, and the
                        slot's sequence says whether the consumer of the previous lap has freed it.
      - SpscArray:      SpscArrayQueue, with its own outcomes: one producer and one consumer meet
                        at the full edge. The queue is full (1, 2); the producer offers 3 while the
                        consumer polls. The poll must get 1; the offer succeeds only if the poll
                        freed the slot first (1, 1, 23) and is refused otherwise (0, 1, 2). This is
                        the lap-around edge of the ring: the producer's cached view of the
                        consumer's index must never let it overwrite a slot not yet consumed.

    Negative control (run and required to fail by NegativeControlsIT, never by the suite):
      - BrokenCapacity: BrokenCapacityLockingArrayQueue, LockingArrayQueue generated with an offer
                        that compares the count with the capacity less one. It refuses the free slot
                        to both actors, 0, 0, 9, in every sample: the off-by-one at the capacity edge.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_04_FullEdge
 */
@Outcome(id = {"1, 0, 91", "0, 1, 92"}, expect = ACCEPTABLE, desc = "Exactly one offer got the last free slot.")
@Outcome(id = {"1, 1, 91", "1, 1, 92", "1, 1, 912", "1, 1, 921"}, expect = FORBIDDEN, desc = "Both offers were accepted for one free slot.")
@Outcome(id = "0, 0, 9", expect = FORBIDDEN, desc = "Both offers were refused while a slot was free.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an element lost or invented, or the queue threw (-1).")
public class Queues_04_FullEdge {

    /** The queue, holding 9: one slot of its two is free. */
    static Queue<Integer> withOneFreeSlot(Queue<Integer> queue) {
        queue.offer(9);
        return queue;
    }

    /** The queue, holding 1 and 2: full. */
    static Queue<Integer> full(Queue<Integer> queue) {
        queue.offer(1);
        queue.offer(2);
        return queue;
    }

    @JCStressTest
    @JCStressMeta(Queues_04_FullEdge.class)
    @State
    public static class LockingArray {
        private final Queue<Integer> queue = withOneFreeSlot(new LockingArrayQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.offer(queue, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_04_FullEdge.class)
    @State
    public static class BrokenCapacity {
        private final Queue<Integer> queue = withOneFreeSlot(new BrokenCapacityLockingArrayQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.offer(queue, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_04_FullEdge.class)
    @State
    public static class TwoLock {
        private final Queue<Integer> queue = withOneFreeSlot(new TwoLockLinkedQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.offer(queue, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_04_FullEdge.class)
    @State
    public static class MpmcArray {
        private final Queue<Integer> queue = withOneFreeSlot(new MpmcArrayQueue<>(2));

        @Actor
        public void actor1(III_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 1);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = QueueOutcomes.offer(queue, 2);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }

    @JCStressTest
    @Outcome(id = {"1, 1, 23", "0, 1, 2"}, expect = ACCEPTABLE, desc = "The poll freed a slot; the offer used it if it came after, and was refused if it came before.")
    @Outcome(expect = FORBIDDEN, desc = "The poll did not get the head 1, an element was lost or duplicated, or an offer was refused with room, or accepted without it.")
    @State
    public static class SpscArray {
        private final Queue<Integer> queue = full(new SpscArrayQueue<>(2));

        @Actor
        public void producer(III_Result r) {
            r.r1 = QueueOutcomes.offer(queue, 3);
        }

        @Actor
        public void consumer(III_Result r) {
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = QueueOutcomes.drainDigits(queue);
        }
    }
}
