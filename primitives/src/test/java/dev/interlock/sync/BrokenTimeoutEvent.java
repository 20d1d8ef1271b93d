/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> {@link Event} with one bug, in
 * {@code await(Object blocker, boolean timed, long nanos)}: a timed-out waiter returns without
 * cancelling its node, so the node stays on the stack, counted as waiting by getQueueLength(), and
 * a set() that released it just before the timeout is reported as a timeout (a refund missing on
 * the timeout path).
 *
 * <p>Generated from {@code Event.java} by the verification module's {@code GeneratedControlsTest}:
 * do not edit; run {@code ./mvnw -pl verification test} and commit the result. Never copy it.
 */
public final class BrokenTimeoutEvent {
    /*
     * Implementation notes.
     *
     * One volatile reference, state, is SET (a sentinel) or the top of a stack of waiter Nodes (null:
     * clear, nobody waits), so the flag and the waiters change together, by one atomic step each:
     *   - set() swaps SET in (RMW), the linearization point, and releases the stack it took out;
     *   - clear() is a CAS from SET to null;
     *   - a waiter pushes its node by a CAS from any value but SET (Treiber's stack): the successful
     *     CAS is where it starts to wait.
     * So set() takes exactly the waiters that joined before it, and none that joined after a clear().
     *
     * A node's status goes from WAITING to RELEASED (by set()) or CANCELLED (by its waiter giving up),
     * each by CAS, so exactly one wins (the javadoc's Note). set() writes it, then unparks; the waiter re-reads it
     * after every return from park, and an unpark before the park leaves a permit: no wake-up is lost,
     * and no announce-and-re-check handshake is needed. A waiter whose cancel fails was released.
     *
     * The canceller unlinks cancelled nodes by sweeping the stack (as FutureTask does):
     * it bypasses each by a write of its predecessor's next, or at the top by a CAS on state. Sweeps
     * race each other and pushes, but a write of next only ever bypasses cancelled nodes, so a lost
     * race leaves a cancelled node linked for a later sweep, never drops a waiting one. A sweep stops at
     * SET: set() owns that stack.
     *
     * Cost: set() an RMW, and a CAS and an unpark per waiter; joining a CAS; cancelling O(waiters).
     * References: Treiber, IBM RJ 5118 (1986); Herlihy and Shavit, The Art of Multiprocessor
     * Programming, 2nd ed., ch. 8. Evidence: EventTest, EventLincheckTest, the package's bounded
     * controls, and the Sync_* jcstress tests.
     */

    /** The state of a set event. */
    private static final Object SET = new Object();

    static final int WAITING = 0;
    static final int RELEASED = 1;
    static final int CANCELLED = 2;

    /** SET, or the top of the stack of waiters (null if none). */
    private volatile Object state;

    /** Creates an event whose flag is clear. */
    public BrokenTimeoutEvent() {
    }

    /**
     * Creates an event.
     *
     * @param set whether the flag starts set
     */
    public BrokenTimeoutEvent(boolean set) {
        this.state = set ? SET : null;
    }

    /** Sets the flag, and releases every thread waiting for it. */
    public void set() {
        Object taken = STATE.getAndSet(this, SET); // RMW: the linearization point.
        for (Node node = taken == SET ? null : (Node) taken; node != null; node = node.next) {
            if (STATUS.compareAndSet(node, WAITING, RELEASED)) { // the CAS decides against a cancel.
                LockSupport.unpark(node.thread);
            }
        }
    }

    /** Clears the flag: threads that call {@link #await()} from now on wait for the next {@link #set()}. */
    public void clear() {
        STATE.compareAndSet(this, SET, null); // the successful CAS is the linearization point.
    }

    /**
     * Returns whether the flag is set.
     *
     * @return {@code true} if it is set
     */
    public boolean isSet() {
        return state == SET;
    }

    /**
     * Waits until the flag is set, unless the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     */
    public void await() throws InterruptedException {
        await(this, false, 0L);
    }

    /**
     * Waits until the flag is set or the time runs out, unless the thread is interrupted. A time of zero
     * or less does not wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the flag was set or a {@code set()} released this thread, {@code false} if
     *         the time ran out first
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        return state == SET || await(this, true, unit.toNanos(timeout));
    }

    /**
     * Returns an estimate of the number of threads waiting; a snapshot, for monitoring.
     *
     * @return the number of waiting threads
     */
    public int getQueueLength() {
        Object top = state;
        int count = 0;
        for (Node node = top == SET ? null : (Node) top; node != null; node = node.next) {
            if (node.status == WAITING) {
                count++;
            }
        }
        return count;
    }

    /**
     * Returns the state: {@code BrokenTimeoutEvent[Set]} or {@code BrokenTimeoutEvent[Clear]}.
     *
     * @return a description of the flag
     */
    @Override
    public String toString() {
        return "BrokenTimeoutEvent[" + (isSet() ? "Set" : "Clear") + "]";
    }

    /** Waits as {@link #await(long, TimeUnit)} does, or untimed, parked on {@code blocker}; true if released. */
    boolean await(Object blocker, boolean timed, long nanos) throws InterruptedException {
        if (state == SET) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (timed && nanos <= 0L) {
            return false;
        }
        long deadline = timed ? System.nanoTime() + nanos : 0L;
        Node node = new Node(Thread.currentThread());
        if (!push(node)) {
            return true;
        }
        boolean interrupted = false;
        try {
            while (node.status == WAITING) {
                long remaining = timed ? deadline - System.nanoTime() : 1L;
                if (remaining <= 0L) {
                    return false; // THE BUG: was return !cancel(node);
                }
                if (timed) {
                    LockSupport.parkNanos(blocker, remaining);
                } else {
                    LockSupport.park(blocker);
                }
                if (Thread.interrupted()) {
                    if (cancel(node)) {
                        throw new InterruptedException();
                    }
                    interrupted = true;
                }
            }
            return true;
        } catch (Error failure) { // an asynchronous Error inside the wait: leave no node behind.
            cancel(node);
            throw failure;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // released first: keep the interrupt.
            }
        }
    }

    /** Pushes {@code node} unless the flag is set; returns whether it did. */
    private boolean push(Node node) {
        while (true) {
            Object top = state;
            if (top == SET) {
                return false;
            }
            node.next = (Node) top;
            if (STATE.compareAndSet(this, top, node)) { // the successful CAS: it waits from here.
                return true;
            }
        }
    }

    /** Cancels {@code node} unless it was released first, then unlinks it; returns whether it cancelled. */
    private boolean cancel(Node node) {
        if (!STATUS.compareAndSet(node, WAITING, CANCELLED)) { // the CAS decides against a release.
            return false;
        }
        restart:
        while (true) {
            Object top = state;
            Node predecessor = null;
            for (Node each = top == SET ? null : (Node) top; each != null; each = each.next) {
                if (each.status != CANCELLED) {
                    predecessor = each;
                } else if (predecessor != null) {
                    predecessor.next = each.next;
                    if (predecessor.status == CANCELLED) {
                        continue restart;
                    }
                } else if (!STATE.compareAndSet(this, each, each.next)) {
                    continue restart;
                }
            }
            return true;
        }
    }

    /** A waiting thread. */
    static final class Node {
        final Thread thread;
        volatile int status;
        volatile Node next;

        Node(Thread thread) {
            this.thread = thread;
        }
    }

    private static final VarHandle STATE;
    private static final VarHandle STATUS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(BrokenTimeoutEvent.class, "state", Object.class);
            STATUS = lookup.findVarHandle(Node.class, "status", int.class);
            // Initialized here, on one thread, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
