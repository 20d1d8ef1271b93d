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
 * {@link MpmcArrayQueue} is linearizable: {@code offer}, {@code poll}, {@code peek},
 * {@code isEmpty} and {@code size}, in any mix, with capacity {@link QueueLincheckBase#CAPACITY}, so
 * that scenarios reach both the full and the empty edge and wrap around the ring. A poll or peek that
 * returned null while a producer was mid-offer, or an offer that returned false while a consumer was
 * mid-poll, would show here as a result no sequential queue gives. The relaxed methods are not
 * checked: they are not linearizable, by design.
 */
public class MpmcArrayQueueLincheckTest extends SizedQueueLincheckBase {

    public MpmcArrayQueueLincheckTest() {
        super(new MpmcArrayQueue<>(CAPACITY));
    }

    @Override
    protected Class<? extends QueueSpec> specification() {
        return QueueSpec.Bounded.class;
    }
}
