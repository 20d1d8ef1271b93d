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
 * wait), release every hold, queue a signalled waiter for the lock, re-acquire and restore the holds,
 * and the object to name as the blocker.
 *
 * @param <P> the lock's record of a queued thread: its place in the lock's queue
 */
abstract class ConditionQueue<P> implements Condition {
    /*
     * Implementation notes.
     *
     * The waiters form a plain linked list, read and written only by the thread that holds the lock. await
     * appends a node, releases every hold, and parks until its node's status leaves CONDITION. It leaves it
     * once, by CAS: signal changes it to SIGNALLED, and a waiter that is interrupted or times out changes it
     * to CANCELLED. The CAS decides the race between a signal and an interrupt or timeout, so a signal is
     * never lost: if the signal wins, the waiter reports a signal (and keeps its interrupt as a status); if
     * the waiter wins, the signaller moves on to the next waiter.
     *
     * Transfer. As AbstractQueuedSynchronizer does, the signaller, which holds the lock, queues the waiter
     * for the lock itself (enqueueSignalled, with the waiter marked as one to unpark), stores that place in
     * the node, and sets TRANSFERRED. It does not unpark the waiter: the lock's release does, when the waiter
     * is first in line. So a thread that asks for the lock after the signal queues behind the waiter, and a
     * signal costs no wake-up while its sender still holds the lock. A lock may decline (null): then the
     * signaller unparks the waiter, which queues itself (ReentrantMutex, when non-fair: see its notes). The
     * waiter re-acquires from its place; one that gave up, or that has none, queues anew. Either way, once it
     * holds the lock, it restores its hold count. A waiter that wakes while its status is SIGNALLED (a stray
     * permit) does not park: the lock might serve its place before it parked again, and that wake-up would be
     * lost. It yields until the signaller, which is inside one short enqueue, sets TRANSFERRED. An Error
     * inside the wait (abandon) ends it as an interrupt would, but holding the lock again, from its place if
     * it had one, so that nothing is left queued.
     *
     * Invariants. Only the lock's holder touches the list (firstWaiter, lastWaiter, nextWaiter). A node's
     * status goes CONDITION → SIGNALLED → TRANSFERRED or CONDITION → CANCELLED, each step once, and never
     * back; the first step is a CAS, and a node has a place only once TRANSFERRED.
     *
     * References: Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 8.2 (conditions);
     * Lea, "The java.util.concurrent Synchronizer Framework" (2005), section 3.4 (the transfer).
     * Evidence: the condition tests of ReentrantMutexTest (including a bounded buffer) and
     * ReadWriteLockContract, FairLockingArrayQueueTest (the order), AbandonedWaitTest,
     * SignalCancelNegativeControlTest, and SignalTransferNegativeControlTest and Locks_11 (a lost hand-off).
     */

    /** Waiter statuses: CONDITION, then CANCELLED, or SIGNALLED then TRANSFERRED. */
    static final int CONDITION = 0;
    static final int SIGNALLED = 1;
    static final int CANCELLED = 2;
    static final int TRANSFERRED = 3;

    /** Plain: read and written only by the lock's holder. */
    private Waiter<P> firstWaiter;
    private Waiter<P> lastWaiter;

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
     * Queues {@code waiter}, which is parked or about to park, for the lock, and returns its place; the
     * lock's release unparks it when it is first in line. Or returns null: then the signal wakes the
     * waiter, which queues itself. Called by the holder.
     */
    abstract P enqueueSignalled(Thread waiter);

    /**
     * Re-acquires the lock for the current thread, uninterruptibly, from {@code place} (or, if null, by
     * queueing anew), and restores {@code savedHolds}. Returns whether it was interrupted meanwhile, with
     * the interrupt status left clear.
     */
    abstract boolean reacquireHolds(int savedHolds, P place);

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
        Waiter<P> node = new Waiter<>(current);
        append(node);
        int savedHolds = releaseAllHolds();

