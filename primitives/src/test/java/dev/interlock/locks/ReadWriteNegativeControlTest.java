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

import dev.interlock.locks.ReadWriteLockLincheckBase.OptimisticReadWriteLock;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control of the reader-writer family, on the Lincheck side: the options that pass
 * {@link ReadWriteMutex} must reject {@link BrokenOptimisticReadMutex}, whose {@code validate} compares
 * the stamp with a re-read made before the data reads, so that an optimistic read that overlaps a write
 * validates a torn pair, and {@link BrokenGiveUpReadWriteMutex}, today's lock generated with a read
 * acquisition that ignores its CAS's result, so that a writer can enter beside an uncounted reader. The
 * jcstress side is {@code Locks_08_ValidatedStampNeverTorn.BrokenOptimisticRead} and
 * {@code Locks_12_EveryReadHoldCounted.BrokenGiveUp}.
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
            super(view(new BrokenOptimisticReadMutex()));
        }
    }

    /**
     * The same operations on {@link BrokenGiveUpReadWriteMutex}, built as {@link ReadWriteMutexLincheckTest}
     * builds the real lock (writer-preferring, no spin). A reader that lost its CAS reads a pair a writer
     * may be changing, or gives back a hold it never counted.
     */
    @Disabled("a negative control: ReadWriteNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenGiveUpScenario extends ReadWriteLockLincheckBase {

        public BrokenGiveUpScenario() {
            super(view(new BrokenGiveUpReadWriteMutex(BrokenGiveUpReadWriteMutex.Policy.WRITER_PREFERRING, 0)));
        }
    }

    private static OptimisticReadWriteLock view(BrokenOptimisticReadMutex lock) {
        return OptimisticReadWriteLock.of(lock, lock::tryOptimisticRead, lock::validate);
    }

    private static OptimisticReadWriteLock view(BrokenGiveUpReadWriteMutex lock) {
        return OptimisticReadWriteLock.of(lock, lock::tryOptimisticRead, lock::validate);
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

    @Test
    void modelCheckingCatchesTheUncountedReader() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ReadWriteLockLincheckBase.modelChecking().minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(invalidOrHung(error.getMessage()), error::getMessage);
    }

    @Test
    void stressCatchesTheUncountedReader() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ReadWriteLockLincheckBase.stress().minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(invalidOrHung(error.getMessage()), error::getMessage);
    }

    /**
     * How the uncounted reader shows: a result no sequential order explains (a torn pair), or a hang,
     * which is the more common. The loser's release takes a hold that was never counted from the state,
     * which underflows into the write sequence: a writer then waits for ever, or an unlock throws.
     */
    private static boolean invalidOrHung(String message) {
        return message.contains("Invalid execution results") || message.contains("The execution has hung");
    }
}
