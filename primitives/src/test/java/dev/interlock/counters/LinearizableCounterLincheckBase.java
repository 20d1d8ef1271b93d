/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import org.jetbrains.lincheck.datastructures.LongGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * The Lincheck test base for fully linearizable counters: increments, decrements, arbitrary adds and
 * reads, in any mix.
 */
public abstract class LinearizableCounterLincheckBase extends CounterLincheckBase {

    /**
     * Creates the test state around a new counter.
     *
     * @param counter a new counter with value zero
     */
    protected LinearizableCounterLincheckBase(Counter counter) {
        super(counter);
    }

    @Operation
    public void decrement() {
        counter.decrement();
    }

    @Operation
    public void add(@Param(gen = LongGen.class, conf = "-3:3") long delta) {
        counter.add(delta);
    }
}