        boolean interruptedBeforeSignal = false;
        boolean interruptedAfterSignal = false;
        boolean timedOut = false;
        try {
            int status;
            while ((status = node.status) != TRANSFERRED) { // volatile read
                if (status == SIGNALLED) {
                    Thread.yield(); // the signaller is queueing us: never park here (see "Transfer").
                    continue;
                }
                long remaining = timed ? deadline - System.nanoTime() : 0L;
                if (timed && remaining <= 0L) {
                    if (STATUS.compareAndSet(node, CONDITION, CANCELLED)) { // CAS: timeout vs signal.
                        timedOut = true;
                        break;
                    }
                    continue; // a signal won: we were signalled.
                }
                if (timed) {
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
        } catch (Throwable failure) { // an asynchronous Error, such as StackOverflowError
            abandon(node, savedHolds, interruptedAfterSignal);
            throw failure;
        }

        if (reacquireHolds(savedHolds, node.place)) { // plain read: written before TRANSFERRED, or null.
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

    /**
     * Ends a wait that an {@code Error} cut short as await ends every wait: off the list, or out of the
     * lock's queue, and holding the lock again, so that the caller's {@code finally} can unlock it.
     */
    private void abandon(Waiter<P> node, int savedHolds, boolean interrupted) {
        if (!STATUS.compareAndSet(node, CONDITION, CANCELLED)) { // CAS: as an interrupt would.
            while (node.status != TRANSFERRED) { // volatile read
                Thread.yield(); // the signaller is queueing us.
            }
        }
        if (reacquireHolds(savedHolds, node.place) || interrupted) {
            Thread.currentThread().interrupt(); // kept as our status.
        }
        if (node.status == CANCELLED) {
            unlinkCancelledWaiters();
        }
    }

    @Override
    public void signal() {
        checkHeldExclusively("signal()");
        Waiter<P> node = firstWaiter;
        while (node != null) {
            removeFirst();
            if (STATUS.compareAndSet(node, CONDITION, SIGNALLED)) { // CAS: signal vs interrupt or timeout.
                transfer(node);
                return; // linearization point: the successful CAS.
            }
            node = firstWaiter; // that waiter had already given up: signal the next one.
        }
    }

    @Override
    public void signalAll() {
        checkHeldExclusively("signalAll()");
        Waiter<P> node = firstWaiter;
        while (node != null) {
            removeFirst();
            if (STATUS.compareAndSet(node, CONDITION, SIGNALLED)) { // CAS
                transfer(node);
            }
            node = firstWaiter;
        }
    }

    /** Queues a signalled waiter for the lock and hands it its place, or wakes it (see "Transfer"). */
    private void transfer(Waiter<P> node) {
        P place = enqueueSignalled(node.thread);
        node.place = place; // plain: published by the volatile write below.
        node.status = TRANSFERRED; // volatile write
        if (place == null) {
            LockSupport.unpark(node.thread); // the lock declined: the waiter queues itself.
        }
    }

    /** Plain list operations: the lock's holder only. */
    private void append(Waiter<P> node) {
        if (lastWaiter == null) {
            firstWaiter = node;
        } else {
            lastWaiter.nextWaiter = node;
        }
        lastWaiter = node;
    }

    private void removeFirst() {
        Waiter<P> first = firstWaiter;
        firstWaiter = first.nextWaiter;
        if (firstWaiter == null) {
            lastWaiter = null;
        }
        first.nextWaiter = null;
    }

    /** Removes every node that gave up (interrupt, timeout). O(waiters); the lock's holder only. */
    private void unlinkCancelledWaiters() {
        Waiter<P> previous = null;
        for (Waiter<P> node = firstWaiter; node != null; ) {
            Waiter<P> next = node.nextWaiter;
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
    static final class Waiter<P> {
        /** The waiting thread. Final: published with the node. */
        final Thread thread;
        /** CONDITION, then SIGNALLED and TRANSFERRED, or CANCELLED. Volatile; leaves CONDITION by CAS. */
        volatile int status;
        /** The place in the lock's queue. Plain: written before TRANSFERRED, read after it. */
        P place;
        /** The next waiter. Plain: only the lock's holder touches the list. */
        Waiter<P> nextWaiter;

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
