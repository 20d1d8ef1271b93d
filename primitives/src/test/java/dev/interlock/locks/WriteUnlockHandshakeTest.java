/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The bounded test of {@link ReadWriteMutex}'s write-unlock handshake ("No lost wake-up" in its notes):
 * the writer writes the state, then reads the waiter count; a reader that queues writes the count, then
 * reads the state. Both pairs must be volatile (StoreLoad): with a release store for the unlock, x86 lets
 * the writer's read of the count pass its store, the writer sees no waiter, the reader sees the lock still
 * held, and the reader sleeps on a free lock. Each round, a writer holds the lock, both threads start
 * together, and the writer unlocks after a random delay of up to 8 µs, so that its unlock
 * lands across the reader's arrival in the queue; every round must end within {@value #BOUND_MILLIS} ms.
 * Lincheck's stress strategy also catches that bug, as a hang (docs/verification.md, "Running the tools").
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WriteUnlockHandshakeTest {

    /** Rounds per policy: about a second each. */
    static final int ROUNDS = 40_000;

    /** The writer's longest delay before it unlocks: past the reader's spin and its arrival in the queue. */
    static final long MAX_DELAY_NANOS = 8_000;

    /** How long one round may take: the positive run needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @ParameterizedTest
    @EnumSource(ReadWriteMutex.Policy.class)
    void aReaderQueuingAsTheWriterUnlocksIsLetIn(ReadWriteMutex.Policy policy) throws InterruptedException {
        assertEquals(null, firstStuckRound(new ReadWriteMutex(policy)), "a reader was never let in");
    }

    /** Runs the rounds; returns null if all ended, or which round made no progress within the bound. */
    private static String firstStuckRound(ReadWriteMutex lock) throws InterruptedException {
        AtomicIntegerArray started = new AtomicIntegerArray(2);
        AtomicIntegerArray done = new AtomicIntegerArray(2);
        Thread writer = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                lock.writeLock().lock();
                if (!startTogether(started, 0, round)) {
                    lock.writeLock().unlock();
                    return; // the clean-up after a stuck round
                }
                long aim = System.nanoTime() + ThreadLocalRandom.current().nextLong(MAX_DELAY_NANOS);
                while (System.nanoTime() - aim < 0) {
                    Thread.onSpinWait();
                }
                lock.writeLock().unlock();
                done.set(0, round + 1);
                while (done.get(1) <= round) { // the reader's round ends before the next write lock
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
            }
        }, "writer");
        Thread reader = new Thread(() -> {
            for (int round = 0; round < ROUNDS; round++) {
                if (!startTogether(started, 1, round)) {
                    return;
                }
                try {
                    lock.readLock().lockInterruptibly();
                } catch (InterruptedException e) {
                    return; // the clean-up after a stuck round
                }
                lock.readLock().unlock();
                done.set(1, round + 1);
            }
        }, "reader");
        Thread[] threads = {writer, reader};
        for (Thread thread : threads) {
            thread.setDaemon(true);
            thread.start();
        }
        while (writer.isAlive() || reader.isAlive()) {
            int before = done.get(1);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if ((writer.isAlive() || reader.isAlive()) && done.get(1) == before) {
                String state = "no round ended for " + BOUND_MILLIS + " ms after " + before + " of " + ROUNDS
                        + " (the writer had unlocked " + done.get(0) + " times): " + lock;
                for (Thread thread : threads) {
                    thread.interrupt();
                    thread.join();
                }
                return state;
            }
        }
        return null;
    }

    /** Marks this thread's round started and waits for the other's; false if interrupted. */
    private static boolean startTogether(AtomicIntegerArray started, int self, int round) {
        started.set(self, round + 1);
        while (started.get(1 - self) <= round) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }
}
