/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenRetestLockingArrayQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.stress.ParkedThreads;
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
    A taker woken for an element may find it gone, and must then wait again. Under a non-fair lock a
    thread that is running when a put wakes the taker can take the lock first, and the element with
    it; the woken taker then finds the queue empty. A queue that does not test again after the wake-up
    takes from an empty queue.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The actor publishes itself and takes from an empty queue. The signal waits until the actor is
    parked (at most a second), puts 1 and polls at once. The woken actor needs microseconds to run, so
    the poll usually takes the lock and the 1 first. Then the signal gives the actor a millisecond to
    run, waits until it has parked again or returned (at most a second), and puts 2, which the actor
    must take. If the actor ran first
    and took the 1, the poll finds nothing and the sample ends there. The actor throws if it takes
    anything but 1 or 2, which shows as ERROR.

    Variants:
      - LockingArray:  LockingArrayQueue (non-fair), capacity 4.
      - BrokenRetest:  the negative control, BrokenRetestLockingArrayQueue, generated from
                       LockingArrayQueue with one bug: take() tests the count once, not after every
                       wake-up. Its actor returns null from the empty queue in every sample whose poll
                       came first: ERROR. NegativeControlsIT asserts it, and RetestNegativeControlTest
                       is its bounded test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_09_WokenTakerTestsAgain -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor took the 1, or waited again and took the 2.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never woken, though an element was there for it.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: it took from the empty queue, or another exception.")
public class Queues_09_WokenTakerTestsAgain {

    /** How long the signal waits for the actor to park, or to park again, before it goes on. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /**
     * How long the signal lets the woken actor run before it looks for it parked again: until it runs,
     * the actor still shows as parked from before the put, and a second put then would come too soon.
     */
    static final long RUN_NANOS = 1_000_000L;

    /** The queue and the actor's thread. */
    static final class Race {
        private final BlockingQueue<Integer> queue;
        private final ParkedThreads threads = new ParkedThreads();

        Race(BlockingQueue<Integer> queue) {
            this.queue = queue;
        }

        /** The actor: a taker of an empty queue. */
        void actor() throws InterruptedException {
            threads.publishActor();
            Integer taken = queue.take();
            if (taken == null || (taken != 1 && taken != 2)) {
                throw new IllegalStateException("take() returned " + taken + ", which nobody put");
            }
        }

        /** The signal: a put, a poll that usually barges in ahead of the woken actor, then a second put. */
        void signal() throws InterruptedException {
            threads.awaitActorParked(ParkedThreads.ANY_BLOCKER, ACTOR_PARK_WAIT_NANOS);
            queue.put(1);
            if (queue.poll() != null) {
                long woken = System.nanoTime(); // the actor still shows as parked until it runs: give it the time
                while (System.nanoTime() - woken < RUN_NANOS) {
                    Thread.onSpinWait();
                }
                threads.awaitActorParked(ParkedThreads.ANY_BLOCKER, ACTOR_PARK_WAIT_NANOS);
                queue.put(2);
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_09_WokenTakerTestsAgain.class)
    @State
    public static class LockingArray {
        private final Race race = new Race(new LockingArrayQueue<>(4));

        @Actor
        public void actor() throws InterruptedException {
            race.actor();
        }

        @Signal
        public void signal() throws InterruptedException {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_09_WokenTakerTestsAgain.class)
    @State
    public static class BrokenRetest {
        private final Race race = new Race(new BrokenRetestLockingArrayQueue<>(4));

        @Actor
        public void actor() throws InterruptedException {
            race.actor();
        }

        @Signal
        public void signal() throws InterruptedException {
            race.signal();
        }
    }
}
