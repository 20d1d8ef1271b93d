/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenPlainTailLinkedQueue;
import dev.interlock.queues.MpmcArrayQueue;
import dev.interlock.queues.LockFreeLinkedQueue;
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
    A lock-free queue must survive a producer that stops in the middle of its offer. Here the slow
    producer offers 1 while the other actor offers 2 and then polls twice, emptying the queue if the
    1 has arrived. The arbiter then drains whatever is left, offers 3 and polls it back: the queue
    must still work, whatever the slow producer's late writes did.

    This is where the Michael-Scott queue's tail CAS earns its keep. An enqueuer links its node by
    a CAS on the last node's next, and only then swings the tail; others that find the tail lagging
    help it forward. With a CAS, the slow producer's late swing fails when others have moved the
    tail on. With a plain write it succeeds, and moves the tail backward, behind the head once the
    other actor has polled both elements; the next poll of the empty queue then finds head != tail
    with nothing after the head, and the textbook code dereferences null.

    Results: (r1, r2, r3) = (the second actor's first poll, its second poll, what the arbiter found:
    the digits it drained, then 3 if the round trip worked). A poll that found nothing is 0; -1 means
    the queue threw (and the arbiter then stops).

    Every outcome:
      - 1, 2, 3: the 1 was linked before the 2; both were polled; the round trip works.
      - 2, 1, 3: the 2 came first, then the 1 arrived in time for the second poll.
      - 2, 0, 13: the 2 came first, the 1 after both polls; the arbiter drains it, then 3 works.
      - anything else: an element lost, duplicated or reordered, a dead queue (the round trip gave
        nothing), or -1: the queue threw.

    Variants:
      - LockFreeLinked:  LockFreeLinkedQueue, the Michael-Scott queue, tail swung by CAS.
      - MpmcArray:   MpmcArrayQueue (capacity 2): a producer that has claimed its index but
                         not yet published its slot makes the consumer wait for it rather than skip
                         it, so the 1 is never lost or overtaken.
      - BrokenPlainTail: the negative control, BrokenPlainTailLinkedQueue, whose tail is swung by a
                         plain write; its offer spins (BrokenPlainTailLinkedQueue.DELAY_SPINS times)
                         between its link CAS and its tail write, a producer delayed right there
                         as a preemption would delay it, because real threads on x86 almost never
                         split those two adjacent instructions (Queues_01 never did). It must be
                         observed with 1, 2, -1. The suite run excludes it; NegativeControlsIT runs
                         it and expects a FORBIDDEN outcome.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_07_TailNeverBehindHead
 */
@Outcome(id = {"1, 2, 3", "2, 1, 3", "2, 0, 13"}, expect = ACCEPTABLE, desc = "Both elements came out once, in an order the offers allow, and the queue still works.")
@Outcome(id = {"1, 2, -1", "2, 1, -1"}, expect = FORBIDDEN, desc = "The queue was emptied, and then a poll of the empty queue threw: the tail had moved behind the head.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an element lost, duplicated or reordered, the queue dead, or it threw (-1).")
public class Queues_07_TailNeverBehindHead {

    /** The arbiter's part: drain what is left (as digits), then offer 3 and poll it back. */
    static int leftOverThenRoundTrip(Queue<Integer> queue) {
        int leftOver = QueueOutcomes.drainDigits(queue);
        if (leftOver == QueueOutcomes.THREW || QueueOutcomes.offer(queue, 3) != 1) {
            return QueueOutcomes.THREW;
        }
        int polled = QueueOutcomes.poll(queue);
        return polled == QueueOutcomes.THREW ? QueueOutcomes.THREW : leftOver * 10 + polled;
    }

    @JCStressTest
    @JCStressMeta(Queues_07_TailNeverBehindHead.class)
    @State
    public static class LockFreeLinked {
        private final Queue<Integer> queue = new LockFreeLinkedQueue<>();

        @Actor
        public void slowProducer() {
            queue.offer(1);
        }

        @Actor
        public void producerAndConsumer(III_Result r) {
            queue.offer(2);
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = leftOverThenRoundTrip(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_07_TailNeverBehindHead.class)
    @State
    public static class MpmcArray {
        private final Queue<Integer> queue = new MpmcArrayQueue<>(2);

        @Actor
        public void slowProducer() {
            queue.offer(1);
        }

        @Actor
        public void producerAndConsumer(III_Result r) {
            queue.offer(2);
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = leftOverThenRoundTrip(queue);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_07_TailNeverBehindHead.class)
    @State
    public static class BrokenPlainTail {
        private final Queue<Integer> queue = new BrokenPlainTailLinkedQueue<>(BrokenPlainTailLinkedQueue.DELAY_SPINS);

        @Actor
        public void slowProducer() {
            queue.offer(1);
        }

        @Actor
        public void producerAndConsumer(III_Result r) {
            queue.offer(2);
            r.r1 = QueueOutcomes.poll(queue);
            r.r2 = QueueOutcomes.poll(queue);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = leftOverThenRoundTrip(queue);
        }
    }
}
