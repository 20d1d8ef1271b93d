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

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a timed wait that runs out, and its negative control. A thread calls the timed
 * {@code await} on a gate that nobody opens; it returns {@code false} when its time has run out, and it
 * must then no longer be counted as waiting: {@code getQueueLength()} goes back to 0, because the waiter
 * cancelled its node on the way out. {@link BrokenTimeoutEvent} returns without cancelling its node, so
 * the node stays on the stack, still waiting as far as anyone can tell, and the same test must find it
 * counted: {@code getQueueLength()} is 1. Lincheck cannot be the judge (its model checker's clock stands
 * still, so a positive timeout never runs out); jcstress is the other one
 * ({@code Sync_06_TimedOutWaiterIsNotCounted.BrokenTimeout}).
 *
 * <p>No race: the wait runs out with nobody else near the gate, so every run takes the path the bug is
 * on, and the first round catches the control. {@link CountDownLatch}, whose waiters wait at an internal
 * event, runs the same test. (The other harm of the bug, a waiter whose node a {@code set()} released by
 * its CAS just before the timeout reporting a timeout, needs a race of a few nanoseconds; the count shows
 * the same missing cancel every time.) {@link Semaphore} runs it too, in both modes, and a timed-out
 * acquirer must also take no permit later; {@link BrokenTimeoutSemaphore}, fair, leaves its node queued,
 * and the next release grants the permit to a thread that has gone: the permit is lost.
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimeoutNegativeControlTest {

    /** How long each timed wait waits: long enough to park, short enough for many rounds. */
    static final long TIMEOUT_MILLIS = 1;

    /** Rounds of the positive tests. */
    static final int ROUNDS = 20;

    @Test
    void aTimedOutWaiterIsNoLongerCountedAtAnEvent() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Event event = new Event();
            assertFalse(event.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "round " + round + ": nobody set it");
            assertEquals(0, event.getQueueLength(), "round " + round + ": the timed-out waiter is still counted");
        }
    }

    @Test
    void aTimedOutWaiterIsNoLongerCountedAtALatch() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            CountDownLatch latch = new CountDownLatch(1);
            assertFalse(latch.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "round " + round + ": nobody counted down");
            assertEquals(0, latch.getQueueLength(), "round " + round + ": the timed-out waiter is still counted");
        }
    }

    @Test
    void aTimedOutAcquirerLeavesTheQueueAndTakesNoPermitLater() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            Semaphore semaphore = new Semaphore(0, round % 2 == 0);
            assertFalse(semaphore.tryAcquire(1, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "round " + round + ": nobody released");
            assertEquals(0, semaphore.getQueueLength(), "round " + round + ": the timed-out acquirer is still queued");
            semaphore.release();
            assertEquals(1, semaphore.availablePermits(), "round " + round + ": the release went to the timed-out acquirer");
        }
    }

    @Test
    void theSemaphoreControlGrantsAPermitToTheTimedOutAcquirer() throws InterruptedException {
        BrokenTimeoutSemaphore semaphore = new BrokenTimeoutSemaphore(0, true);
        assertFalse(semaphore.tryAcquire(1, TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "nobody released");
        int queued = semaphore.getQueueLength();
        semaphore.release();
        int available = semaphore.availablePermits();
        System.out.println("[negative control] after a timed tryAcquire ran out: " + queued + " acquirer queued;"
                + " after release(): " + available + " permits available");
        assertEquals(1, queued, "the broken semaphore did not keep the timed-out acquirer queued: this test cannot"
                + " see the node that its timeout left behind");
        assertEquals(0, available, "the broken semaphore did not lose the released permit to the departed acquirer");
    }

    @Test
    void theControlCountsTheTimedOutWaiter() throws InterruptedException {
        BrokenTimeoutEvent event = new BrokenTimeoutEvent();
        assertFalse(event.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "nobody set it");
        int counted = event.getQueueLength();
        System.out.println("[negative control] " + counted + " waiter counted after a timed await ran out: " + event);
        assertEquals(1, counted, "the broken event did not count the timed-out waiter: this test cannot see the"
                + " node that its timeout left behind");
    }
}
