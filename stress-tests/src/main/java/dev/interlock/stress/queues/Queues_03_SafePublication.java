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
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Safe publication: a queue is how one thread hands an object to another, so the object must
    arrive whole. The producer builds a Payload, whose three fields are plain (not final, not
    volatile) and are written in its constructor, and offers it; the consumer polls, and if it got
    the payload, reads the three fields.

    Nothing but the queue orders the field writes before the consumer's reads: a queue that
    publishes the element without a release (or a lock), or reads it without an acquire, lets the
    consumer see the reference and stale fields, 0 for each. This is the "memory consistency
    effects" sentence of every queue's javadoc, tested: the offer happens-before the poll that
    returns the element.

    Results: (r1, r2, r3, r4) = (1 if the poll returned the payload, else 0; its three fields, or
    -1 each when there was no payload).

    Every outcome:
      - 0, -1, -1, -1: the poll came first. Acceptable.
      - 1, 1, 2, 3:    the payload, whole. Acceptable.
      - 1 and any 0 among the fields: a torn payload, published before its fields. Forbidden.
    x86-64 keeps stores in order and loads in order, so a missing release or acquire in the queue
    itself rarely shows here; the JIT's reordering still can. On ARM or POWER this is the test that
    matters (see docs/memory-ordering.md).

    Variants, one per queue:
      - LockingArray:   LockingArrayQueue, one lock around a ring buffer.
      - TwoLock:        TwoLockLinkedQueue, bounded to 2: separate put and take locks.
      - LockFreeLinked: LockFreeLinkedQueue, the Michael–Scott queue.
      - MpmcArray:  MpmcArrayQueue, Vyukov's queue with a sequence per slot.
      - SpscArray:      SpscArrayQueue: actor 1 is its one producer, actor 2 its one consumer.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_03_SafePublication
 */
@Outcome(id = "0, -1, -1, -1", expect = ACCEPTABLE, desc = "The poll came before the offer.")
@Outcome(id = "1, 1, 2, 3", expect = ACCEPTABLE, desc = "The payload arrived whole.")
@Outcome(expect = FORBIDDEN, desc = "The payload arrived torn: a field written before the offer was not seen after the poll.")
public class Queues_03_SafePublication {

    /** An object with plain fields, set in its constructor: only the queue can publish them safely. */
    static final class Payload {
        int first;
        int second;
        int third;

        Payload() {
            first = 1;
            second = 2;
            third = 3;
        }

        /** Writes the payload's fields into the result, or 0, -1, -1, -1 for no payload. */
        static void read(Payload payload, IIII_Result r) {
            if (payload == null) {
                r.r1 = 0;
                r.r2 = -1;
                r.r3 = -1;
                r.r4 = -1;
            } else {
                r.r1 = 1;
                r.r2 = payload.first;
                r.r3 = payload.second;
                r.r4 = payload.third;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_03_SafePublication.class)
    @State
    public static class LockingArray {
        private final Queue<Payload> queue = new LockingArrayQueue<>(2);

        @Actor
        public void producer() {
            queue.offer(new Payload());
        }

        @Actor
        public void consumer(IIII_Result r) {
            Payload.read(queue.poll(), r);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_03_SafePublication.class)
    @State
    public static class TwoLock {
        private final Queue<Payload> queue = new TwoLockLinkedQueue<>(2);

        @Actor
        public void producer() {
            queue.offer(new Payload());
        }

        @Actor
        public void consumer(IIII_Result r) {
            Payload.read(queue.poll(), r);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_03_SafePublication.class)
    @State
    public static class LockFreeLinked {
        private final Queue<Payload> queue = new LockFreeLinkedQueue<>();

        @Actor
        public void producer() {
            queue.offer(new Payload());
        }

        @Actor
        public void consumer(IIII_Result r) {
            Payload.read(queue.poll(), r);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_03_SafePublication.class)
    @State
    public static class MpmcArray {
        private final Queue<Payload> queue = new MpmcArrayQueue<>(2);

        @Actor
        public void producer() {
            queue.offer(new Payload());
        }

        @Actor
        public void consumer(IIII_Result r) {
            Payload.read(queue.poll(), r);
        }
    }

    @JCStressTest
    @JCStressMeta(Queues_03_SafePublication.class)
    @State
    public static class SpscArray {
        private final Queue<Payload> queue = new SpscArrayQueue<>(2);

        @Actor
        public void producer() {
            queue.offer(new Payload());
        }

        @Actor
        public void consumer(IIII_Result r) {
            Payload.read(queue.poll(), r);
        }
    }
}
