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
 * The negative control of the array queues, on the Lincheck side: the same options that pass
 * {@link MpmcArrayQueue} ({@code MpmcArrayQueueLincheckTest}) must reject
 * {@link BrokenEarlySequenceArrayQueue}, whose {@code offer} publishes a slot's sequence before
 * writing its element. If this test fails, the Lincheck budget is too small to prove anything, and the
 * passing array-queue tests mean nothing. The budget is the full one, never divided by
 * {@code LincheckBudget}; scenario minimization is off: a negative control needs the failure, not the
 * smallest failing scenario. The jcstress side is in {@code dev.interlock.stress.queues}.
 */
public class ArrayQueueNegativeControlTest {

    /**
     * The Lincheck scenario class for {@link BrokenEarlySequenceArrayQueue} under model checking: the
     * operations of {@code MpmcArrayQueueLincheckTest}, and no delay in the broken window (the model
     * checker would take the delay loop for a hung thread). It inherits the base's {@code @Test}
     * methods, which would fail on it, so it is disabled as a JUnit test; Lincheck ignores that and runs
     * it below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: ArrayQueueNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenEarlySequenceScenario extends SizedQueueLincheckBase {

        public BrokenEarlySequenceScenario() {
            super(new BrokenEarlySequenceArrayQueue(QueueLincheckBase.CAPACITY, 0));
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Bounded.class;
        }
    }

    /**
     * The same under stress, with real threads: the broken offer spins
     * {@value BrokenEarlySequenceArrayQueue#DELAY_SPINS} times in its window, as a preempted producer
     * would, so that a consumer gets into it.
     */
    @Disabled("a negative control: ArrayQueueNegativeControlTest runs it and expects Lincheck to reject it")
    public static class DelayedBrokenEarlySequenceScenario extends SizedQueueLincheckBase {

        public DelayedBrokenEarlySequenceScenario() {
            super(new BrokenEarlySequenceArrayQueue(QueueLincheckBase.CAPACITY));
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Bounded.class;
        }
    }

    @Test
    void modelCheckingCatchesTheEarlyPublication() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(BrokenEarlySequenceScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheEarlyPublication() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(DelayedBrokenEarlySequenceScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
