/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import dev.interlock.testing.LincheckTestBase;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * A bounded {@link Semaphore} is linearizable against {@link SemaphoreSpec}, an int with a bound:
 * {@code tryAcquire(n)}, {@code release(n)} (refused above the bound), {@code availablePermits()} and
 * {@code drainPermits()}, in any mix, as {@link LincheckTestBase} runs them (model checking and stress):
 * non-fair in {@link SemaphoreLincheckTest}, fair in {@link FairSemaphoreLincheckTest}.
 *
 * <p>No operation waits: Lincheck's model checker cannot finish an {@code acquire} that no release
 * follows, nor show a lost wake-up (see {@code docs/verification.md}, "Lincheck facts"). The queue is
 * checked by {@link SemaphoreTest}, the package's bounded controls and the jcstress tests.
 */
public abstract class SemaphoreLincheckBase extends LincheckTestBase {

    private final Semaphore semaphore;

    /** @param semaphore a bounded semaphore of {@value SemaphoreSpec#BOUND} permits */
    protected SemaphoreLincheckBase(Semaphore semaphore) {
        this.semaphore = semaphore;
    }

    @Override
    protected Class<?> specification() {
        return SemaphoreSpec.class;
    }

    @Operation
    public boolean tryAcquire(@Param(gen = IntGen.class, conf = "1:2") int n) {
        return semaphore.tryAcquire(n);
    }

    /** {@code release(n)}: true if released, false if refused above the bound. */
    @Operation
    public boolean release(@Param(gen = IntGen.class, conf = "1:2") int n) {
        try {
            semaphore.release(n);
            return true;
        } catch (IllegalStateException aboveTheBound) {
            return false;
        }
    }

    @Operation
    public int availablePermits() {
        return semaphore.availablePermits();
    }

    @Operation
    public int drainPermits() {
        return semaphore.drainPermits();
    }
}
