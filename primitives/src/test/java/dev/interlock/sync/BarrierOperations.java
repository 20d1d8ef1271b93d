/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * The Lincheck operations of a barrier; {@link BarrierLincheckTest} runs them on {@link Barrier}. A barrier
 * is linearizable against {@link BarrierSpec}: a barrier of {@value BarrierSpec#PARTIES}
 * parties, arrivals with a timeout of zero, {@code reset()}, {@code abort()}, {@code isBroken()} and
 * {@code getNumberWaiting()}, in any mix, under model checking and stress. Concurrent arrivals, resets and aborts must each take effect at one instant: an arrival breaks
 * the barrier or is refused, never counted and left behind.
 *
 * <p>No operation waits, so no generation trips here: Lincheck's model checker cannot finish a wait, and
 * its clock stands still (see {@code docs/verification.md}, "Lincheck facts"). The trip, the action and
 * the waiting paths are checked by {@link BarrierTest} and the jcstress tests. The operations reach the
 * barrier through {@link Handles}, so that {@code SyncNegativeControlTest} runs them on a broken copy,
 * which shares no type with it; this class declares no test, so that scenario inherits none.
 */
public abstract class BarrierOperations {

    /** A zero-timeout {@code await} of one barrier. */
    interface ZeroTimeoutAwait {
        int await() throws InterruptedException, BrokenBarrierException, TimeoutException;
    }

    /** One barrier's methods, by reference. */
    record Handles(ZeroTimeoutAwait await, Runnable reset, Runnable abort, BooleanSupplier isBroken,
            IntSupplier numberWaiting) {
    }

    private final Handles barrier;

    /** @param barrier the methods of a barrier of {@value BarrierSpec#PARTIES} parties */
    protected BarrierOperations(Handles barrier) {
        this.barrier = barrier;
    }

    /** An arrival that may not wait: its index, or {@link BarrierSpec#TIMED_OUT} or {@link BarrierSpec#BROKEN}. */
    @Operation
    public int awaitWithoutWaiting() throws InterruptedException {
        try {
            return barrier.await().await();
        } catch (TimeoutException timedOut) {
            return BarrierSpec.TIMED_OUT;
        } catch (BrokenBarrierException broken) {
            return BarrierSpec.BROKEN;
        }
    }

    @Operation
    public void reset() {
        barrier.reset().run();
    }

    @Operation
    public void abort() {
        barrier.abort().run();
    }

    @Operation
    public boolean isBroken() {
        return barrier.isBroken().getAsBoolean();
    }

    @Operation
    public int getNumberWaiting() {
        return barrier.numberWaiting().getAsInt();
    }
}
