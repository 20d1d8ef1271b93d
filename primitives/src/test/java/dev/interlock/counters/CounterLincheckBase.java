/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import dev.interlock.testing.LincheckBudget;
import dev.interlock.testing.ModelCheckingTest;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The Lincheck test base for counters whose {@link Counter#get()} is linearizable at least when every
 * update is an {@link Counter#increment()}: the operations here are exactly those two. Subclasses
 * supply the counter and may declare more operations.
 *
 * <p>Both strategies run, against {@link CounterSpec}:
 * <ul>
 *   <li><b>model checking</b> explores thread switches at every shared-memory access of short scenarios,
 *       under sequential consistency: it finds atomicity bugs, but not a missing {@code volatile};</li>
 *   <li><b>stress</b> runs the same kind of scenarios on real threads.</li>
 * </ul>
 * The budget (iterations × invocations) is the one measured to catch a racy {@code value++} in every
 * run while costing seconds, not minutes ({@code docs/verification.md}, "Lincheck facts");
 * {@code CounterNegativeControlTest} checks that again on {@link BrokenPlainCounter} in every build.
 *
 * <p>Lincheck creates a fresh instance of the concrete subclass, through its public no-argument
 * constructor, for every scenario it runs.
 */
public abstract class CounterLincheckBase {

    /** Model-checking budget: scenarios, and interleavings explored per scenario. */
    static final int MODEL_CHECKING_ITERATIONS = 30;
    static final int MODEL_CHECKING_INVOCATIONS = 1_000;
    /** Stress budget: scenarios, and runs of each on real threads. */
    static final int STRESS_ITERATIONS = 30;
    static final int STRESS_INVOCATIONS = 1_000;
    /** Four-thread model-checking scenarios. */
    static final int FOUR_THREAD_ITERATIONS = 10;

    /** The counter under test. */
    protected final Counter counter;

    /**
     * Creates the test state around a new counter.
     *
     * @param counter a new counter with value zero
     */
    protected CounterLincheckBase(Counter counter) {
        this.counter = counter;
    }

    @Operation
    public void increment() {
        counter.increment();
    }

    @Operation
    public long get() {
        return counter.get();
    }

    /** The model-checking options every counter test uses. */
    static ModelCheckingOptions modelChecking() {
        return LincheckBudget.failHangsFast(new ModelCheckingOptions())
                .iterations(MODEL_CHECKING_ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .sequentialSpecification(CounterSpec.class);
    }

    /** The stress options every counter test uses. */
    static StressOptions stress() {
        return LincheckBudget.failHangsFast(new StressOptions())
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .sequentialSpecification(CounterSpec.class);
    }

    @ModelCheckingTest
    void linearizableUnderModelChecking() {
        modelChecking().iterations(LincheckBudget.scenarios(MODEL_CHECKING_ITERATIONS)).check(getClass());
    }

    @Test
    void linearizableUnderStress() {
        stress().iterations(LincheckBudget.scenarios(STRESS_ITERATIONS)).check(getClass());
    }

    /**
     * Four threads, under model checking. jcstress cannot schedule a test with more actors than the
     * machine has CPUs (its 4-actor tests, {@code Counters_02_LostUpdateFourActors}, run only on 4+
     * CPUs), so on a 2-core machine this is the check that no update is lost, and every read is
     * linearizable, across four threads. Scenarios are shorter, to keep the interleavings tractable.
     */
    @ModelCheckingTest
    void linearizableWithFourThreadsUnderModelChecking() {
        modelChecking()
                .iterations(LincheckBudget.scenarios(FOUR_THREAD_ITERATIONS))
                .threads(4)
                .actorsPerThread(2)
                .check(getClass());
    }
}
