/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

/** {@link Barrier} against the {@link BarrierContract}. */
class BarrierTest extends BarrierContract {

    @Override
    protected Barrier newBarrier(int parties, Runnable action) {
        return new Barrier(parties, action);
    }
}
