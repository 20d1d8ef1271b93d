/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import dev.interlock.testing.LincheckBudget;
import dev.interlock.testing.ModelCheckingTest;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Lincheck for {@link SpscArrayQueue}, under its contract: {@code offer} only from the producer (the
 * non-parallel group {@code "producer"}, so Lincheck never runs two offers concurrently), {@code poll}
 * and {@code peek} only from the consumer (group {@code "consumer"}), and {@code size} and
 * {@code isEmpty}, which any thread may call, unrestricted. It cannot extend {@link QueueLincheckBase},
 * whose operations carry no such restriction. Checked against {@link QueueSpec.Bounded} with capacity
 * {@link QueueLincheckBase#CAPACITY}, by model checking and stress at the budgets of
 * {@link QueueLincheckBase}.
 *
 * <p>Only the three-thread test can catch a torn {@code size} or {@code isEmpty}: with two threads,
 * every observer runs in the producer's or the consumer's thread, where one of the two indices cannot
 * change under it, so any single read of the other index is a consistent snapshot. With three, one
 * thread can observe while the other two move both indices. (Checked by hand, not committed: a
 * {@code size} that reads P before C, and one that reads C then P without re-reading C, are each
 * caught by the three-thread test in under a minute; the two-thread model check misses the first, as
 * it must.)
 */
public class SpscArrayQueueLincheckTest {

    private final SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(QueueLincheckBase.CAPACITY);

    /** Lincheck creates a fresh instance, and so a fresh queue, for every scenario. */
    public SpscArrayQueueLincheckTest() {
    }

    @Operation(nonParallelGroup = "producer")
    public boolean offer(@Param(gen = IntGen.class, conf = "1:3") int element) {
        return queue.offer(element);
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer poll() {
        return queue.poll();
    }

    @Operation(nonParallelGroup = "consumer")
    public Integer peek() {
        return queue.peek();
    }

    @Operation
    public int size() {
        return queue.size();
    }

    @Operation
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @ModelCheckingTest
    void linearizableUnderModelChecking() {
        QueueLincheckBase.modelChecking(QueueSpec.Bounded.class)
                .iterations(LincheckBudget.scenarios(QueueLincheckBase.MODEL_CHECKING_ITERATIONS))
                .check(getClass());
    }

    @Test
    void linearizableUnderStress() {
        QueueLincheckBase.stress(QueueSpec.Bounded.class)
                .iterations(LincheckBudget.scenarios(QueueLincheckBase.STRESS_ITERATIONS))
                .check(getClass());
    }

    /** Three threads under model checking: producer, consumer and an observer. */
    @ModelCheckingTest
    void linearizableWithThreeThreadsUnderModelChecking() {
        QueueLincheckBase.modelChecking(QueueSpec.Bounded.class)
                .iterations(LincheckBudget.scenarios(QueueLincheckBase.THREE_THREAD_ITERATIONS))
                .threads(3)
                .actorsPerThread(2)
                .check(getClass());
    }
}
