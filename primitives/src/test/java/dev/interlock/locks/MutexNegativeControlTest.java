/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control of the reentrant-lock family, on the Lincheck side: the options that pass
 * {@link ReentrantMutex} must reject {@link BrokenHoldCountMutex}, whose nested hold is lost so that the
 * inner unlock releases the lock. The jcstress side is {@code Locks_04_NestedHoldCount.BrokenHoldCount}.
 */
public class MutexNegativeControlTest {

    /**
     * The scenario: the operations of {@link ReentrantMutexLincheckTest}, on the broken mutex. Disabled as
     * a JUnit test (its inherited tests would fail); Lincheck runs it below. The lost hold shows at once
     * (the outer unlock of {@code incrementPairNested} finds the lock released and throws), and as two
     * threads inside the critical section when they race.
     */
    @Disabled("a negative control: MutexNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenHoldCountScenario extends ReentrantLockLincheckBase {

        public BrokenHoldCountScenario() {
            super(new BrokenHoldCountMutex(), false);
        }
    }

    @Test
    void modelCheckingCatchesTheLostHold() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenHoldCountScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheLostHold() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.stress().minimizeFailedScenario(false).check(BrokenHoldCountScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
