/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.concurrent.BlockingQueue;

/**
 * The {@link BlockingQueueContract} for an unbounded {@link LockingPriorityQueue} (the constructor without a
 * capacity) whose comparator ties every pair ({@link LockingPriorityQueueTest#TIES}), so that it is FIFO.
 */
class UnboundedLockingPriorityQueueTest extends BlockingQueueContract {

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new LockingPriorityQueue<>(LockingPriorityQueueTest.TIES);
    }

    @Override
    protected boolean bounded() {
        return false;
    }
}
