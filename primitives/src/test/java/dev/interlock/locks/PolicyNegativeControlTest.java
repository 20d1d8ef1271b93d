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
 * The bounded test of the read-write lock's policy check, and its negative control. A reader holds the
 * lock and a writer waits for it; a new reader's {@code tryLock()} must then be refused under
 * {@code WRITER_PREFERRING} and {@code FAIR} (a reader that enters past a waiting writer is how the writer
 * starves), and granted under {@code READER_PREFERRING}. {@link BrokenPolicyReadWriteMutex} skips the
 * policy's check, and the same test must see its new reader enter past the writer. Lincheck cannot be the
 * judge: a sequential specification has no waiting writer to defer to. jcstress is the other one
 * ({@code Locks_14_NewReaderDefersToAWaitingWriter.BrokenPolicy}). ReadWriteMutexTest's starvation tests
 * check the same promise over time.
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PolicyNegativeControlTest {

    @Test
    void aNewReaderDefersToAWaitingWriterWhereThePolicySays() throws InterruptedException {
        for (ReadWriteMutex.Policy policy : ReadWriteMutex.Policy.values()) {
            ReadWriteMutex lock = new ReadWriteMutex(policy);
            boolean entered = newReaderEntersPastAWaitingWriter(lock, lock::getQueueLength);
            assertEquals(policy == ReadWriteMutex.Policy.READER_PREFERRING, entered,
                    policy + ": a new reader's tryLock() while a writer waits");
        }
    }

    @Test
    void theControlLetsTheNewReaderPastTheWriter() throws InterruptedException {
        BrokenPolicyReadWriteMutex lock =
                new BrokenPolicyReadWriteMutex(BrokenPolicyReadWriteMutex.Policy.WRITER_PREFERRING);
        assertTrue(newReaderEntersPastAWaitingWriter(lock, lock::getQueueLength),
                "the broken lock refused the new reader: this test cannot see a skipped policy check");
    }

    /** A reader holds; a writer queues; a new reader tries. Returns whether it entered; then lets all go. */
    private static boolean newReaderEntersPastAWaitingWriter(ReadWriteLock lock, IntSupplier queueLength)
            throws InterruptedException {
        CountDownLatch readerHolds = new CountDownLatch(1);
        CountDownLatch readerMayLeave = new CountDownLatch(1);
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
        }, "reader");
        reader.setDaemon(true); // a failed wait below must not leave it keeping the JVM alive
        reader.start();
        readerHolds.await();
        Thread writer = new Thread(() -> {
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }, "writer");
        writer.setDaemon(true);
        writer.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (queueLength.getAsInt() != 1) {
            assertTrue(System.nanoTime() < deadline, "the writer did not queue in 10 s");
            Thread.yield();
        }
        boolean entered = lock.readLock().tryLock();
        if (entered) {
            lock.readLock().unlock();
        }
        readerMayLeave.countDown();
        reader.join();
        writer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(writer.isAlive(), "the writer did not get the lock once the readers left");
        return entered;
    }
}
