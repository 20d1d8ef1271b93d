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
import java.util.concurrent.TimeUnit;

/** {@link BarrierOperations} on a {@link Barrier} of {@value BarrierSpec#PARTIES} parties, against {@link BarrierSpec}. */
public class BarrierLincheckTest extends LincheckTestBase {

    public BarrierLincheckTest() {
    }

    @Override
    protected Class<?> specification() {
        return BarrierSpec.class;
    }

    @Override
    protected Class<?> operations() {
        return OnBarrier.class;
    }

    /** The operations on a new {@link Barrier}. */
    public static class OnBarrier extends BarrierOperations {
        public OnBarrier() {
            super(handles(new Barrier(BarrierSpec.PARTIES)));
        }

        private static Handles handles(Barrier barrier) {
            return new Handles(() -> barrier.await(0, TimeUnit.NANOSECONDS), barrier::reset, barrier::abort,
                    barrier::isBroken, barrier::getNumberWaiting);
        }
    }
}
