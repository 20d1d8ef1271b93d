/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import dev.interlock.locks.ReentrantMutex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> {@link Semaphore} with one bug, in
 * {@code takeNow()}: an arrival at a fair semaphore takes available permits without checking for
 * waiters, so a stream of small requests starves a large one (a skipped check of the policy).
 *
 * <p>Generated from {@code Semaphore.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenBargingSemaphore {
    /*
     * Implementation notes.
     *
     * permits is a volatile int changed only by CAS; the successful CAS of a take or a release is its
     * linearization point. The waiters form a doubly linked FIFO queue, head to tail, changed only
     * under lock (our ReentrantMutex); head is volatile so that release() and the fair fast path can
     * ask "does anyone wait?" without the lock.
     *
     * Fair mode: grant(), under lock, while the head's need fits, takes the permits for the head by CAS,
     * unlinks it, marks it GRANTED and unparks it: a waiter never competes again. It stops at the first
     * head that does not fit (FIFO), and runs wherever the head can newly fit: after a release that finds
     * a waiter, an arrival's enqueue, and the head's departure. Each waiter served or leaving costs O(1).
     *
     * The handshake (no lost wake-up). An arrival enqueues (a volatile write of head, if it is first),
     * then reads permits in grant(); release() CASes permits, then reads head. Four volatile accesses:
     * whichever comes second in the synchronization order sees the first: the release calls grant(), or
     * the arrival sees the permits. A later arrival finds head non-null, and it stays so until a grant()
     * or a departure, which run grant() again.
     *
     * A status goes WAITING -> GRANTED or -> CANCELLED under lock, so exactly one wins; the waiter
     * re-reads it after every return from park (an early unpark leaves a park permit).
     *
     * Non-fair mode wakes instead of granting, so that a running thread may take the permits rather than
     * hand them to a parked one (a hand-off per release ran at 0.03x the JDK's): serveHead() is signal(),
     * which unparks the head if its need fits and it is not awake (signalled); the head takes by CAS in
     * takeAtHead, against arrivals, then leaves and signals the next. The head clears signalled, then
     * reads permits; a release CASes, then reads head and its signalled, and skips the lock while it is
     * set. Volatile, as above; and a head that left after the release read it signals after its unlink.
     * A head woken in vain spins a little before it parks again, as AQS does.
     *
     * Invariants. 1. Outside the lock, the queue is empty or its head does not fit, unless a release or
     * a departure is on its way to serve it, or it is awake. 2. A node leaves served or cancelled, not both.
     * References: Dijkstra's P and V (EWD 123); Lea, "The java.util.concurrent Synchronizer Framework"
     * (2005), whose waiters are woken to compete where these are handed permits. Evidence:
     * SemaphoreTest, SemaphoreLincheckTest, the package's bounded controls, Sync_01, Sync_02, Sync_08.
     */

    static final int WAITING = 0;
    static final int GRANTED = 1;
    static final int CANCELLED = 2;
    private static final int SPINS = 256;

    private final boolean fair;
    private final int bound; // -1: unbounded.
    private final ReentrantMutex lock = new ReentrantMutex();

    private volatile int permits;
    private volatile Waiter head; // written under lock.
    private Waiter tail; // plain: under lock only.
    private volatile int queueLength; // written under lock.

    /**
     * Creates a non-fair, unbounded semaphore.
     *
     * @param permits the permits available at first; may be negative, and then releases must come first
     */
    public BrokenBargingSemaphore(int permits) {
        this(permits, false);
    }

    /**
     * Creates an unbounded semaphore.
     *
     * @param permits the permits available at first; may be negative
     * @param fair whether arrivals queue behind waiting threads in every method
     */
    public BrokenBargingSemaphore(int permits, boolean fair) {
        this(permits, fair, -1);
    }

    private BrokenBargingSemaphore(int permits, boolean fair, int bound) {
        this.permits = permits;
        this.fair = fair;
        this.bound = bound;
    }

    /**
     * Creates a non-fair, bounded semaphore, as {@code bounded(permits, false)}.
     *
     * @param permits the permits available at first, and the most it may hold
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static BrokenBargingSemaphore bounded(int permits) {
        return bounded(permits, false);
    }

    /**
     * Creates a bounded semaphore: a release that would raise the permits above {@code permits} throws.
     *
     * @param permits the permits available at first, and the most it may hold
     * @param fair whether arrivals queue behind waiting threads in every method
     * @return the semaphore
     * @throws IllegalArgumentException if {@code permits} is negative
     */
    public static BrokenBargingSemaphore bounded(int permits, boolean fair) {
        if (permits < 0) {
            throw new IllegalArgumentException("a bounded semaphore needs at least 0 permits: " + permits);
        }
        return new BrokenBargingSemaphore(permits, fair, permits);
    }

    /**
     * Acquires one permit, waiting until it is available, unless the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     */
    public void acquire() throws InterruptedException {
        acquire(1);
    }

    /**
     * Acquires {@code n} permits at once, waiting until they are available, unless the thread is
     * interrupted. Zero permits are acquired at once.
     *
     * @param n the number of permits
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws IllegalArgumentException if {@code n} is negative, or above a bounded semaphore's bound
     */
    public void acquire(int n) throws InterruptedException {
        checkAcquired(n);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!takeNow(n)) {
            await(n, true, false, 0L);
        }
    }

    /** Acquires one permit, waiting until it is available; an interrupt is kept for later, not thrown. */
    public void acquireUninterruptibly() {
        acquireUninterruptibly(1);
    }

    /**
     * Acquires {@code n} permits at once, waiting until they are available; an interrupt is kept for
     * later, not thrown.
     *
     * @param n the number of permits
     * @throws IllegalArgumentException if {@code n} is negative, or above a bounded semaphore's bound
     */
    public void acquireUninterruptibly(int n) {
        checkAcquired(n);
        if (!takeNow(n)) {
            try {
                await(n, false, false, 0L);
            } catch (InterruptedException impossible) {
                throw new AssertionError(impossible);
            }
        }
    }

    /**
     * Acquires one permit if it is available now (and, if fair, nobody waits).
     *
     * @return whether it acquired the permit
     */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Acquires {@code n} permits if they are available now (and, if fair, nobody waits); never waits,
     * and ignores the interrupt status.
     *
     * @param n the number of permits
     * @return whether it acquired them
     * @throws IllegalArgumentException if {@code n} is negative, or above a bounded semaphore's bound
     */
    public boolean tryAcquire(int n) {
        checkAcquired(n);
        return takeNow(n);
    }

    /**
     * Acquires one permit, waiting at most {@code timeout} for it, unless the thread is interrupted.
     *
     * @param timeout the most time to wait; zero or less does not wait
     * @param unit the unit of {@code timeout}
     * @return whether it acquired the permit
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean tryAcquire(long timeout, TimeUnit unit) throws InterruptedException {
        return tryAcquire(1, timeout, unit);
    }

    /**
     * Acquires {@code n} permits at once, waiting at most {@code timeout} for them, unless the thread is
     * interrupted.
     *
     * @param n the number of permits
     * @param timeout the most time to wait; zero or less does not wait
     * @param unit the unit of {@code timeout}
     * @return whether it acquired them
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws IllegalArgumentException if {@code n} is negative, or above a bounded semaphore's bound
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean tryAcquire(int n, long timeout, TimeUnit unit) throws InterruptedException {
        checkAcquired(n);
        Objects.requireNonNull(unit, "unit");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (takeNow(n)) {
            return true;
        }
        long nanos = unit.toNanos(timeout);
        return nanos > 0L && await(n, true, true, nanos);
    }

    /**
     * Releases one permit, as {@code release(1)}.
     *
     * @throws IllegalStateException as {@link #release(int)}
     */
    public void release() {
        release(1);
    }

    /**
     * Releases {@code n} permits, serving waiting threads in order (see the class javadoc). A thread need
     * not have acquired a permit to release one, unless the semaphore is bounded: then the permits may
     * never rise above the bound.
     *
     * @param n the number of permits
     * @throws IllegalArgumentException if {@code n} is negative
     * @throws IllegalStateException if the permits would rise above a bounded semaphore's bound, or
     *         above {@link Integer#MAX_VALUE}; nothing is released
     */
    public void release(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("cannot release a negative number of permits: " + n);
        }
        while (true) {
            int current = permits;
            long raised = (long) current + n;
            if (raised > (bound < 0 ? Integer.MAX_VALUE : bound)) {
                throw new IllegalStateException(bound < 0
                        ? "releasing " + n + " permits to " + current + " would exceed Integer.MAX_VALUE"
                        : "releasing " + n + " permits to " + current + " would exceed the bound of " + bound);
            }
            if (PERMITS.compareAndSet(this, current, (int) raised)) { // the successful CAS is the linearization point.
                break;
            }
        }
        Waiter first = head; // volatile read, after the CAS: the handshake of the notes.
        if (first != null && (fair || !first.signalled)) { // an awake non-fair head re-reads permits.
            lock.lock();
            try {
                serveHead();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Returns the number of permits available now; negative if more were acquired than released.
     *
     * @return the permits available
     */
    public int availablePermits() {
        return permits;
    }

    /**
     * Acquires every permit available now, ahead of any waiter, and returns how many; if the permits are
     * negative, sets them to zero and returns that negative number.
     *
     * @return the permits acquired, or the negative permits cleared
     */
    public int drainPermits() {
        while (true) {
            int current = permits;
            if (current == 0 || PERMITS.compareAndSet(this, current, 0)) { // the successful CAS is the linearization point.
                return current;
            }
        }
    }

    /**
     * Returns whether arrivals queue behind waiting threads in every method.
     *
     * @return {@code true} if fair
     */
    public boolean isFair() {
        return fair;
    }

    /**
     * Returns whether releases may not raise the permits above the number it was created with.
     *
     * @return {@code true} if created by {@link #bounded(int, boolean)}
     */
    public boolean isBounded() {
        return bound >= 0;
    }

    /**
     * Returns whether any thread waits for permits; a snapshot, for monitoring.
     *
     * @return {@code true} if some thread waits
     */
    public boolean hasQueuedThreads() {
        return head != null;
    }

    /**
     * Returns the number of threads waiting for permits; a snapshot, for monitoring.
     *
     * @return the number of waiting threads
     */
    public int getQueueLength() {
        return queueLength;
    }

    /**
     * Returns the threads waiting for permits, first to be served first; a snapshot, for monitoring.
     *
     * @return an unmodifiable list of the waiting threads
     */
    public List<Thread> getQueuedThreads() {
        lock.lock();
        try {
            List<Thread> threads = new ArrayList<>(queueLength);
            for (Waiter each = head; each != null; each = each.next) {
                threads.add(each.thread);
            }
            return Collections.unmodifiableList(threads);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the state, for example {@code BrokenBargingSemaphore[Permits = 3]}.
     *
     * @return a description of the permits
     */
    @Override
    public String toString() {
        return "BrokenBargingSemaphore[Permits = " + permits + "]";
    }

    private void checkAcquired(int n) {
        if (n < 0 || (bound >= 0 && n > bound)) {
            throw new IllegalArgumentException(n < 0 ? "cannot acquire a negative number of permits: " + n
                    : "cannot acquire " + n + " permits from a semaphore bounded at " + bound);
        }
    }

    /** Takes {@code n} permits if available and, if fair, nobody waits. */
    private boolean takeNow(int n) {
        if (n == 0) {
            return true;
        }
        // THE BUG: deleted here: if (fair && head != null) { return false; }
        for (int current; (current = permits) >= n; ) {
            if (PERMITS.compareAndSet(this, current, current - n)) { // the successful CAS is the linearization point.
                return true;
            }
        }
        return false;
    }

    /** Queues and waits for {@code n} permits; true if granted. */
    private boolean await(int n, boolean interruptible, boolean timed, long nanos) throws InterruptedException {
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        Waiter node = new Waiter(Thread.currentThread(), n);
        lock.lock();
        try {
            if (!fair && takeNow(n)) {
                return true;
            }
            enqueue(node);
            if (fair) {
                grant(); // after the enqueue: the handshake of the notes (non-fair: in takeAtHead).
            }
        } finally {
            lock.unlock();
        }
        boolean interrupted = false;
        try {
            while (!served(node)) {
                long remaining = timed ? deadline - System.nanoTime() : 1L;
                if (remaining <= 0L) {
                    return !cancel(node);
                }
                if (timed) {
                    LockSupport.parkNanos(this, remaining);
                } else {
                    LockSupport.park(this);
                }
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (interruptible && !served(node) && cancel(node)) {
                        interrupted = false;
                        throw new InterruptedException();
                    }
                }
                for (int spin = 0; !fair && spin < SPINS && node == head && permits < node.needed; spin++) {
                    Thread.onSpinWait(); // a non-fair head woken in vain: the next release may be near.
                }
            }
            return true;
        } catch (Error failure) { // an asynchronous Error inside the wait: leave no node, lose no permit.
            if (!cancel(node) && node.status == GRANTED) {
                release(n);
            }
            throw failure;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // served first, or uninterruptible: keep the interrupt.
            }
        }
    }

    /** Whether {@code node} has its permits: granted, or, if non-fair, taken at the head now. */
    private boolean served(Waiter node) {
        return node.status == GRANTED || (!fair && takeAtHead(node));
    }

    /** Non-fair: if {@code node} heads the queue and its need fits, takes the permits and leaves. */
    private boolean takeAtHead(Waiter node) {
        while (true) {
            node.signalled = false; // volatile write, then the read of permits: the handshake with signal().
            if (node != head || permits < node.needed) {
                return false; // and no lock before the park: a park inside lock() could use up signal()'s unpark.
            }
            lock.lock(); // before the CAS: an Error in lock() must not strand taken permits.
            try {
                if (takeNow(node.needed)) {
                    unlink(node);
                    node.status = GRANTED;
                    signal();
                    return true;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** What a release or a departing head owes the queue; under lock. */
    private void serveHead() {
        if (fair) {
            grant();
        } else {
            signal();
        }
    }

    /** Non-fair: wakes the head if its need fits and it is not awake already; under lock. */
    private void signal() {
        Waiter first = head;
        if (first != null && first.needed <= permits && !first.signalled) {
            first.signalled = true;
            LockSupport.unpark(first.thread);
        }
    }

    /** Fair: serves the head while its need fits; under lock. */
    private void grant() {
        for (Waiter first; (first = head) != null; ) {
            int current = permits;
            if (current < first.needed) {
                return;
            }
            if (PERMITS.compareAndSet(this, current, current - first.needed)) { // the successful CAS: first's acquire takes effect.
                unlink(first);
                first.status = GRANTED;
                if (first.thread != Thread.currentThread()) {
                    LockSupport.unpark(first.thread);
                }
            }
        }
    }

    /** Unlinks {@code node} unless it was granted first; returns whether it did. */
    private boolean cancel(Waiter node) {
        lock.lock();
        try {
            if (node.status != WAITING) {
                return false;
            }
            boolean wasHead = node == head;
            unlink(node);
            node.status = CANCELLED;
            if (wasHead) {
                serveHead(); // the next waiter may fit where this one did not.
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Links {@code node} at the tail; under lock. */
    private void enqueue(Waiter node) {
        Waiter last = tail;
        node.prev = last;
        if (last == null) {
            head = node;
        } else {
            last.next = node;
        }
        tail = node;
        queueLength = queueLength + 1;
    }

    /** Unlinks {@code node}, in O(1); under lock. */
    private void unlink(Waiter node) {
        Waiter before = node.prev;
        Waiter after = node.next;
        if (before == null) {
            head = after;
        } else {
            before.next = after;
        }
        if (after == null) {
            tail = before;
        } else {
            after.prev = before;
        }
        queueLength = queueLength - 1;
    }

    /** A waiting thread and the permits it needs. */
    static final class Waiter {
        final Thread thread;
        final int needed;
        volatile int status;
        volatile boolean signalled;
        Waiter prev; // plain: under lock only.
        Waiter next; // plain: under lock only.

        Waiter(Thread thread, int needed) {
            this.thread = thread;
            this.needed = needed;
        }
    }

    private static final VarHandle PERMITS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PERMITS = lookup.findVarHandle(BrokenBargingSemaphore.class, "permits", int.class);
            // Initialized here, on one thread, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Waiter.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
