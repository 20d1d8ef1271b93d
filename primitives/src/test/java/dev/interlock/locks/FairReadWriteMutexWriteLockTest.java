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

/**
 * The write lock of a {@link ReadWriteMutex} with the {@link ReadWriteMutex.Policy#FAIR} policy,
 * seen as a plain {@link Lock}, against the
 * {@link LockContract}: with no readers about, it must behave as a reentrant mutex with conditions.
 * The read and write locks together are tested by the {@link ReadWriteLockContract}
 * ({@link FairReadWriteMutexTest}).
 */
class FairReadWriteMutexWriteLockTest extends LockContract {

    @Override
    protected Lock newLock() {
        return new ReadWriteMutex(ReadWriteMutex.Policy.FAIR).writeLock();
    }

    @Override
    protected boolean reentrant() {
        return true;
    }

    @Override
    protected boolean supportsConditions() {
        return true;
    }
}
