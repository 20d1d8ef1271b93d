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
 * "now serving" counter shows it. First come, first served.
 *
 * <p><b>Contract.</b> A mutual-exclusion {@link Lock}: at most one thread holds it at a time.
 * <ul>
 *   <li><b>Not reentrant:</b> a thread that holds the lock and calls {@link #lock()} again spins
 *       forever (its new ticket comes after its own); {@link #tryLock()} by the holder returns
 *       {@code false}.</li>
 *   <li>{@link #unlock()} by a thread that does not hold the lock throws
 *       {@link IllegalMonitorStateException} and changes nothing: the lock knows its owner.</li>
 *   <li>{@link #tryLock(long, TimeUnit)} and {@link #lockInterruptibly()} throw
 *       {@link UnsupportedOperationException}, always (whatever the arguments), and change nothing. A
 *       taken ticket cannot be abandoned: "now serving" advances one ticket at a time, so when the
 *       number of a thread that gave up came up, nobody would ever advance it again and every later
 *       ticket would wait forever. Supporting it would need a second protocol (marking tickets
 *       abandoned and having each unlock skip them), which is not the ticket lock any more; use
 *       {@link ClhLock}, whose waiters can leave the queue, or {@link TtasLock}.
 *       {@link #tryLock()} is supported: it takes a ticket only when that ticket is served at once.</li>
 *   <li>{@link #newCondition()} throws {@link UnsupportedOperationException}: a spin lock has no wait
 *       queue to park a thread on.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO): threads acquire in the order of their
 * {@code getAndAdd} on the dispenser, so no thread starves while every holder eventually releases.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts. It is hostile to <b>oversubscribed CPUs</b>, and
 * fairness makes that worse: when the holder <em>or the next waiter in line</em> is preempted, the
 * lock cannot be handed on, and every other waiter burns its time slice. All waiters spin on the one
 * "now serving" word, so each release invalidates every waiter's cache line (global spinning;
 * {@link ClhLock} and {@link McsLock} spin locally).
 *
 * <h2>Implementation notes</h2>
 * The ticket lock of Mellor-Crummey and Scott, <i>Algorithms for Scalable Synchronization on
 * Shared-Memory Multiprocessors</i>, ACM TOCS 9(1), 1991, sec. 2.2; Herlihy and Shavit, <i>The Art of
 * Multiprocessor Programming</i>, 2nd ed., ch. 7 (exercises). State: two {@code int}s, {@code next}
 * (the dispenser) and {@code serving}, and the owner {@link Thread}.
 * <ul>
 *   <li>{@code lock()}: {@code getAndAdd(next, 1)} takes ticket {@code t} (RMW: it fixes the FIFO
 *       order), then spin on an <b>acquire</b> read of {@code serving} until it equals {@code t}. That
 *       acquire read is the linearization point (or, when {@code t} was already served, the
 *       {@code getAndAdd}), and it pairs with the release write of the previous owner.</li>
 *   <li>{@code unlock()}: a <b>release</b> write of {@code serving + 1}, the linearization point.
 *       The read of {@code serving} before it is <b>plain</b>: only the holder writes
 *       {@code serving}, and the holder's own acquire read already saw its current value.</li>
 *   <li>{@code tryLock()}: read {@code serving} (acquire) as {@code s}, then
 *       {@code compareAndSet(next, s, s + 1)}: it succeeds only if no ticket is outstanding, so ticket
 *       {@code s} is served at once. The CAS is the linearization point.</li>
 * </ul>
 * Invariants: {@code next - serving} is the number of threads holding or waiting (0 when free), in
 * {@code int} arithmetic, which wraps around correctly while fewer than 2<sup>31</sup> threads
 * wait; the holder is the thread whose ticket equals {@code serving}. Evidence: {@code TicketLockTest}
 * (the {@code LockContract}), {@code TicketLockLincheckTest} and the
 * {@code dev.interlock.stress.locks} jcstress tests.
 */
public final class TicketLock implements Lock {

    /** The next ticket to hand out. Accessed through {@link #NEXT} only. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private int next;

    /** The ticket now being served, that of the holder when locked. Accessed through {@link #SERVING} only. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private int serving;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** Creates an unlocked lock. */
    public TicketLock() {
    }

    /**
     * Acquires the lock, waiting in FIFO order. Not interruptible: an interrupt is left pending in the
     * thread's status.
     */
    @Override
    public void lock() {
        int ticket = (int) NEXT.getAndAdd(this, 1); // RMW: my place in line.
        while ((int) SERVING.getAcquire(this) != ticket) { // acquire: pairs with the previous owner's release.
            Thread.onSpinWait();
        }
        // the acquire read that saw my ticket is the linearization point of lock().
        setOwner();
    }

    /**
     * Always throws: a ticket lock cannot abandon a taken ticket (see the class documentation).
     *
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException(
                "TicketLock.lockInterruptibly: a taken ticket cannot be abandoned; use lock() or tryLock()");
    }

    /**
     * Acquires the lock if it is free and nobody waits, at the instant of the call; never waits.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        int s = (int) SERVING.getAcquire(this); // acquire: pairs with the previous owner's release.
        if (!NEXT.compareAndSet(this, s, s + 1)) {
            return false; // CAS failed: a ticket was outstanding, so the lock was held (linearization point).
        }
        setOwner(); // CAS succeeded: ticket s, already served. The linearization point.
        return true;
    }

    /**
     * Always throws: a ticket lock cannot abandon a taken ticket, so it cannot time out (see the class
     * documentation).
     *
     * @param time ignored
     * @param unit ignored
     * @return never
     * @throws UnsupportedOperationException always, whatever the arguments; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        throw new UnsupportedOperationException(
                "TicketLock.tryLock(time, unit): a taken ticket cannot be abandoned; use tryLock() or lock()");
    }

    /**
     * Releases the lock to the next ticket in line.
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
        int s = (int) SERVING.get(this); // plain: only the holder writes serving, and it read this value.
        SERVING.setRelease(this, s + 1); // release: the linearization point of unlock(); pairs with the waiters' acquire.
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
     * {@code TicketLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque semantics.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        // opaque: a snapshot for monitoring; the two reads are not atomic together, and that is fine here.
        boolean locked = (int) NEXT.getOpaque(this) != (int) SERVING.getOpaque(this);
        return SpinSupport.describe(this, locked, (Thread) OWNER.getOpaque(this)); // opaque: as above.
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
