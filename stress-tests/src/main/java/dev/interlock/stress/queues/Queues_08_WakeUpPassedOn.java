/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import dev.interlock.queues.BrokenPassOnTwoLockLinkedQueue;
import dev.interlock.queues.BrokenSignalLockingPriorityQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.LockingPriorityQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
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
    Two waiting takers and two elements: both takers must return. A queue may wake a taker only when a
    put makes it non-empty (TwoLockLinkedQueue does, as LinkedBlockingQueue does: a put that finds
    elements there leaves the wake-up to the cascade below, which spares it the take lock). Then two
    puts that come before the first woken taker runs wake one taker between them, and that taker, which takes
    one element and leaves the other, must pass the wake-up on to the next. A queue that does not
    leaves the second taker parked beside its element.

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The state starts the first taker T1 and waits until it is parked on the empty queue, so T1 is the
    first in line. The actor publishes itself and takes, queueing behind T1; the signal waits until
    the actor is parked too (at most a second), then puts two elements back to back. The first put
    wakes T1; the second almost always lands before T1 has run (a wake-up takes microseconds), finds
    one element there and wakes no one. T1 takes the first element and must wake the actor for the
    second. If T1 runs between the two puts, the second put finds the queue empty and wakes the actor
    itself: that sample cannot tell, and must terminate as well. So must a sample where the actor had
    not parked by the puts.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - TwoLock:       TwoLockLinkedQueue, unbounded: the wake-up cascade.
      - LockingArray:  LockingArrayQueue, capacity 2: one lock, and every put signals a taker, so no
                       cascade is needed; it must terminate too.
      - LockingPriority: LockingPriorityQueue, unbounded: one lock, every put signals; the same.
      - BrokenPassOn:  the negative control, BrokenPassOnTwoLockLinkedQueue, generated from
                       TwoLockLinkedQueue with one bug: a taker that leaves elements behind does not
                       wake the next taker. STALE must be seen: NegativeControlsIT asserts it, and
                       PassOnWakeUpNegativeControlTest is its bounded test.
      - BrokenSignal:  the negative control BrokenSignalLockingPriorityQueue, generated from
                       LockingPriorityQueue with one bug: a put wakes a taker only when it makes the
                       queue non-empty, and nothing passes the wake-up on. STALE must be seen, as above.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Queues_08_WakeUpPassedOn -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor took the second element.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never woken, though an element was there for it: the first taker did not pass the wake-up on.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw.")
public class Queues_08_WakeUpPassedOn {

    /** How long the signal waits for the actor to park before it puts anyway. */
    static final long ACTOR_PARK_WAIT_NANOS = 1_000_000_000L;

    /** The queue, the first taker, and the actor's thread. */
    static final class Race {
        private final BlockingQueue<Integer> queue;
        private final ParkedThreads threads = new ParkedThreads();

        Race(BlockingQueue<Integer> queue) {
            this.queue = queue;
            Thread firstTaker = new Thread(this::take, "interlock-first-taker");
            firstTaker.setDaemon(true);
            firstTaker.start();
            ParkedThreads.requireParked(firstTaker, ParkedThreads.ANY_BLOCKER, "the first taker");
        }

        private void take() {
            try {
                queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // nobody interrupts it; a harness shutting down may
            }
        }

        /** The actor: the second taker, queued behind the first. */
        void actor() throws InterruptedException {
            threads.publishActor();
            queue.take();
        }

        /** The signal: once the actor is parked, two puts back to back. */
        void signal() throws InterruptedException {
            threads.awaitActorParked(ParkedThreads.ANY_BLOCKER, ACTOR_PARK_WAIT_NANOS);
            queue.put(1);
            queue.put(2);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Queues_08_WakeUpPassedOn.class)
    @State
    public static class TwoLock {
        private final Race race = new Race(new TwoLockLinkedQueue<>());

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
    @JCStressMeta(Queues_08_WakeUpPassedOn.class)
    @State
    public static class LockingArray {
        private final Race race = new Race(new LockingArrayQueue<>(2));

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
    @JCStressMeta(Queues_08_WakeUpPassedOn.class)
    @State
    public static class BrokenPassOn {
        private final Race race = new Race(new BrokenPassOnTwoLockLinkedQueue<>());

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
    @JCStressMeta(Queues_08_WakeUpPassedOn.class)
    @State
    public static class LockingPriority {
        private final Race race = new Race(new LockingPriorityQueue<>());

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
    @JCStressMeta(Queues_08_WakeUpPassedOn.class)
    @State
    public static class BrokenSignal {
        private final Race race = new Race(new BrokenSignalLockingPriorityQueue<>());

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
