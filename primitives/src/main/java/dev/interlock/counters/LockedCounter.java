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
 * A counter guarded by a lock: the simplest correct counter, kept as a baseline for study and for
 * benchmarks.
 *
 * <p>Every method is linearizable. <b>Memory consistency effects:</b> every method acquires and
 * releases the counter's lock, so each call happens-before every later call on the same counter.
 * <b>Progress:</b> blocking. A thread that is descheduled while it holds the lock stops every other
 * thread's update until it runs again; {@link AtomicCounter} and {@link StripedCounter} have no
 * such window.
 *
 * <h2>Implementation notes</h2>
 * A plain {@code long}, read and written only inside {@code synchronized} blocks on a private lock
 * object (private, so that no caller can hold it and block the counter). Because every access is
 * under the lock, the field needs no stronger mode: the lock's release and acquire order it. The
 * linearization point of each method is anywhere inside its critical section.
 *
 * <p>It uses the JVM's intrinsic lock rather than one of the library's locks so that the baseline
 * depends on nothing else in the library. References: Herlihy and Shavit, <i>The Art of
 * Multiprocessor Programming</i>, 2nd ed., ch. 8 (monitors). Evidence: {@code LockedCounterLincheckTest}
 * and the {@code dev.interlock.stress.counters} jcstress tests.
 */
public final class LockedCounter implements Counter {

    private final Object lock = new Object();

    /** Guarded by {@code lock}; plain, since the lock orders every access. */
    private long value;

    /** Creates a counter with value zero. */
    public LockedCounter() {
    }

    /** Adds one, under the lock. */
    @Override
    public void increment() {
        add(1L);
    }

    /** Subtracts one, under the lock. */
    @Override
    public void decrement() {
        add(-1L);
    }

    /**
     * Adds {@code delta}, under the lock.
     *
     * @param delta the value to add, which may be negative
     */
    @Override
    public void add(long delta) {
        synchronized (lock) {
            value += delta; // plain, under the lock: linearization point.
        }
    }

    /**
     * Returns the value, read under the lock.
     *
     * @return the current value
     */
    @Override
    public long get() {
        synchronized (lock) {
            return value; // plain, under the lock: linearization point.
        }
    }

    /**
     * Returns {@link #get()} in decimal.
     *
     * @return the decimal string of the current value
     */
    @Override
    public String toString() {
        return Long.toString(get());
    }
}
