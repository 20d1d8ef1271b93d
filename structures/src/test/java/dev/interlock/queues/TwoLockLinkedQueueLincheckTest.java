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
 * Lincheck for {@link TwoLockLinkedQueue} of capacity {@link #CAPACITY}: offer, poll, peek, isEmpty,
 * size, contains, remove(Object), remainingCapacity and drainTo together, against
 * {@link QueueSpec.Bounded}.
 */
public class TwoLockLinkedQueueLincheckTest extends BlockingQueueLincheckBase {

    /** Lincheck builds a fresh instance, and so a fresh queue, for every scenario. */
    public TwoLockLinkedQueueLincheckTest() {
        super(new TwoLockLinkedQueue<>(CAPACITY));
    }

    @Override
    protected Class<? extends QueueSpec> specification() {
        return QueueSpec.Bounded.class;
    }
}
