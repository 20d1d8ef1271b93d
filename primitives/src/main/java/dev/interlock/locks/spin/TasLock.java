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
 * The test-and-set spin lock: one flag, and every waiter spins on an atomic exchange of it. The
 * simplest correct mutual-exclusion lock, kept as the baseline of the spin-lock family.
 *
 * <p><b>Contract.</b> A mutual-exclusion {@link Lock}: at most one thread holds it at a time.
 * <ul>
 *   <li><b>Not reentrant:</b> a thread that holds the lock and calls {@link #lock()} again spins
 *       forever; {@link #tryLock()} by the holder returns {@code false}.</li>
 *   <li>{@link #unlock()} by a thread that does not hold the lock throws
 *       {@link IllegalMonitorStateException} and changes nothing: the lock knows its owner.</li>
 *   <li>{@link #tryLock(long, TimeUnit)} and {@link #lockInterruptibly()} are supported: a waiter
 *       holds no position that it would have to give back, so it can stop spinning at any time.
 *       Both throw {@link InterruptedException} (and clear the interrupt status) when the thread is
 *       interrupted before the call or while it spins; a null {@link TimeUnit} throws
 *       {@link NullPointerException}.</li>
 *   <li>{@link #newCondition()} throws {@link UnsupportedOperationException}: a spin lock has no wait
 *       queue to park a thread on. It is the only method that does.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking, and <b>not fair</b>: the exchange that finds the lock free wins,
 * whoever has waited longest; a thread can starve. A waiter never sleeps: it burns its CPU until the
 * lock is free.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts, so a few of them can occupy every carrier while
 * the holder waits for one. It is hostile to <b>oversubscribed CPUs</b>: when the holder is preempted,
 * every waiter burns its whole time slice for nothing. And this particular algorithm is hostile to
 * the <b>cache</b>: every spin is a write, so every waiter keeps pulling the flag's cache line into
 * its own core in exclusive state, and the holder's release waits its turn on that bus traffic.
 * {@link TtasLock} fixes the last point, {@link BackoffLock} and the queue locks go further;
 * {@code docs/locks.md} says which lock to use.
 *
 * <h2>Implementation notes</h2>
 * Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>, 2nd ed., ch. 7.2 ({@code TASLock}).
 * State: a {@code boolean} flag, {@code true} while held, and the owner {@link Thread}, written by the
 * holder just after it acquires and cleared just before it releases.
 * <ul>
 *   <li>{@code lock()}: {@code getAndSet(true)} until it returns {@code false}. That successful
 *       exchange is the linearization point; it is an RMW with volatile semantics, so it also
 *       acquires.</li>
 *   <li>{@code unlock()}: a <b>release</b> write of {@code false}, the linearization point. Release
 *       is enough: the next owner's exchange reads this write and so everything before it, the
 *       critical section included, happens-before everything after that exchange. A volatile write
 *       would add a full fence (a {@code LOCK}-prefixed instruction on x86-64) that orders nothing
 *       the lock needs.</li>
 * </ul>
 * Invariant: the flag is {@code true} exactly from the exchange that returned {@code false} to the
 * release write of the same owner; between them, only that owner writes the owner field and the
 * flag. Evidence: {@code TasLockTest} (the {@code LockContract}), {@code TasLockLincheckTest}
 * (linearizability of a plain object guarded by the lock) and the {@code dev.interlock.stress.locks}
 * jcstress tests.
 */
public final class TasLock implements Lock {

    /** {@code true} while some thread holds the lock. Accessed through {@link #LOCKED} only. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private boolean locked;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** Creates an unlocked lock. */
    public TasLock() {
    }

    /**
     * Acquires the lock, spinning until it is free. Not interruptible: an interrupt is left pending
     * in the thread's status.
     */
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
     * @throws InterruptedException if the thread is interrupted before the call or while it spins;
     *         the lock is then not acquired and its state is unchanged, and the interrupt status is
     *         cleared
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        while ((boolean) LOCKED.getAndSet(this, true)) {
            if (Thread.interrupted()) {
                throw new InterruptedException(); // a failed exchange wrote true over true: nothing to undo
            }
            Thread.onSpinWait();
        }
        // RMW (getAndSet) returned false: the linearization point.
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
            return false; // the RMW saw true: the lock was held at that instant, the linearization point.
        }
        setOwner(); // the RMW saw false: acquired, the linearization point.
        return true;
    }

    /**
     * Acquires the lock if it becomes free within the timeout, spinning meanwhile. A timeout of zero
     * or less makes one attempt, like {@link #tryLock()}.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if the lock was acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted before the call or while it spins;
     *         the lock is then not acquired, and the interrupt status is cleared
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
        // RMW (getAndSet) returned false: the linearization point.
        setOwner();
        return true;
    }

    /**
     * Releases the lock.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; the lock's
     *         state is then unchanged
     */
    @Override
    public void unlock() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) { // see setOwner() for why opaque is enough
            throw SpinSupport.notHeldByCurrentThread(this);
        }
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner; ordered before the release below.
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
     * {@code TasLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque semantics.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        // opaque: a coherent snapshot for monitoring; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    /**
     * Records the current thread as owner, just after it acquired the lock.
     *
     * <p>Opaque is enough for the ownership check in {@link #unlock()}: a thread compares the owner
     * with itself, and it can see itself there only if it wrote itself there and has not yet cleared
     * it (its own writes are ordered for it by program order). Opaque, not plain, so that
     * {@link #toString()} from another thread reads an untorn, current-enough value.
     */
    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: only the holder writes it.
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
