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
import java.util.concurrent.TimeUnit;

/**
 * A plain object guarded by a {@link BackoffLock} is linearizable, under model checking and stress.
 *
 * <p>The lock has tiny backoff bounds (1 to 4 ns), so that a backoff delay lasts a few spins: Lincheck's
 * model checker returns a constant {@code System.nanoTime()}, so the delay loop ends only by its spin
 * cap, and the checker reports any loop of more than a few dozen iterations with no other thread able
 * to run as a livelock. The algorithm is the same with any bounds; the default bounds are exercised by
 * {@code BackoffLockTest} and the jcstress tests.
 */
public class BackoffLockLincheckTest extends LockLincheckBase {

    public BackoffLockLincheckTest() {
        super(new BackoffLock(1, 4, TimeUnit.NANOSECONDS), true);
    }
}
