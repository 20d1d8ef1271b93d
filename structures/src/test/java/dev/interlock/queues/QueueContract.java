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

/**
 * The contract every queue of {@code dev.interlock.queues} keeps: the {@link Queue} and
 * {@link java.util.Collection} methods, bad input, edges, and coarse concurrent properties (nothing
 * lost or duplicated, each producer's elements in FIFO order). One subclass per queue, which supplies
 * the factory and says which optional behaviours the queue has.
 */
public abstract class QueueContract {

    /**
     * Creates a new, empty queue. A bounded queue holds exactly {@code capacity} elements; the tests
     * pass powers of two of at least 2. An unbounded queue ignores the argument.
     *
     * @param capacity the capacity of a bounded queue
     * @return a new empty queue
     */
    protected abstract Queue<Integer> newQueue(int capacity);

    /** @return whether {@link #newQueue(int)} makes bounded queues */
    protected abstract boolean bounded();

    /**
     * @return whether {@code remove(Object)} and {@code Iterator.remove()} are supported; when not,
     *         both must throw {@link UnsupportedOperationException} and change nothing
     */
    protected boolean supportsRemoval() {
        return true;
    }

    /**
     * @return whether only one thread may offer and one other thread may poll (an SPSC queue); the
     *         concurrent tests then use exactly one producer and one consumer
     */
    protected boolean singleProducerSingleConsumer() {
        return false;
    }
}
