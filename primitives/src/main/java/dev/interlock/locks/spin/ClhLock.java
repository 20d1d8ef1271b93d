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
 * The CLH queue lock, in its abortable form: waiters form an implicit FIFO queue of nodes, each
 * spinning on its predecessor's node, and a waiter that times out or is interrupted leaves the queue
 * by pointing its node at its predecessor.
 *
 * <p><b>Contract.</b> A mutual-exclusion {@link Lock}: at most one thread holds it at a time.
 * <ul>
 *   <li><b>Not reentrant:</b> a thread that holds the lock and calls {@link #lock()} again spins
 *       forever behind its own node; {@link #tryLock()} by the holder returns {@code false}.</li>
 *   <li>{@link #unlock()} by a thread that does not hold the lock throws
 *       {@link IllegalMonitorStateException} and changes nothing: the lock knows its owner.</li>
 *   <li>{@link #tryLock(long, TimeUnit)} and {@link #lockInterruptibly()} are supported: a waiter
 *       that gives up marks its node abandoned, and its successor skips it. Both throw
 *       {@link InterruptedException} (and clear the interrupt status) when the thread is interrupted
 *       before the call or while it waits; the lock is then not acquired and the other waiters keep
 *       their order. A null {@link TimeUnit} throws {@link NullPointerException}.</li>
 *   <li>{@link #newCondition()} throws {@link UnsupportedOperationException}: a spin lock has no wait
 *       queue to park a thread on. It is the only method that does.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO): threads acquire in the order of their exchange
 * on the queue's tail. {@link #tryLock()} joins the queue and leaves it at once if it is not first,
 * so it never waits for another thread.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts. It is hostile to <b>oversubscribed CPUs</b>, and
 * FIFO order makes that worse: when the holder or the next waiter in line is preempted, the lock
 * cannot be handed on, and every other waiter burns its time slice. In exchange, each waiter spins
 * on a different cache line (its predecessor's node), so a release invalidates one waiter's cache
 * line, not all of them. On a machine without coherent caches (NUMA without cache coherence) the
 * predecessor's node is remote memory, and {@link McsLock}, which spins on its own node, is better.
 *
 * <h2>Implementation notes</h2>
 * Craig (1993) and Landin and Hagersten (1994); Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i>, 2nd ed., ch. 7.5.2 ({@code CLHLock}) and, for leaving the queue, ch. 7.6
 * ({@code TOLock}), which this class follows. A node has one field, {@code pred}:
 * <ul>
 *   <li>{@code null}: its thread is waiting or holds the lock;</li>
 *   <li>the sentinel {@code AVAILABLE}: its thread has released the lock;</li>
 *   <li>another node: its thread gave up, and its successor must wait on that node instead.</li>
 * </ul>
 * The lock holds {@code tail}, the last node, or null when nobody holds or waits.
 * <ul>
 *   <li>Acquire: allocate a node, {@code getAndSet(tail, node)} (RMW: fixes the FIFO order). A null
 *       predecessor means the lock was free: acquired at that exchange, its linearization point.
 *       Otherwise spin on an <b>acquire</b> read of the predecessor's {@code pred}: on
 *       {@code AVAILABLE}, the lock is ours, and that read (which pairs with the release in
 *       {@code unlock}) is the linearization point; on another node, skip to it.</li>
 *   <li>Give up (timeout, interrupt, or a {@link #tryLock()} that is not first): if the node is still
 *       the tail, CAS the tail back to the predecessor, and nobody ever sees the node; else a
 *       <b>release</b> write of the predecessor into {@code node.pred}, for the successor to
 *       follow.</li>
 *   <li>{@code unlock()}: if the holder's node is still the tail, CAS the tail to null (the lock is
 *       free, nobody waits: the CAS is the linearization point); else a <b>release</b> write of
 *       {@code AVAILABLE} into the node, the linearization point, for the successor's acquire
 *       read.</li>
 * </ul>
 * <b>Node recycling.</b> The book's basic {@code CLHLock} keeps two thread-local nodes and, on unlock,
 * recycles the predecessor's node as the thread's next node (the predecessor no longer needs it, and
 * nobody else can reach it). That is correct only when no waiter ever leaves: once a node can be
 * abandoned, a late successor may still be about to read it, and a recycled node would make the CAS
 * of {@code tryLock} and of giving up see an old node as new (ABA). So, as the book's
 * {@code TOLock} does, every acquisition allocates a fresh node (16 bytes with compressed oops),
 * which the garbage collector reclaims once no successor refers to it; the JVM guarantees that a
 * node compared by identity is not reused while anyone holds a reference to it. The holder keeps
 * its node in a plain field of the lock, written after it acquires and read in {@code unlock}: only
 * the holder touches it, and the lock's own happens-before edge orders the holders.
 *
 * <p>Invariants: following {@code pred} links from the tail, skipping abandoned nodes, leads through
 * waiting nodes to the holder's node, or to a node that is {@code AVAILABLE} (then the first waiter
 * is about to acquire), or ends (the lock is free). An {@code AVAILABLE} or abandoned node never
 * changes again. Evidence: {@code ClhLockTest} (the {@code LockContract}, including a waiter that is
 * interrupted in the queue), {@code ClhLockLincheckTest} and the {@code dev.interlock.stress.locks}
 * jcstress tests.
 */
public final class ClhLock implements Lock {

    /** A queue node: one per acquisition, never reused. */
    static final class Node {
        /** null: waiting or holding; {@link #AVAILABLE}: released; another node: abandoned. Accessed through {@link #PRED}. */
        @SuppressWarnings("unused") // accessed through the VarHandle
        Node pred;
    }

    /** The mark of a released node. */
    private static final Node AVAILABLE = new Node();

    /** The last node of the queue, or null when the lock is free and nobody waits. Accessed through {@link #TAIL}. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Node tail;

    /** The holder's node; plain: written by the holder after it acquires, read by it in unlock. */
    private Node holderNode;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** Creates an unlocked lock. */
    public ClhLock() {
    }

    /**
     * Acquires the lock, waiting in FIFO order. Not interruptible: an interrupt is left pending in the
     * thread's status.
     */
    @Override
    public void lock() {
        try {
            acquire(false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible acquire cannot be interrupted", impossible);
        }
    }

    /**
     * Acquires the lock unless the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted before the call or while it waits; it
     *         has then left the queue, the lock is not acquired, and the interrupt status is cleared
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire(true, false, 0L);
    }

    /**
     * Acquires the lock if it is free and nobody waits for it; never waits for another thread.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        try {
            return acquire(false, true, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible acquire cannot be interrupted", impossible);
        }
    }

    /**
     * Acquires the lock if it becomes free within the timeout, waiting in FIFO order meanwhile; on
     * timeout, leaves the queue. A timeout of zero or less acts like {@link #tryLock()}.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if the lock was acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if the thread is interrupted before the call or while it waits; it
     *         has then left the queue, and the interrupt status is cleared
     * @throws NullPointerException if {@code unit} is null; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(true, true, SpinSupport.toNanos(time, unit));
    }

    /**
     * Releases the lock to the first waiter, if any.
     *
     * @throws IllegalMonitorStateException if the current thread does not hold the lock; the lock's
     *         state is then unchanged
     */
    @Override
    public void unlock() {
        if (OWNER.getOpaque(this) != Thread.currentThread()) { // opaque: see setOwner()
            throw SpinSupport.notHeldByCurrentThread(this);
        }
        Node node = holderNode; // plain: only the holder reads and writes it.
        holderNode = null; // plain: as above; the release below publishes it to the next holder.
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        if (!TAIL.compareAndSet(this, node, null)) { // CAS: if it succeeds, nobody waits: the linearization point.
            // A successor has queued behind the node (or has abandoned its place behind it).
            PRED.setRelease(node, AVAILABLE); // release: the linearization point; pairs with the successor's acquire.
        }
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
     * Returns {@code ClhLock[unlocked]}, {@code ClhLock[locked]} or
     * {@code ClhLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque semantics.
     * Without a known owner it is approximate: a queue whose last node has been abandoned reads as
     * unlocked.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        Node last = (Node) TAIL.getOpaque(this); // opaque: a snapshot for monitoring; it orders nothing.
        boolean locked = last != null && PRED.getOpaque(last) == null; // opaque: as above.
        return SpinSupport.describe(this, locked, (Thread) OWNER.getOpaque(this)); // opaque: as above.
    }

    /**
     * The one acquisition algorithm behind every locking method. Returns {@code false} only when timed
     * and the timeout has passed (at once for a timeout of zero or less); in that case, and when
     * interrupted, the node has left the queue.
     */
    private boolean acquire(boolean interruptible, boolean timed, long timeoutNanos) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException(); // before joining the queue: nothing to undo.
        }
        long start = timed && timeoutNanos > 0L ? System.nanoTime() : 0L;
        Node node = new Node(); // pred == null: waiting. Published by the RMW below.
        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            while (true) {
                Node predPred = (Node) PRED.getAcquire(pred); // acquire: pairs with the release in unlock().
                if (predPred == AVAILABLE) {
                    break; // the predecessor released: the linearization point of the acquisition.
                }
                if (predPred != null) {
                    pred = predPred; // the predecessor gave up: wait on its predecessor instead.
                    continue;
                }
                boolean interrupted = interruptible && Thread.interrupted();
                if (interrupted || timed && (timeoutNanos <= 0L || SpinSupport.expired(start, timeoutNanos))) {
                    abandon(node, pred);
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return false; // pred was waiting or holding at the read above: the lock was held then.
                }
                Thread.onSpinWait();
            }
        }
        // pred == null: the RMW found no queue, and it is the linearization point.
        holderNode = node; // plain: only the holder touches it.
        setOwner();
        return true;
    }

    /** Leaves the queue: {@code node} gives up its place; {@code pred} is the node it waited on. */
    private void abandon(Node node, Node pred) {
        if (!TAIL.compareAndSet(this, node, pred)) { // CAS: still last? Then undo the join; nobody saw node.
            // A successor is behind the node: tell it whom to wait on instead.
            PRED.setRelease(node, pred); // release: pairs with the successor's acquire read.
        }
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

    private static final VarHandle TAIL;
    private static final VarHandle PRED;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(ClhLock.class, "tail", Node.class);
            PRED = lookup.findVarHandle(Node.class, "pred", Node.class);
            OWNER = lookup.findVarHandle(ClhLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
