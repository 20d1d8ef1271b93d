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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of a waiter that gives up at the head of {@link Semaphore}'s queue, and its negative
 * control. The head asks for 2 permits, the waiter behind it for 1; one permit is released, which the
 * head cannot use and the one behind may not take past it (first in, first out). Then the head is
 * interrupted and gives up: the permit now fits the new head, which must be served within
 * {@value #BOUND_MILLIS} ms (it needs microseconds). {@link BrokenPassOnSemaphore} leaves the queue
 * without serving the new head, and the same test, with the same bound, must find it still waiting
 * beside an available permit. Lincheck cannot be the judge (its scenarios never wait or interrupt).
 *
 * <p>No race: both waiters are parked before the release and the interrupt, so every round runs the path
 * the bug is on, and the control is caught in the first round.
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PassOnNegativeControlTest {

    /** How long the waiter behind may take to be served: the positive runs need microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** Rounds of the positive test, in each mode. */
    static final int ROUNDS = 20;

    /** A semaphore's {@code acquire(n)}: the real class and the copy share no type. */
    interface Acquire {
        void acquire(int n) throws InterruptedException;
    }

    @Test
    void aHeadThatGivesUpPassesItsPlaceOn() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            for (boolean fair : new boolean[] {false, true}) {
                Semaphore semaphore = new Semaphore(0, fair);
                assertTrue(nextServedAfterTheHeadGivesUp(semaphore::acquire, semaphore::release),
                        "round " + round + ", fair = " + fair + ": the waiter behind was not served; " + semaphore);
                assertEquals(0, semaphore.availablePermits());
            }
        }
    }

    @Test
    void theControlLeavesTheNextWaiterBesideAFreePermit() throws InterruptedException {
        BrokenPassOnSemaphore semaphore = new BrokenPassOnSemaphore(0, true);
        boolean served = nextServedAfterTheHeadGivesUp(semaphore::acquire, semaphore::release);
        System.out.println("[negative control] the waiter behind a head that gave up was " + (served ? "" : "not ")
                + "served within " + BOUND_MILLIS + " ms: " + semaphore + ", " + semaphore.getQueueLength() + " queued");
        assertFalse(served, "the broken semaphore served the next waiter: this test cannot see the place not passed on");
    }

    /**
     * Queues a head for 2 permits and a waiter for 1, releases 1, interrupts the head, and returns whether
     * the waiter behind it returned within {@value #BOUND_MILLIS} ms; if not, it is interrupted, to end it.
     */
    private static boolean nextServedAfterTheHeadGivesUp(Acquire semaphore, IntConsumer release)
            throws InterruptedException {
        AtomicBoolean headThrew = new AtomicBoolean();
        AtomicBoolean nextReturned = new AtomicBoolean();
        Thread head = SemaphoreContract.start("head", () -> {
            try {
                semaphore.acquire(2);
            } catch (InterruptedException expected) {
                headThrew.set(true);
            }
        });
        Parking.awaitParked(head);
        Thread next = SemaphoreContract.start("next", () -> {
            try {
                semaphore.acquire(1);
                nextReturned.set(true);
            } catch (InterruptedException cleanUp) {
                // the clean-up below: the broken control's waiter never returns otherwise
            }
        });
        Parking.awaitParked(next);
        release.accept(1);
        head.interrupt();
        SemaphoreContract.assertReturns(head);
        assertTrue(headThrew.get(), "the head, which one permit cannot serve, must give up when interrupted");
        next.join(BOUND_MILLIS);
        boolean served = nextReturned.get();
        next.interrupt();
        next.join();
        return served;
    }
}
