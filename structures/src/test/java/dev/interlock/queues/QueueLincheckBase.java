/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import dev.interlock.testing.LincheckTestBase;
import java.util.Queue;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck test base for multi-producer, multi-consumer queues: {@code offer}, {@code poll},
 * {@code peek} and {@code isEmpty}, the operations every queue here makes linearizable, checked
 * against {@link QueueSpec}. Subclasses supply the queue and its specification, and may declare more
 * operations ({@link SizedQueueLincheckBase} adds {@code size}, {@link BlockingQueueLincheckBase}
 * the rest of the lock-based queues' operations).
 *
 * <p>A bounded queue is built with {@link #CAPACITY} 2, so that a scenario of a few operations
 * reaches both the full and the empty edge; elements are 1 to 3, so that duplicates are possible
 * and a lost or duplicated element changes some result.
 *
 * <p>Both strategies run, as {@link LincheckTestBase} runs them: model checking (every thread switch
 * at shared-memory accesses, under
 * sequential consistency) and stress (real threads), with the budgets of the other families. The
 * negative controls show in every build what this budget catches: {@code ArrayQueueNegativeControlTest}
 * a Vyukov queue that publishes a slot's sequence before its element (both strategies), and
 * {@code LinkedQueueNegativeControlTest} a Michael–Scott queue whose tail can move backward (both
 * strategies; stress only with the enqueuer delayed inside the window, as that test explains). The
 * blocking methods are not operations
 * here: a {@code take} with no {@code put} to match it would block forever, and Lincheck's model
 * checker cannot show lost wake-ups (see {@code docs/verification.md}, "Lincheck facts"); the
 * {@link BlockingQueueContract} and jcstress's Termination tests cover them.
 *
 * <p>Lincheck creates a fresh instance of the concrete subclass, through its public no-argument
 * constructor, for every scenario it runs.
 */
public abstract class QueueLincheckBase extends LincheckTestBase {

    /** The capacity of every bounded queue under Lincheck. */
    public static final int CAPACITY = 2;


    /** The queue under test. */
    protected final Queue<Integer> queue;

    /**
     * Creates the test state around a new queue.
     *
     * @param queue a new, empty queue; bounded ones with capacity {@link #CAPACITY}
     */
    protected QueueLincheckBase(Queue<Integer> queue) {
        this.queue = queue;
    }

    /**
     * @return the sequential specification: {@link QueueSpec.Bounded} or {@link QueueSpec.Unbounded}
     */
    @Override
    protected abstract Class<? extends QueueSpec> specification();

    @Operation
    public boolean offer(@Param(gen = IntGen.class, conf = "1:3") int element) {
        return queue.offer(element);
    }

    @Operation
    public Integer poll() {
        return queue.poll();
    }

    @Operation
    public Integer peek() {
        return queue.peek();
    }

    @Operation
    public boolean isEmpty() {
        return queue.isEmpty();
    }
}
