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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * A {@link Policy#READER_PREFERRING} {@link ReadWriteMutex} against the {@link ReadWriteLockContract}
 * (where the starvation test asserts the documented weakness: continuously overlapping readers keep a
 * writer out for as long as they read), and its preference: a new reader enters while a writer
 * waits, and the writer enters only once the last reader has left.
 */
class ReaderPreferringReadWriteMutexTest extends ReadWriteLockContract {

    @Override
    protected ReadWriteLock newLock() {
        return new ReadWriteMutex(Policy.READER_PREFERRING);
    }

    @Override
    protected Introspection introspection(ReadWriteLock lock) {
        return ReadWriteMutexTest.introspectionOf(lock);
    }

    @Override
    protected boolean writersMayStarve() {
        return true;
    }

    @Override
    protected String policyName() {
        return Policy.READER_PREFERRING.name();
    }

    @Test
    void aNewReaderEntersWhileAWriterWaits() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.READER_PREFERRING);
        assertEquals(Policy.READER_PREFERRING, mutex.policy());
        Actor reader = actor("reader");
        reader.run(() -> mutex.readLock().lock());
        Actor writer = actor("writer");
        Future<Boolean> writerIn = writer.start(() -> {
            mutex.writeLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        assertTrue(mutex.readLock().tryLock(), "a new reader's tryLock() while a writer waits");
        assertTrue(mutex.readLock().tryLock(0, TimeUnit.SECONDS), "a reentrant tryLock(0) while a writer waits");
        Actor newReader = actor("new-reader");
        newReader.run(() -> mutex.readLock().lock()); // lock(): enters at once, or the step times out
        newReader.run(() -> mutex.readLock().lockInterruptibly());
        assertEquals(5, mutex.getReadLockCount());
        assertStaysBlocked(writerIn, "the writer, while readers read");
        assertEquals(1, mutex.getQueueLength(), "only the writer waits");

        // The writer enters only once the last reader has left.
        mutex.readLock().unlock();
        mutex.readLock().unlock();
        reader.run(() -> mutex.readLock().unlock());
        assertStaysBlocked(writerIn, "the writer, while one reader still reads");
        newReader.run(() -> {
            mutex.readLock().unlock();
            mutex.readLock().unlock();
        });
        assertTrue(result(writerIn, "the writer, once the last reader left"));
        writer.run(() -> mutex.writeLock().unlock());
        assertEquals(0, mutex.getQueueLength());
    }

    @Test
    void aReaderQueuedBehindTheWriteLockEntersWhenTheWriterLeaves() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.READER_PREFERRING);
        Actor writer = actor("writer");
        writer.run(() -> mutex.writeLock().lock());
        Actor reader = actor("reader");
        Future<Boolean> readerIn = reader.start(() -> {
            mutex.readLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        assertStaysBlocked(readerIn, "a reader, while a writer writes");
        writer.run(() -> mutex.writeLock().unlock());
        assertTrue(result(readerIn, "the reader, once the writer left"));
        reader.run(() -> mutex.readLock().unlock());
        assertEquals(0, mutex.getQueueLength());
    }
}
