/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * The bounded test of the read-write lock's read-hold limit, and its negative control. A thread takes
 * 65,535 read holds, the most the state's 16 read bits count, then one
 * more, which must be refused with an {@link Error} and change nothing. {@link BrokenLimitReadWriteMutex}
 * compares the count with the limit plus one, and the same test must see the extra hold carry into the
 * write bit. Lincheck cannot be the judge: its scenarios of a few operations never come near the limit.
 * jcstress is the other one ({@code Locks_15_LastReadHold.BrokenLimit}, two readers racing for the last
 * hold). ReadWriteMutexTest checks the limit on every acquisition method and in each policy.
 */
@BoundedControl
class ReadHoldLimitNegativeControlTest {

    /** The outcome of the real lock: the extra hold refused, the count and the write bit untouched. */
    static final String REFUSED = "refused; 65535 read holds; not write-locked";

    @Test
    void theHoldPastTheLimitIsRefusedAndChangesNothing() {
        ReadWriteMutex lock = new ReadWriteMutex();
        assertEquals(REFUSED, oneHoldTooMany(lock, lock::getReadLockCount, lock::isWriteLocked));
    }

    @Test
    void theControlCarriesTheHoldIntoTheWriteBit() {
        BrokenLimitReadWriteMutex lock = new BrokenLimitReadWriteMutex();
        String outcome = oneHoldTooMany(lock, lock::getReadLockCount, lock::isWriteLocked);
        System.out.println("[negative control] " + outcome);
        assertEquals("taken; 0 read holds; write-locked", outcome,
                "the broken lock did not carry the extra hold into the write bit: this test cannot see the off-by-one");
    }

    /** Takes the limit's read holds and one more; returns what the extra one did, then releases every hold taken. */
    private static String oneHoldTooMany(ReadWriteLock lock, IntSupplier readLockCount, BooleanSupplier writeLocked) {
        for (int hold = 0; hold < ReadWriteMutex.MAX_READ_HOLDS; hold++) {
            lock.readLock().lock();
        }
        boolean taken;
        try {
            lock.readLock().lock();
            taken = true;
        } catch (Error refused) {
            if (!String.valueOf(refused.getMessage()).startsWith("Maximum lock count exceeded")) {
                throw refused;
            }
            taken = false;
        }
        String outcome = (taken ? "taken" : "refused") + "; " + readLockCount.getAsInt() + " read holds; "
                + (writeLocked.getAsBoolean() ? "write-locked" : "not write-locked");
        for (int hold = taken ? -1 : 0; hold < ReadWriteMutex.MAX_READ_HOLDS; hold++) {
            lock.readLock().unlock();
        }
        return outcome;
    }
}
