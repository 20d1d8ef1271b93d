/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import dev.interlock.testing.Parking;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a release that comes before an interrupt, and its negative control. A waiter
 * parks at a closed gate; then the test thread releases the gate and, at once, interrupts the waiter.
 * The release came first, so the waiter must return normally, with its interrupt status set (Event's
 * javadoc): when it wakes and finds itself interrupted, its cancelling CAS on its node fails, because
 * the release's CAS made the node released, and that failure is what tells it so.
 * {@link BrokenInterruptEvent} ignores the result of that CAS and throws {@link InterruptedException}
 * whenever it finds itself interrupted, and the same test must see it throw. Lincheck cannot be the
 * judge (it never interrupts its threads); jcstress is the other one
 * ({@code Sync_07_ReleaseBeforeInterruptWins.BrokenInterrupt}).
 *
 * <p>The waiter reads its interrupt status only after the interrupt was sent, so the real gates' outcome
 * is the same however the two threads run: {@code returned, status true}. The control's outcome depends
 * on who is first after the release: if the waiter wakes and finds its node released before the
 * interrupt reaches it, it returns normally, as the real event does. The test thread's interrupt follows
 * the release at once, and usually beats the waiter's wake-up: the control threw in 1,766 of 2,000
 * rounds (JDK 17, 2 cores, beside a jcstress run). So the control runs up to {@value #ROUNDS} rounds and
 * must throw in at least one, and in each round it must do one or the other.
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InterruptNegativeControlTest {

    /** How long a released waiter may take to return: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** Rounds of the positive tests, and the most the control may take to throw once. */
    static final int ROUNDS = 20;

    /** The outcome of a released untimed waiter, as the real gates must end every round. */
    static final String RELEASED_THEN_INTERRUPTED = "returned, status true";

    /** The control's outcome when the bug shows: it threw, and the interrupt status went with it. */
    static final String THREW = "InterruptedException, status false";

    /** One wait at a gate: the real classes and the copy share no type. */
    interface Wait {
        /**
         * Waits.
         *
         * @return {@code returned} for the untimed {@code await()}, or what the timed one returned
         * @throws InterruptedException as the wait throws it
         */
        String run() throws InterruptedException;
    }

    @Test
    void aReleaseBeforeAnInterruptWinsAtAnEvent() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Event event = new Event();
            assertEquals(RELEASED_THEN_INTERRUPTED, releaseThenInterrupt(() -> {
                event.await();
                return "returned";
            }, event::set), "round " + round);
            assertEquals(0, event.getQueueLength(), "round " + round);
            Event timed = new Event();
            assertEquals("true, status true", releaseThenInterrupt(
                    () -> String.valueOf(timed.await(1, TimeUnit.HOURS)), timed::set), "round " + round + ", timed");
            assertEquals(0, timed.getQueueLength(), "round " + round + ", timed");
        }
    }

    @Test
    void aReleaseBeforeAnInterruptWinsAtALatch() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch latch = new CountDownLatch(1);
            assertEquals(RELEASED_THEN_INTERRUPTED, releaseThenInterrupt(() -> {
                latch.await();
                return "returned";
            }, latch::countDown), "round " + round);
            assertEquals(0, latch.getQueueLength(), "round " + round);
            CountDownLatch timed = new CountDownLatch(1);
            assertEquals("true, status true", releaseThenInterrupt(
                    () -> String.valueOf(timed.await(1, TimeUnit.HOURS)), timed::countDown), "round " + round + ", timed");
            assertEquals(0, timed.getQueueLength(), "round " + round + ", timed");
        }
    }

    @Test
    void theControlThrowsThoughTheReleaseCameFirst() throws InterruptedException {
        int round = 0;
        String outcome = null;
        while (round < ROUNDS && !THREW.equals(outcome)) {
            BrokenInterruptEvent event = new BrokenInterruptEvent();
            outcome = releaseThenInterrupt(() -> {
                event.await();
                return "returned";
            }, event::set);
            assertTrue(THREW.equals(outcome) || RELEASED_THEN_INTERRUPTED.equals(outcome), "round " + round + ": "
                    + outcome);
            round++;
        }
        System.out.println("[negative control] the released waiter of the broken event: " + outcome + " (round "
                + (round - 1) + " of " + ROUNDS + ")");
        assertEquals(THREW, outcome, "the broken event's released waiter never threw in " + ROUNDS
                + " rounds: this test cannot see the skipped check");
    }

    /**
     * Starts a waiter, waits until it is parked, then releases the gate and interrupts the waiter at once;
     * returns how the waiter's wait ended and its interrupt status, read after the interrupt was sent.
     */
    private static String releaseThenInterrupt(Wait wait, Runnable release) throws InterruptedException {
        AtomicBoolean interruptSent = new AtomicBoolean();
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            String result;
            try {
                result = wait.run();
            } catch (InterruptedException e) {
                result = "InterruptedException";
            }
            while (!interruptSent.get()) {
                Thread.onSpinWait();
            }
            outcome.set(result + ", status " + Thread.currentThread().isInterrupted());
        }, "released-waiter");
        waiter.setDaemon(true); // a failed wait must not keep the JVM alive
        waiter.start();
        Parking.awaitParkedEitherWay(waiter); // its node is pushed: the release must reach it
        release.run();
        waiter.interrupt();
        interruptSent.set(true);
        waiter.join(BOUND_MILLIS);
        assertFalse(waiter.isAlive(), "the released waiter did not return in " + BOUND_MILLIS + " ms");
        return outcome.get();
    }
}
