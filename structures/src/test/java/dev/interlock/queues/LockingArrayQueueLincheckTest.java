/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

/**
 * {@link LockingArrayQueue} of capacity {@link #CAPACITY} is linearizable against the bounded
 * {@link QueueSpec}: offer, poll, peek, isEmpty, size, contains, remove(Object), remainingCapacity
 * and drainTo, under model checking and stress.
 */
public class LockingArrayQueueLincheckTest extends BlockingQueueLincheckBase {

    /** Lincheck creates one instance, with a fresh queue, for every scenario. */
    public LockingArrayQueueLincheckTest() {
        super(new LockingArrayQueue<>(CAPACITY));
    }

    @Override
    protected Class<? extends QueueSpec> specification() {
        return QueueSpec.Bounded.class;
    }
}
