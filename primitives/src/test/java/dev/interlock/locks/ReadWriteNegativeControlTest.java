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
 * The negative control of the reader-writer family, on the Lincheck side: the options that pass
 * {@link ReadWriteMutex} must reject {@link BrokenOptimisticReadMutex}, whose {@code validate} compares
 * the stamp with a re-read made before the data reads, so that an optimistic read that overlaps a write
 * validates a torn pair. The jcstress side is {@code Locks_08_ValidatedStampNeverTorn.BrokenOptimisticRead}.
 */
public class ReadWriteNegativeControlTest {

    /**
     * The scenario: the operations of {@link ReadWriteMutexLincheckTest}, on the broken lock. Disabled as
     * a JUnit test (its inherited tests would fail); Lincheck runs it below. The locks themselves are
     * correct; only {@code optimisticReadPair} can fail, by returning -1 when a write lands between its
     * two data reads.
     */
    @Disabled("a negative control: ReadWriteNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenOptimisticReadScenario extends ReadWriteLockLincheckBase {

        public BrokenOptimisticReadScenario() {
            super(OptimisticReadWriteLock.of(new BrokenOptimisticReadMutex()));
        }
    }

    @Test
    void modelCheckingCatchesTheTornOptimisticRead() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ReadWriteLockLincheckBase.modelChecking().minimizeFailedScenario(false)
                        .check(BrokenOptimisticReadScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheTornOptimisticRead() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ReadWriteLockLincheckBase.stress().minimizeFailedScenario(false)
                        .check(BrokenOptimisticReadScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
