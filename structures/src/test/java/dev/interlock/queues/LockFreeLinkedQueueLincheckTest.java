/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

/**
 * Lincheck for {@link LockFreeLinkedQueue}: {@code offer}, {@code poll}, {@code peek} and
 * {@code isEmpty} are linearizable against an unbounded queue. {@code size} is not checked: it counts
 * nodes while they change and is not linearizable (see {@link LockFreeLinkedQueue#size()}), so the
 * base is {@link QueueLincheckBase}, not {@link SizedQueueLincheckBase}. The negative control with
 * the same budget is {@code LinkedQueueNegativeControlTest}.
 */
public class LockFreeLinkedQueueLincheckTest extends QueueLincheckBase {

    /** Lincheck creates a fresh instance, around a new queue, for every scenario. */
    public LockFreeLinkedQueueLincheckTest() {
        super(new LockFreeLinkedQueue<>());
    }

    @Override
    protected Class<? extends QueueSpec> specification() {
        return QueueSpec.Unbounded.class;
    }
}
