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
 * The negative control for the off-by-one kind of bug (issue 14): {@link BrokenCapacityLockingArrayQueue},
 * today's {@link LockingArrayQueue} with an {@code offer} that refuses the last free slot, must be
 * rejected by Lincheck with the very options and scenario class that pass the real queue
 * ({@link LockingArrayQueueLincheckTest}'s base and specification), under model checking and under
 * stress. jcstress's {@code Queues_04_FullEdge.BrokenCapacity} is the other judge.
 */
public class CapacityNegativeControlTest {

    /**
     * The scenario class: {@code LockingArrayQueueLincheckTest}'s, on the broken queue. It inherits the
     * base's {@code @Test} methods, which would fail on it, so it is disabled as a JUnit test; Lincheck
     * ignores that and runs it below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: CapacityNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenCapacityScenario extends BlockingQueueLincheckBase {

        public BrokenCapacityScenario() {
            super(new BrokenCapacityLockingArrayQueue<>(CAPACITY));
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Bounded.class;
        }
    }

    @Test
    void modelCheckingCatchesTheRefusedLastSlot() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheRefusedLastSlot() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
