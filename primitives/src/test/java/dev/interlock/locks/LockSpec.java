/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

/**
 * The sequential specification of {@link LockLincheckBase} for Lincheck: the same pair of
 * {@code long}s with no lock at all, one method per operation (Lincheck matches them by name and
 * signature). Sequentially, the halves are always equal, so no method ever returns -1.
 */
public final class LockSpec {

    private long first;
    private long second;

    /** Lincheck creates a fresh specification for every scenario. */
    public LockSpec() {
    }

    public long incrementPair() {
        first++;
        second++;
        return first == second ? first : -1L;
    }

    public long readPair() {
        return first == second ? first : -1L;
    }

    public long incrementPairWithTryLock() {
        return incrementPair();
    }

    public long incrementPairInterruptibly() {
        return incrementPair();
    }

    /** For reentrant locks: the same increment, made while holding the lock twice then once. */
    public long incrementPairNested() {
        return incrementPair();
    }
}
