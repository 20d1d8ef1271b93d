/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import java.util.Objects;
import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;

/**
 * <b>Negative control: deliberately broken.</b> {@link AtomicCounter} with one bug, in
 * {@code update()}: it gives up after one failed CAS and reports the update as done, so an update
 * that another thread's CAS beat is never applied (getAndUpdate and updateAndGet).
 *
 * <p>Generated from {@code AtomicCounter.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenGiveUpCounter extends PaddedLong implements Counter {
    /*
     * Implementation notes.
     *
     * One volatile long, padded on both sides by the superclasses (see PaddedLongLeftPadding). Each method
     * is one atomic access through VALUE, its linearization point. The update loops retry
     * compareAndExchange (its witness saves a re-read) only after another update succeeded.
     *
     * References: Herlihy and Shavit, ch. 3 and 5. Evidence: AtomicCounterLincheckTest and the
     * dev.interlock.stress.counters jcstress tests.
     */

    /** Creates a counter with value zero. */
    public BrokenGiveUpCounter() {
        this(0L);
    }

    /**
     * Creates a counter with the given initial value.
     *
     * @param initialValue the initial value
     */
    public BrokenGiveUpCounter(long initialValue) {
        // plain: published with the object.
        VALUE.set(this, initialValue);
    }

    /** Adds one. */
    @Override
    public void increment() {
        // RMW (getAndAdd): linearization point.
        VALUE.getAndAdd(this, 1L);
    }

    /** Subtracts one. */
    @Override
    public void decrement() {
        // linearization point.
        VALUE.getAndAdd(this, -1L);
    }

    /**
     * Adds {@code delta}.
     *
     * @param delta the value to add, which may be negative
     */
    @Override
    public void add(long delta) {
        // linearization point.
        VALUE.getAndAdd(this, delta);
    }

    /**
     * Returns the value.
     *
     * @return the current value
     */
    @Override
    public long get() {
        return value; // linearization point.
    }

    /**
     * Returns the value, with acquire semantics.
     *
     * @return the current value
     */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this); // acquire: pairs with setRelease and with every RMW.
    }

    /**
     * Returns the value, with opaque semantics.
     *
     * @return the current value
     */
    public long getOpaque() {
        return (long) VALUE.getOpaque(this); // opaque: never hoisted; orders nothing else.
    }

    /**
     * Sets the value.
     *
     * @param newValue the new value
     */
    public void set(long newValue) {
        value = newValue; // linearization point.
    }

    /**
     * Sets the value, with release semantics (the old lazySet).
     *
     * @param newValue the new value
     */
    public void setRelease(long newValue) {
        VALUE.setRelease(this, newValue); // release: pairs with getAcquire, get and every RMW.
    }

    /**
     * Sets the value and returns the old one.
     *
     * @param newValue the new value
     * @return the previous value
     */
    public long getAndSet(long newValue) {
        return (long) VALUE.getAndSet(this, newValue); // linearization point.
    }

    /**
     * Atomically sets the value to {@code newValue} if it equals {@code expectedValue}.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return {@code true} if the value was set
     */
    public boolean compareAndSet(long expectedValue, long newValue) {
        return VALUE.compareAndSet(this, expectedValue, newValue); // linearization point.
    }

    /**
     * Like {@link #compareAndSet}, but returns the value found.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return the value found, {@code expectedValue} on success
     */
    public long compareAndExchange(long expectedValue, long newValue) {
        return (long) VALUE.compareAndExchange(this, expectedValue, newValue); // linearization point.
    }

    /**
     * Like {@link #compareAndSet}, but may fail spuriously; cheaper on LL/SC hardware.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return {@code true} if the value was set
     */
    public boolean weakCompareAndSetVolatile(long expectedValue, long newValue) {
        return VALUE.weakCompareAndSet(this, expectedValue, newValue); // linearization point if it succeeds.
    }

    /**
     * Adds one and returns the previous value.
     *
     * @return the value before the increment
     */
    public long getAndIncrement() {
        return (long) VALUE.getAndAdd(this, 1L); // linearization point.
    }

    /**
     * Subtracts one and returns the previous value.
     *
     * @return the value before the decrement
     */
    public long getAndDecrement() {
        return (long) VALUE.getAndAdd(this, -1L); // linearization point.
    }

    /**
     * Adds {@code delta} and returns the previous value.
     *
     * @param delta the value to add
     * @return the value before the addition
     */
    public long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd(this, delta); // linearization point.
    }

    /**
     * Adds one and returns the new value.
     *
     * @return the value after the increment
     */
    public long incrementAndGet() {
        return (long) VALUE.getAndAdd(this, 1L) + 1L; // linearization point.
    }

    /**
     * Subtracts one and returns the new value.
     *
     * @return the value after the decrement
     */
    public long decrementAndGet() {
        return (long) VALUE.getAndAdd(this, -1L) - 1L; // linearization point.
    }

    /**
     * Adds {@code delta} and returns the new value.
     *
     * @param delta the value to add
     * @return the value after the addition
     */
    public long addAndGet(long delta) {
        return (long) VALUE.getAndAdd(this, delta) + delta; // linearization point.
    }

    /**
     * Applies the function to the value, atomically; it may run more than once.
     *
     * @param updateFunction a side-effect-free function
     * @return the value before the update
     * @throws NullPointerException if {@code updateFunction} is null
     */
    public long getAndUpdate(LongUnaryOperator updateFunction) {
        Objects.requireNonNull(updateFunction, "updateFunction");
        return update(updateFunction, false);
    }

    /**
     * Applies the function to the value, atomically; it may run more than once.
     *
     * @param updateFunction a side-effect-free function
     * @return the value after the update
     * @throws NullPointerException if {@code updateFunction} is null
     */
    public long updateAndGet(LongUnaryOperator updateFunction) {
        Objects.requireNonNull(updateFunction, "updateFunction");
        return update(updateFunction, true);
    }

    /**
     * Applies the accumulator to the value and {@code x}, atomically; it may run more than once.
     *
     * @param x the accumulator's second argument
     * @param accumulator a side-effect-free function
     * @return the value before the update
     * @throws NullPointerException if {@code accumulator} is null
     */
    public long getAndAccumulate(long x, LongBinaryOperator accumulator) {
        Objects.requireNonNull(accumulator, "accumulator");
        return accumulate(x, accumulator, false);
    }

    /**
     * Applies the accumulator to the value and {@code x}, atomically; it may run more than once.
     *
     * @param x the accumulator's second argument
     * @param accumulator a side-effect-free function
     * @return the value after the update
     * @throws NullPointerException if {@code accumulator} is null
     */
    public long accumulateAndGet(long x, LongBinaryOperator accumulator) {
        Objects.requireNonNull(accumulator, "accumulator");
        return accumulate(x, accumulator, true);
    }

    /** The CAS loop of the update methods. */
    private long update(LongUnaryOperator updateFunction, boolean returnNewValue) {
        long current = value;
        while (true) {
            long next = updateFunction.applyAsLong(current);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // the successful CAS is the linearization point.
            }
            return returnNewValue ? next : current; // THE BUG: was current = witness;
        }
    }

    /** As update, without a capturing lambda. */
    private long accumulate(long x, LongBinaryOperator accumulator, boolean returnNewValue) {
        long current = value;
        while (true) {
            long next = accumulator.applyAsLong(current, x);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // linearization point.
            }
            current = witness;
        }
    }

    /**
     * Returns the value in decimal.
     *
     * @return {@link #get()} in decimal
     */
    @Override
    public String toString() {
        return Long.toString(get());
    }
}
