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
 * The {@link BlockingQueue} contract, on top of {@link QueueContract}: blocking and timed insertion
 * and removal, interrupts and timeouts that neither lose nor duplicate an element, remaining
 * capacity, {@code drainTo}, and a {@link java.util.concurrent.ThreadPoolExecutor} that runs
 * thousands of tasks through the queue, each exactly once.
 */
public abstract class BlockingQueueContract extends QueueContract {

    @Override
    protected abstract BlockingQueue<Integer> newQueue(int capacity);
}
