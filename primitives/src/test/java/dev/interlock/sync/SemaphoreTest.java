/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

/** {@link Semaphore} against the {@link SemaphoreContract}. */
class SemaphoreTest extends SemaphoreContract {

    @Override
    protected Semaphore newSemaphore(int permits, boolean fair) {
        return new Semaphore(permits, fair);
    }

    @Override
    protected Semaphore newBounded(int permits, boolean fair) {
        return Semaphore.bounded(permits, fair);
    }
}
