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
 * spinning on its predecessor's node, and a waiter that times out or is interrupted leaves the queue.
 *
 * <p>A mutual-exclusion {@link Lock}, <b>not reentrant</b>: a holder's second {@link #lock()} spins
 * forever behind its own node, and its {@link #tryLock()} returns {@code false}. Every method of
 * {@link Lock} is supported except {@link #newCondition()}.
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO); {@link #tryLock()} never waits for another
 * thread. A preempted holder or next in line stalls every other waiter (see the package
 * documentation). A release disturbs only the next waiter's cache line; without coherent caches,
 * {@link McsLock} is better.
 */
public final class ClhLock implements Lock {
    /*
     * Implementation notes.
     *
     * Craig (1993), Landin and Hagersten (1994); Herlihy and Shavit, The Art of Multiprocessor
     * Programming, 2nd ed., ch. 7.5.2 (CLHLock) and ch. 7.6 (TOLock), which this class follows. A node's
     * pred is null while its thread waits or holds, AVAILABLE once released, and another node once its
     * thread gave up.
     *
     * - Acquire: getAndSet(tail, node) fixes the FIFO order; a null predecessor means acquired there, the
     *   linearization point. Else spin on an acquire read of the predecessor's pred: AVAILABLE means
     *   acquired, and that read is the linearization point; another node means skip to it.
     * - Give up (timeout, interrupt, or a tryLock() that is not first): CAS the tail back to the
     *   predecessor if the node is still last, so that nobody sees it; else a release write of the
     *   predecessor into node.pred.
     * - unlock(): CAS the tail from the node to null (nobody waits), else a release write of AVAILABLE
     *   into the node; either is the linearization point.
     *
     * Every acquisition allocates a node, as in TOLock. Recycling nodes as the book's CLHLock does is
     * wrong once waiters leave: a late successor may still read an abandoned node, and a recycled node
     * would be ABA to the CASes. holderNode is plain: only the holder touches it, and the lock orders
     * the holders.
     *
     * Invariants: pred links from the tail, skipping abandoned nodes, lead through waiting nodes to the
     * holder's node, or to an AVAILABLE node, or end (the lock is free). An AVAILABLE or abandoned node
     * never changes again.
     *
     * Evidence: ClhLockTest, ClhLockLincheckTest and the jcstress tests in dev.interlock.stress.locks.
     */

    /** A queue node: one per acquisition. */
    static final class Node {
        @SuppressWarnings("unused")
        Node pred;
    }

    /** The mark of a released node. */
    private static final Node AVAILABLE = new Node();

    /** The last node, or null when nobody holds or waits. */
    @SuppressWarnings("unused")
    private Node tail;

    /** The holder's node; plain. */
    private Node holderNode;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    /** Creates an unlocked lock. */
    public ClhLock() {
    }

    /** Acquires the lock, waiting in FIFO order; an interrupt is left pending. */
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
     * @throws InterruptedException if interrupted before the call or while waiting; the interrupt
     *         status is then cleared
     */
    @Override
    public void lockInterruptibly() throws InterruptedException {
        acquire(true, false, 0L);
    }

    /**
     * Acquires the lock if nobody holds or waits for it; never waits for another thread.
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
     * Acquires the lock if it becomes free within the timeout, waiting in FIFO order; on timeout,
     * leaves the queue. A timeout of zero or less acts like {@link #tryLock()}.
     *
     * @param time the maximum time to wait
     * @param unit the unit of {@code time}
     * @return {@code true} if acquired, {@code false} if the timeout passed first
     * @throws InterruptedException if interrupted before the call or while waiting; the interrupt
     *         status is then cleared
     * @throws NullPointerException if {@code unit} is null; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        return acquire(true, true, SpinSupport.toNanos(time, unit));
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
        Node node = holderNode; // plain: only the holder touches it.
        holderNode = null; // plain: as above.
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        if (!TAIL.compareAndSet(this, node, null)) { // CAS: if it succeeds, nobody waits: the linearization point.
            PRED.setRelease(node, AVAILABLE); // release: the linearization point.
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
     * {@code ClhLock[locked by thread "name"]}, a snapshot for monitoring; approximate while the owner
     * is unknown.
     *
     * @return that description
     */
    @Override
    public String toString() {
        Node last = (Node) TAIL.getOpaque(this); // opaque: a snapshot; it orders nothing.
        boolean locked = last != null && PRED.getOpaque(last) == null; // opaque: as above.
        return SpinSupport.describe(this, locked, (Thread) OWNER.getOpaque(this)); // opaque: as above.
    }

    /** The acquisition of every locking method; false only when timed out. */
    private boolean acquire(boolean interruptible, boolean timed, long timeoutNanos) throws InterruptedException {
        if (interruptible && Thread.interrupted()) {
            throw new InterruptedException();
        }
        long start = timed && timeoutNanos > 0L ? System.nanoTime() : 0L;
        Node node = new Node();
        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            while (true) {
                Node predPred = (Node) PRED.getAcquire(pred); // acquire: pairs with the release in unlock().
                if (predPred == AVAILABLE) {
                    break; // the predecessor released: the linearization point of the acquisition.
                }
                if (predPred != null) {
                    pred = predPred;
                    continue;
                }
                boolean interrupted = interruptible && Thread.interrupted();
                if (interrupted || timed && (timeoutNanos <= 0L || SpinSupport.expired(start, timeoutNanos))) {
                    abandon(node, pred);
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return false; // the read saw the lock held: the linearization point.
                }
                Thread.onSpinWait();
            }
        }
        // pred == null: the RMW was the linearization point.
        holderNode = node; // plain: only the holder touches it.
        setOwner();
        return true;
    }

    /** Leaves the queue: {@code node} gives up; {@code pred} is the node it waited on. */
    private void abandon(Node node, Node pred) {
        if (!TAIL.compareAndSet(this, node, pred)) { // CAS: still last? Then undo the join; nobody saw node.
            // A successor is behind the node: tell it whom to wait on instead.
            PRED.setRelease(node, pred); // release: pairs with the successor's acquire read.
        }
    }

    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: enough, see "Owner" in docs/locks.md.
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
