/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * <b>Negative control: deliberately broken.</b> A {@link ReadWriteMutex} whose optimistic read skips
 * the validation fence. Its read and write locks are a real {@link ReadWriteMutex}'s; only
 * {@link #validate(long)} is wrong.
 *
 * <p>{@link ReadWriteMutex#validate(long)} issues an acquire fence and then re-reads the state, so
 * that the caller's data reads, made before {@code validate}, are performed before that re-read.
 * Without the fence, the compiler or the CPU may perform the re-read first: it may be satisfied
 * before the data reads, right after {@code tryOptimisticRead()}. This class makes that permitted
 * reordering happen every time, by doing the re-read inside {@link #tryOptimisticRead()} and letting
 * {@code validate} compare the stamp against it: a writer that runs between the stamp and the data
 * reads, or between the two data reads, goes unnoticed, and a torn pair validates.
 *
 * <p>Written this way, the bug is visible to both tools on any hardware: Lincheck's model checker,
 * which explores sequentially consistent interleavings only, and jcstress on x86-64, whose loads are
 * not reordered with each other. A fence that is merely missing from the source would be a real bug
 * that neither could be relied on to show here (see {@code docs/verification.md}).
 * {@code ReadWriteNegativeControlTest} asserts that Lincheck rejects it, and
 * {@code Locks_08_ValidatedStampNeverTorn.BrokenOptimisticRead} must report a FORBIDDEN outcome under
 * jcstress. Never copy it.
 */
public final class BrokenOptimisticReadMutex implements ReadWriteLock {

    private final ReadWriteMutex delegate = new ReadWriteMutex();

    /** The stamp re-read too early, per thread: where a missing fence lets the re-read move. */
    private final ThreadLocal<long[]> hoistedReRead = ThreadLocal.withInitial(() -> new long[1]);

    /** Creates an unlocked, broken lock. */
    public BrokenOptimisticReadMutex() {
    }

    @Override
    public Lock readLock() {
        return delegate.readLock();
    }

    @Override
    public Lock writeLock() {
        return delegate.writeLock();
    }

    /**
     * A stamp, as {@link ReadWriteMutex#tryOptimisticRead()} gives it; and, THE BUG, the validation's
     * re-read, done now instead of after the caller's data reads.
     *
     * @return a non-zero stamp, or zero if write-locked
     */
    public long tryOptimisticRead() {
        long stamp = delegate.tryOptimisticRead();
        hoistedReRead.get()[0] = delegate.tryOptimisticRead(); // the re-read, hoisted above the data reads.
        return stamp;
    }

    /**
     * Compares the stamp with the state re-read before the data reads, not after them.
     *
     * @param stamp a stamp from {@link #tryOptimisticRead()}
     * @return whether the stamp matches the too-early re-read
     */
    public boolean validate(long stamp) {
        return stamp != 0L && stamp == hoistedReRead.get()[0]; // THE BUG: no fence, no fresh re-read.
    }

    @Override
    public String toString() {
        return "BrokenOptimisticReadMutex[" + delegate + "]";
    }
}
