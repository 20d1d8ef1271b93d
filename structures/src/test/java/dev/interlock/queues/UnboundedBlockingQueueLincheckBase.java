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
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * {@link BlockingQueueLincheckBase} plus {@code put}, for unbounded queues, whose {@code put} never waits
 * and so can be an operation. It also makes insertions two operations in ten rather than one in nine,
 * which is what lets a scenario fill a priority queue deep enough to show an unstable heap: with
 * {@code offer} alone, neither strategy caught {@code PriorityNegativeControlTest}'s broken queue in four
 * runs; with {@code put} too, stress caught it in 4 of 4 and model checking in 2 of 2.
 */
public abstract class UnboundedBlockingQueueLincheckBase extends BlockingQueueLincheckBase {

    private final BlockingQueue<Integer> unboundedQueue;

    /**
     * Creates the test state around a new queue.
     *
     * @param queue a new, empty, unbounded queue
     */
    protected UnboundedBlockingQueueLincheckBase(BlockingQueue<Integer> queue) {
        super(queue);
        this.unboundedQueue = queue;
    }

    @Operation
    public void put(@Param(gen = IntGen.class, conf = "1:3") int element) throws InterruptedException {
        unboundedQueue.put(element);
    }
}
