/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

/**
 * A counter guarded by a lock: a baseline for study and benchmarks. Linearizable and blocking.
 * <b>Memory consistency effects:</b> each call happens-before every later call on the same counter.
 */
public final class LockedCounter implements Counter {
    /*
     * Implementation notes.
     *
     * A plain long, accessed only under a private lock (no caller can hold it), ordering every access.
     * Evidence: LockedCounterLincheckTest and the jcstress tests Counters_*.
     */

    private final Object lock = new Object();

    private long value;

    /** Creates a counter at zero. */
    public LockedCounter() {
    }

    /** Adds one. */
    @Override
    public void increment() {
        add(1L);
    }

    /** Subtracts one. */
    @Override
    public void decrement() {
        add(-1L);
    }

    /**
     * Adds {@code delta}.
     *
     * @param delta the value to add
     */
    @Override
    public void add(long delta) {
        synchronized (lock) {
            value += delta; // plain, under the lock: linearization point.
        }
    }

    /**
     * Returns the value.
     *
     * @return the current value
     */
    @Override
    public long get() {
        synchronized (lock) {
            return value; // plain: linearization point.
        }
    }

    /**
     * Returns {@link #get()} in decimal.
     *
     * @return the value in decimal
     */
    @Override
    public String toString() {
        return Long.toString(get());
    }
}
