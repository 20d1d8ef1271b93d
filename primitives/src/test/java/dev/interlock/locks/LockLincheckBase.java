/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import dev.interlock.testing.ModelCheckingTest;
import java.util.concurrent.locks.Lock;
import dev.interlock.testing.LincheckBudget;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * The Lincheck test base for every {@link Lock} of the library: a sequential object that is
 * <em>not</em> thread-safe becomes linearizable when each of its operations runs under the lock.
 *
 * <p>The object is a pair of plain {@code long}s that must always be equal. Each operation acquires
 * the lock in its own way ({@code lock()}, a {@code tryLock()} retry loop, or
 * {@code lockInterruptibly()} where the lock supports it), reads the pair, checks that its halves are
 * equal, updates or reads it, and releases. An operation returns {@code -1} if it ever sees the halves
 * differ, which the sequential specification, {@link LockSpec} (the same object with no lock), never
 * does; and two increments that overlap inside a broken lock lose one of them, which no sequential
 * order explains. So a lock that lets two threads in at once fails here.
 *
 * <p>Both strategies run, with the budget of the counter family (30 scenarios of 1,000 invocations
 * each), which {@code SpinLockNegativeControlTest} re-proves in every build by rejecting
 * {@code BrokenTtasLock} with the same options. Every operation is marked {@code blocking = true}:
 * it may wait for another thread, by design. What this cannot see (see {@code docs/verification.md}):
 * the memory model, since model checking runs under sequential consistency, and a lost wake-up in a
 * parking lock; the contract tests and the jcstress {@code Mode.Termination} tests cover those.
 *
 * <p>Subclasses pass their lock and public no-argument constructors; Lincheck creates a fresh instance
 * for every scenario.
 */
public abstract class LockLincheckBase {

    /** Model-checking budget: scenarios, and interleavings explored per scenario. */
    protected static final int MODEL_CHECKING_ITERATIONS = 30;
    /** Interleavings explored per model-checking scenario. */
    protected static final int MODEL_CHECKING_INVOCATIONS = 1_000;
    /** Stress budget: scenarios. */
    protected static final int STRESS_ITERATIONS = 30;
    /** Runs of each stress scenario on real threads. */
    protected static final int STRESS_INVOCATIONS = 1_000;

    /** Three-thread model-checking scenarios. */
    protected static final int THREE_THREAD_ITERATIONS = 10;

    /** The lock under test. */
    protected final Lock lock;

    /** Whether {@link Lock#lockInterruptibly()} may be called; otherwise that operation uses {@link Lock#lock()}. */
    private final boolean interruptible;

    /** The guarded pair: plain, and equal whenever the lock is free. */
    private long first;
    private long second;

    /**
     * Creates the test state around a new lock.
     *
     * @param lock a new, unlocked lock
     * @param supportsLockInterruptibly whether the lock supports {@link Lock#lockInterruptibly()}
     */
    protected LockLincheckBase(Lock lock, boolean supportsLockInterruptibly) {
        this.lock = lock;
        this.interruptible = supportsLockInterruptibly;
    }

    /**
     * Increments both halves under {@link Lock#lock()}.
     *
     * @return the new value, or -1 if the halves differed
     */
    @Operation(blocking = true)
    public long incrementPair() {
        lock.lock();
        try {
            return incrementUnderLock();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Reads the pair under {@link Lock#lock()}.
     *
     * @return the value, or -1 if the halves differed
     */
    @Operation(blocking = true)
    public long readPair() {
        lock.lock();
        try {
            long a = first;
            long b = second;
            return a == b ? a : -1L;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Increments both halves, acquiring with a {@link Lock#tryLock()} retry loop.
     *
     * @return the new value, or -1 if the halves differed
     */
    @Operation(blocking = true)
    public long incrementPairWithTryLock() {
        while (!lock.tryLock()) {
            Thread.onSpinWait();
        }
        try {
            return incrementUnderLock();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Increments both halves under {@link Lock#lockInterruptibly()} if the lock supports it, else under
     * {@link Lock#lock()}. Nobody interrupts: this checks that the interruptible path excludes too.
     *
     * @return the new value, or -1 if the halves differed
     * @throws InterruptedException never, since no thread is interrupted
     */
    @Operation(blocking = true)
    public long incrementPairInterruptibly() throws InterruptedException {
        if (interruptible) {
            lock.lockInterruptibly();
        } else {
            lock.lock();
        }
        try {
            return incrementUnderLock();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The critical section: a plain read-check-write of both halves, with a window between them. Call it
     * only while holding {@link #lock}.
     *
     * @return the new value, or -1 if the halves differed
     */
    protected final long incrementUnderLock() {
        long a = first;
        long b = second;
        if (a != b) {
            return -1L;
        }
        first = a + 1;
        second = b + 1;
        return a + 1;
    }

    /**
     * The model-checking options every lock test uses.
     *
     * @return fresh options
     */
    public static ModelCheckingOptions modelChecking() {
        return LincheckBudget.failHangsFast(new ModelCheckingOptions())
                .iterations(MODEL_CHECKING_ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .sequentialSpecification(LockSpec.class);
    }

    /**
     * The stress options every lock test uses.
     *
     * @return fresh options
     */
    public static StressOptions stress() {
        return LincheckBudget.failHangsFast(new StressOptions())
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .sequentialSpecification(LockSpec.class);
    }

    @ModelCheckingTest
    void linearizableUnderModelChecking() {
        modelChecking().iterations(LincheckBudget.scenarios(MODEL_CHECKING_ITERATIONS)).check(getClass());
    }

    @Test
    void linearizableUnderStress() {
        stress().iterations(LincheckBudget.scenarios(STRESS_ITERATIONS)).check(getClass());
    }

    /**
     * Three threads, under model checking, with shorter scenarios. Two threads are enough to catch a
     * lock that lets two in, but the queue locks have paths that need a third: a waiter queued
     * behind another waiter, and (in {@code ClhLock}) a waiter that must skip a node abandoned by a
     * failed {@code tryLock()}.
     */
    @ModelCheckingTest
    void linearizableWithThreeThreadsUnderModelChecking() {
        modelChecking()
                .iterations(LincheckBudget.scenarios(THREE_THREAD_ITERATIONS))
                .threads(3)
                .actorsPerThread(2)
                .check(getClass());
    }
}
