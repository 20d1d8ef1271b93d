/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * {@link LockingStack} of capacity {@link #CAPACITY} is linearizable against the bounded
 * {@link StackSpec}: push (refused when full), offer, pop, peek, isEmpty, size and remainingCapacity,
 * under model checking and stress. The blocking methods are not operations (see
 * {@link StackLincheckBase}); {@code BlockingStackContract} tests them.
 */
public class LockingStackLincheckTest extends StackLincheckBase {

    private final LockingStack<Integer> lockingStack;

    /**
     * Lincheck creates one instance, with a fresh stack, for every scenario. (JUnit allows a test class
     * one constructor only, hence the cast rather than a second constructor taking the stack.)
     */
    public LockingStackLincheckTest() {
        super(new LockingStack<>(CAPACITY));
        this.lockingStack = (LockingStack<Integer>) stack;
    }

    @Override
    protected Class<? extends StackSpec> specification() {
        return StackSpec.Bounded.class;
    }

    @Operation
    public boolean offer(@Param(gen = IntGen.class, conf = "1:3") int element) {
        return lockingStack.offer(element);
    }

    @Operation
    public int remainingCapacity() {
        return lockingStack.remainingCapacity();
    }
}
