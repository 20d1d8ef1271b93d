/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks.spin;

import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

/**
 * What the spin locks share and that is not an algorithm: the exceptions they throw and the shape of
 * their {@code toString}. Package-private; every lock keeps its own state and its own spin loops, so
 * that each class can be read on its own.
 */
final class SpinSupport {

    private SpinSupport() {
    }

    /** The exception of {@link Lock#unlock()} called by a thread that does not hold the lock. */
    static IllegalMonitorStateException notHeldByCurrentThread(Lock lock) {
        return new IllegalMonitorStateException(
                "unlock() by " + describe(Thread.currentThread()) + ", which does not hold " + lock);
    }

    /**
     * A thread as every lock names it: {@code thread "main"}, or {@code thread #21} when its name is
     * empty, as a virtual thread's is unless it was given one.
     */
    static String describe(Thread thread) {
        String name = thread.getName();
        return name.isEmpty() ? "thread #" + thread.getId() : "thread \"" + name + "\"";
    }

    /** The exception of {@link Lock#newCondition()}, which no spin lock supports. */
    static UnsupportedOperationException noConditions(Lock lock) {
        return new UnsupportedOperationException(lock.getClass().getSimpleName()
                + " has no conditions: a spin lock has no wait queue to park a thread on");
    }

    /**
     * Converts a timeout to nanoseconds, after checking the unit: the first thing every timed
     * {@code tryLock} does, so that a null unit changes no state.
     */
    static long toNanos(long time, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        return unit.toNanos(time); // saturates at Long.MAX_VALUE: "wait practically forever"
    }

    /**
     * Whether {@code timeoutNanos} have passed since {@code startNanos}. Written as a difference, so
     * that it stays right when {@link System#nanoTime()} wraps around and when the timeout is
     * {@code Long.MAX_VALUE}.
     */
    static boolean expired(long startNanos, long timeoutNanos) {
        return System.nanoTime() - startNanos >= timeoutNanos;
    }

    /**
     * The {@code toString} of every spin lock: {@code Name[unlocked]}, {@code Name[locked]} or
     * {@code Name[locked by thread "t"]}. A snapshot for monitoring and debugging, stale as soon as it
     * is built.
     *
     * @param owner the owner read with opaque semantics, or null when unknown
     */
    static String describe(Lock lock, boolean locked, Thread owner) {
        String name = lock.getClass().getSimpleName();
        if (owner != null) {
            return name + "[locked by " + describe(owner) + "]";
        }
        // The owner is written just after the acquiring access and cleared just before the
        // releasing one, so a lock can be seen locked with no owner yet.
        return name + (locked ? "[locked]" : "[unlocked]");
    }
}
