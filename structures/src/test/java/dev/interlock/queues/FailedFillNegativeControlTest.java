/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The negative control for a refund missing on a failure path (issue 14), in {@link MpmcArrayQueue}:
 * a {@code fill} whose supplier throws has claimed a slot, and must give it back by publishing it as
 * skipped. {@link BrokenFailedFillMpmcArrayQueue} does not, and the same steps must find the element
 * offered after the failure stuck behind the slot. No thread waits here: {@code relaxedPoll()} reports
 * a slot that is not published as empty, where {@code poll()} would wait for it for ever.
 * ({@code MpmcArrayQueueTest}'s {@code aConsumerWaitingOnAFailingSupplierIsReleased} shows that wait
 * ending on the real queue.) jcstress's {@code Queues_10_FailedFillSkipsItsSlot.BrokenFailedFill} is
 * the other judge.
 */
@BoundedControl
class FailedFillNegativeControlTest {

    /** A queue's {@code fill}: the real class and its copy share no type. */
    interface Fill {
        int fill(Supplier<Integer> supplier, int limit);
    }

    @Test
    void aFailedFillGivesItsSlotBack() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        assertEquals(7, polledAfterAFailedFill(queue::fill, queue::offer, () -> orMinusOne(queue.relaxedPoll())),
                "the element offered after a failed fill was not polled");
        assertNull(queue.relaxedPoll());
    }

    @Test
    void theControlKeepsTheSlotOfTheFailedFill() {
        BrokenFailedFillMpmcArrayQueue<Integer> queue = new BrokenFailedFillMpmcArrayQueue<>(4);
        assertEquals(-1, polledAfterAFailedFill(queue::fill, queue::offer, () -> orMinusOne(queue.relaxedPoll())),
                "the broken queue passed the failed fill's slot: this test cannot see a slot that is never given back");
    }

    /** A fill whose supplier fails, then an offer of 7; returns what a poll finds (-1: nothing). */
    private static int polledAfterAFailedFill(Fill fill, IntPredicate offer, IntSupplier relaxedPoll) {
        assertThrows(IllegalStateException.class, () -> fill.fill(() -> {
            throw new IllegalStateException("the supplier failed");
        }, 1));
        assertTrue(offer.test(7));
        return relaxedPoll.getAsInt();
    }

    private static int orMinusOne(Integer element) {
        return element == null ? -1 : element;
    }
}
