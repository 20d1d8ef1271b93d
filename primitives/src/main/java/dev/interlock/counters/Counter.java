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
 * A 64-bit counter that many threads may update at once.
 *
 * <p>Arithmetic wraps around on overflow, in two's complement, exactly as {@code long} arithmetic
 * and {@link java.util.concurrent.atomic.AtomicLong} do.
 *
 * <h2>What every implementation guarantees</h2>
 * <ul>
 *   <li><b>No lost updates.</b> Every call to {@link #increment()}, {@link #decrement()} and
 *       {@link #add(long)} takes effect exactly once, whatever other threads do at the same time.</li>
 *   <li><b>Quiescent exactness.</b> A {@link #get()} that runs while no update is in progress returns
 *       exactly the sum of all the updates that happened-before it.</li>
 *   <li><b>Read your own updates.</b> A {@link #get()} reflects every update that happened-before it
 *       (in particular, every earlier update made by the reading thread).</li>
 *   <li><b>Memory consistency effects:</b> actions in a thread before an update happen-before
 *       the actions that follow a {@link #get()} whose result reflects that update.</li>
 * </ul>
 *
 * <p>Whether {@link #get()} is also <em>linearizable</em> (an atomic snapshot of the total) depends
 * on the implementation: {@link AtomicCounter} and {@link LockedCounter} are linearizable;
 * {@link StripedCounter} trades that for throughput under contention, and its class documentation
 * says exactly what it keeps.
 *
 * <p>The progress guarantee is also the implementation's: see each class.
 */
public interface Counter {

    /** Adds one. */
    void increment();

    /** Subtracts one. */
    void decrement();

    /**
     * Adds {@code delta}, which may be negative.
     *
     * @param delta the value to add
     */
    void add(long delta);

    /**
     * Returns the current value; see the implementation for how it relates to concurrent updates.
     *
     * @return the current value
     */
    long get();
}
