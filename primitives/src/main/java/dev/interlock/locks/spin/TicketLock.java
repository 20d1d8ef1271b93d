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
 * The ticket lock: a waiter takes the next number from a dispenser and spins until the
 * "now serving" counter shows it.
 *
 * <p>A mutual-exclusion {@link Lock}, <b>not reentrant</b>: a holder's second {@link #lock()} spins
 * forever, and its {@link #tryLock()} returns {@code false}. {@link #tryLock(long, TimeUnit)},
 * {@link #lockInterruptibly()} and {@link #newCondition()} always throw
 * {@link UnsupportedOperationException}: a taken ticket cannot be abandoned ({@link ClhLock} can leave).
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO); a preempted holder or next in line stalls every
 * other waiter (see the package documentation). All waiters spin on one counter; {@link ClhLock} and
 * {@link McsLock} spin locally.
 */
public final class TicketLock implements Lock {
    /*
     * Implementation notes.
     *
     * Mellor-Crummey and Scott, Algorithms for Scalable Synchronization on Shared-Memory
     * Multiprocessors, ACM TOCS 9(1), 1991, sec. 2.2.
     *
     * - lock(): getAndAdd(next, 1) takes ticket t (the FIFO order); then acquire reads of serving until
     *   one sees t, the linearization point, paired with the previous owner's release.
     * - unlock(): a plain read of serving (only the holder writes it, and its acquire read saw the
     *   value), then a release write of serving + 1, the linearization point.
     * - tryLock(): an acquire read of serving as s, then compareAndSet(next, s, s + 1), the linearization
     *   point; it fails if a ticket is outstanding.
     *
     * A ticket cannot be given up: when it came up, nobody would advance serving.
     *
     * Invariants: next - serving (wrapping int arithmetic) counts the threads holding or waiting; the
     * holder's ticket equals serving.
     *
     * Evidence: TicketLockTest, TicketLockLincheckTest and the jcstress tests in dev.interlock.stress.locks.
     */

    /** The next ticket to hand out. */
    @SuppressWarnings("unused")
    private int next;

    /** The ticket now served. */
    @SuppressWarnings("unused")
    private int serving;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    /** Creates an unlocked lock. */
    public TicketLock() {
    }

    /** Acquires the lock, waiting in FIFO order; an interrupt is left pending. */
    @Override
    public void lock() {
        int ticket = (int) NEXT.getAndAdd(this, 1); // RMW: my place in line.
        while ((int) SERVING.getAcquire(this) != ticket) { // acquire: pairs with unlock's release.
            Thread.onSpinWait();
        }
        // the read that saw my ticket: the linearization point.
        setOwner();
    }

    /**
     * Always throws: a taken ticket cannot be abandoned.
     *
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException(
                "TicketLock.lockInterruptibly: a taken ticket cannot be abandoned; use lock() or tryLock()");
    }

    /**
     * Acquires the lock if nobody holds or waits for it at the instant of the call; never waits.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        int s = (int) SERVING.getAcquire(this); // acquire: pairs with the previous owner's release.
        if (!NEXT.compareAndSet(this, s, s + 1)) {
            return false; // CAS failed: held; the linearization point.
        }
        setOwner(); // CAS succeeded: the linearization point.
        return true;
    }

    /**
     * Always throws: a taken ticket cannot be abandoned.
     *
     * @param time ignored
     * @param unit ignored
     * @return never
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        throw new UnsupportedOperationException(
                "TicketLock.tryLock(time, unit): a taken ticket cannot be abandoned; use tryLock() or lock()");
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
        int s = (int) SERVING.get(this); // plain: only the holder writes serving.
        SERVING.setRelease(this, s + 1); // release: the linearization point of unlock().
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
     * Returns {@code TicketLock[unlocked]}, {@code TicketLock[locked]} or
     * {@code TicketLock[locked by thread "name"]}, a snapshot for monitoring.
     *
     * @return that description
     */
    @Override
    public String toString() {
        // opaque: a snapshot; it orders nothing.
        boolean locked = (int) NEXT.getOpaque(this) != (int) SERVING.getOpaque(this);
        return SpinSupport.describe(this, locked, (Thread) OWNER.getOpaque(this)); // opaque: as above.
    }

    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: enough, see "Owner" in docs/locks.md.
    }

    private static final VarHandle NEXT;
    private static final VarHandle SERVING;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(TicketLock.class, "next", int.class);
            SERVING = lookup.findVarHandle(TicketLock.class, "serving", int.class);
            OWNER = lookup.findVarHandle(TicketLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
