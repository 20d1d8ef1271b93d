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
 * A linearizable 64-bit counter in one padded {@code long}: the operations of
 * {@link java.util.concurrent.atomic.AtomicLong}, without false sharing.
 *
 * <p>Every method is atomic and linearizable. Arithmetic wraps around on overflow, as {@code long}
 * arithmetic does.
 *
 * <p><b>Memory consistency effects:</b> each method has the memory effect its name says, in the
 * vocabulary of {@code docs/memory-ordering.md}: {@link #get()}, {@link #set(long)} and every
 * read-modify-write method act as volatile accesses; {@link #getAcquire()}, {@link #setRelease(long)}
 * and {@link #getOpaque()} are the weaker modes they name. So actions in a thread before an update
 * happen-before the actions after a volatile or acquire read that returns that update's result.
 *
 * <p><b>Progress:</b> {@link #increment()}, {@link #decrement()}, {@link #add(long)}, the
 * {@code getAndAdd} family and {@link #getAndSet(long)} are wait-free where the hardware has an
 * atomic add and exchange (x86-64 {@code LOCK XADD} and {@code XCHG}, ARMv8.1 LSE), and
 * lock-free elsewhere. The {@code update} and {@code accumulate} methods are lock-free: they retry
 * a CAS, and a retry means some other thread's update succeeded.
 *
 * <p>Choose {@code AtomicCounter} when a read must be exact at every instant, or when you need
 * compare-and-set. When many threads increment and few read, {@link StripedCounter} scales
 * better; {@code docs/counters.md} has the numbers.
 *
 * <h2>Implementation notes</h2>
 * The state is a single {@code volatile long}, padded by the superclasses {@link PaddedLongLeftPadding}
 * and {@link PaddedLong} with 128 bytes on each side, so that no other hot field shares its cache line.
 * Every update is one atomic instruction on the value ({@code getAndAdd}, {@code getAndSet},
 * {@code compareAndExchange}) through the {@link java.lang.invoke.VarHandle} {@code PaddedLongField.VALUE}.
 *
 * <p>Invariant: the value is the sum of the initial value and the deltas of all linearized updates
 * since the last {@code set}. Each method's linearization point is its single access to the value,
 * marked in the code.
 *
 * <p>References: Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>, 2nd ed., ch. 5
 * (consensus numbers: why compare-and-set is needed for {@code updateAndGet}) and ch. 3
 * (linearizability). Evidence: {@code AtomicCounterLincheckTest} (linearizability against a
 * sequential counter) and the {@code dev.interlock.stress.counters} jcstress tests.
 */
public final class AtomicCounter extends PaddedLong implements Counter {

    /** Creates a counter with value zero. */
    public AtomicCounter() {
        this(0L);
    }

    /**
     * Creates a counter with the given initial value.
     *
     * @param initialValue the initial value
     */
    public AtomicCounter(long initialValue) {
        // plain: the constructor's write is published with the object; to share a counter, publish
        // it safely (a final field, a volatile, a lock), as with any object.
        VALUE.set(this, initialValue);
    }

    // ---- Counter -------------------------------------------------------------------------------

    /** Adds one. Linearizable, wait-free on x86-64 and ARMv8.1. */
    @Override
    public void increment() {
        // RMW (getAndAdd): linearization point.
        VALUE.getAndAdd(this, 1L);
    }

    /** Subtracts one. Linearizable, wait-free on x86-64 and ARMv8.1. */
    @Override
    public void decrement() {
        // RMW (getAndAdd): linearization point.
        VALUE.getAndAdd(this, -1L);
    }

    /**
     * Adds {@code delta}. Linearizable, wait-free on x86-64 and ARMv8.1.
     *
     * @param delta the value to add, which may be negative
     */
    @Override
    public void add(long delta) {
        // RMW (getAndAdd): linearization point.
        VALUE.getAndAdd(this, delta);
    }

    /**
     * Returns the current value, with volatile semantics. Linearizable.
     *
     * @return the current value
     */
    @Override
    public long get() {
        return value; // volatile read: linearization point.
    }

    // ---- Weaker reads and writes -----------------------------------------------------------------

    /**
     * Returns the current value with acquire semantics: later reads and writes in this thread are
     * not reordered before it. Enough to read data published before a {@link #setRelease(long)}.
     *
     * @return the current value
     */
    public long getAcquire() {
        return (long) VALUE.getAcquire(this); // acquire: pairs with setRelease and with every RMW.
    }

    /**
     * Returns the current value with opaque semantics: a value that some write actually stored,
     * never a stale value cached across loop iterations, but with no ordering of other accesses.
     * Suited to monitoring.
     *
     * @return the current value
     */
    public long getOpaque() {
        return (long) VALUE.getOpaque(this); // opaque: coherent and never hoisted; orders nothing else.
    }

    /**
     * Sets the value, with volatile semantics.
     *
     * @param newValue the new value
     */
    public void set(long newValue) {
        value = newValue; // volatile write: linearization point.
    }

    /**
     * Sets the value with release semantics, the modern name for {@code lazySet}: earlier reads and
     * writes in this thread are not reordered after it, but a later read in this thread may be
     * reordered before it. Cheaper than {@link #set(long)} on most hardware.
     *
     * @param newValue the new value
     */
    public void setRelease(long newValue) {
        VALUE.setRelease(this, newValue); // release: pairs with getAcquire, get and every RMW.
    }

    // ---- Read-modify-write -------------------------------------------------------------------

    /**
     * Atomically sets the value and returns the old one.
     *
     * @param newValue the new value
     * @return the previous value
     */
    public long getAndSet(long newValue) {
        return (long) VALUE.getAndSet(this, newValue); // RMW (getAndSet): linearization point.
    }

    /**
     * Atomically sets the value to {@code newValue} if it equals {@code expectedValue}.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return {@code true} if the value was set; {@code false} if the current value was not
     *         {@code expectedValue}, and then nothing changed
     */
    public boolean compareAndSet(long expectedValue, long newValue) {
        return VALUE.compareAndSet(this, expectedValue, newValue); // CAS: linearization point.
    }

    /**
     * Atomically sets the value to {@code newValue} if it equals {@code expectedValue}, and returns
     * the value it found (the <em>witness</em>). It succeeded if and only if the witness equals
     * {@code expectedValue}. Unlike {@link #compareAndSet}, a failed attempt tells you the current
     * value without a second read.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return the value found, which is {@code expectedValue} on success
     */
    public long compareAndExchange(long expectedValue, long newValue) {
        return (long) VALUE.compareAndExchange(this, expectedValue, newValue); // CAS: linearization point.
    }

    /**
     * Like {@link #compareAndSet}, but may fail spuriously, even when the value equals
     * {@code expectedValue}; it is cheaper on LL/SC hardware. Use it in a retry loop.
     *
     * @param expectedValue the value expected
     * @param newValue the value to set
     * @return {@code true} if the value was set
     */
    public boolean weakCompareAndSetVolatile(long expectedValue, long newValue) {
        return VALUE.weakCompareAndSet(this, expectedValue, newValue); // CAS (weak, volatile): linearization point when it succeeds.
    }

    /**
     * Atomically adds one and returns the previous value.
     *
     * @return the value before the increment
     */
    public long getAndIncrement() {
        return (long) VALUE.getAndAdd(this, 1L); // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically subtracts one and returns the previous value.
     *
     * @return the value before the decrement
     */
    public long getAndDecrement() {
        return (long) VALUE.getAndAdd(this, -1L); // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically adds {@code delta} and returns the previous value.
     *
     * @param delta the value to add
     * @return the value before the addition
     */
    public long getAndAdd(long delta) {
        return (long) VALUE.getAndAdd(this, delta); // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically adds one and returns the new value.
     *
     * @return the value after the increment
     */
    public long incrementAndGet() {
        return (long) VALUE.getAndAdd(this, 1L) + 1L; // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically subtracts one and returns the new value.
     *
     * @return the value after the decrement
     */
    public long decrementAndGet() {
        return (long) VALUE.getAndAdd(this, -1L) - 1L; // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically adds {@code delta} and returns the new value.
     *
     * @param delta the value to add
     * @return the value after the addition
     */
    public long addAndGet(long delta) {
        return (long) VALUE.getAndAdd(this, delta) + delta; // RMW (getAndAdd): linearization point.
    }

    /**
     * Atomically replaces the value with {@code updateFunction} applied to it, and returns the
     * previous value. The function may be applied more than once when threads contend, so it must
     * have no side effects.
     *
     * @param updateFunction a side-effect-free function of the current value
     * @return the value before the update
     * @throws NullPointerException if {@code updateFunction} is null; the value is then unchanged
     */
    public long getAndUpdate(LongUnaryOperator updateFunction) {
        Objects.requireNonNull(updateFunction, "updateFunction");
        return update(updateFunction, false);
    }

    /**
     * Atomically replaces the value with {@code updateFunction} applied to it, and returns the new
     * value. The function may be applied more than once, so it must have no side effects.
     *
     * @param updateFunction a side-effect-free function of the current value
     * @return the value after the update
     * @throws NullPointerException if {@code updateFunction} is null; the value is then unchanged
     */
    public long updateAndGet(LongUnaryOperator updateFunction) {
        Objects.requireNonNull(updateFunction, "updateFunction");
        return update(updateFunction, true);
    }

    /**
     * Atomically replaces the value with {@code accumulator.applyAsLong(value, x)} and returns the
     * previous value. The function may be applied more than once, so it must have no side effects.
     *
     * @param x the second argument of the accumulator
     * @param accumulator a side-effect-free function of the current value and {@code x}
     * @return the value before the update
     * @throws NullPointerException if {@code accumulator} is null; the value is then unchanged
     */
    public long getAndAccumulate(long x, LongBinaryOperator accumulator) {
        Objects.requireNonNull(accumulator, "accumulator");
        return accumulate(x, accumulator, false);
    }

    /**
     * Atomically replaces the value with {@code accumulator.applyAsLong(value, x)} and returns the
     * new value. The function may be applied more than once, so it must have no side effects.
     *
     * @param x the second argument of the accumulator
     * @param accumulator a side-effect-free function of the current value and {@code x}
     * @return the value after the update
     * @throws NullPointerException if {@code accumulator} is null; the value is then unchanged
     */
    public long accumulateAndGet(long x, LongBinaryOperator accumulator) {
        Objects.requireNonNull(accumulator, "accumulator");
        return accumulate(x, accumulator, true);
    }

    /**
     * The CAS loop behind the {@code update} methods. Lock-free: a failed CAS means that another
     * thread's update succeeded in between.
     */
    private long update(LongUnaryOperator updateFunction, boolean returnNewValue) {
        long current = value; // volatile read: only a guess; the CAS checks it.
        while (true) {
            long next = updateFunction.applyAsLong(current);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // the successful CAS is the linearization point.
            }
            current = witness; // another thread's update won: retry from the value it left.
        }
    }

    /** The CAS loop behind the {@code accumulate} methods; the same as {@link #update}, without a capturing lambda. */
    private long accumulate(long x, LongBinaryOperator accumulator, boolean returnNewValue) {
        long current = value; // volatile read: only a guess; the CAS checks it.
        while (true) {
            long next = accumulator.applyAsLong(current, x);
            long witness = (long) VALUE.compareAndExchange(this, current, next);
            if (witness == current) {
                return returnNewValue ? next : current; // the successful CAS is the linearization point.
            }
            current = witness; // another thread's update won: retry from the value it left.
        }
    }

    /**
     * Returns the current value in decimal, read with volatile semantics.
     *
     * @return the decimal string of {@link #get()}
     */
    @Override
    public String toString() {
        return Long.toString(get());
    }
}
