/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.LockingPriorityQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import java.util.concurrent.BlockingQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The blocking promise of a BlockingQueue: take() on an empty queue returns once an element is
    put, and put() on a full queue returns once an element is taken. A queue that loses the
    wake-up leaves the waiter parked forever, with the element (or the room) it waits for right
    there. Lincheck's model checker cannot see that (it lets a parked thread wake spuriously; see
    docs/verification.md), so this is the test that does.

    Mode.Termination: jcstress starts the actor, then calls the signal, and waits for the actor to
    return: TERMINATED if it does, STALE if it does not. A queue's operations belong to no thread,
    so the signal itself puts or takes.

    The signal races with the actor. Sometimes the actor is already parked on its condition when
    the signal arrives, and the signal must wake it; sometimes the signal comes first, and the
    actor must find the element (or the room) without waiting; and sometimes the signal lands while
    the actor is between deciding to wait and parking, where a lost wake-up usually hides. In the
    lock-based queues that window is closed by the lock: the actor checks and waits on the
    condition while holding it, and the signaller signals under it (TwoLockLinkedQueue: a put that
    takes the count from 0 to 1 takes the take lock to signal the waiting taker; a take that frees
    a slot in a full queue takes the put lock to signal the waiting putter).

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants, for each blocking queue (LockingArrayQueue, TwoLockLinkedQueue, LockingPriorityQueue),
    with capacity 1:
      - TakeWokenByPut_*:  the queue is empty; the actor takes, the signal puts.
      - PutWokenByTake_*:  the queue is full; the actor puts, the signal takes.
    The interrupt that wakes a waiter, and leaves the queue as it was, is tested by
    BlockingQueueContract (anInterruptedTakeRemovesNothing, anInterruptedPutInsertsNothing, and the
    interrupt storm).

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_06_BlockingWakesUp
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter returned after the signal's put or take.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never returned, though what it waited for was there: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw an exception.")
public class Queues_06_BlockingWakesUp {

    /** The queue, with one element in its one slot: full. */
    static BlockingQueue<Integer> full(BlockingQueue<Integer> queue) {
        queue.offer(1);
        return queue;
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class TakeWokenByPut_LockingArray {
        private final BlockingQueue<Integer> queue = new LockingArrayQueue<>(1);

        @Actor
        public void actor() throws InterruptedException {
            queue.take();
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.put(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class PutWokenByTake_LockingArray {
        private final BlockingQueue<Integer> queue = full(new LockingArrayQueue<>(1));

        @Actor
        public void actor() throws InterruptedException {
            queue.put(2);
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.take();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class TakeWokenByPut_TwoLock {
        private final BlockingQueue<Integer> queue = new TwoLockLinkedQueue<>(1);

        @Actor
        public void actor() throws InterruptedException {
            queue.take();
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.put(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class PutWokenByTake_TwoLock {
        private final BlockingQueue<Integer> queue = full(new TwoLockLinkedQueue<>(1));

        @Actor
        public void actor() throws InterruptedException {
            queue.put(2);
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.take();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class TakeWokenByPut_LockingPriority {
        private final BlockingQueue<Integer> queue = new LockingPriorityQueue<>(1);

        @Actor
        public void actor() throws InterruptedException {
            queue.take();
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.put(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_06_BlockingWakesUp.class)
    @State
    public static class PutWokenByTake_LockingPriority {
        private final BlockingQueue<Integer> queue = full(new LockingPriorityQueue<>(1));

        @Actor
        public void actor() throws InterruptedException {
            queue.put(2);
        }

        @Signal
        public void signal() throws InterruptedException {
            queue.take();
        }
    }
}
