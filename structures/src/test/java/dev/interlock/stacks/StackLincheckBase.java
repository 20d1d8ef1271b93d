/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import dev.interlock.testing.LincheckTestBase;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck test base for every {@link ConcurrentStack}: {@code push}, {@code pop}, {@code peek},
 * {@code isEmpty} and {@code size}, checked against {@link StackSpec}, an {@link java.util.ArrayDeque}
 * used as a stack. Subclasses supply the stack and its specification, and may declare more operations
 * (the blocking stack adds {@code offer} and {@code remainingCapacity}).
 *
 * <p>Every stack here claims an exact, linearizable {@code size}, so {@code size} is an operation of
 * the base. A bounded stack is built with {@link #CAPACITY} 2, so that a scenario of a few operations
 * reaches both the full and the empty edge; a refused {@code push} is reported as {@code "full"}.
 * Elements are 1 to 3, so that duplicates are possible and a lost or duplicated element changes some
 * result.
 *
 * <p>Both strategies run, as {@link LincheckTestBase} runs them: model checking (every thread switch
 * at shared-memory accesses, under
 * sequential consistency) and stress (real threads), with the budgets of the queues. The negative
 * control {@code StackNegativeControlTest} shows in every build that this budget rejects a Treiber
 * stack that swings its head with a plain write. The blocking methods are not operations here: a
 * {@code take} with no {@code push} to match it would block forever, and Lincheck's model checker
 * cannot show lost wake-ups (see {@code docs/verification.md}, "Lincheck facts"); the blocking stack's contract
 * test and jcstress's Termination test cover them.
 *
 * <p>Lincheck creates a fresh instance of the concrete subclass, through its public no-argument
 * constructor, for every scenario it runs.
 */
public abstract class StackLincheckBase extends LincheckTestBase {

    /** The capacity of every bounded stack under Lincheck. */
    public static final int CAPACITY = 2;


    /** The stack under test. */
    protected final ConcurrentStack<Integer> stack;

    /**
     * Creates the test state around a new stack.
     *
     * @param stack a new, empty stack; bounded ones with capacity {@link #CAPACITY}
     */
    protected StackLincheckBase(ConcurrentStack<Integer> stack) {
        this.stack = stack;
    }

    /**
     * @return the sequential specification: {@link StackSpec.Bounded} or {@link StackSpec.Unbounded}
     */
    @Override
    protected abstract Class<? extends StackSpec> specification();

    @Operation
    public String push(@Param(gen = IntGen.class, conf = "1:3") int element) {
        try {
            stack.push(element);
            return "ok";
        } catch (IllegalStateException full) {
            return "full";
        }
    }

    @Operation
    public Integer pop() {
        return stack.pop();
    }

    @Operation
    public Integer peek() {
        return stack.peek();
    }

    @Operation
    public boolean isEmpty() {
        return stack.isEmpty();
    }

    @Operation
    public int size() {
        return stack.size();
    }
}
