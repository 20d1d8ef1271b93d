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
 * <b>Negative control: deliberately broken.</b> A copy of {@link ConditionQueue} (as of the commit that
 * added this class), bound to a {@link ReentrantMutex} through its public methods, with one change:
 * {@link #signal()} decides a waiter's status by a <em>check, then a plain write</em> instead of a CAS
 * from {@code CONDITION} to {@code SIGNALLED}, and spins {@code delaySpins} times in between, as a
 * preempted signaller would. A waiter interrupted (or timing out) in that window CASes its status to
 * {@code CANCELLED} and throws; the signaller then overwrites it and returns, believing it signalled
 * someone. Neither the cancelled waiter nor the next one gets the signal: it is lost, and the next
 * waiter sleeps. {@code SignalCancelNegativeControlTest} asserts that the bounded test which passes the
 * real condition finds that waiter still waiting, and jcstress's
 * {@code Locks_11_SignalRacesCancel.BrokenSignal} must see it as {@code STALE}. Lincheck cannot be the
 * judge: its model checker wakes parked threads spuriously. Never copy it.
 *
 * <p><b>The delay</b> lasts until the waiter has cancelled, or at most {@value #DELAY_SPINS} spins
 * (about 270 ms on a 2-core AMD EPYC): it must outlast the interrupted waiter's wake-up. A fixed delay
 * of 100,000 spins let {@code NegativeControlsIT}'s Termination run see STALE in 7 runs of 8 (in one JVM
 * configuration the waiter was sometimes not yet awake); one of 1,000,000 (about 27 ms), in 16 of 16,
 * but a CI run on 2026-12-05 then missed it once. Ending the window at the cancel keeps every catch of
 * a fixed delay and allows a longer bound at no cost.
 */
public final class BrokenSignalCondition implements Condition {

    /** Waiter statuses: CONDITION, then exactly one of the others. */
    static final int CONDITION = 0;
    static final int SIGNALLED = 1;
    static final int CANCELLED = 2;

    /** Plain: read and written only by the lock's holder. */
    private Waiter firstWaiter;
    private Waiter lastWaiter;

    /** How many times {@link #signal()} spins between its check of a waiter's status and its write. */
    public static final int DELAY_SPINS = 10_000_000;

    private final ReentrantMutex lock;
    private final int delaySpins;

    /**
     * Creates a broken condition of {@code lock}.
     *
     * @param lock the lock whose holder may await and signal
     * @param delaySpins how many times a signal spins between reading a waiter's status and writing it
     */
    public BrokenSignalCondition(ReentrantMutex lock, int delaySpins) {
        this.lock = lock;
        this.delaySpins = delaySpins;
    }

    private void checkHeldExclusively(String operation) {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException(operation + " without the lock");
        }
    }

    private int releaseAllHolds() {
        int holds = lock.getHoldCount();
        for (int i = 0; i < holds; i++) {
            lock.unlock();
        }
        return holds;
    }

    private boolean reacquireHolds(int savedHolds) {
        for (int i = 0; i < savedHolds; i++) {
            lock.lock();
        }
        return Thread.interrupted();
    }

    private Object blocker() {
        return lock;
    }

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
            if (node.status == CONDITION) { // THE BUG: a check, then a plain write, where the real queue CASes.
                for (int i = 0; i < delaySpins && node.status == CONDITION; i++) {
                    Thread.onSpinWait(); // the window, widened until the waiter cancels: then both win.
                }
                node.status = SIGNALLED;
                LockSupport.unpark(waiter);
                return;
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
            STATUS = MethodHandles.lookup().findVarHandle(Waiter.class, "status", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
