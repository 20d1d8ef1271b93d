/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks.spin;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * <b>Negative control: deliberately broken.</b> {@link BackoffLock} with one bug, in
 * {@code unlock()}: it releases the lock before it clears the owner, so a thread that takes the
 * lock in between has its ownership erased, and its own unlock() throws (a publication order
 * swapped); a park of 20 microseconds between the two writes widens that window, as a preemption
 * there would, for jcstress to reach it.
 *
 * <p>Generated from {@code BackoffLock.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenLateOwnerBackoffLock implements Lock {
    /*
     * Implementation notes.
     *
     * Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 7.4 (BrokenLateOwnerBackoffLock and its
     * Backoff helper); the idea is Anderson's (1990) and Mellor-Crummey and Scott's (1991).
     *
     * - Acquire: spin on an opaque read of the flag until it is false (a hint that guards nothing; opaque
     *   only keeps it in the loop), then getAndSet(true): false is the linearization point. True means
     *   another waiter won: wait a delay drawn uniformly from [1, bound] ns with ThreadLocalRandom, so
     *   that the losers do not come back together, and double the bound, capped at the maximum (at most
     *   one second, so the doubling cannot overflow). The bound is local to each acquisition, starting
     *   at the minimum.
     * - The delay loop also stops after as many spins as the delay has nanoseconds: a spin takes well over
     *   a nanosecond, so on a real clock time runs out first, and on a clock that stands still (a coarse
     *   clock, or Lincheck's model checker, whose nanoTime() is constant) the delay still ends.
     * - unlock(): a release write of false, the linearization point, read by the next owner's exchange.
     *
     * The book sleeps during the delay; this lock spins, since the delays are far below a scheduler's
     * time slice. A waiter holds nothing, so giving up needs no undo.
     *
     * Evidence: BackoffLockTest, BackoffLockLincheckTest and the jcstress tests in dev.interlock.stress.locks.
     */

    /** The default minimum backoff delay, in nanoseconds: 100 ns, a few cache misses. */
    public static final long DEFAULT_MIN_DELAY_NANOS = 100L;

    /** The default maximum backoff delay, in nanoseconds: 10 µs, far below a scheduler's time slice. */
    public static final long DEFAULT_MAX_DELAY_NANOS = 10_000L;

    /** The largest maximum delay the constructor accepts: one second. Longer is a mistake, not a tuning. */
    public static final long MAX_ALLOWED_DELAY_NANOS = 1_000_000_000L;

    /** True while held. */
    @SuppressWarnings("unused")
    private boolean locked;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    /** The backoff bounds, in nanoseconds: min at least 1, max at least min. */
    private final long minDelayNanos;
    private final long maxDelayNanos;

    /**
     * Creates an unlocked lock with the default bounds, {@link #DEFAULT_MIN_DELAY_NANOS} and
     * {@link #DEFAULT_MAX_DELAY_NANOS}.
     */
    public BrokenLateOwnerBackoffLock() {
        this(DEFAULT_MIN_DELAY_NANOS, DEFAULT_MAX_DELAY_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * Creates an unlocked lock with the given backoff bounds.
     *
     * @param minDelay the bound of the first backoff delay; positive
     * @param maxDelay the largest bound, reached by doubling; at least {@code minDelay}, and at most
     *        {@link #MAX_ALLOWED_DELAY_NANOS} nanoseconds
     * @param unit the unit of both delays
     * @throws NullPointerException if {@code unit} is null
     * @throws IllegalArgumentException if {@code minDelay} is not positive (after conversion to
     *         nanoseconds), if {@code maxDelay} is less than {@code minDelay}, or if {@code maxDelay}
     *         is more than one second
     */
    public BrokenLateOwnerBackoffLock(long minDelay, long maxDelay, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        long min = unit.toNanos(minDelay);
        long max = unit.toNanos(maxDelay);
        if (min <= 0L) {
            throw new IllegalArgumentException("minDelay must be at least 1 ns: " + minDelay + " " + unit);
        }
        if (max < min) {
            throw new IllegalArgumentException("maxDelay (" + maxDelay + " " + unit + ") is less than minDelay ("
                    + minDelay + " " + unit + ")");
        }
        if (max > MAX_ALLOWED_DELAY_NANOS) {
            throw new IllegalArgumentException("maxDelay must be at most one second: " + maxDelay + " " + unit);
        }
        this.minDelayNanos = min;
        this.maxDelayNanos = max;
    }

    /** Acquires the lock, spinning and backing off until it is free; an interrupt is left pending. */
    @Override
    public void lock() {
        try {
            acquire(false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible acquire cannot be interrupted", impossible);
        }
    }

    /**
     * Acquires the lock unless the thread is interrupted.
     *
     * @throws InterruptedException if interrupted before the call or while waiting; the lock is then
     *         not acquired, and the interrupt status is cleared
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire(true, false, 0L);
    }

    /**
     * Acquires the lock if it is free at the instant of the call; never waits nor backs off.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        // opaque pre-check: a held lock is reported without a write.
        if ((boolean) LOCKED.getOpaque(this) || (boolean) LOCKED.getAndSet(this, true)) {
            return false; // the read or the RMW saw true: held at that instant, the linearization point.
        }
        setOwner(); // the RMW saw false: acquired, the linearization point.
        return true;
    }

    /**
     * Acquires the lock if it becomes free within the timeout, spinning and backing off; no backoff
     * delay outlasts the timeout. A timeout of zero or less makes one attempt.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted before the call or while waiting; the lock is then
     *         not acquired, and the interrupt status is cleared
     * @throws NullPointerException if {@code unit} is null; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(true, true, SpinSupport.toNanos(time, unit));
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; nothing
     *         changes
     */
    @Override
    public void unlock() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) { // opaque: see setOwner()
            throw SpinSupport.notHeldByCurrentThread(this);
        }
        // THE BUG: was OWNER.setOpaque(this, null); LOCKED.setRelease(this, false);
        LOCKED.setRelease(this, false);
        java.util.concurrent.locks.LockSupport.parkNanos(20_000L); // a preemption, planted
        OWNER.setOpaque(this, null);
    }

    /**
     * Always throws: a spin lock has no conditions.
     *
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public Condition newCondition() {
        throw SpinSupport.noConditions(this);
    }

    /**
     * Returns {@code BrokenLateOwnerBackoffLock[unlocked]}, {@code BrokenLateOwnerBackoffLock[locked]} or
     * {@code BrokenLateOwnerBackoffLock[locked by thread "name"]}, a snapshot for monitoring.
     *
     * @return that description
     */
    @Override
    public String toString() {
        // opaque: a snapshot; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    /** The acquisition of every waiting method; false only when timed out. */
    private boolean acquire(boolean interruptible, boolean timed, long timeoutNanos) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = timed ? System.nanoTime() : 0L;
        long bound = minDelayNanos;
        while (true) {
            while ((boolean) LOCKED.getOpaque(this)) { // opaque: a hint; the RMW decides.
                if (interruptible && Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (timed && SpinSupport.expired(start, timeoutNanos)) {
                    return false;
                }
                Thread.onSpinWait();
            }
            if (!(boolean) LOCKED.getAndSet(this, true)) {
                break; // RMW (getAndSet) returned false: the linearization point of the acquisition.
            }
            long delay = ThreadLocalRandom.current().nextLong(bound) + 1L;
            bound = Math.min(maxDelayNanos, bound * 2L);
            long backoffStart = System.nanoTime();
            for (long spins = 0; spins < delay && System.nanoTime() - backoffStart < delay; spins++) {
                if (interruptible && Thread.interrupted()) {
                    throw new InterruptedException();
                }
                if (timed && SpinSupport.expired(start, timeoutNanos)) {
                    return false;
                }
                Thread.onSpinWait();
            }
            if (timed && SpinSupport.expired(start, timeoutNanos)) {
                return false;
            }
        }
        setOwner();
        return true;
    }

    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: enough, see "Owner" in docs/locks.md.
    }

    private static final VarHandle LOCKED;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCKED = lookup.findVarHandle(BrokenLateOwnerBackoffLock.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(BrokenLateOwnerBackoffLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
