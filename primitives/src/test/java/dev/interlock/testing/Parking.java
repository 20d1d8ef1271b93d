/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits for a thread to park, for the bounded tests that line their threads up before a race. Parked
 * means {@code WAITING} with a blocker set: parked by {@link LockSupport} inside the code under test, on a
 * lock or on a condition that the test cannot see.
 */
public final class Parking {

    /** How long a thread may take to park before the test fails: it needs microseconds. */
    public static final long PARK_SECONDS = 10;

    private Parking() {
    }

    /** Waits until {@code thread} is parked; fails the test if it has not parked within {@value #PARK_SECONDS} s. */
    public static void awaitParked(Thread thread) {
        assertTrue(parkedOrEnded(thread, TimeUnit.SECONDS.toNanos(PARK_SECONDS)) && thread.isAlive(),
                () -> thread.getName() + " did not park in " + PARK_SECONDS + " s (state " + thread.getState() + ")");
    }

    /** Waits until {@code thread} is parked, timed or not. */
    public static void awaitParkedEitherWay(Thread thread) {
        await(thread, false, null, false);
    }

    /** Waits until {@code thread} is parked, timed or not, on {@code blocker}. */
    public static void awaitParkedOn(Thread thread, Object blocker) {
        await(thread, false, blocker, false);
    }

    /** Waits until {@code thread} is in a timed park. */
    public static void awaitTimedParked(Thread thread) {
        await(thread, true, null, false);
    }

    /** Waits until {@code thread} is parked, timed or not, or has ended (a timed wait may run out first). */
    public static void awaitParkedOrEnded(Thread thread) {
        await(thread, false, null, true);
    }

    /** Waits until {@code thread} is in a timed park on {@code blocker}, or has ended (its time ran out first). */
    public static void awaitTimedParkedOnOrEnded(Thread thread, Object blocker) {
        await(thread, true, blocker, true);
    }

    /**
     * Waits until {@code thread} is parked (timed only, or either way) on {@code blocker} (any if null), or
     * has ended if {@code orEnded}; fails the test after {@value #PARK_SECONDS} s.
     */
    private static void await(Thread thread, boolean timedOnly, Object blocker, boolean orEnded) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PARK_SECONDS);
        while (true) {
            Thread.State now = thread.getState();
            if (orEnded && now == Thread.State.TERMINATED) {
                return;
            }
            boolean parked = now == Thread.State.TIMED_WAITING || (!timedOnly && now == Thread.State.WAITING);
            Object on = LockSupport.getBlocker(thread);
            if (parked && (blocker == null ? on != null : on == blocker)) {
                return;
            }
            assertTrue(System.nanoTime() < deadline, () -> thread.getName() + " did not park"
                    + (blocker == null ? "" : " on " + blocker) + " in " + PARK_SECONDS + " s (state " + now + ")");
            Thread.yield();
        }
    }

    /**
     * Waits until {@code thread} is parked or has ended, at most {@code nanos}; returns whether either
     * happened in time.
     */
    public static boolean parkedOrEnded(Thread thread, long nanos) {
        long start = System.nanoTime();
        while (thread.getState() != Thread.State.TERMINATED
                && (thread.getState() != Thread.State.WAITING || LockSupport.getBlocker(thread) == null)) {
            if (System.nanoTime() - start >= nanos) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }
}
