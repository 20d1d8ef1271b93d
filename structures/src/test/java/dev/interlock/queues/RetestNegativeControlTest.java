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
import static dev.interlock.testing.Parking.parkedOrEnded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a blocking queue's re-test after a wake-up, and its negative control. A taker
 * parks on an empty queue; the test thread puts one element, which wakes the taker, and at once polls:
 * under a non-fair lock the running thread usually takes the lock, and the element, before the woken
 * taker runs. The taker must then test again and wait again, and take the next element put.
 * {@link BrokenRetestLockingArrayQueue} tests only once, and the same test, with the same rounds, must
 * see its taker return null from the empty queue. Lincheck cannot be the judge: its scenarios do not
 * block in {@code take()}. jcstress is the other one
 * ({@code Queues_09_WokenTakerTestsAgain.BrokenRetest}).
 */
@BoundedControl
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RetestNegativeControlTest {

    /** Rounds per queue; a round tells only when the poll came first, which it usually does. */
    static final int ROUNDS = 200;

    /** How long the woken taker may take to park again, or to return: it needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void aTakerWokenForAnElementAnotherTookWaitsAgain() throws InterruptedException {
        Outcome outcome = firstWrongTake(() -> new LockingArrayQueue<>(4));
        assertEquals(null, outcome.wrong, "a woken taker did not wait again");
        assertTrue(outcome.barged > 0, "the poll never came first: this test saw no race");
    }

    @Test
    void theControlTakesFromTheEmptyQueue() throws InterruptedException {
        Outcome outcome = firstWrongTake(() -> new BrokenRetestLockingArrayQueue<>(4));
        System.out.println("[negative control] " + outcome.wrong + " (" + outcome.barged + " rounds barged)");
        assertNotEquals(null, outcome.wrong, "the broken queue's taker always waited again: this test cannot see a skipped re-test");
    }

    /** The first wrong take (null if none), and how many rounds the poll came first. */
    record Outcome(String wrong, int barged) {
    }

    private static Outcome firstWrongTake(Supplier<BlockingQueue<Integer>> queues) throws InterruptedException {
        int barged = 0;
        for (int round = 0; round < ROUNDS; round++) {
            BlockingQueue<Integer> queue = queues.get();
            AtomicReference<Object> taken = new AtomicReference<>();
            Thread taker = new Thread(() -> {
                try {
                    Integer element = queue.take();
                    taken.set(element == null ? "null" : element);
                } catch (Throwable t) {
                    taken.set(t);
                }
            }, "taker");
            taker.setDaemon(true);
            taker.start();
            awaitParked(taker);
            queue.put(1);
            Integer polled = queue.poll(); // usually barges in ahead of the woken taker
            if (polled == null) {
                taker.join(BOUND_MILLIS);
                if (!Integer.valueOf(1).equals(taken.get())) {
                    return new Outcome("round " + round + ": the taker, woken first, returned " + taken.get(), barged);
                }
                continue;
            }
            barged++;
            Thread.sleep(1); // until it runs, the woken taker still shows as parked from before the put
            if (!parkedOrEnded(taker, TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS))) {
                return new Outcome("round " + round + ": the woken taker neither parked again nor returned", barged);
            }
            queue.put(2);
            taker.join(BOUND_MILLIS);
            if (!Integer.valueOf(2).equals(taken.get())) {
                return new Outcome("round " + round + ": the taker woken for the polled element returned " + taken.get(), barged);
            }
        }
        return new Outcome(null, barged);
    }
}
