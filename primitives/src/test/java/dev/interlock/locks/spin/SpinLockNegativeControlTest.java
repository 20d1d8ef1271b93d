/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks.spin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.locks.LockLincheckBase;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control of the spin-lock family, on the Lincheck side: the same options that pass every
 * real lock must reject {@link BrokenTtasLock}, whose test-and-set is a read followed by a plain write,
 * and {@link BrokenLateOwnerBackoffLock}, whose unlock releases the lock before it clears the owner.
 * If this test fails, the Lincheck budget of {@link LockLincheckBase} is too small to prove anything,
 * and the passing lock tests mean nothing. Scenario minimization is off: a negative control needs the
 * failure, not the smallest failing scenario. The jcstress side is the {@code Broken} variant of the
 * {@code dev.interlock.stress.locks} tests in stress-tests.
 */
public class SpinLockNegativeControlTest {

    /**
     * The Lincheck scenario class for {@link BrokenTtasLock}: the operations of every lock test. It
     * inherits the base's {@code @Test} methods, which would fail on it, so it is disabled as a JUnit
     * test; Lincheck ignores that and runs it below. Public, because Lincheck instantiates it
     * reflectively.
     */
    @Disabled("a negative control: SpinLockNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenTtasLockScenario extends LockLincheckBase {

        public BrokenTtasLockScenario() {
            super(new BrokenTtasLock(), true);
        }
    }

    /**
     * {@code BackoffLockLincheckTest}'s lock, with its tiny backoff bounds, as {@link BrokenLateOwnerBackoffLock},
     * which releases the lock before it clears the owner.
     */
    @Disabled("a negative control: SpinLockNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenLateOwnerScenario extends LockLincheckBase {

        public BrokenLateOwnerScenario() {
            super(new BrokenLateOwnerBackoffLock(1, 4, TimeUnit.NANOSECONDS), true);
        }
    }

    @Test
    void modelCheckingCatchesTheErasedOwner() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenLateOwnerScenario.class));
        assertTrue(refusedUnlock(error), error::getMessage);
    }

    @Test
    void stressCatchesTheErasedOwner() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.stress().minimizeFailedScenario(false).check(BrokenLateOwnerScenario.class));
        assertTrue(refusedUnlock(error), error::getMessage);
    }

    /**
     * The erased owner's unlock is refused, so the scenario shows a wrong result, or, as the lock stays
     * held, a hang, which {@code LincheckBudget.failHangsFast} reports within seconds.
     */
    private static boolean refusedUnlock(LincheckAssertionError error) {
        return error.getMessage().contains("Invalid execution results") || error.getMessage().contains("The execution has hung");
    }

    @Test
    void modelCheckingCatchesTwoThreadsInside() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenTtasLockScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTwoThreadsInside() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LockLincheckBase.stress().minimizeFailedScenario(false).check(BrokenTtasLockScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
