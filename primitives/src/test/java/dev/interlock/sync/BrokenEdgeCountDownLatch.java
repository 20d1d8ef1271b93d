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

/**
 * <b>Negative control: deliberately broken.</b> {@link CountDownLatch} with one bug, in
 * {@code countDown()}: it stops at a count of one, not zero, so the last countDown() changes
 * nothing: the count never reaches zero, and the waiters are never released (an off-by-one at the
 * edge of the count).
 *
 * <p>Generated from {@code CountDownLatch.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenEdgeCountDownLatch {
    /*
     * Implementation notes.
     *
     * count is lowered by CAS; the CAS from 1 to 0 is the linearization point of reaching zero. The
     * waiters wait at an Event, zero, that the first of them creates (a latch nobody waits at never
     * allocates it) and that the CAS's caller then sets. A waiter installs it, then re-reads count; the
     * caller CASes count, then reads zero. All four accesses are volatile, so whichever comes second in
     * the synchronization order sees the first: the caller sets the event, or the waiter sees zero.
     * await tests the count first, and a timed await that ran out once more.
     *
     * Invariants. 1. count never rises, and only a CAS lowers it. 2. zero, once installed, never
     * changes. 3. An event installed before the CAS to 0 is set by that CAS's caller; one installed after
     * it may stay unset, but nobody waits at it, as its installer then reads count 0. (A waiter
     * interrupted between that CAS and the set() may throw: no release had reached it.)
     * References: the JDK's BrokenEdgeCountDownLatch (Lea); the store-then-load handshake of Dekker's algorithm
     * (Herlihy and Shavit, ch. 2). Evidence: CountDownLatchTest, CountDownLatchLincheckTest,
     * SyncNegativeControlTest, Sync_* jcstress.
     */

    private volatile int count;
    private volatile Event zero;

    /**
     * Creates a latch.
     *
     * @param count the number of {@link #countDown()} calls that release the waiters
     */
    public BrokenEdgeCountDownLatch(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        this.count = count;
    }

    /** Lowers the count by one, releasing the waiters if it reaches zero; does nothing at zero. */
    public void countDown() {
        while (true) {
            int current = count;
            if (current <= 1) { // THE BUG: was if (current == 0) {
                return;
            }
            if (COUNT.compareAndSet(this, current, current - 1)) { // the successful CAS is the linearization point.
                Event waiters = current == 1 ? zero : null; // volatile read, after the CAS: see the notes.
                if (waiters != null) {
                    waiters.set();
                }
                return;
            }
        }
    }

    /**
     * Returns the count.
     *
     * @return the count
     */
    public long getCount() {
        return count;
    }

    /**
     * Waits until the count is zero, unless the thread is interrupted.
     *
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     */
    public void await() throws InterruptedException {
        if (count != 0) {
            Event waiters = waiters();
            if (count != 0) {
                waiters.await(this, false, 0L);
            }
        }
    }

    /**
     * Waits until the count is zero or the time runs out, unless the thread is interrupted.
     *
     * @param timeout the most time to wait; zero or less does not wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the count is zero, {@code false} if the time ran out first
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     */
    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(unit, "unit");
        if (count == 0) {
            return true;
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        long nanos = unit.toNanos(timeout);
        if (nanos <= 0L) {
            return false;
        }
        Event waiters = waiters();
        return count == 0 || waiters.await(this, true, nanos) || count == 0;
    }

    /**
     * Returns an estimate of how many threads wait, for monitoring.
     *
     * @return the number of waiting threads
     */
    public int getQueueLength() {
        Event waiters = zero;
        return waiters == null ? 0 : waiters.getQueueLength();
    }

    /**
     * Returns the count: {@code BrokenEdgeCountDownLatch[Count = 3]}.
     *
     * @return a description of the latch
     */
    @Override
    public String toString() {
        return "BrokenEdgeCountDownLatch[Count = " + count + "]";
    }

    /** The event to wait at, installed by CAS if there is none yet; the caller then re-reads count. */
    private Event waiters() {
        Event waiters = zero;
        if (waiters == null) {
            Event created = new Event();
            waiters = (Event) ZERO.compareAndExchange(this, null, created); // CAS, then the volatile re-read.
            return waiters == null ? created : waiters;
        }
        return waiters;
    }

    private static final VarHandle COUNT;
    private static final VarHandle ZERO;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            COUNT = lookup.findVarHandle(BrokenEdgeCountDownLatch.class, "count", int.class);
            ZERO = lookup.findVarHandle(BrokenEdgeCountDownLatch.class, "zero", Event.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
