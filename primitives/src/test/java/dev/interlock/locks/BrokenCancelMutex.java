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
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> {@link ReentrantMutex} with one bug, in
 * {@code cancel()}: a waiter that gives up (an interrupt or a timeout) marks its node cancelled and
 * leaves without passing the wake-up on: if the owner's unlock had just chosen it, nobody wakes the
 * next waiter, and a thread sleeps on a free lock.
 *
 * <p>Generated from {@code ReentrantMutex.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenCancelMutex implements Lock {
    /*
     * Implementation notes.
     *
     * State. owner, a volatile Thread, is null when the lock is free: acquired by a CAS from null,
     * released by a volatile write of null. holds, the hold count, is plain: only the owner touches it.
     *
     * The wait queue is CLH-style (Craig; Magnusson, Landin and Hagersten): Nodes behind a dummy head.
     * A thread joins by a CAS on tail. prev is set before the CAS, so prev chains from tail always reach
     * head; next is set after it, so it may lag and is only a hint. The waiter whose predecessor is head
     * tries to take the lock, and on success becomes the new head; the others park.
     *
     * No lost wake-up. A waiter sets parkRequested, then reads owner once more; a releaser writes
     * owner = null, then reads the first waiter's flag, and unparks it only if it is set, clearing it.
     * All four accesses are volatile, so whichever side comes second sees the first (an unpark before
     * the park leaves a permit). Hence the release is a volatile write: a release store could pass the
     * releaser's next read. A waiter further back re-reads head instead: its predecessor writes head
     * before owner = null, so the pairing holds one node back. The flag keeps releases from unparking a
     * waiter that is awake; the rare stray permit costs one loop, as every park loop re-checks its
     * condition (AQS's WAITING bit is the same idea). A waiter that gives up (interrupt, timeout, or an
     * Error inside the wait: abandon) marks its node CANCELLED, then reads owner, and wakes the first
     * live waiter itself if the lock is free: the releaser's wake-up may have gone to the cancelled node.
     *
     * Cost. Joining is one CAS. A release wakes one thread, the first live waiter, found by following
     * next from head past cancelled nodes and relinking head.next to it, so each cancelled node is
     * stepped over about once: O(1) per hand-off, amortized. Only getQueueLength walks the queue.
     *
     * Conditions: ConditionQueue, shared with ReadWriteMutex's write lock. A fair mutex takes a signalled
     * waiter into its queue at the signal, so that nobody who asks later overtakes it. A non-fair one lets
     * anyone barge anyway, so it declines and the signal wakes the waiter to compete: with many threads
     * blocked on a queue's conditions that measured up to twice the throughput (docs/locks.md).
     *
     * Invariants.
     * 1. owner == null if and only if the lock is free; then holds == 0.
     * 2. Only the owner writes holds and head.
     * 3. head is never cancelled, and its thread is null.
     * 4. A node's status goes from WAITING to CANCELLED, never back.
     *
     * References: Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 7.5 (CLH) and
     * ch. 8 (monitors, reentrant locks); Lea, "The java.util.concurrent Synchronizer Framework" (2005).
     * Evidence: ReentrantMutexTest (the LockContract, conditions, a bounded buffer),
     * ReentrantMutexLincheckTest, ReentrantMutexScaleTest (counts the cost), AbandonedWaitTest,
     * TimeoutRefundNegativeControlTest, and the dev.interlock.stress.locks jcstress tests, with
     * Mode.Termination tests that a release and an interrupt wake a waiter (which Lincheck's model
     * checker cannot show).
     */

    /** The first waiter's spin budget before it parks: from 1, doubling each time a barger beat it, up to this. */
    static final int SPINS_BEFORE_PARK = 1024;

    /** Node statuses: WAITING, then perhaps CANCELLED. */
    static final int WAITING = 0;
    static final int CANCELLED = 1;

    private final boolean fair;

    private volatile Thread owner;
    /** Plain: the owner's alone (invariant 2). */
    private int holds;
    /** The dummy node before the first waiter; written only by the owner. */
    private volatile Node head;
    private volatile Node tail;

    /** For the scale tests: nodes wakeFirstWaiter looked at (plain, racy), and futile returns from park (RMW). */
    private long nodesVisited;
    @SuppressWarnings("unused") // accessed through the FUTILE_WAKEUPS VarHandle
    private volatile long futileWakeups;

    /** Creates a non-fair mutex. */
    public BrokenCancelMutex() {
        this(false);
    }

    /**
     * Creates a mutex with the given fairness.
     *
     * @param fair {@code true} to grant the lock to queued threads in arrival order
     */
    public BrokenCancelMutex(boolean fair) {
        this.fair = fair;
        Node dummy = new Node(null, WAITING);
        this.head = dummy;
        this.tail = dummy;
    }

    // ---- Lock ------------------------------------------------------------------------------------

    /**
     * Acquires the lock, waiting as long as it takes. Not interruptible: an interrupt while waiting is
     * remembered and the thread's interrupt status is set again when it returns.
     *
     * @throws Error if the current thread already holds the lock {@link Integer#MAX_VALUE} times
     */
    @Override
    public void lock() {
        Thread current = Thread.currentThread();
        if (!fair && OWNER.compareAndSet(this, null, current)) { // the successful CAS is the linearization point.
            holds = 1; // plain: we are the owner now.
            return;
        }
        if (!tryAcquire(current, fair)) {
            acquireUninterruptibly(enqueue(current));
        }
    }

    /**
     * Acquires the lock unless the current thread is interrupted, before or while waiting. If it is, it
     * throws and holds nothing; the lock and its queue are as if it had never asked.
     *
     * @throws InterruptedException if the current thread is interrupted
     * @throws Error if the current thread already holds the lock {@link Integer#MAX_VALUE} times
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread current = Thread.currentThread();
        if (!tryAcquire(current, fair)) {
            acquireQueued(enqueue(current), true, false, 0L);
        }
    }

    /**
     * Acquires the lock if it is free, or held by the current thread, at the moment of the call; never
     * waits. Barges even on a fair mutex (see the class documentation).
     *
     * @return {@code true} if the lock was acquired
     * @throws Error if the current thread already holds the lock {@link Integer#MAX_VALUE} times
     */
    @Override
    public boolean tryLock() {
        return tryAcquire(Thread.currentThread(), false);
    }

    /**
     * Acquires the lock if it becomes available within the given time, honouring fairness, unless the
     * current thread is interrupted. A time of zero or less makes one attempt.
     *
     * @param time the most time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if the lock was acquired; {@code false} if the time ran out first, and then
     *         nothing changed
     * @throws InterruptedException if the current thread is interrupted, before or while waiting
     * @throws NullPointerException if {@code unit} is null
     * @throws Error if the current thread already holds the lock {@link Integer#MAX_VALUE} times
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(time);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Thread current = Thread.currentThread();
        if (tryAcquire(current, fair)) {
            return true;
        }
        if (nanos <= 0L) {
            return false;
        }
        return acquireQueued(enqueue(current), true, true, System.nanoTime() + nanos);
    }

    /**
     * Releases one hold; the lock is free when the holds reach zero, and then the first waiter is woken.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; nothing changes
     */
    @Override
    public void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException(
                    "unlock() by " + describe(Thread.currentThread()) + ", which does not hold " + this);
        }
        int remaining = holds - 1;
        holds = remaining; // plain: only the owner touches holds.
        if (remaining == 0) {
            owner = null; // volatile write, not just release (see "No lost wake-up"): linearization point.
            if (head.next != null) {
                wakeFirstWaiter();
            }
        }
    }

    /**
     * Returns a new {@link Condition} bound to this mutex, with the full semantics of the
     * {@link Condition} interface: await releases every hold and restores the hold count before it
     * returns; interrupts and timeouts are reported exactly as that interface specifies.
     *
     * @return a new condition
     */
    @Override
    public Condition newCondition() {
        return new MutexCondition();
    }

    // ---- Introspection ---------------------------------------------------------------------------

    /**
     * Returns how many times the current thread holds this lock: 0 if it does not hold it.
     *
     * @return the current thread's hold count
     */
    public int getHoldCount() {
        return owner == Thread.currentThread() ? holds : 0; // plain read of holds: we are the owner.
    }

    /**
     * Returns whether the current thread holds this lock.
     *
     * @return {@code true} if the current thread is the owner
     */
    public boolean isHeldByCurrentThread() {
        return owner == Thread.currentThread();
    }

    /**
     * Returns whether any thread holds this lock; a snapshot, for monitoring.
     *
     * @return {@code true} if the lock is held
     */
    public boolean isLocked() {
        return owner != null;
    }

    /**
     * Returns whether this mutex is fair.
     *
     * @return {@code true} if it grants the lock to queued threads in arrival order
     */
    public boolean isFair() {
        return fair;
    }

    /**
     * Returns whether any thread is waiting to acquire the lock; a snapshot, for monitoring.
     *
     * @return {@code true} if a thread may be waiting
     */
    public boolean hasQueuedThreads() {
        return getQueueLength() > 0;
    }

    /**
     * Returns an estimate of the number of threads waiting to acquire the lock (threads waiting on a
     * condition are not counted until they are signalled); a snapshot, for monitoring.
     *
     * @return the number of queued threads
     */
    public int getQueueLength() {
        int count = 0;
        Node first = head;
        for (Node node = tail; node != null && node != first; node = node.prev) {
            if (node.status != CANCELLED && node.thread != null) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns the state and, when locked, the owner: {@code BrokenCancelMutex[Unlocked]},
     * {@code BrokenCancelMutex[Locked by thread "main"]}, or {@code BrokenCancelMutex[Locked by thread #21]}
     * for a thread whose name is empty (a virtual thread's, unless it was given one).
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        Thread holder = owner;
        return "BrokenCancelMutex[" + (holder == null ? "Unlocked" : "Locked by " + describe(holder)) + "]";
    }

    /** A thread as every lock names it (see {@link #toString()}); the spin locks' SpinSupport agrees. */
    static String describe(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() ? "thread #" + thread.getId() : "thread \"" + name + "\"";
    }

    // ---- Acquiring -------------------------------------------------------------------------------

    /** One attempt: a CAS if the lock is free (and, if respectQueue, nobody is queued), or one more hold. */
    private boolean tryAcquire(Thread current, boolean respectQueue) {
        Thread holder = owner;
        if (holder == null) {
            if (respectQueue && head != tail) {
                return false; // fair: queued threads go first.
            }
            if (OWNER.compareAndSet(this, null, current)) {
                holds = 1; // plain: we are the owner now.
                return true; // the successful CAS is the linearization point.
            }
            return false;
        }
        if (holder == current) {
            if (holds == Integer.MAX_VALUE) {
                throw new Error("Maximum lock count exceeded");
            }
            holds++; // plain: only the owner touches holds. Linearization point of a reentrant acquire.
            return true;
        }
        return false;
    }

    /**
     * Waits from a queued node: {@code true} with one hold, or {@code false} if the deadline passed (timed: a
     * flag of its own, as any long can be a deadline); an uninterruptible wait keeps an interrupt as the status.
     */
    private boolean acquireQueued(Node node, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        Thread current = node.thread;
        boolean acquired;
        try {
            acquired = awaitTurn(node, interruptible, timed, deadline);
        } catch (InterruptedException cancelled) {
            throw cancelled;
        } catch (Throwable failure) { // an asynchronous Error inside the wait, such as StackOverflowError
            abandon(node, current);
            if (node.interruptedWhileWaiting) {
                current.interrupt(); // lock(): the interrupt is kept on every way out.
            }
            throw failure;
        }
        if (!acquired) {
            return false;
        }
        holds = 1; // plain: we are the owner now.
        if (node.interruptedWhileWaiting) {
            current.interrupt(); // lock(): remember the interrupt, as the Lock contract says.
        }
        return true;
    }

    /** Waits from a queued node until it holds the lock: lock(), and a condition waiter's re-acquire. */
    private void acquireUninterruptibly(Node node) {
        try {
            acquireQueued(node, false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible wait was interrupted", impossible);
        }
    }

    /** Waits until the queued node holds the lock (the caller sets holds), or cancels it and gives up. */
    private boolean awaitTurn(Node node, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        Thread current = node.thread;
        int spinBudget = 1;
        int spins = 0;
        while (true) {
            Node predecessor = livePredecessor(node);
            if (predecessor == head && tryAcquire(current, false)) { // first in line: no queue check.
                becomeHead(node);
                return true;
            }
            if (predecessor == head && spins > 0) {
                spins--;
                Thread.onSpinWait(); // a short, bounded spin: the owner may be about to release.
                continue;
            }
            if (!node.parkRequested) {
                node.parkRequested = true; // volatile write, then the read of owner in tryAcquire: see "No lost wake-up".
                continue;
            }
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    cancel(node);
                    return false;
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
            spinBudget = Math.min(spinBudget * 2, SPINS_BEFORE_PARK);
            spins = spinBudget;
            if (Thread.interrupted()) {
                if (interruptible) {
                    cancel(node);
                    throw new InterruptedException();
                }
                node.interruptedWhileWaiting = true; // plain: only this thread reads it.
            } else if (livePredecessor(node) != head && !(timed && deadline - System.nanoTime() <= 0L)) {
                FUTILE_WAKEUPS.getAndAdd(this, 1L); // RMW: woken while not first in line, for the scale tests.
            }
        }
    }

    /** Skips cancelled predecessors, unlinking them from {@code node}'s {@code prev} chain. */
    private static Node livePredecessor(Node node) {
        Node predecessor = node.prev;
        while (predecessor.status == CANCELLED) {
            predecessor = predecessor.prev;
            node.prev = predecessor; // volatile write: only the node's own thread rewrites its prev.
        }
        return predecessor;
    }

    /** The caller now owns the lock: its node becomes the dummy head (invariant 3). */
    private void becomeHead(Node node) {
        Node previousHead = head;
        head = node; // only the owner writes head.
        node.thread = null;
        node.prev = null;
        previousHead.next = null; // help the garbage collector.
    }

    /** Appends a node for {@code thread} to the queue, and returns it. Lock-free. */
    private Node enqueue(Thread thread) {
        Node node = new Node(thread, WAITING);
        while (true) {
            Node last = tail;
            node.prev = last; // volatile write, before the CAS: so prev chains from tail always reach head.
            if (TAIL.compareAndSet(this, last, node)) { // CAS: linearization point of joining the queue.
                last.next = node; // volatile write; next may lag behind, so it is only a hint.
                return node;
            }
        }
    }

    /** Cancels a node; if the lock is free, passes on the wake-up that may have come to it. */
    private void cancel(Node node) {
        node.thread = null;
        node.status = CANCELLED; // volatile write, then the volatile read of owner: Dekker with unlock().
        // THE BUG: deleted here: if (owner == null) { wakeFirstWaiter(); }
    }

    /** Undoes a wait that an {@code Error} ended: cancels the node, or gives back the lock it took. */
    private void abandon(Node node, Thread current) {
        if (owner != current) {
            cancel(node);
            return;
        }
        if (head != node) {
            becomeHead(node);
        }
        holds = 0; // plain: we are the owner.
        owner = null; // volatile write, as in unlock().
        wakeFirstWaiter();
    }

    /**
     * Unparks the first live waiter, if any, after the lock became free (see "Cost"). A {@code next}
     * that lags (null) belongs to a waiter still joining the queue, which will read {@code owner} itself.
     */
    private void wakeFirstWaiter() {
        Node first = head;
        Node candidate = first.next;
        int visited = 1;
        while (candidate != null && candidate.status == CANCELLED) {
            candidate = candidate.next;
            visited++;
        }
        nodesVisited += visited; // plain and racy: a count for the scale tests.
        if (candidate == null) {
            return;
        }
        if (visited > 1) {
            first.next = candidate; // volatile write: every node it skips is cancelled for good.
        }
        if (candidate.parkRequested) { // volatile read: pairs with the waiter's write.
            candidate.parkRequested = false; // volatile write: it must ask again before it parks again.
            Thread waiter = candidate.thread; // volatile read; null if it acquired or cancelled meanwhile.
            if (waiter != null) {
                LockSupport.unpark(waiter);
            }
        }
    }

    /** For the scale tests: how many queue nodes {@code wakeFirstWaiter} has looked at (a racy count). */
    long nodesVisited() {
        return nodesVisited;
    }

    /** For the scale tests: how many times a waiter was woken while it was not first in line. */
    long futileWakeups() {
        return futileWakeups;
    }

    // ---- Conditions ------------------------------------------------------------------------------

    /** Throws unless the current thread owns the lock. */
    private void checkOwner(String operation) {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException(operation + " by " + describe(Thread.currentThread())
                    + ", which does not hold " + this);
        }
    }

    /** Releases every hold of the owner and returns how many there were. */
    private int releaseAll() {
        int saved = holds;
        holds = 0; // plain: only the owner touches holds.
        owner = null; // volatile write: linearization point of the release.
        wakeFirstWaiter();
        return saved;
    }

    /**
     * Re-acquires for a condition waiter, from its place if it was signalled; returns, and clears, whether
     * it was interrupted meanwhile.
     */
    private boolean reacquire(Thread current, int savedHolds, Node place) {
        if (place != null) {
            acquireUninterruptibly(place);
        } else if (!tryAcquire(current, fair)) {
            acquireUninterruptibly(enqueue(current));
        }
        holds = savedHolds; // plain: we are the owner again.
        return Thread.interrupted();
    }

    /** Queues a signalled condition waiter, on its behalf, if fair (ConditionQueue's "Transfer"). */
    private Node enqueueSignalledWaiter(Thread waiter) {
        if (!fair) {
            return null; // the signal wakes the waiter: see "Conditions".
        }
        Node node = enqueue(waiter);
        node.parkRequested = true; // volatile write: the waiter may be parked already, so any release unparks it.
        return node;
    }

    /** A condition of this mutex; the wait-set logic is in {@link ConditionQueue}. */
    private final class MutexCondition extends ConditionQueue<Node> {

        @Override
        void checkHeldExclusively(String operation) {
            checkOwner(operation);
        }

        @Override
        int releaseAllHolds() {
            return releaseAll();
        }

        @Override
        Node enqueueSignalled(Thread waiter) {
            return enqueueSignalledWaiter(waiter);
        }

        @Override
        boolean reacquireHolds(int savedHolds, Node place) {
            return reacquire(Thread.currentThread(), savedHolds, place);
        }

        @Override
        Object blocker() {
            return BrokenCancelMutex.this;
        }
    }

    // ---- Nodes and handles -----------------------------------------------------------------------

    /** A thread waiting in the lock queue. */
    static final class Node {
        /** Null once it acquired the lock or gave up. */
        volatile Thread thread;
        volatile int status;
        volatile Node prev;
        volatile Node next;
        /** Plain: only the node's own thread. */
        boolean interruptedWhileWaiting;
        /** Set by the waiter before it parks, cleared by its unparker (see "No lost wake-up"). */
        volatile boolean parkRequested;

        Node(Thread thread, int status) {
            this.thread = thread;
            this.status = status;
        }
    }

    private static final VarHandle OWNER;
    private static final VarHandle TAIL;
    private static final VarHandle FUTILE_WAKEUPS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            OWNER = lookup.findVarHandle(BrokenCancelMutex.class, "owner", Thread.class);
            TAIL = lookup.findVarHandle(BrokenCancelMutex.class, "tail", Node.class);
            FUTILE_WAKEUPS = lookup.findVarHandle(BrokenCancelMutex.class, "futileWakeups", long.class);
            // Initialized here, on one thread, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
