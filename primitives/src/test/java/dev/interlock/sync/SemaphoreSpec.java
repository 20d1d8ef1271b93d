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
 * The sequential specification of a bounded {@link Semaphore} of {@value #BOUND} permits, for
 * {@link SemaphoreLincheckTest}: an int. A take succeeds if enough permits are there; a release that
 * would pass the bound is refused and changes nothing; a drain takes all. Lincheck matches the methods to
 * the test's operations by name and signature; not thread-safe, since Lincheck calls it from one thread.
 */
public class SemaphoreSpec {

    /** The bound, and the permits at first. */
    static final int BOUND = 2;

    private int permits = BOUND;

    /** Lincheck creates a fresh specification for every scenario. */
    public SemaphoreSpec() {
    }

    public boolean tryAcquire(int n) {
        if (permits < n) {
            return false;
        }
        permits -= n;
        return true;
    }

    public boolean release(int n) {
        if (permits + n > BOUND) {
            return false;
        }
        permits += n;
        return true;
    }

    public int availablePermits() {
        return permits;
    }

    public int drainPermits() {
        int drained = permits;
        permits = 0;
        return drained;
    }
}
