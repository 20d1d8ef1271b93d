/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import java.util.concurrent.locks.Lock;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The Lincheck base for reentrant locks: every operation of {@link LockLincheckBase}, plus one that takes
 * the lock twice and releases it once before the critical section. The outer hold must still exclude
 * every other thread there; a lock that lost the nested hold would let two threads in (and its outer
 * unlock would find the lock already released).
 */
public abstract class ReentrantLockLincheckBase extends LockLincheckBase {

    /**
     * Creates the test state around a new reentrant lock.
     *
     * @param lock a new, unlocked, reentrant lock
     * @param supportsLockInterruptibly whether the lock supports {@link Lock#lockInterruptibly()}
     */
    protected ReentrantLockLincheckBase(Lock lock, boolean supportsLockInterruptibly) {
        super(lock, supportsLockInterruptibly);
    }

    /**
     * Locks twice, unlocks once (the lock must stay held), increments, unlocks.
     *
     * @return the new value, or -1 if the halves differed
     */
    @Operation(blocking = true)
    public long incrementPairNested() {
        lock.lock();
        lock.lock();
        lock.unlock(); // the inner hold: the outer one still excludes everyone else.
        try {
            return incrementUnderLock();
        } finally {
            lock.unlock();
        }
    }
}
