/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control for the skipped-check kind of bug in the priority queue (issue 14):
 * {@link BrokenStabilityLockingPriorityQueue}, today's {@link LockingPriorityQueue} ordering by the
 * comparator alone, without the tie-break on arrival, must be rejected by Lincheck with the very options
 * and scenario class that pass the real queue ({@link LockingPriorityQueueLincheckTest}'s base and
 * specification), under model checking and under stress. jcstress's
 * {@code Queues_11_EqualsLeaveInArrivalOrder.BrokenStability} is the other judge.
 */
public class PriorityNegativeControlTest {

    /**
     * The scenario class: {@code LockingPriorityQueueLincheckTest}'s, on the broken queue. It inherits the
     * base's {@code @Test} methods, which would fail on it, so it is disabled as a JUnit test; Lincheck
     * ignores that and runs it below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: PriorityNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenStabilityScenario extends UnboundedBlockingQueueLincheckBase {

        public BrokenStabilityScenario() {
            super(new BrokenStabilityLockingPriorityQueue<>(QueueSpec.StablePriority.KEY_ORDER));
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.StablePriority.class;
        }
    }

    @Test
    void modelCheckingCatchesEqualsOutOfArrivalOrder() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.StablePriority.class).minimizeFailedScenario(false)
                        .check(BrokenStabilityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesEqualsOutOfArrivalOrder() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.StablePriority.class).minimizeFailedScenario(false)
                        .check(BrokenStabilityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
