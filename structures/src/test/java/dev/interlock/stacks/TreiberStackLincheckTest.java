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
 * Lincheck for {@link TreiberStack}: {@code push}, {@code pop}, {@code peek}, {@code isEmpty} and
 * {@code size} are linearizable against an unbounded {@link StackSpec}, under model checking and
 * stress. The negative control at the same budget is {@code StackNegativeControlTest}.
 */
public class TreiberStackLincheckTest extends StackLincheckBase {

    /** Lincheck creates a fresh instance, around a new stack, for every scenario. */
    public TreiberStackLincheckTest() {
        super(new TreiberStack<>());
    }

    @Override
    protected Class<? extends StackSpec> specification() {
        return StackSpec.Unbounded.class;
    }
}
