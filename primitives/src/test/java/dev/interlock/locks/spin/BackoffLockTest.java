/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks.spin;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.locks.LockContract;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;

/** {@link BackoffLock} against the {@link LockContract}, and its constructor's validation. */
class BackoffLockTest extends LockContract {

    @Override
    protected Lock newLock() {
        return new BackoffLock();
    }

    @Test
    void rejectsBadBounds() {
        assertThrows(NullPointerException.class, () -> new BackoffLock(1, 2, null));
        assertThrows(IllegalArgumentException.class, () -> new BackoffLock(0, 2, TimeUnit.NANOSECONDS));
        assertThrows(IllegalArgumentException.class, () -> new BackoffLock(-1, 2, TimeUnit.NANOSECONDS));
        assertThrows(IllegalArgumentException.class, () -> new BackoffLock(3, 2, TimeUnit.NANOSECONDS));
        assertThrows(IllegalArgumentException.class, () -> new BackoffLock(1, 2, TimeUnit.SECONDS), "max over one second");
        assertThrows(IllegalArgumentException.class, () -> new BackoffLock(0, 1, TimeUnit.DAYS), "min rounds to zero");
    }

    @Test
    void acceptsEdgeBounds() {
        Lock equal = new BackoffLock(1, 1, TimeUnit.NANOSECONDS);
        assertTrue(equal.tryLock());
        equal.unlock();
        Lock widest = new BackoffLock(1, 1, TimeUnit.SECONDS);
        assertTrue(widest.tryLock());
        widest.unlock();
    }

    /** Tiny bounds, so that contended acquisitions back off often: mutual exclusion must still hold. */
    @Test
    void tinyBoundsStillExclude() throws InterruptedException {
        Lock lock = new BackoffLock(1, 4, TimeUnit.NANOSECONDS);
        long[] guarded = {0};
        runConcurrently(thread -> {
            for (int i = 0; i < 20_000; i++) {
                lock.lock();
                try {
                    guarded[0]++;
                } finally {
                    lock.unlock();
                }
            }
        });
        assertTrue(guarded[0] == (long) THREADS * 20_000, () -> "lost updates: " + guarded[0]);
    }
}
