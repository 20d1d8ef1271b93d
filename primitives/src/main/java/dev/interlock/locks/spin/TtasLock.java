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
 * <p><b>Progress:</b> blocking, and <b>not fair</b>: whichever waiter's exchange comes first after a
 * release wins; a thread can starve. A waiter never sleeps.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts. It is hostile to <b>oversubscribed CPUs</b>: when
 * the holder is preempted, every waiter burns its whole time slice for nothing. Compared with
 * {@link TasLock}, waiters spin in their own cache on a shared copy of the flag's line, so the holder
 * is not slowed while it holds the lock; but every release still invalidates every waiter's copy, and
 * they all rush to exchange at once (a burst of coherence traffic per release, which
 * {@link BackoffLock} damps and the queue locks avoid).
 *
 * <h2>Implementation notes</h2>
 * Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>, 2nd ed., ch. 7.3
 * ({@code TTASLock}). State: a {@code boolean} flag, {@code true} while held, and the owner
 * {@link Thread}, written by the holder just after it acquires and cleared just before it releases.
 * <ul>
 *   <li>{@code lock()}: spin on an <b>opaque</b> read of the flag until it is {@code false}, then
 *       {@code getAndSet(true)}; start over if that returns {@code true} (another waiter won). The
 *       read is only a hint: opaque is enough because it guards nothing (it is never hoisted out of
 *       the loop, which is all the loop needs), and the exchange that returns {@code false} is the
 *       linearization point and does the acquiring.</li>
 *   <li>{@code unlock()}: a <b>release</b> write of {@code false}, the linearization point; it pairs
 *       with the next owner's exchange, which reads it.</li>
 * </ul>
 * Invariant: the flag is {@code true} exactly from the exchange that returned {@code false} to the
 * release write of the same owner. Evidence: {@code TtasLockTest} (the {@code LockContract}),
 * {@code TtasLockLincheckTest} and the {@code dev.interlock.stress.locks} jcstress tests. Its broken
 * twin, {@code BrokenTtasLock} in the test sources, replaces the exchange by a read and a plain write,
 * and must be rejected by both.
 */
public final class TtasLock implements Lock {

    /** {@code true} while some thread holds the lock. Accessed through {@link #LOCKED} only. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private boolean locked;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** Creates an unlocked lock. */
    public TtasLock() {
    }

    /**
     * Acquires the lock, spinning until it is free. Not interruptible: an interrupt is left pending
     * in the thread's status.
     */
    @Override
    public void lock() {
        while (true) {
            while ((boolean) LOCKED.getOpaque(this)) { // opaque: a hint, re-read every time; the RMW decides.
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
     * @throws InterruptedException if the thread is interrupted before the call or while it spins;
     *         the lock is then not acquired and its state is unchanged, and the interrupt status is
     *         cleared
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
        // opaque pre-check: a held lock is reported without a write to its cache line.
        if ((boolean) LOCKED.getOpaque(this) || (boolean) LOCKED.getAndSet(this, true)) {
            return false; // the read or the RMW saw true: held at that instant, the linearization point.
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
     * Returns {@code TtasLock[unlocked]}, {@code TtasLock[locked]} or
     * {@code TtasLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque semantics.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        // opaque: a coherent snapshot for monitoring; it orders nothing.
        return SpinSupport.describe(this, (boolean) LOCKED.getOpaque(this), (Thread) OWNER.getOpaque(this));
    }

    /**
     * The interruptible and the timed acquisition. Returns {@code false} only when timed and the
     * timeout has passed; a waiter owns nothing while it spins, so giving up needs no undo.
     */
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
            LOCKED = lookup.findVarHandle(TtasLock.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(TtasLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
