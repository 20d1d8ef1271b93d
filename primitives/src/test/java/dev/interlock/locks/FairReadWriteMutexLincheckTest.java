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
 * A plain pair guarded by a {@link ReadWriteMutex.Policy#FAIR} {@link ReadWriteMutex} is linearizable,
 * under model checking and stress.
 *
 * <p>The lock is built with no spin before queueing (a package-private constructor), so that every
 * blocked acquisition queues at once: with the default spin, the model checker always lets the holder
 * release first, and the queue and the policies' admission rules would never be explored.
 */
public class FairReadWriteMutexLincheckTest extends ReadWriteLockLincheckBase {

    public FairReadWriteMutexLincheckTest() {
        super(OptimisticReadWriteLock.of(new ReadWriteMutex(ReadWriteMutex.Policy.FAIR, 0)));
    }
}
