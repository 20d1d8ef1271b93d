/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.Queue;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * {@link QueueLincheckBase} plus {@code size()}, for the queues whose size is exact (linearizable):
 * the lock-based queues, and the array queues, whose size is the difference of two indices read
 * consistently. {@code LockFreeLinkedQueue}'s size counts nodes while they change, so it is not
 * linearizable and is not checked here.
 */
public abstract class SizedQueueLincheckBase extends QueueLincheckBase {

    /**
     * Creates the test state around a new queue.
     *
     * @param queue a new, empty queue; bounded ones with capacity {@link #CAPACITY}
     */
    protected SizedQueueLincheckBase(Queue<Integer> queue) {
        super(queue);
    }

    @Operation
    public int size() {
        return queue.size();
    }
}
