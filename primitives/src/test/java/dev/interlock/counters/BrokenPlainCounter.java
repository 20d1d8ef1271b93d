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
 * <b>Negative control: deliberately broken.</b> A counter whose update is a plain read followed by a
 * plain write, so two threads that update at once can both read the same old value and one update is
 * lost. It exists to prove that the verification can fail: {@code CounterNegativeControlTest} asserts
 * that Lincheck rejects it under both strategies, and the {@code BrokenPlain} variants of the
 * {@code dev.interlock.stress.counters} jcstress tests observe the lost update as a FORBIDDEN outcome.
 * Never copy it.
 */
public final class BrokenPlainCounter implements Counter {

    /** Plain, and updated without any atomicity: the bug. */
    private long value;

    /** Creates a broken counter with value zero. */
    public BrokenPlainCounter() {
    }

    @Override
    public void increment() {
        add(1L);
    }

    @Override
    public void decrement() {
        add(-1L);
    }

    @Override
    public void add(long delta) {
        long read = value;    // plain read ...
        value = read + delta; // ... then a plain write: another thread's update in between is lost.
    }

    @Override
    public long get() {
        return value;
    }
}
