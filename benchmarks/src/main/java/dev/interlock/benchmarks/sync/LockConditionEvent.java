/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.sync;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A resettable event made of a {@code boolean}, a {@link ReentrantLock} and one of its
 * {@link Condition}s: the event a user writes with the JDK, which has none. A benchmark peer of
 * {@link dev.interlock.sync.Event}, not part of the library.
 *
 * <p>{@code set()} takes the lock, sets the flag and signals every waiter; {@code clear()} takes the
 * lock and clears it. A waiter that was waiting when the flag was set returns {@code true} even if it
 * was cleared again before the waiter ran, as {@code Event} promises: each {@code set()} starts a new
 * generation, and a waiter returns once the generation it waited in has ended.
 */
final class LockConditionEvent {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean set;
    /** Guarded by the lock: how many times the flag went from clear to set. */
    private long generation;

    void set() {
        lock.lock();
        try {
            if (!set) {
                set = true;
                generation++;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void clear() {
        lock.lock();
        try {
            set = false;
        } finally {
            lock.unlock();
        }
    }

    boolean isSet() {
        return set;
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        if (set) {
            return true;
        }
        long nanos = unit.toNanos(timeout);
        lock.lock();
        try {
            long waitedIn = generation;
            while (!set && generation == waitedIn) {
                if (nanos <= 0L) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
