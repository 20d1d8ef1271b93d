/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control for the off-by-one kind of bug in the stacks (issue 14):
 * {@link BrokenCapacityLockingStack}, today's {@link LockingStack} with an {@code offer} that refuses the
 * last free slot, must be rejected by Lincheck with the operations, specification and options that pass
 * the real stack ({@link LockingStackLincheckTest}), under model checking and under stress. jcstress's
 * {@code Stacks_01_NothingLostOrDuplicated.BrokenCapacity} is the other judge.
 */
public class StackCapacityNegativeControlTest {

    /**
     * The scenario class: {@code LockingStackLincheckTest}'s operations, on the broken stack. It inherits
     * the base's {@code @Test} methods, which would fail on it, so it is disabled as a JUnit test; Lincheck
     * ignores that and runs it below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: StackCapacityNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenCapacityScenario extends StackLincheckBase {

        private final BrokenCapacityLockingStack<Integer> brokenStack;

        public BrokenCapacityScenario() {
            super(new BrokenCapacityLockingStack<>(CAPACITY));
            this.brokenStack = (BrokenCapacityLockingStack<Integer>) stack;
        }

        @Override
        protected Class<? extends StackSpec> specification() {
            return StackSpec.Bounded.class;
        }

        @Operation
        public boolean offer(@Param(gen = IntGen.class, conf = "1:3") int element) {
            return brokenStack.offer(element);
        }

        @Operation
        public int remainingCapacity() {
            return brokenStack.remainingCapacity();
        }
    }

    @Test
    void modelCheckingCatchesTheRefusedLastSlot() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.modelChecking(StackSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheRefusedLastSlot() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.stress(StackSpec.Bounded.class).minimizeFailedScenario(false)
                        .check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
