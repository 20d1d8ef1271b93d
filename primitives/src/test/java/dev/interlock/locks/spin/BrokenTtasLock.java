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
 * <b>Negative control: deliberately broken.</b> A test-and-test-and-set lock whose "test-and-set" is
 * not atomic: it waits until it reads the flag {@code false}, then writes {@code true} with a plain
 * write, no CAS. Two threads that both read {@code false} before either writes both enter the critical
 * section. It exists to prove that the verification can fail: {@code SpinLockNegativeControlTest}
 * asserts that Lincheck rejects it under both strategies, and the {@code Broken} variants of the
 * {@code dev.interlock.stress.locks} jcstress tests observe two threads inside at once as a FORBIDDEN
 * outcome. Never copy it.
 *
 * <p>Only the atomicity is broken. The spin reads the flag with opaque semantics (so the JIT cannot
 * hoist it and make a waiter spin forever: the control must fail by letting two threads in, not by
 * hanging), and {@link #unlock()} is a release write, as in {@link TtasLock}. It keeps no owner, so
 * its {@code unlock()} never throws.
 */
public final class BrokenTtasLock implements Lock {

    /** Plain, and set without any atomicity: the bug. Read in the spin through {@link #LOCKED}, opaque. */
    private boolean locked;

    /** Creates an unlocked broken lock. */
    public BrokenTtasLock() {
    }

    @Override
    public void lock() {
        while ((boolean) LOCKED.getOpaque(this)) { // opaque: the spin terminates once the flag is false ...
            Thread.onSpinWait();
        }
        locked = true; // ... then a plain write: another thread may have read false too. The bug.
    }

    @Override
    public void lockInterruptibly() throws InterruptedException {
        while ((boolean) LOCKED.getOpaque(this)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            Thread.onSpinWait();
        }
        locked = true; // plain write after a read: the bug.
    }

    @Override
    public boolean tryLock() {
        if ((boolean) LOCKED.getOpaque(this)) {
            return false;
        }
        locked = true; // plain write after a read: the bug.
        return true;
    }

    @Override
    public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
        long timeoutNanos = unit.toNanos(time);
        long start = System.nanoTime();
        while ((boolean) LOCKED.getOpaque(this)) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() - start >= timeoutNanos) {
                return false;
            }
            Thread.onSpinWait();
        }
        locked = true; // plain write after a read: the bug.
        return true;
    }

    @Override
    public void unlock() {
        LOCKED.setRelease(this, false); // release, as in TtasLock: only the acquisition is broken.
    }

    @Override
    public Condition newCondition() {
        throw new UnsupportedOperationException("BrokenTtasLock has no conditions");
    }

    @Override
    public String toString() {
        return "BrokenTtasLock[" + ((boolean) LOCKED.getOpaque(this) ? "locked" : "unlocked") + "]";
    }

    private static final VarHandle LOCKED;

    static {
        try {
            LOCKED = MethodHandles.lookup().findVarHandle(BrokenTtasLock.class, "locked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
