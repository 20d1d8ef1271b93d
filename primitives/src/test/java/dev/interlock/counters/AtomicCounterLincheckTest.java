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
 * {@link AtomicCounter} is linearizable: every operation of the counter contract, and the
 * read-modify-write methods of its own API, in any mix: the update and accumulate families (whose
 * CAS loops must return the value their own CAS replaced), {@code compareAndExchange}, and the
 * increment and decrement forms. {@code weakCompareAndSetVolatile} is left out: it may fail
 * spuriously, which no sequential specification can mirror.
 */
public class AtomicCounterLincheckTest extends LinearizableCounterLincheckBase {

    public AtomicCounterLincheckTest() {
        super(new AtomicCounter());
    }

    private AtomicCounter atomic() {
        return (AtomicCounter) counter;
    }

    @Operation
    public long incrementAndGet() {
        return atomic().incrementAndGet();
    }

    @Operation
    public long getAndAdd(@Param(gen = LongGen.class, conf = "-2:2") long delta) {
        return atomic().getAndAdd(delta);
    }

    @Operation
    public long getAndSet(@Param(gen = LongGen.class, conf = "0:2") long newValue) {
        return atomic().getAndSet(newValue);
    }

    @Operation
    public boolean compareAndSet(@Param(gen = LongGen.class, conf = "0:2") long expectedValue,
                                 @Param(gen = LongGen.class, conf = "0:2") long newValue) {
        return atomic().compareAndSet(expectedValue, newValue);
    }

    /** The CAS loop of {@link AtomicCounter#updateAndGet}, with a function the specification can mirror. */
    @Operation
    public long updateAndGetDoubling() {
        return atomic().updateAndGet(value -> value * 2);
    }

    /** The CAS loop of {@link AtomicCounter#getAndUpdate}: it must return the value its own CAS replaced. */
    @Operation
    public long getAndUpdateDoubling() {
        return atomic().getAndUpdate(value -> value * 2);
    }

    /** The CAS loop of {@link AtomicCounter#accumulateAndGet}, with a function that often changes nothing. */
    @Operation
    public long accumulateAndGetMax(@Param(gen = LongGen.class, conf = "0:3") long x) {
        return atomic().accumulateAndGet(x, Math::max);
    }

    @Operation
    public long getAndAccumulateSum(@Param(gen = LongGen.class, conf = "-2:2") long x) {
        return atomic().getAndAccumulate(x, Long::sum);
    }

    @Operation
    public long compareAndExchange(@Param(gen = LongGen.class, conf = "0:2") long expectedValue,
                                   @Param(gen = LongGen.class, conf = "0:2") long newValue) {
        return atomic().compareAndExchange(expectedValue, newValue);
    }

    @Operation
    public long addAndGet(@Param(gen = LongGen.class, conf = "-2:2") long delta) {
        return atomic().addAndGet(delta);
    }

    @Operation
    public long getAndIncrement() {
        return atomic().getAndIncrement();
    }

    @Operation
    public long decrementAndGet() {
        return atomic().decrementAndGet();
    }
}
