/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

/**
 * Lincheck for {@link EliminationBackoffStack}: {@code push}, {@code pop}, {@code peek},
 * {@code isEmpty} and {@code size} are linearizable against an unbounded {@link StackSpec}, under
 * model checking and stress.
 *
 * <p>The stack under test is built to eliminate first: every operation visits the elimination array
 * (one exchanger, so that visitors meet) before it tries the stack. A default stack goes to the array
 * only after a failed compare-and-set, which a scenario of a few operations seldom produces, so most
 * scenarios would check only the Treiber stack underneath. Eliminating first puts the exchanges, and
 * their linearization points (a push and a pop taking effect together at the exchanger's matching
 * CAS), into every scenario, alongside the paths through the stack. A visit waits a few spins, which
 * the model checker explores as it explores any other shared-memory access.
 */
public class EliminationBackoffStackLincheckTest extends StackLincheckBase {

    /** Lincheck creates a fresh instance, around a new stack, for every scenario. */
    public EliminationBackoffStackLincheckTest() {
        super(new EliminationBackoffStack<>(1, 4, true));
    }

    @Override
    protected Class<? extends StackSpec> specification() {
        return StackSpec.Unbounded.class;
    }
}
