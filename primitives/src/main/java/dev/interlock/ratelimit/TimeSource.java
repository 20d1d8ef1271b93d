/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.util.concurrent.locks.LockSupport;

/**
 * The clock a {@link TokenBucket} reads, and the way its waiting threads sleep on that clock.
 *
 * <p>The default, {@link #system()}, is {@link System#nanoTime()} with
 * {@link LockSupport#parkNanos(Object, long)}. Tests use a {@link ManualTimeSource}, whose time moves
 * only when the test advances it, so that they can check a bucket, and code that uses one, without
 * sleeping and without flakiness.
 *
 * <p>An implementation must be safe to call from many threads at once. Its time must never go
 * backwards, as {@code System.nanoTime()} never does; like {@code nanoTime}, only differences between
 * two readings have a meaning, and they are compared with subtraction ({@code t1 - t0 > 0}), so that a
 * clock may start anywhere and wrap around.
 */
public interface TimeSource {

    /**
     * The current time of this source, in nanoseconds from an arbitrary origin.
     *
     * @return the current time
     */
    long nanoTime();

    /**
     * Parks the current thread until this source's time reaches {@code deadline}, or until the
     * thread is unparked or interrupted, or spuriously, like {@link LockSupport#park(Object)}. The
     * caller re-checks its own condition after every return.
     *
     * <p>The default implementation suits any source whose time passes as real time does: it parks
     * for {@code deadline - nanoTime()} nanoseconds. A source whose time does not pass by itself,
     * such as {@link ManualTimeSource}, must override it to wake its sleepers when its time moves.
     *
     * @param blocker the object the thread waits for, shown in thread dumps
     * @param deadline the time of this source at which to return
     */
    default void parkUntil(Object blocker, long deadline) {
        long remaining = deadline - nanoTime();
        if (remaining > 0) {
            LockSupport.parkNanos(blocker, remaining);
        }
    }

    /**
     * The system's monotonic clock, {@link System#nanoTime()}.
     *
     * @return the shared system time source
     */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

