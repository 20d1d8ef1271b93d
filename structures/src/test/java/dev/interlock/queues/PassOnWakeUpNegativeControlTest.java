/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static dev.interlock.testing.Parking.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a blocking queue's wake-up cascade, and its negative control. Two takers park on
 * an empty queue; one thread then puts two elements back to back. A put wakes a taker only when it
 * makes the queue non-empty, and the first woken taker needs microseconds to run, so the second put
 * almost always finds the first element still there and wakes no one: the taker that takes the first
 * element and leaves the second must wake the other taker. {@link BrokenPassOnTwoLockLinkedQueue} does
 * not, and the same test, with the same rounds and bound, must find a taker asleep beside its element.
 * {@link BrokenSignalLockingPriorityQueue} is the same bug in a queue with no cascade: its puts wake a taker
 * only when they make the queue non-empty, where every put must. Lincheck cannot be the judge here (its
 * model checker wakes parked threads spuriously); jcstress is the other one
 * ({@code Queues_08_WakeUpPassedOn.BrokenPassOn} and {@code .BrokenSignal}).
 */
@BoundedControl
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PassOnWakeUpNegativeControlTest {

    /** Rounds per queue: a round of the broken queue is caught unless the first taker runs between the puts. */
    static final int ROUNDS = 20;

    /** How long a woken taker may take: the positive run needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void bothTakersOfTwoElementsAreWoken() throws InterruptedException {
        assertEquals(-1, firstStuckRound(TwoLockLinkedQueue::new), "a taker slept beside its element");
        assertEquals(-1, firstStuckRound(() -> new TwoLockLinkedQueue<>(2)), "a taker slept beside its element");
        assertEquals(-1, firstStuckRound(() -> new LockingArrayQueue<>(2)), "a taker slept beside its element");
        assertEquals(-1, firstStuckRound(LockingPriorityQueue::new), "a taker slept beside its element");
    }

    @Test
    void theControlLeavesTheSecondTakerAsleep() throws InterruptedException {
        assertNotEquals(-1, firstStuckRound(BrokenPassOnTwoLockLinkedQueue::new),
                "the broken queue woke both takers in every round: this test cannot see a lost pass-on");
    }

    @Test
    void theControlThatSignalsOnlyTheFirstPutLeavesTheSecondTakerAsleep() throws InterruptedException {
        assertNotEquals(-1, firstStuckRound(BrokenSignalLockingPriorityQueue::new),
                "the broken queue woke both takers in every round: this test cannot see a put that wakes no one");
    }

    /** Runs the rounds; returns the first whose takers did not both return within the bound, or -1. */
    private static int firstStuckRound(Supplier<BlockingQueue<Integer>> queues) throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            BlockingQueue<Integer> queue = queues.get();
            CountDownLatch taken = new CountDownLatch(2);
            Thread[] takers = new Thread[2];
            for (int i = 0; i < takers.length; i++) {
                takers[i] = new Thread(() -> {
                    try {
                        queue.take();
                        taken.countDown();
                    } catch (InterruptedException e) {
                        // the clean-up of a stuck round
                    }
                }, "taker-" + i);
                takers[i].setDaemon(true); // a failed wait below must not leave it keeping the JVM alive
                takers[i].start();
                awaitParked(takers[i]);
            }
            queue.put(1);
            queue.put(2);
            boolean both = taken.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            for (Thread taker : takers) {
                taker.interrupt();
                taker.join();
            }
            if (!both) {
                assertTrue(queue.size() == 1, () -> "a stuck round left " + queue.size() + " elements, not one");
                return round;
            }
        }
        return -1;
    }
}
