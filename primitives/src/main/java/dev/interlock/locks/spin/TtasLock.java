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
 * The test-and-test-and-set spin lock: waiters spin on a read of the flag, and attempt the atomic
 * exchange only when they have seen it free.
 *
 * <p>A mutual-exclusion {@link Lock}, <b>not reentrant</b>: a holder that calls {@link #lock()} again
 * spins forever, and its {@link #tryLock()} returns {@code false}. Every method of {@link Lock} is
 * supported except {@link #newCondition()}.
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking, and <b>not fair</b>: a thread can starve. A waiter never sleeps (see
 * the package documentation). Unlike {@link TasLock}'s, waiters spin in their own caches, but each
 * release sends them all to exchange at once, a burst that {@link BackoffLock} damps and the queue
 * locks avoid.
 */
public final class TtasLock implements Lock {
    /*
     * Implementation notes.
     *
     * Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 7.3 (TTASLock).
     *
     * lock() spins on an opaque read of the flag until it is false, then getAndSet(true), and starts over
     * if that returns true. The read is a hint that guards nothing: opaque only keeps it in the loop, and
     * the exchange that returns false is the linearization point and acquires. unlock() is a release
     * write of false, the linearization point, read by the next owner's exchange. A waiter holds nothing,
     * so giving up needs no undo.
     *
     * Invariant: the flag is true exactly from the exchange that returned false to the same owner's
     * release; the owner is set after acquiring and cleared before releasing.
     *
     * Evidence: TtasLockTest, TtasLockLincheckTest and the jcstress tests in dev.interlock.stress.locks;
     * both tools must reject BrokenTtasLock (test sources), whose exchange is a read and a plain write.
     */

    /** True while held. */
    @SuppressWarnings("unused")
    private boolean locked;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    /** Creates an unlocked lock. */
    public TtasLock() {
    }

    /** Acquires the lock, spinning until it is free; an interrupt is left pending. */
    @Override
    public void lock() {
        while (true) {
            while ((boolean) LOCKED.getOpaque(this)) { // opaque: a hint; the RMW decides.
                Thread.onSpinWait();
            }
            if (!(boolean) LOCKED.getAndSet(this, true)) {
                break; // RMW (getAndSet) returned false: the linearization point of lock().
            }
        }
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
        if (!acquire(true, false, 0L)) {
            throw new AssertionError("an untimed acquire cannot time out");
        }
    }

    /**
     * Acquires the lock if it is free at the instant of the call; never waits.
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
     * Acquires the lock if it becomes free within the timeout, spinning; a timeout of zero or less
     * makes one attempt.
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
     * Returns {@code TtasLock[unlocked]}, {@code TtasLock[locked]} or
     * {@code TtasLock[locked by thread "name"]}, a snapshot for monitoring.
     *
     * @return that description
     */
    @Override
    public String toString() {
        // opaque: a snapshot; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    /** The interruptible and the timed acquisition; false only when timed out. */
    private boolean acquire(boolean interruptible, boolean timed, long timeoutNanos) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = timed ? System.nanoTime() : 0L;
        while (true) {
            if (!(boolean) LOCKED.getOpaque(this) // opaque: a hint; the RMW decides.
                    && !(boolean) LOCKED.getAndSet(this, true)) {
                break; // RMW (getAndSet) returned false: the linearization point.
            }
            if (interruptible && Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (timed && SpinSupport.expired(start, timeoutNanos)) {
                return false;
            }
            Thread.onSpinWait();
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
            LOCKED = lookup.findVarHandle(TtasLock.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(TtasLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
