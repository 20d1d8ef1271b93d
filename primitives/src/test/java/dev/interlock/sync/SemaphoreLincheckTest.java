/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

/** {@link SemaphoreLincheckBase}'s operations on a non-fair bounded {@link Semaphore}. */
public class SemaphoreLincheckTest extends SemaphoreLincheckBase {

    public SemaphoreLincheckTest() {
        super(Semaphore.bounded(SemaphoreSpec.BOUND, false));
    }
}
