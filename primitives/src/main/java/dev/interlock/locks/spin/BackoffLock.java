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
 * A test-and-test-and-set spin lock with randomized exponential backoff: a waiter that sees the lock
 * free but loses the race for it waits a random time before it looks again, and doubles the bound
 * of that time at each loss, up to a maximum.
 *
 * <p><b>Contract.</b> A mutual-exclusion {@link Lock}: at most one thread holds it at a time.
 * <ul>
 *   <li><b>Not reentrant:</b> a thread that holds the lock and calls {@link #lock()} again spins
 *       forever; {@link #tryLock()} by the holder returns {@code false}.</li>
 *   <li>{@link #unlock()} by a thread that does not hold the lock throws
 *       {@link IllegalMonitorStateException} and changes nothing: the lock knows its owner.</li>
 *   <li>{@link #tryLock(long, TimeUnit)} and {@link #lockInterruptibly()} are supported, also during
 *       a backoff delay: a waiter holds no position that it would have to give back. Both throw
 *       {@link InterruptedException} (and clear the interrupt status) when the thread is interrupted
 *       before the call or while it waits; a null {@link TimeUnit} throws
 *       {@link NullPointerException}.</li>
 *   <li>{@link #newCondition()} throws {@link UnsupportedOperationException}: a spin lock has no wait
 *       queue to park a thread on. It is the only method that does.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking, and <b>not fair</b>, even less than {@link TtasLock}: a thread that
 * has lost a few times backs off longest, so the newest arrival tends to win. A waiter never sleeps:
 * the backoff delay is itself a spin on {@link Thread#onSpinWait()}.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts. It is hostile to <b>oversubscribed CPUs</b>: when
 * the holder is preempted, every waiter burns its whole time slice for nothing. Backoff trades
 * latency for less coherence traffic: the delays that damp the rush after each release also leave
 * the lock idle while every waiter is still backing off, and the best bounds depend on the machine
 * and the load, so measure before changing the defaults.
 *
 * <h2>Implementation notes</h2>
 * Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>, 2nd ed., ch. 7.4
 * ({@code BackoffLock} and its {@code Backoff} helper); the idea is Anderson's (1990) and
 * Mellor-Crummey and Scott's (1991). State: a {@code boolean} flag, {@code true} while held, and the
 * owner {@link Thread}, written by the holder just after it acquires and cleared just before it
 * releases. The backoff bound is a local variable of each acquisition, starting at the minimum delay.
 * <ul>
 *   <li>Acquire: spin on an <b>opaque</b> read of the flag until it is {@code false} (a hint: it guards
 *       nothing, and opaque keeps it from being hoisted out of the loop); then
 *       {@code getAndSet(true)}. When that returns {@code false}, it is the linearization point of the
 *       acquisition. When it returns {@code true}, another waiter won the race: that is contention,
 *       so wait a delay drawn uniformly from {@code [1, bound]} nanoseconds with
 *       {@link ThreadLocalRandom} (randomized, so that the losers do not come back together), and
 *       double the bound, capped at the maximum. The delay loop also stops after as many spins as
 *       the delay has nanoseconds: on a real clock the time always runs out first, and on a clock
 *       that stands still (Lincheck's model checker returns a constant {@code System.nanoTime()})
 *       the delay still ends.</li>
 *   <li>{@code unlock()}: a <b>release</b> write of {@code false}, the linearization point; it pairs
 *       with the next owner's exchange, which reads it.</li>
 * </ul>
 * Unlike the book, which sleeps ({@code Thread.sleep}) during the delay, this lock spins: a spin lock
 * that puts threads to sleep is a different lock, and the delays here are micro-seconds, far below a
 * scheduler's time slice. Evidence: {@code BackoffLockTest} (the {@code LockContract}),
 * {@code BackoffLockLincheckTest} and the {@code dev.interlock.stress.locks} jcstress tests.
 */
public final class BackoffLock implements Lock {

    /** The default minimum backoff delay, in nanoseconds: 100 ns, a few cache misses. */
    public static final long DEFAULT_MIN_DELAY_NANOS = 100L;

    /** The default maximum backoff delay, in nanoseconds: 10 µs, far below a scheduler's time slice. */
    public static final long DEFAULT_MAX_DELAY_NANOS = 10_000L;

    /** The largest maximum delay the constructor accepts: one second. Longer is a mistake, not a tuning. */
    public static final long MAX_ALLOWED_DELAY_NANOS = 1_000_000_000L;

    /** {@code true} while some thread holds the lock. Accessed through {@link #LOCKED} only. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private boolean locked;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** The first backoff bound, in nanoseconds; at least 1. */
    private final long minDelayNanos;

    /** The largest backoff bound, in nanoseconds; at least {@link #minDelayNanos}. */
    private final long maxDelayNanos;

    /**
     * Creates an unlocked lock with the default bounds, {@link #DEFAULT_MIN_DELAY_NANOS} and
     * {@link #DEFAULT_MAX_DELAY_NANOS}.
     */
    public BackoffLock() {
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
    public BackoffLock(long minDelay, long maxDelay, TimeUnit unit) {
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

    /**
     * Acquires the lock, spinning and backing off until it is free. Not interruptible: an interrupt is
     * left pending in the thread's status.
     */
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
     * @throws InterruptedException if the thread is interrupted before the call or while it waits;
     *         the lock is then not acquired and its state is unchanged, and the interrupt status is
     *         cleared
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
        // opaque pre-check: a held lock is reported without a write to its cache line.
        if ((boolean) LOCKED.getOpaque(this) || (boolean) LOCKED.getAndSet(this, true)) {
            return false; // the read or the RMW saw true: held at that instant, the linearization point.
        }
        setOwner(); // the RMW saw false: acquired, the linearization point.
        return true;
    }

    /**
     * Acquires the lock if it becomes free within the timeout, spinning and backing off meanwhile; no
     * backoff delay outlasts the timeout. A timeout of zero or less makes one attempt, like
     * {@link #tryLock()}.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if the lock was acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted before the call or while it waits;
     *         the lock is then not acquired, and the interrupt status is cleared
     * @throws NullPointerException if {@code unit} is null; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(true, true, SpinSupport.toNanos(time, unit));
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; the lock's
     *         state is then unchanged
     */
    @Override
    public void unlock() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) { // opaque: see setOwner()
            throw SpinSupport.notHeldByCurrentThread(this);
        }
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        LOCKED.setRelease(this, false); // release: the linearization point of unlock(); pairs with the next getAndSet.
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
     * Returns {@code BackoffLock[unlocked]}, {@code BackoffLock[locked]} or
     * {@code BackoffLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque
     * semantics.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        // opaque: a coherent snapshot for monitoring; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    /**
     * The acquisition loop of {@link #lock()}, {@link #lockInterruptibly()} and the timed
     * {@link #tryLock(long, TimeUnit)}. Returns {@code false} only when timed and the timeout has
     * passed; a waiter owns nothing while it spins or backs off, so giving up needs no undo.
     */
    private boolean acquire(boolean interruptible, boolean timed, long timeoutNanos) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = timed ? System.nanoTime() : 0L;
        long bound = minDelayNanos; // local to this acquisition, as the book's Backoff object
        while (true) {
            while ((boolean) LOCKED.getOpaque(this)) { // opaque: a hint, re-read every time; the RMW decides.
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
            // Lost the race to another waiter: back off for a random delay in [1, bound].
            long delay = ThreadLocalRandom.current().nextLong(bound) + 1L;
            bound = Math.min(maxDelayNanos, bound * 2L); // no overflow: bound <= one second
            long backoffStart = System.nanoTime();
            // At most `delay` spins as well: each spin takes well over a nanosecond, so on a real clock
            // the time bound always ends the loop first; the spin cap ends it when the clock stands
            // still (a coarse clock, or Lincheck's model checker, which returns a constant nanoTime).
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

    /**
     * Records the current thread as owner, just after it acquired the lock. Opaque is enough for the
     * check in {@link #unlock()}: a thread can see itself in the field only if it wrote itself there
     * and has not cleared it yet (program order); opaque rather than plain so that
     * {@link #toString()} reads a coherent value.
     */
    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: only the holder writes it.
    }

    private static final VarHandle LOCKED;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCKED = lookup.findVarHandle(BackoffLock.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(BackoffLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
