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
 * The MCS queue lock: waiters form an explicit FIFO linked list of per-thread nodes, each spinning on
 * a flag in its own node until its predecessor hands the lock on.
 *
 * <p>A mutual-exclusion {@link Lock}, <b>not reentrant</b>: a holder's second {@link #lock()} spins
 * forever, and its {@link #tryLock()} returns {@code false}. {@link #tryLock(long, TimeUnit)},
 * {@link #lockInterruptibly()} and {@link #newCondition()} always throw
 * {@link UnsupportedOperationException}: a waiter cannot leave an MCS queue ({@link ClhLock}'s can).
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO); {@link #unlock()} may wait briefly for a
 * successor to link itself. A preempted holder or next in line stalls every other waiter (see the
 * package documentation).
 */
public final class McsLock implements Lock {
    /*
     * Implementation notes.
     *
     * Mellor-Crummey and Scott, ACM TOCS 9(1), 1991; Herlihy and Shavit, The Art of Multiprocessor
     * Programming, 2nd ed., ch. 7.5.3 (MCSLock).
     *
     * - lock(): plain writes reset the node; getAndSet(tail, node) publishes them and fixes the FIFO
     *   order. A null predecessor: acquired there, the linearization point. Else link with a release
     *   write of pred.next and spin on an acquire read of the node's locked; the read of false, pairing
     *   with the predecessor's release, is the linearization point.
     * - unlock(): an acquire read of node.next (so the successor's node is seen initialised). If null,
     *   compareAndSet(tail, node, null): success (nobody waits) is the linearization point; failure means
     *   a successor has not linked yet: spin until it has. Then a release write of false into the
     *   successor's locked, the linearization point.
     * - tryLock(): compareAndSet(tail, null, node), the linearization point either way.
     *
     * A waiter cannot leave: its predecessor writes into its node later. (Scott's 2002 MCS-with-timeout
     * lock can.)
     *
     * One node per thread per lock (a ThreadLocal), reused as in the book: nobody refers to a node once
     * unlock() returns. holderNode is plain: only the holder touches it, and the lock orders holders.
     *
     * Invariants: from the holder's node, next links (some not yet written) reach the tail through every
     * waiter in arrival order; locked goes from true to false once per acquisition.
     *
     * Evidence: McsLockTest, McsLockLincheckTest and the jcstress tests in dev.interlock.stress.locks.
     */

    /** A queue node. */
    static final class Node {
        @SuppressWarnings("unused")
        boolean locked;
        @SuppressWarnings("unused")
        Node next;
    }

    /** The last node, or null. */
    @SuppressWarnings("unused")
    private Node tail;

    /** The holder's node. */
    private Node holderNode;

    /** The holder, or null. */
    @SuppressWarnings("unused")
    private Thread owner;

    private final ThreadLocal<Node> myNode = ThreadLocal.withInitial(Node::new);

    /** Creates an unlocked lock. */
    public McsLock() {
    }

    /** Acquires the lock, waiting in FIFO order; an interrupt is left pending. */
    @Override
    public void lock() {
        Node node = myNode.get();
        NEXT.set(node, null); // plain: published by the RMW below.
        LOCKED.set(node, true); // plain: as above.
        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            NEXT.setRelease(pred, node); // release: pairs with the predecessor's acquire read in unlock().
            while ((boolean) LOCKED.getAcquire(node)) { // acquire: pairs with unlock's release.
                Thread.onSpinWait();
            }
            // the read that saw false: the linearization point.
        }
        // pred == null: the RMW was the linearization point.
        holderNode = node; // plain: the holder's alone.
        setOwner();
    }

    /**
     * Always throws: a waiter cannot leave an MCS queue.
     *
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException(
                "McsLock.lockInterruptibly: a waiter cannot leave an MCS queue; use lock(), tryLock() or ClhLock");
    }

    /**
     * Acquires the lock if nobody holds or waits for it; never waits.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        // opaque pre-check: no write when held; the holder sees its tail (or a later one), so never
        // resets its queued node.
        if (TAIL.getOpaque(this) != null) {
            return false;
        }
        Node node = myNode.get();
        NEXT.set(node, null); // plain: published by the CAS below.
        LOCKED.set(node, false); // plain: not read while the node is first.
        if (!TAIL.compareAndSet(this, null, node)) {
            return false; // CAS failed: held; the linearization point.
        }
        holderNode = node; // plain; the CAS succeeded, the linearization point.
        setOwner();
        return true;
    }

    /**
     * Always throws: a waiter cannot leave an MCS queue.
     *
     * @param time ignored
     * @param unit ignored
     * @return never
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        throw new UnsupportedOperationException(
                "McsLock.tryLock(time, unit): a waiter cannot leave an MCS queue; use tryLock(), lock() or ClhLock");
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
        Node node = holderNode; // plain: the holder's alone.
        holderNode = null; // plain: as above.
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        Node successor = (Node) NEXT.getAcquire(node); // acquire: pairs with the successor's link.
        if (successor == null) {
            if (TAIL.compareAndSet(this, node, null)) {
                return; // nobody waits: the linearization point.
            }
            while ((successor = (Node) NEXT.getAcquire(node)) == null) { // acquire: as above.
                Thread.onSpinWait();
            }
        }
        LOCKED.setRelease(successor, false); // release: the linearization point; pairs with the successor's acquire.
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
     * Returns {@code McsLock[unlocked]}, {@code McsLock[locked]} or
     * {@code McsLock[locked by thread "name"]}, a snapshot for monitoring.
     *
     * @return that description
     */
    @Override
    public String toString() {
        // opaque: a snapshot; it orders nothing.
        return SpinSupport.describe(this, TAIL.getOpaque(this) != null, (Thread) OWNER.getOpaque(this));
    }

    private void setOwner() {
        OWNER.setOpaque(this, Thread.currentThread()); // opaque: enough, see "Owner" in docs/locks.md.
    }

    private static final VarHandle TAIL;
    private static final VarHandle NEXT;
    private static final VarHandle LOCKED;
    private static final VarHandle OWNER;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(McsLock.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
            LOCKED = lookup.findVarHandle(Node.class, "locked", boolean.class);
            OWNER = lookup.findVarHandle(McsLock.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
