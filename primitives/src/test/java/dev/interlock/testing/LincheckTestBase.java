/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The three Lincheck runs that a data structure's Lincheck test base makes, at one budget, against
 * the sequential specification its subclass names: model checking and stress with two threads, and
 * model checking with three threads and shorter scenarios. A family's base (queues, stacks) extends
 * this class and declares the {@code @Operation}s; each concrete subclass supplies the object under
 * test and its specification. The positive runs take {@link LincheckBudget#scenarios(int)} of the
 * full budget; negative controls call {@link #modelChecking(Class)} and {@link #stress(Class)}
 * themselves, at the full budget.
 *
 * <p>Lincheck creates a fresh instance of the concrete subclass (or of {@link #operations()}), through
 * its public no-argument constructor, for every scenario it runs.
 */
public abstract class LincheckTestBase {

    /** Scenarios (iterations) under model checking, at the full budget. */
    public static final int MODEL_CHECKING_ITERATIONS = 30;
    /** Interleavings explored per scenario under model checking. */
    public static final int MODEL_CHECKING_INVOCATIONS = 1_000;
    /** Scenarios under stress, at the full budget. */
    public static final int STRESS_ITERATIONS = 30;
    /** Runs per scenario under stress. */
    public static final int STRESS_INVOCATIONS = 1_000;
    /** Scenarios of the three-thread model-checking run, at the full budget. */
    public static final int THREE_THREAD_ITERATIONS = 10;

    /**
     * @return the sequential specification: a class with a public no-argument constructor and a
     *         method of the same name and signature for each operation
     */
    protected abstract Class<?> specification();

    /**
     * @return the class that declares the operations: this test's own, unless its operations are shared
     *         with a negative control's scenario, which must not inherit these tests
     */
    protected Class<?> operations() {
        return getClass();
    }

    /**
     * The model-checking options for a specification.
     *
     * @param specification the sequential specification
     * @return the options, at the full budget
     */
    public static ModelCheckingOptions modelChecking(Class<?> specification) {
        return LincheckBudget.failHangsFast(new ModelCheckingOptions())
                .iterations(MODEL_CHECKING_ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .sequentialSpecification(specification);
    }

    /**
     * The stress options for a specification.
     *
     * @param specification the sequential specification
     * @return the options, at the full budget
     */
    public static StressOptions stress(Class<?> specification) {
        return LincheckBudget.failHangsFast(new StressOptions())
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .sequentialSpecification(specification);
    }

    @ModelCheckingTest
    void linearizableUnderModelChecking() {
        modelChecking(specification()).iterations(LincheckBudget.scenarios(MODEL_CHECKING_ITERATIONS))
                .check(operations());
    }

    @Test
    void linearizableUnderStress() {
        stress(specification()).iterations(LincheckBudget.scenarios(STRESS_ITERATIONS)).check(operations());
    }

    /** Three threads under model checking, with shorter scenarios to keep the interleavings tractable. */
    @ModelCheckingTest
    void linearizableWithThreeThreadsUnderModelChecking() {
        modelChecking(specification())
                .iterations(LincheckBudget.scenarios(THREE_THREAD_ITERATIONS))
                .threads(3)
                .actorsPerThread(2)
                .check(operations());
    }
}
