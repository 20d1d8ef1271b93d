/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;

/**
 * The {@link Condition} of an exclusive lock of this package ({@link ReentrantMutex}, and the write
 * lock of {@link ReadWriteMutex}): a wait set guarded by the lock itself, with the full semantics of
 * the {@link Condition} interface. The lock supplies hooks: check that the caller holds it (and may
 * wait), release every hold, re-acquire and restore the holds, and the object to name as the blocker.
 */
abstract class ConditionQueue implements Condition {
    /*
     * Implementation notes.
     *
     * The waiters form a plain linked list, read and written only by the thread that holds the lock. await
     * appends a node, releases every hold, and parks until its node's status leaves CONDITION. That status
     * changes exactly once, by CAS: signal changes it to SIGNALLED, and a waiter that is interrupted or times
     * out changes it to CANCELLED. The CAS decides the race between a signal and an interrupt or timeout, so a
     * signal is never lost: if the signal wins, the waiter reports a signal (and keeps its interrupt as a
     * status); if the waiter wins, the signaller moves on to the next waiter. Either way the woken thread
     * re-acquires the lock through the lock's ordinary queue and, once it holds it again, restores its hold
     * count. Unlike AbstractQueuedSynchronizer, signal does not move the waiter into the lock's queue itself;
     * it wakes the waiter, which queues itself. That costs one extra wake-up per signal and removes a hand-off
     * race.
     *
     * Invariants. Only the lock's holder touches the list (firstWaiter, lastWaiter, nextWaiter). A node's
     * status goes CONDITION → SIGNALLED or CONDITION → CANCELLED, once, by CAS, and never back.
     *
     * References: Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 8.2 (conditions).
     * Evidence: the condition tests of LockContract, ReentrantMutexTest (including a bounded buffer) and
     * ReadWriteMutexWriteLockTest.
     */

    /** Waiter statuses: CONDITION, then exactly one of the others. */
    static final int CONDITION = 0;
    static final int SIGNALLED = 1;
    static final int CANCELLED = 2;

    /** Plain: read and written only by the lock's holder. */
    private Waiter firstWaiter;
    private Waiter lastWaiter;

    /**
     * Throws {@link IllegalMonitorStateException}, naming the operation, unless the current thread
     * holds the lock exclusively.
     */
    abstract void checkHeldExclusively(String operation);

    /** Throws {@link IllegalMonitorStateException} if the holder may not wait now; by default it may. */
    void checkMayAwait() {
    }

    /** Releases every hold of the current thread, which holds the lock; returns how many there were. */
    abstract int releaseAllHolds();

    /**
     * Re-acquires the lock for the current thread, uninterruptibly, and restores {@code savedHolds}.
     * Returns whether it was interrupted meanwhile, with the interrupt status left clear.
     */
    abstract boolean reacquireHolds(int savedHolds);

    /** The object a parked waiter names as its blocker: the lock. */
    abstract Object blocker();

    @Override
    public void await() throws InterruptedException {
        awaitInternal(true, false, 0L);
        // A return here means signalled: the wait loop ends only when the status leaves CONDITION.
    }

    @Override
    public void awaitUninterruptibly() {
        try {
            awaitInternal(false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError(impossible);
        }
    }

    @Override
    public long awaitNanos(long nanosTimeout) throws InterruptedException {
        long deadline = System.nanoTime() + Math.max(nanosTimeout, 0L); // no overflow for huge negatives.
        boolean signalled = awaitInternal(true, true, deadline);
        long remaining = deadline - System.nanoTime();
        // A signal is reported as a positive remainder even if the time ran out meanwhile: the
        // caller must not mistake a consumed signal for a timeout (it would be lost).
        return signalled ? Math.max(1L, remaining) : Math.min(0L, remaining);
    }

    @Override
    public boolean await(long time, TimeUnit unit) throws InterruptedException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(time);
        return awaitInternal(true, true, System.nanoTime() + Math.max(nanos, 0L)); // no overflow for huge negatives.
    }

    @Override
    public boolean awaitUntil(Date deadline) throws InterruptedException {
        long deadlineMillis = Objects.requireNonNull(deadline, "deadline").getTime();
        long now = System.currentTimeMillis();
        // Compared before subtracting: deadlineMillis - now overflows for a date far in the past.
        long nanos = deadlineMillis <= now ? 0L : TimeUnit.MILLISECONDS.toNanos(deadlineMillis - now);
        return awaitInternal(true, true, System.nanoTime() + Math.max(nanos, 0L)); // no overflow for huge negatives.
    }

