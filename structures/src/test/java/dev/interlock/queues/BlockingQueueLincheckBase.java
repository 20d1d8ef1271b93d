/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * {@link SizedQueueLincheckBase} plus the operations that the lock-based blocking queues make
 * linearizable under their locks: {@code contains}, {@code remove(Object)}, {@code remainingCapacity}
 * and {@code drainTo} (here of at most two elements, reported as a string).
 */
public abstract class BlockingQueueLincheckBase extends SizedQueueLincheckBase {

    private final BlockingQueue<Integer> blockingQueue;

    /**
     * Creates the test state around a new queue.
     *
     * @param queue a new, empty queue; bounded ones with capacity {@link #CAPACITY}
     */
    protected BlockingQueueLincheckBase(BlockingQueue<Integer> queue) {
        super(queue);
        this.blockingQueue = queue;
    }

    @Operation
    public boolean contains(@Param(gen = IntGen.class, conf = "1:3") int element) {
        return queue.contains(element);
    }

    @Operation
    public boolean remove(@Param(gen = IntGen.class, conf = "1:3") int element) {
        return queue.remove(element);
    }

    @Operation
    public int remainingCapacity() {
        return blockingQueue.remainingCapacity();
    }

    @Operation
    public String drainTwo() {
        List<Integer> drained = new ArrayList<>();
        blockingQueue.drainTo(drained, 2);
        StringBuilder result = new StringBuilder();
        for (Integer element : drained) {
            result.append(element).append(';');
        }
        return result.toString();
    }
}
