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
 * The sequential specification of the {@link CountDownLatch} that {@link CountDownLatchLincheckTest}
 * creates: a plain count from {@link #COUNT}, lowered by one a call and never below zero. A wait that may
 * not wait ({@code await(0, NANOSECONDS)}) answers whether the count is zero. Lincheck matches the methods
 * to the test's operations by name and signature; not thread-safe, since Lincheck calls it from one
 * thread.
 */
public class CountDownLatchSpec {

    /**
     * The latch's initial count: small, so that the scenarios of two threads often reach zero and go past
     * it, and large enough that two threads often count down at once before it.
     */
    static final int COUNT = 3;

    private long count = COUNT;

    /** Lincheck creates a fresh specification for every scenario. */
    public CountDownLatchSpec() {
    }

    public void countDown() {
        if (count > 0) {
            count--;
        }
    }

    public long getCount() {
        return count;
    }

    public boolean awaitWithoutWaiting() {
        return count == 0;
    }
}
