/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> A parking mutex that loses its wake-ups: a waiter
 * parks until it is unparked, and {@link #unlock()} never unparks anybody. A thread that parked
 * while the lock was held sleeps on after the lock is free.
 *
 * <p>It exists to prove that the {@code Mode.Termination} tests can fail:
 * {@code Locks_05_UnlockWakesWaiter.BrokenLostWakeup} must report the FORBIDDEN outcome
 * {@code STALE}. Lincheck cannot be that proof: its model checker lets a parked thread wake up
 * spuriously at any time, so a lost wake-up in our own park loop never shows there (measured; see
 * {@code docs/verification.md}), and this control has no Lincheck side. That is also why it lives
 * here, beside the jcstress tests, and not with the Lincheck-checked negative controls in the test
 * sources of {@code interlock-primitives}. Never copy it.
 */
public final class BrokenLostWakeupMutex implements Lock {

    private volatile Thread owner;

    /** Creates an unlocked broken mutex. */
    public BrokenLostWakeupMutex() {
    }

    @Override
    public void lock() {
        Thread current = Thread.currentThread();
        while (!OWNER.compareAndSet(this, null, current)) {
            LockSupport.park(this); // waits for an unpark that unlock() never sends.
        }
    }

    @Override
    public void unlock() {
        if (owner != Thread.currentThread()) {
            throw new IllegalMonitorStateException("not the owner");
        }
        owner = null; // THE BUG: nobody is woken; a parked waiter sleeps on.
    }

    @Override
    public boolean tryLock() {
        return OWNER.compareAndSet(this, null, Thread.currentThread());
    }

    @Override
    public void lockInterruptibly() {
        throw new UnsupportedOperationException("a negative control for lock() only");
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) {
        throw new UnsupportedOperationException("a negative control for lock() only");
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("a negative control for lock() only");
    }

    @Override
    public String toString() {
        Thread holder = owner;
        return "BrokenLostWakeupMutex[" + (holder == null ? "unlocked" : "locked by thread " + holder.getName()) + "]";
    }

    private static final VarHandle OWNER;

    static {
        try {
            OWNER = MethodHandles.lookup().findVarHandle(BrokenLostWakeupMutex.class, "owner", Thread.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
