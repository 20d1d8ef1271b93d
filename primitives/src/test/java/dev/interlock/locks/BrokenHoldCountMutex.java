/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * <b>Negative control: deliberately broken.</b> A reentrant lock that loses its hold count: when the
 * owner locks again, it sets the count to one instead of adding one, so the first unlock of a nested
 * {@code lock(); lock(); unlock();} releases the lock while the outer critical section is still running.
 * Everything else is correct, including the owner check in {@link #unlock()}, which is why the outer
 * unlock then throws {@link IllegalMonitorStateException}.
 *
 * <p>It exists to prove that the verification can see a broken hold count: {@code MutexNegativeControlTest}
 * asserts that Lincheck rejects it, and {@code Locks_04_NestedHoldCount.BrokenHoldCount} must report a
 * FORBIDDEN outcome under jcstress. It spins instead of parking, to stay small: only the hold count is
 * under test. Never copy it.
 */
public final class BrokenHoldCountMutex implements Lock {

    private volatile Thread owner;

    /** Plain, written only by the owner, as in {@link ReentrantMutex}. */
    private int holds;

    /** Creates an unlocked broken mutex. */
    public BrokenHoldCountMutex() {
    }

    @Override
    public void lock() {
        Thread current = Thread.currentThread();
        if (owner == current) {
            holds = 1; // THE BUG: should be holds + 1; the nested hold is lost.
            return;
        }
        while (!OWNER.compareAndSet(this, null, current)) {
            Thread.onSpinWait();
        }
        holds = 1;
    }

    @Override
    public void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("not the owner");
        }
        if (--holds == 0) {
            owner = null;
        }
    }

    @Override
    public boolean tryLock() {
        Thread current = Thread.currentThread();
        if (owner == current) {
            holds = 1; // the same bug
            return true;
        }
        if (OWNER.compareAndSet(this, null, current)) {
            holds = 1;
            return true;
        }
        return false;
    }

    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException("negative control: lock() and unlock() only");
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        throw new UnsupportedOperationException("negative control: lock() and unlock() only");
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("negative control: lock() and unlock() only");
    }

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(BrokenHoldCountMutex.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
