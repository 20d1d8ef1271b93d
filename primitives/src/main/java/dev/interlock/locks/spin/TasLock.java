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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The test-and-set spin lock: one flag, and every waiter spins on an atomic exchange of it; the
 * baseline of the spin-lock family.
 *
 * <p>A mutual-exclusion {@link Lock}, <b>not reentrant</b>: a holder that calls {@link #lock()} again
 * spins forever, and its {@link #tryLock()} returns {@code false}. Every method of {@link Lock} is
 * supported except {@link #newCondition()}.
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking, and <b>not fair</b>: a thread can starve. A waiter never sleeps (see
 * the package documentation), and each spin is a write that takes the flag's cache line from the
 * holder; {@link TtasLock} avoids that.
 */
public final class TasLock implements Lock {
    /*
     * Implementation notes.
     *
     * Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 7.2 (TASLock).
     *
     * lock() loops on getAndSet(true) until it returns false, the linearization point; a failed exchange
     * writes true over true, so giving up needs no undo. unlock() is a release write of false, the
     * linearization point; release is enough, as the next owner's exchange reads it.
     *
     * Invariant: the flag is true exactly from the exchange that returned false to the same owner's
     * release; in between, only that owner writes the flag and the owner (set after acquiring, cleared
     * before releasing).
     *
     * Evidence: TasLockTest, TasLockLincheckTest and the jcstress tests in dev.interlock.stress.locks.
     */

    /** True while held. */
    @SuppressWarnings("unused")
    private boolean locked;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    /** Creates an unlocked lock. */
    public TasLock() {
    }

    /** Acquires the lock, spinning until it is free; an interrupt is left pending. */
    @Override
    public void lock() {
        while ((boolean) LOCKED.getAndSet(this, true)) {
            Thread.onSpinWait();
        }
        // RMW (getAndSet) returned false above: the linearization point of lock().
        setOwner();
    }

    /**
     * Acquires the lock unless the thread is interrupted.
     *
     * @throws InterruptedException if interrupted before the call or while spinning; the lock is then
     *         not acquired, and the interrupt status is cleared
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        while ((boolean) LOCKED.getAndSet(this, true)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
        // the RMW returned false: the linearization point.
        setOwner();
    }

    /**
     * Acquires the lock if it is free at the instant of the call; never waits.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        if ((boolean) LOCKED.getAndSet(this, true)) {
            return false; // the RMW saw true: held at that instant, the linearization point.
        }
        setOwner(); // the RMW saw false: acquired, the linearization point.
        return true;
    }

    /**
     * Acquires the lock if it becomes free within the timeout, spinning; a timeout of zero
     * or less makes one attempt.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted before the call or while spinning; the lock is then
     *         not acquired, and the interrupt status is cleared
     * @throws NullPointerException if {@code unit} is null; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long timeoutNanos = SpinSupport.toNanos(time, unit);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = System.nanoTime();
        while ((boolean) LOCKED.getAndSet(this, true)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (SpinSupport.expired(start, timeoutNanos)) {
                return false;
            }
            Thread.onSpinWait();
        }
        // the RMW returned false: the linearization point.
        setOwner();
        return true;
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; nothing
     *         changes
     */
    @Override
    public void unlock() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) { // see setOwner() for why opaque is enough
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
     * Returns {@code TasLock[unlocked]}, {@code TasLock[locked]} or
     * {@code TasLock[locked by thread "name"]}, a snapshot for monitoring.
     *
     * @return that description
     */
    @Override
    public String toString() {
        // opaque: a snapshot; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    private void setOwner() {
        // opaque is enough for unlock()'s check: a thread sees itself there only while it has put itself
        // there (program order); not plain, so that toString() reads an untorn value.
        OWNER.setOpaque(this, Thread.currentThread());
    }

    private static final VarHandle LOCKED;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            LOCKED = lookup.findVarHandle(TasLock.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(TasLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
