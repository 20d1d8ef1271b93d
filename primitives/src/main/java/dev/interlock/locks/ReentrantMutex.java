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
 * A reentrant mutual-exclusion lock with conditions: the behaviour of
 * {@link java.util.concurrent.locks.ReentrantLock}, built on a wait queue of its own.
 *
 * <p>A thread that holds the lock may take it again; the lock is released when it has been unlocked as
 * many times as it was locked. {@link #lock()} is uninterruptible; {@link #lockInterruptibly()} and
 * {@link #tryLock(long, TimeUnit)} give up when the thread is interrupted, and the timed form also
 * when its time runs out. A thread that gives up leaves nothing behind: not a hold, not a place in the
 * queue, not a wake-up meant for another thread.
 *
 * <p><b>Fairness.</b> A non-fair mutex (the default) lets a thread that arrives while the lock is free
 * take it even if others are queued ("barging"): higher throughput, and a waiter may be overtaken. A
 * fair mutex grants the lock to queued threads in arrival order; a newcomer queues behind them.
 * {@link #tryLock()} barges even on a fair mutex, as ReentrantLock's does; use {@code tryLock(0, unit)}
 * to respect fairness.
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: a successful lock acts as an
 * acquire, an unlock that releases the lock acts as a release, so actions before an unlock
 * happen-before actions after the next lock of the same mutex, by any thread.
 *
 * <p><b>Progress:</b> blocking. Waiting threads park ({@link LockSupport}); the first waiter spins at most
 * {@value #SPINS_BEFORE_PARK} times (with {@link Thread#onSpinWait()}) before each park, so no thread
 * spins unboundedly, and a waiting virtual thread unmounts from its carrier.
 *
 * <p><b>Bad use</b> changes nothing: {@link #unlock()} by a thread that does not hold the lock throws
 * {@link IllegalMonitorStateException}; a hold count that would exceed {@link Integer#MAX_VALUE} throws
 * an {@link Error}; a null {@link TimeUnit} or {@link Date} throws {@link NullPointerException}.
 *
 * <h2>Implementation notes</h2>
 * <b>State.</b> {@code owner}, a volatile {@code Thread}: null when the lock is free. A thread acquires
 * the lock by a CAS of {@code owner} from null to itself, and releases it by a volatile write of null.
 * {@code holds}, the hold count, is a plain {@code int}: only the owner reads or writes it.
 *
 * <p><b>The wait queue</b> is a linked queue of {@code Node}s in the style of the CLH lock
 * (Craig; Magnusson, Landin and Hagersten), with a dummy {@code head} whose successor is the first
 * waiter. A thread joins it by a CAS on {@code tail} (the node's {@code prev} is set before the CAS, so
 * following {@code prev} from {@code tail} always reaches {@code head}; {@code next} is set after it, so
 * it may lag and is only a hint). A waiter whose predecessor is {@code head} tries to take the lock; on
 * success it becomes the new head. Others park.
 *
 * <p><b>No lost wake-up.</b> Before it parks, a waiter sets its node's {@code parkRequested} flag and
 * then reads {@code owner} once more; a releaser writes {@code owner = null} and then reads the first
 * waiter's flag, and unparks it only if the flag is set, clearing it. All four accesses are volatile,
 * so they are sequentially consistent, and whichever comes second sees the first: either the waiter
 * sees the lock free and takes it, or the releaser sees the flag and unparks the waiter ({@code unpark}
 * before {@code park} leaves a permit, so that order is safe too). A waiter that is not first in line
 * re-reads {@code head} instead: its predecessor writes {@code head} before it writes
 * {@code owner = null} and reads the flag, so the same pairing holds one node further back. The flag
 * is what keeps releases from unparking a waiter that is already awake, one after another: such stray
 * permits would make the waiter's parks return at once, and it would spin against the owner. It keeps
 * them rare, not impossible: a releaser may read the flag set just as the waiter's re-check takes the
 * lock, and leave one permit, which that thread's next {@code park} may consume; every park loop
 * re-checks its condition. (AbstractQueuedSynchronizer uses
 * the same idea, with its {@code WAITING} status bit.) This is why the release must be a
 * volatile write and not merely a release store: a release store may be reordered after the releaser's
 * following read of the queue, and then both sides could miss each other. A waiter that cancels
 * (interrupt, timeout) marks its node {@code CANCELLED} and then reads {@code owner}; if the lock is free
 * it wakes the first live waiter itself, because the wake-up the releaser sent may have been meant for
 * the cancelled node. The same Dekker-style pairing makes that safe.
 *
 * <p><b>Cost.</b> Joining the queue is one CAS on {@code tail}. A release wakes one thread, the first
 * live waiter, found by following {@code next} from {@code head} past cancelled nodes and relinking
 * {@code head.next} to it, so each cancelled node is stepped over about once: O(1) per hand-off,
 * amortized. Only {@link #getQueueLength()} walks the queue. {@code ReentrantMutexScaleTest} counts.
 *
 * <p><b>Conditions.</b> {@link ConditionQueue} holds the wait-set logic, shared with the write lock of
 * {@link ReadWriteMutex}: a waiter releases every hold, parks until a signal, an interrupt or a timeout
 * changes its status (once, by CAS, which decides a race between them, so no signal is lost), then
 * queues for the lock like any other thread and restores its hold count.
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>{@code owner == null} if and only if the lock is free; then {@code holds == 0}.</li>
 *   <li>Only the owner writes {@code holds} and {@code head}.</li>
 *   <li>{@code head} is never cancelled, and its {@code thread} is null.</li>
 *   <li>A node's status goes {@code WAITING → CANCELLED}, and never back.</li>
 * </ol>
 *
 * <p>References: Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>, 2nd ed., ch. 7.5
 * (queue locks, CLH), ch. 8 (monitors, conditions, reentrant locks); Doug Lea, "The
 * java.util.concurrent Synchronizer Framework" (2005). Evidence: {@code ReentrantMutexTest} (the
 * {@code LockContract}, conditions, a bounded buffer), {@code ReentrantMutexLincheckTest}, and the
 * {@code dev.interlock.stress.locks} jcstress tests, including {@code Mode.Termination} tests that a
 * release and an interrupt wake a waiter (which Lincheck's model checker cannot show).
 */
public final class ReentrantMutex implements Lock {

    /**
     * The most times the first waiter retries before it parks. Its budget starts at 1 and doubles each
     * time it is woken and still finds the lock taken (a barger got there first), up to this bound:
     * a short spin at most, which lets a waiter that keeps losing the race catch the lock without a
     * park and unpark each time.
     */
    static final int SPINS_BEFORE_PARK = 1024;

    /** Node statuses: WAITING, then perhaps CANCELLED. */
    static final int WAITING = 0;
    static final int CANCELLED = 1;

    private final boolean fair;

    /** The thread holding the lock, or null. Volatile; acquired by CAS, released by a volatile write. */
    private volatile Thread owner;

    /** The hold count. Plain: only the owner reads or writes it (invariant 2). */
    private int holds;

    /** The dummy node before the first waiter. Volatile; written only by the owner. */
    private volatile Node head;

    /** The last node of the queue. Volatile; appended to by CAS. */
    private volatile Node tail;

    /** For the scale tests: queue nodes looked at by wakeFirstWaiter. Plain and racy. */
    private long nodesVisited;
    /** For the scale tests: returns from park while not first in line. Changed by RMW. */
    @SuppressWarnings("unused") // accessed through the FUTILE_WAKEUPS VarHandle
    private volatile long futileWakeups;

    /** Creates a non-fair mutex. */
    public ReentrantMutex() {
        this(false);
    }

    /**
     * Creates a mutex with the given fairness.
     *
     * @param fair {@code true} to grant the lock to queued threads in arrival order
     */
    public ReentrantMutex(boolean fair) {
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
            acquireUninterruptibly(current);
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
            acquireQueued(current, true, false, 0L);
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
        return acquireQueued(current, true, true, System.nanoTime() + nanos);
    }

    /**
     * Releases one hold; the lock is free when the holds reach zero, and then the first waiter is woken.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; nothing changes
     */
    @Override
    public void unlock() {
        if (owner != Thread.currentThread()) { // volatile read
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
     * Returns the state and, when locked, the owner: {@code ReentrantMutex[Unlocked]},
     * {@code ReentrantMutex[Locked by thread "main"]}, or {@code ReentrantMutex[Locked by thread #21]}
     * for a thread whose name is empty (a virtual thread's, unless it was given one).
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        Thread holder = owner;
        return "ReentrantMutex[" + (holder == null ? "Unlocked" : "Locked by " + describe(holder)) + "]";
    }

    /** A thread as every lock names it (see {@link #toString()}); the spin locks' SpinSupport agrees. */
    static String describe(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() ? "thread #" + thread.getId() : "thread \"" + name + "\"";
    }

    // ---- Acquiring -------------------------------------------------------------------------------

    /**
     * One attempt to acquire for {@code current}: a CAS if the lock is free (and, when
     * {@code respectQueue}, nobody is queued), or one more hold if it already owns it.
     */
    private boolean tryAcquire(Thread current, boolean respectQueue) {
        Thread holder = owner; // volatile read
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
     * Queues {@code current} and waits for the lock. Returns {@code true} once it holds it, with one
     * hold, or {@code false} if the deadline passed; throws if interruptible and interrupted. When not
     * interruptible, an interrupt while waiting is set again on the thread before returning.
     *
     * @param timed whether {@code deadline} applies (a separate flag, because any {@code long}, 0
     *        included, can be a {@link System#nanoTime()} deadline)
     * @param deadline a {@link System#nanoTime()} deadline, read only when {@code timed}
     */
    private boolean acquireQueued(Thread current, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        Node node = new Node(current, WAITING);
        enqueue(node);
        if (!awaitTurn(node, interruptible, timed, deadline)) {
            return false;
        }
        holds = 1; // plain: we are the owner now.
        if (node.interruptedWhileWaiting) {
            current.interrupt(); // lock(): remember the interrupt, as the Lock contract says.
        }
        return true;
    }

    /** Acquires the lock for a thread that must not give up (lock(), and a condition waiter's re-acquire). */
    private void acquireUninterruptibly(Thread current) {
        try {
            acquireQueued(current, false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible wait was interrupted", impossible);
        }
    }

    /**
     * Waits until {@code node} (already queued) holds the lock, or cancels it. The lock is acquired, on
     * success, by this thread; the caller sets {@code holds}.
     *
     * @return {@code true} if acquired; {@code false} on timeout (the node is cancelled)
     * @throws InterruptedException if interruptible and interrupted (the node is cancelled)
     */
    private boolean awaitTurn(Node node, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        Thread current = node.thread;
        int spinBudget = 1; // grows while the lock keeps being taken from under us (see SPINS_BEFORE_PARK).
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
                // Ask for an unpark, then try once more before parking: Dekker with unlock() (see
                // "No lost wake-up"). Without the flag, every release would unpark us, even while we
                // run, and each stray permit would turn our next park into a busy loop.
                node.parkRequested = true; // volatile write, then the volatile read of owner in tryAcquire.
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
        Node predecessor = node.prev; // volatile read
        while (predecessor.status == CANCELLED) {
            predecessor = predecessor.prev;
            node.prev = predecessor; // volatile write: only the node's own thread rewrites its prev.
        }
        return predecessor;
    }

    /** The caller now owns the lock: its node becomes the dummy head (invariant 3). */
    private void becomeHead(Node node) {
        Node previousHead = head;
        head = node; // volatile write; only the owner writes head.
        node.thread = null;
        node.prev = null;
        previousHead.next = null; // help the garbage collector.
    }

    /** Appends {@code node} to the queue. Lock-free. */
    private void enqueue(Node node) {
        while (true) {
            Node last = tail; // volatile read
            node.prev = last; // volatile write, before the CAS: so prev chains from tail always reach head.
            if (TAIL.compareAndSet(this, last, node)) { // CAS: linearization point of joining the queue.
                last.next = node; // volatile write; next may lag behind, so it is only a hint.
                return;
            }
        }
    }

    /**
     * Cancels a waiting node: it will be skipped by waiters behind it and by {@link #wakeFirstWaiter()}.
     * If the lock is free now, the wake-up a releaser sent may have gone to this node, so pass it on.
     */
    private void cancel(Node node) {
        node.thread = null;
        node.status = CANCELLED; // volatile write, then the volatile read of owner: Dekker with unlock().
        if (owner == null) {
            wakeFirstWaiter();
        }
    }

    /**
     * Unparks the first live waiter, if any, after the lock became free (see "Cost"). A {@code next}
     * that lags (null) belongs to a waiter still joining the queue, which will read {@code owner} itself.
     */
    private void wakeFirstWaiter() {
        Node first = head; // volatile read
        Node candidate = first.next; // volatile read
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
     * Re-acquires the lock for a woken condition waiter, uninterruptibly, and restores its holds.
     * Returns whether it was interrupted while waiting for the lock; the interrupt status is then left
     * clear, so that await can either throw InterruptedException (which clears it) or set it again.
     */
    private boolean reacquire(Thread current, int savedHolds) {
        if (!tryAcquire(current, fair)) {
            acquireUninterruptibly(current);
        }
        holds = savedHolds; // plain: we are the owner again.
        return Thread.interrupted();
    }

    /** A condition of this mutex; the wait-set logic is in {@link ConditionQueue}. */
    private final class MutexCondition extends ConditionQueue {

        @Override
        void checkHeldExclusively(String operation) {
            checkOwner(operation);
        }

        @Override
        int releaseAllHolds() {
            return releaseAll();
        }

        @Override
        boolean reacquireHolds(int savedHolds) {
            return reacquire(Thread.currentThread(), savedHolds);
        }

        @Override
        Object blocker() {
            return ReentrantMutex.this;
        }
    }

    // ---- Nodes and handles -----------------------------------------------------------------------

    /** A thread waiting in the lock queue. */
    static final class Node {
        /** The waiting thread; null once it acquired the lock or gave up. Volatile. */
        volatile Thread thread;
        /** WAITING or CANCELLED. Volatile. */
        volatile int status;
        /** Lock queue links. Volatile. */
        volatile Node prev;
        volatile Node next;
        /** Whether lock() was interrupted while waiting. Plain: only the node's own thread. */
        boolean interruptedWhileWaiting;
        /**
         * Set by the waiter just before it parks, cleared by the thread that unparks it. Volatile: the
         * waiter's write and the releaser's read are one side each of the Dekker pairing.
         */
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
            OWNER = lookup.findVarHandle(ReentrantMutex.class, "owner", Thread.class);
            TAIL = lookup.findVarHandle(ReentrantMutex.class, "tail", Node.class);
            FUTILE_WAKEUPS = lookup.findVarHandle(ReentrantMutex.class, "futileWakeups", long.class);
            // Initialized here, on one thread, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
