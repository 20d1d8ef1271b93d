/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread of its own that holds a lock until it is told to let go: the "other thread" of the
 * {@code Mode.Termination} tests, which have a single {@code @Actor}.
 *
 * <p>Why a thread of its own: our locks are owned by the thread that locked them, and only that
 * thread may unlock them. A Termination test needs the lock held while its actor blocks, and
 * released by its {@code @Signal}. jcstress 0.16 happens to construct the state and deliver the
 * signal on the same thread, so "lock in the constructor, unlock in the signal" would work today,
 * but that is an implementation detail of the harness, not a promise; a holder thread is correct
 * whichever thread jcstress uses for what. The signal only sets a flag and unparks the holder, and
 * the holder unlocks from the thread that locked.
 *
 * <p>{@link #holding(Lock)} returns only once the holder thread's {@code lock()} has returned, so
 * the actor, which jcstress starts after the state is built, always finds the lock held.
 */
final class LockHolder {

    private final Lock lock;
    private final Thread thread;

    /** Set by the holder thread once it holds the lock. Volatile: the constructor polls it. */
    private volatile boolean holding;

    /** Set by {@link #release()}. Volatile: the holder thread polls it between parks. */
    private volatile boolean released;

    private LockHolder(Lock lock) {
        this.lock = lock;
        this.thread = new Thread(this::hold, "interlock-lock-holder");
        // A holder that never gets its lock back (a STALE outcome) must not keep the fork alive.
        this.thread.setDaemon(true);
    }

    /**
     * Starts a thread that locks {@code lock} and holds it until {@link #release()}.
     *
     * @param lock a free lock
     * @return the holder, whose thread holds {@code lock} by the time this method returns
     */
    static LockHolder holding(Lock lock) {
        LockHolder holder = new LockHolder(lock);
        holder.thread.start();
        while (!holder.holding) {
            // Usually a few microseconds: the lock is free and the holder has a CPU to itself, as
            // jcstress starts the actor only after the state is built. Yield rather than spin, in
            // case the machine is busy and the holder is waiting for a CPU.
            Thread.yield();
        }
        return holder;
    }

    /** Tells the holder thread to unlock. Any thread may call it, any number of times. */
    void release() {
        released = true;
        // park() returns at once if the unpark came first, so this wake-up cannot be lost.
        LockSupport.unpark(thread);
    }

    private void hold() {
        lock.lock();
        holding = true;
        while (!released) {
            LockSupport.park(this);
        }
        lock.unlock();
    }
}
