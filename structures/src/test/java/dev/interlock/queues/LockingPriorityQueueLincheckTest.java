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
 * An unbounded {@link LockingPriorityQueue} ordered by {@link QueueSpec.StablePriority#KEY_ORDER} is
 * linearizable against {@link QueueSpec.StablePriority}: offer, put, poll, peek, isEmpty, size, contains,
 * remove(Object), remainingCapacity and drainTo, under model checking and stress. Of the elements 1 to 3,
 * 2 and 3 tie, so a heap that does not break ties by arrival fails here
 * ({@link PriorityNegativeControlTest}). The bounded queue's full edge is the contract test's.
 */
public class LockingPriorityQueueLincheckTest extends UnboundedBlockingQueueLincheckBase {

    /** Lincheck creates one instance, with a fresh queue, for every scenario. */
    public LockingPriorityQueueLincheckTest() {
        super(new LockingPriorityQueue<>(QueueSpec.StablePriority.KEY_ORDER));
    }

    @Override
    protected Class<? extends QueueSpec> specification() {
        return QueueSpec.StablePriority.class;
    }
}
