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
 * The {@link BlockingQueue} contract, and every queue-specific test of {@link LockingArrayQueueTest},
 * for a fair {@link LockingArrayQueue}.
 */
public class FairLockingArrayQueueTest extends LockingArrayQueueTest {

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new LockingArrayQueue<>(capacity, true);
    }

    @Override
    protected <E> LockingArrayQueue<E> newSpecificQueue(int capacity) {
        return new LockingArrayQueue<>(capacity, true);
    }
}
