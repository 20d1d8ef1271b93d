/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks.spin;

import dev.interlock.locks.LockLincheckBase;

/** A plain object guarded by a {@link TasLock} is linearizable, under model checking and stress. */
public class TasLockLincheckTest extends LockLincheckBase {

    public TasLockLincheckTest() {
        super(new TasLock(), true);
    }
}
