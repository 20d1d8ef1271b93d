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
 * <p><b>Contract.</b> A mutual-exclusion {@link Lock}: at most one thread holds it at a time.
 * <ul>
 *   <li><b>Not reentrant:</b> a thread that holds the lock and calls {@link #lock()} again spins
 *       forever (and, reusing its own node, cuts off the waiters behind it); {@link #tryLock()} by
 *       the holder returns {@code false} and changes nothing.</li>
 *   <li>{@link #unlock()} by a thread that does not hold the lock throws
 *       {@link IllegalMonitorStateException} and changes nothing: the lock knows its owner.</li>
 *   <li>{@link #tryLock(long, TimeUnit)} and {@link #lockInterruptibly()} throw
 *       {@link UnsupportedOperationException}, always (whatever the arguments), and change nothing. A
 *       waiter cannot leave an MCS queue: its predecessor will, at some later time, follow its
 *       {@code next} link and write the go-ahead into its node, so the node must stay in the list, and
 *       unlinking it safely needs a doubly linked list and a handshake with both neighbours (Scott's
 *       2002 MCS-with-timeout lock), a different and much subtler algorithm. Use {@link ClhLock}, whose
 *       waiters can leave, when you need a timeout in a queue lock. {@link #tryLock()} is supported:
 *       it joins only an empty queue.</li>
 *   <li>{@link #newCondition()} throws {@link UnsupportedOperationException}: a spin lock has no wait
 *       queue to park a thread on.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> as for every {@link Lock}: actions of a thread before it
 * releases the lock happen-before the actions of the next thread after it acquires the lock.
 *
 * <p><b>Progress:</b> blocking and <b>fair</b> (FIFO): threads acquire in the order of their exchange
 * on the queue's tail. {@link #unlock()} may itself wait, briefly: when a successor has swapped
 * itself into the tail but not yet linked itself behind the holder, the holder spins until the link
 * appears.
 *
 * <p><b>When not to use it.</b> Spinning is hostile to <b>virtual threads</b>: a spinning virtual
 * thread pins its carrier thread and never unmounts. It is hostile to <b>oversubscribed CPUs</b>, and
 * FIFO order makes that worse: when the holder or the next waiter in line is preempted, the lock
 * cannot be handed on, and every other waiter burns its time slice. In exchange, each waiter spins on
 * its own node, which stays in its own cache (or, on a NUMA machine, in its own memory), and a
 * release touches exactly one waiter's cache line.
 *
 * <h2>Implementation notes</h2>
 * Mellor-Crummey and Scott, <i>Algorithms for Scalable Synchronization on Shared-Memory
 * Multiprocessors</i>, ACM TOCS 9(1), 1991; Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i>, 2nd ed., ch. 7.5.3 ({@code MCSLock}). A node has {@code locked} (the waiter's
 * flag) and {@code next} (its successor, once linked). The lock holds {@code tail}, the last node, or
 * null when nobody holds or waits.
 * <ul>
 *   <li>{@code lock()}: reset the thread's node with <b>plain</b> writes ({@code next = null},
 *       {@code locked = true}; the exchange below publishes them), then {@code getAndSet(tail, node)}
 *       (RMW: fixes the FIFO order). A null predecessor means the lock was free: acquired at that
 *       exchange, the linearization point. Otherwise link behind it with a <b>release</b> write of
 *       {@code pred.next}, and spin on an <b>acquire</b> read of the node's own {@code locked} until
 *       it is {@code false}: that read, pairing with the predecessor's release, is the linearization
 *       point.</li>
 *   <li>{@code unlock()}: read {@code node.next} (<b>acquire</b>: pairs with the successor's release
 *       of the link, so its node is seen initialised). If it is null, try {@code compareAndSet(tail,
 *       node, null)}: success means nobody waits, and that CAS is the linearization point. Failure
 *       means a successor is between its exchange and its link: spin until the link appears. Then a
 *       <b>release</b> write of {@code false} into the successor's {@code locked}, the linearization
 *       point.</li>
 *   <li>{@code tryLock()}: if the tail is null, {@code compareAndSet(tail, null, node)}; the CAS is the
 *       linearization point either way.</li>
 * </ul>
 * <b>Node recycling,</b> as in the book: each thread has one node per lock, in a {@link ThreadLocal},
 * and reuses it for every acquisition. That is safe because a node is referenced by others only while
 * its thread waits or holds: the predecessor drops it after writing its flag, and when
 * {@code unlock()} returns, the tail no longer points at it (the CAS removed it, or a successor
 * replaced it) and the successor, which only ever touches its own node and its predecessor's
 * {@code next}, has already linked. So no acquisition allocates after a thread's first. The holder
 * keeps its node in a plain field of the lock for {@code unlock()} (only the holder touches it, and
 * the lock orders the holders), which saves a second {@code ThreadLocal} lookup. The thread-local
 * node lives as long as the thread and the lock both do.
 *
 * <p>Invariants: the list from the holder's node along {@code next} links (some possibly not yet
 * written) to {@code tail} holds every waiter in arrival order; a node's {@code locked} goes from
 * {@code true} to {@code false} once per acquisition, written by its predecessor. Evidence:
 * {@code McsLockTest} (the {@code LockContract}), {@code McsLockLincheckTest} and the
 * {@code dev.interlock.stress.locks} jcstress tests.
 */
public final class McsLock implements Lock {

    /** A queue node, one per thread per lock, reused for each acquisition. */
    static final class Node {
        /** {@code true} while the thread waits. Accessed through {@link #LOCKED}. */
        @SuppressWarnings("unused") // accessed through the VarHandle
        boolean locked;
        /** The successor, once it has linked itself. Accessed through {@link #NEXT}. */
        @SuppressWarnings("unused") // accessed through the VarHandle
        Node next;
    }

    /** The last node of the queue, or null when the lock is free and nobody waits. Accessed through {@link #TAIL}. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Node tail;

    /** The holder's node; plain: written by the holder after it acquires, read by it in unlock. */
    private Node holderNode;

    /** The holder, or null. Accessed through {@link #OWNER} only, with opaque semantics. */
    @SuppressWarnings("unused") // accessed through the VarHandle
    private Thread owner;

    /** Each thread's node for this lock. */
    private final ThreadLocal<Node> myNode = ThreadLocal.withInitial(Node::new);

    /** Creates an unlocked lock. */
    public McsLock() {
    }

    /**
     * Acquires the lock, waiting in FIFO order. Not interruptible: an interrupt is left pending in the
     * thread's status.
     */
    @Override
    public void lock() {
        Node node = myNode.get();
        NEXT.set(node, null); // plain: the node is private until the RMW below publishes it.
        LOCKED.set(node, true); // plain: as above.
        Node pred = (Node) TAIL.getAndSet(this, node); // RMW: joins the queue, fixing the FIFO order.
        if (pred != null) {
            NEXT.setRelease(pred, node); // release: pairs with the predecessor's acquire read in unlock().
            while ((boolean) LOCKED.getAcquire(node)) { // acquire: pairs with the predecessor's release.
                Thread.onSpinWait();
            }
            // the acquire read that saw false is the linearization point of lock().
        }
        // pred == null: the RMW found no queue, and it is the linearization point.
        holderNode = node; // plain: only the holder touches it.
        setOwner();
    }

    /**
     * Always throws: a waiter cannot leave an MCS queue (see the class documentation).
     *
     * @throws UnsupportedOperationException always; nothing changes
     */
    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException(
                "McsLock.lockInterruptibly: a waiter cannot leave an MCS queue; use lock(), tryLock() or ClhLock");
    }

    /**
     * Acquires the lock if it is free and nobody waits for it, at the instant of the call; never
     * waits.
     *
     * @return {@code true} if the lock was acquired
     */
    @Override
    public boolean tryLock() {
        // opaque pre-check: a held lock is reported without a write. It also protects the holder's own
        // node, still in the queue: the holder always sees its own tail (or a later one), never null.
        if (TAIL.getOpaque(this) != null) {
            return false;
        }
        Node node = myNode.get();
        NEXT.set(node, null); // plain: published by the CAS below.
        LOCKED.set(node, false); // plain: not read while the node is first; reset for tidiness.
        if (!TAIL.compareAndSet(this, null, node)) {
            return false; // CAS failed: someone holds or waits; the linearization point.
        }
        holderNode = node; // CAS succeeded: the linearization point. Plain: only the holder touches it.
        setOwner();
        return true;
    }

    /**
     * Always throws: a waiter cannot leave an MCS queue, so it cannot time out (see the class
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
                "McsLock.tryLock(time, unit): a waiter cannot leave an MCS queue; use tryLock(), lock() or ClhLock");
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
        holderNode = null; // plain: as above; the release or CAS below publishes it.
        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.
        Node successor = (Node) NEXT.getAcquire(node); // acquire: pairs with the successor's release of the link.
        if (successor == null) {
            if (TAIL.compareAndSet(this, node, null)) {
                return; // CAS succeeded: nobody waits; the linearization point of unlock().
            }
            // A successor swapped itself into the tail but has not linked yet: wait for its link.
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
     * {@code McsLock[locked by thread "name"]}: a snapshot for monitoring, read with opaque semantics.
     *
     * @return a description of the lock's state
     */
    @Override
    public String toString() {
        // opaque: a snapshot for monitoring; it orders nothing. A non-null tail means held or handed on.
        return SpinSupport.describe(this, TAIL.getOpaque(this) != null, (Thread) OWNER.getOpaque(this));
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
