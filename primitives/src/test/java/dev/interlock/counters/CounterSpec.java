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
 * The sequential specification of a counter for Lincheck: a plain {@code long}, with one method for
 * each operation that any counter Lincheck test declares (Lincheck matches them by name and signature).
 * Lincheck checks that every concurrent history of the real counter could have come from calling these
 * methods one at a time, in some order that respects real time.
 */
public final class CounterSpec {

    private long value;

    /** Lincheck creates a fresh specification for every scenario. */
    public CounterSpec() {
    }

    public void increment() {
        value++;
    }

    public void decrement() {
        value--;
    }

    public void add(long delta) {
        value += delta;
    }

    public long get() {
        return value;
    }

    public long incrementAndGet() {
        return ++value;
    }

    public long getAndAdd(long delta) {
        long previous = value;
        value += delta;
        return previous;
    }

    public long getAndSet(long newValue) {
        long previous = value;
        value = newValue;
        return previous;
    }

    public boolean compareAndSet(long expectedValue, long newValue) {
        if (value != expectedValue) {
            return false;
        }
        value = newValue;
        return true;
    }

    public long updateAndGetDoubling() {
        value *= 2;
        return value;
    }

    public long getAndUpdateDoubling() {
        long previous = value;
        value *= 2;
        return previous;
    }

    public long accumulateAndGetMax(long x) {
        value = Math.max(value, x);
        return value;
    }

    public long getAndAccumulateSum(long x) {
        long previous = value;
        value += x;
        return previous;
    }

    public long compareAndExchange(long expectedValue, long newValue) {
        long witness = value;
        if (witness == expectedValue) {
            value = newValue;
        }
        return witness;
    }

    public long addAndGet(long delta) {
        value += delta;
        return value;
    }

    public long getAndIncrement() {
        return value++;
    }

    public long decrementAndGet() {
        return --value;
    }
}
