/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

/**
 * {@link SemaphoreLincheckBase}'s operations on a fair bounded {@link Semaphore}: the same specification,
 * since a scenario that never waits never queues, and the fair check that nobody waits always passes.
 */
public class FairSemaphoreLincheckTest extends SemaphoreLincheckBase {

    public FairSemaphoreLincheckTest() {
        super(Semaphore.bounded(SemaphoreSpec.BOUND, true));
    }
}