    /**
     * The one await. Returns {@code true} if signalled, {@code false} if the deadline passed.
     *
     * @param timed whether {@code deadline} applies (a separate flag, because any {@code long}, 0
     *        included, can be a {@link System#nanoTime()} deadline)
     * @param deadline a {@link System#nanoTime()} deadline, read only when {@code timed}; one already
     *        passed (a timeout of zero or less) still gives a signal sent meanwhile its chance
     */
    private boolean awaitInternal(boolean interruptible, boolean timed, long deadline) throws InterruptedException {
        checkHeldExclusively("await()"); // before reading the interrupt status, so an illegal call keeps it.
        checkMayAwait();
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread current = Thread.currentThread();
        Waiter node = new Waiter(current);
        append(node);
        int savedHolds = releaseAllHolds();

        boolean interruptedBeforeSignal = false;
        boolean interruptedAfterSignal = false;
        boolean timedOut = false;
        while (node.status == CONDITION) { // volatile read
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    timedOut = STATUS.compareAndSet(node, CONDITION, CANCELLED); // CAS: timeout vs signal.
                    break; // if the CAS failed, a signal won: we were signalled.
                }
                LockSupport.parkNanos(blocker(), remaining);
            } else {
                LockSupport.park(blocker());
            }
            if (Thread.interrupted()) {
                if (interruptible && STATUS.compareAndSet(node, CONDITION, CANCELLED)) { // CAS: interrupt vs signal.
                    interruptedBeforeSignal = true;
                    break;
                }
                interruptedAfterSignal = true; // a signal won, or we must not throw: keep the status.
            }
        }

        if (reacquireHolds(savedHolds)) {
            interruptedAfterSignal = true; // interrupted while re-acquiring: after the signal or timeout.
        }
        if (node.status == CANCELLED) {
            unlinkCancelledWaiters(); // we hold the lock again, so we may touch the list.
        }
        if (interruptedBeforeSignal) {
            throw new InterruptedException(); // the status is clear, as the Condition contract says.
        }
        if (interruptedAfterSignal) {
            current.interrupt(); // signalled first: return normally, with the interrupt status set.
        }
        return !timedOut;
    }

    @Override
    public void signal() {
        checkHeldExclusively("signal()");
        Waiter node = firstWaiter;
        while (node != null) {
            removeFirst();
            Thread waiter = node.thread;
            if (STATUS.compareAndSet(node, CONDITION, SIGNALLED)) { // CAS: signal vs interrupt or timeout.
                LockSupport.unpark(waiter);
                return; // linearization point: the successful CAS.
            }
            node = firstWaiter; // that waiter had already given up: signal the next one.
        }
    }

    @Override
    public void signalAll() {
        checkHeldExclusively("signalAll()");
        Waiter node = firstWaiter;
        while (node != null) {
            removeFirst();
            Thread waiter = node.thread;
            if (STATUS.compareAndSet(node, CONDITION, SIGNALLED)) { // CAS
                LockSupport.unpark(waiter);
            }
            node = firstWaiter;
        }
    }

    /** Plain list operations: the lock's holder only. */
    private void append(Waiter node) {
        if (lastWaiter == null) {
            firstWaiter = node;
        } else {
            lastWaiter.nextWaiter = node;
        }
        lastWaiter = node;
    }

    private void removeFirst() {
        Waiter first = firstWaiter;
        firstWaiter = first.nextWaiter;
        if (firstWaiter == null) {
            lastWaiter = null;
        }
        first.nextWaiter = null;
    }

    /** Removes every node that gave up (interrupt, timeout). O(waiters); the lock's holder only. */
    private void unlinkCancelledWaiters() {
        Waiter previous = null;
        for (Waiter node = firstWaiter; node != null; ) {
            Waiter next = node.nextWaiter;
            if (node.status == CANCELLED) {
                if (previous == null) {
                    firstWaiter = next;
                } else {
                    previous.nextWaiter = next;
                }
                node.nextWaiter = null;
            } else {
                previous = node;
            }
            node = next;
        }
        lastWaiter = previous;
    }

    /** A thread waiting on the condition. */
    static final class Waiter {
        /** The waiting thread. Final: published with the node. */
        final Thread thread;
        /** CONDITION, SIGNALLED or CANCELLED. Volatile; every change is a CAS from CONDITION. */
        volatile int status;
        /** The next waiter. Plain: only the lock's holder touches the list. */
        Waiter nextWaiter;

        Waiter(Thread thread) {
            this.thread = thread;
            this.status = CONDITION;
        }
    }

    private static final VarHandle STATUS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATUS = lookup.findVarHandle(Waiter.class, "status", int.class);
            lookup.ensureInitialized(Waiter.class); // on one thread: see ReentrantMutex's static initializer.
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
