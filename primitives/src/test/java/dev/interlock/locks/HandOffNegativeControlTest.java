/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of ReadWriteMutex's hand-off, and its negative control: a writer queued behind a
 * reader must be let in when the reader leaves. {@link BrokenReadReleaseReadWriteMutex} loses that
 * hand-off, and the same test, with the same bound, must find its writer still waiting. Lincheck cannot
 * be the judge here (its model checker wakes parked threads spuriously); jcstress is the other one
 * ({@code Locks_09_ReadWriteWakeUps.BrokenReadRelease}).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HandOffNegativeControlTest {

    /** How long a woken writer may take: the positive run needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    @Test
    void theLastReaderHandsTheLockToAQueuedWriter() throws InterruptedException {
        ReadWriteMutex lock = new ReadWriteMutex(ReadWriteMutex.Policy.FAIR, 0);
        assertTrue(writerGetsInAfterTheReaderLeaves(lock, lock::getQueueLength), "the writer is still waiting");
    }

    @Test
    void theControlLosesThatHandOff() throws InterruptedException {
        BrokenReadReleaseReadWriteMutex lock =
                new BrokenReadReleaseReadWriteMutex(BrokenReadReleaseReadWriteMutex.Policy.FAIR, 0);
        assertFalse(writerGetsInAfterTheReaderLeaves(lock, lock::getQueueLength),
                "the broken lock let the writer in: this test cannot see a lost hand-off");
    }

    /** A reader holds; a writer queues; the reader leaves. Returns whether the writer got in within the bound. */
    private static boolean writerGetsInAfterTheReaderLeaves(ReadWriteLock lock, IntSupplier queueLength)
            throws InterruptedException {
        CountDownLatch readerMayLeave = new CountDownLatch(1);
        CountDownLatch readerHolds = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            lock.readLock().lock();
            readerHolds.countDown();
            try {
                readerMayLeave.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.readLock().unlock();
            }
        });
        reader.start();
        readerHolds.await();
        CountDownLatch writerIn = new CountDownLatch(1);
        Thread writer = new Thread(() -> {
            try {
                lock.writeLock().lockInterruptibly();
            } catch (InterruptedException e) {
                return; // the clean-up of the broken control
            }
            writerIn.countDown();
            lock.writeLock().unlock();
        });
        writer.start();
        ReadWriteMutexScaleTest.awaitParked(writer, lock); // queued and asleep: only the hand-off can wake it
        assertTrue(queueLength.getAsInt() == 1, "the writer is not queued");
        readerMayLeave.countDown();
        reader.join();
        boolean in = writerIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        writer.interrupt();
        writer.join();
        return in;
    }
}
