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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link ReadWriteMutex} with its default policy, {@link Policy#WRITER_PREFERRING}, against the
 * {@link ReadWriteLockContract} (which includes the starvation test: a writer gets in past
 * continuously overlapping readers), plus what only a writer-preferring lock does: a new reader waits
 * while a writer waits, and a waiting writer goes before readers that queued earlier.
 *
 * <p>It also tests, for every policy (parameterized), what a ReadWriteMutex has beyond the
 * {@link ReadWriteLock} interface: construction and {@link ReadWriteMutex#policy()}, the exact
 * {@code toString} formats of the javadoc, the optimistic reads ({@link ReadWriteMutex#tryOptimisticRead()}
 * and {@link ReadWriteMutex#validate(long)}), and the limit of 65,535 read holds. (The limit of
 * {@link Integer#MAX_VALUE} write holds is not tested: reaching it takes 2<sup>31</sup> acquisitions.)
 * {@link ReaderPreferringReadWriteMutexTest} and {@link FairReadWriteMutexTest} run the contract on the
 * other two policies, with what only they do.
 */
class ReadWriteMutexTest extends ReadWriteLockContract {

    @Override
    protected ReadWriteLock newLock() {
        return new ReadWriteMutex();
    }

    @Override
    protected Introspection introspection(ReadWriteLock lock) {
        return introspectionOf(lock);
    }

    @Override
    protected boolean writersMayStarve() {
        return false;
    }

    @Override
    protected String policyName() {
        return Policy.WRITER_PREFERRING.name();
    }

    /** The contract's view of a {@link ReadWriteMutex}: its own introspection methods. */
    static Introspection introspectionOf(ReadWriteLock lock) {
        ReadWriteMutex mutex = (ReadWriteMutex) lock;
        return new Introspection() {
            @Override
            public int readLockCount() {
                return mutex.getReadLockCount();
            }

            @Override
            public int readHoldCount() {
                return mutex.getReadHoldCount();
            }

            @Override
            public int writeHoldCount() {
                return mutex.getWriteHoldCount();
            }

            @Override
            public boolean isWriteLocked() {
                return mutex.isWriteLocked();
            }

            @Override
            public boolean isWriteLockedByCurrentThread() {
                return mutex.isWriteLockedByCurrentThread();
            }

            @Override
            public boolean hasQueuedThreads() {
                return mutex.hasQueuedThreads();
            }

            @Override
            public int queueLength() {
                return mutex.getQueueLength();
            }
        };
    }

    // ---- Writer preference -----------------------------------------------------------------------------

    @Test
    void theDefaultPolicyIsWriterPreferring() {
        assertEquals(Policy.WRITER_PREFERRING, new ReadWriteMutex().policy());
    }

    @Test
    void aNewReaderWaitsWhileAWriterWaits() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex();
        Actor reader = actor("reader");
        reader.run(() -> mutex.readLock().lock());
        Actor writer = actor("writer");
        Future<Boolean> writerIn = writer.start(() -> {
            mutex.writeLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        assertFalse(mutex.readLock().tryLock(), "a new reader's tryLock() while a writer waits");
        assertFalse(mutex.readLock().tryLock(20, TimeUnit.MILLISECONDS), "a new timed tryLock while a writer waits");
        Actor newReader = actor("new-reader");
        Future<Boolean> newReaderIn = newReader.start(() -> {
            mutex.readLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 2);
        assertStaysBlocked(newReaderIn, "a new reader, while a writer waits");
        assertEquals(1, mutex.getReadLockCount());
        reader.run(() -> mutex.readLock().unlock());
        assertTrue(result(writerIn, "the writer, once the reader left"));
        assertStaysBlocked(newReaderIn, "the new reader, while the writer writes");
        writer.run(() -> mutex.writeLock().unlock());
        assertTrue(result(newReaderIn, "the new reader, once the writer left"));
        newReader.run(() -> mutex.readLock().unlock());
        assertEquals(0, mutex.getQueueLength());
    }

    @Test
    void aWaitingWriterGoesBeforeReadersThatQueuedEarlier() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Actor holder = actor("holder");
        holder.run(() -> mutex.writeLock().lock());
        Actor reader = actor("early-reader");
        Future<Boolean> readerIn = reader.start(() -> {
            mutex.readLock().lock();
            order.add("early reader");
            return true;
        });
        awaitQueueLength(mutex, 1);
        Actor writer = actor("late-writer");
        Future<Boolean> writerIn = writer.start(() -> {
            mutex.writeLock().lock();
            order.add("late writer");
            return true;
        });
        awaitQueueLength(mutex, 2);
        holder.run(() -> mutex.writeLock().unlock());
        assertTrue(result(writerIn, "the late writer"));
        assertStaysBlocked(readerIn, "the early reader, while the late writer writes");
        writer.run(() -> mutex.writeLock().unlock());
        assertTrue(result(readerIn, "the early reader, once the writer left"));
        reader.run(() -> mutex.readLock().unlock());
        assertEquals(List.of("late writer", "early reader"), order);
    }

    @Test
    void aWriterThatGivesUpLetsTheReadersItHeldBackIn() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex();
        Actor reader = actor("reader");
        reader.run(() -> mutex.readLock().lock());
        Actor quitter = actor("quitting-writer");
        Future<String> quitterOutcome = quitter.start(() -> {
            try {
                mutex.writeLock().lockInterruptibly();
                return "acquired a lock another thread reads";
            } catch (InterruptedException expected) {
                return "interrupted";
            }
        });
        awaitQueueLength(mutex, 1);
        Actor heldBack = actor("held-back-reader");
        Future<Boolean> heldBackIn = heldBack.start(() -> {
            mutex.readLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 2);
        assertStaysBlocked(heldBackIn, "a new reader, while a writer waits");
        quitter.interrupt();
        assertEquals("interrupted", result(quitterOutcome, "the interrupted writer"));
        assertTrue(result(heldBackIn, "the held-back reader, once the writer gave up"));
        assertEquals(2, mutex.getReadLockCount());
        assertEquals(0, mutex.getQueueLength());
        assertTrue(mutex.readLock().tryLock(), "a new reader, with no writer waiting");
        mutex.readLock().unlock();
        heldBack.run(() -> mutex.readLock().unlock());
        reader.run(() -> mutex.readLock().unlock());
    }

    // ---- Every policy: construction and toString --------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Policy.class)
    void policyReturnsThePolicyChosenAtConstruction(Policy policy) {
        assertEquals(policy, new ReadWriteMutex(policy).policy());
    }

    @Test
    void aNullPolicyThrowsNullPointerException() {
        NullPointerException thrown = assertThrows(NullPointerException.class, () -> new ReadWriteMutex(null));
        assertEquals("policy", thrown.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void toStringFollowsTheDocumentedFormats(Policy policy) throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        assertEquals("ReadWriteMutex[" + policy + ", unlocked, read holds = 0]", mutex.toString());
        assertEquals("ReadWriteMutex.WriteLock[Unlocked]", mutex.writeLock().toString());
        assertEquals("ReadWriteMutex.ReadLock[read holds = 0, of which the current thread's = 0]",
                mutex.readLock().toString());

        Actor reader = actor("format-reader");
        reader.run(() -> {
            mutex.readLock().lock();
            mutex.readLock().lock();
        });
        mutex.readLock().lock();
        assertEquals("ReadWriteMutex[" + policy + ", read-locked, read holds = 3]", mutex.toString());
        assertEquals("ReadWriteMutex.ReadLock[read holds = 3, of which the current thread's = 1]",
                mutex.readLock().toString());
        assertEquals("ReadWriteMutex.ReadLock[read holds = 3, of which the current thread's = 2]",
                reader.call(() -> mutex.readLock().toString()));
        mutex.readLock().unlock();
        reader.run(() -> {
            mutex.readLock().unlock();
            mutex.readLock().unlock();
        });

        String name = "\"" + Thread.currentThread().getName() + "\"";
        mutex.writeLock().lock();
        String writeLocked = "ReadWriteMutex[" + policy + ", write-locked by thread " + name;
        assertEquals(writeLocked + ", read holds = 0]", mutex.toString());
        assertEquals("ReadWriteMutex.WriteLock[Locked by thread " + name + "]", mutex.writeLock().toString());
        mutex.readLock().lock(); // a writer that also reads
        assertEquals(writeLocked + ", read holds = 1]", mutex.toString());
        mutex.readLock().unlock();
        mutex.writeLock().unlock();
        assertEquals("ReadWriteMutex[" + policy + ", unlocked, read holds = 0]", mutex.toString());
    }

    // ---- Every policy: optimistic reads ------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aStampStaysValidWhileReadersComeAndGo(Policy policy) throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        long stamp = mutex.tryOptimisticRead();
        assertNotEquals(0L, stamp, "a free lock gives a stamp");
        assertTrue(mutex.validate(stamp), "nothing happened since");

        mutex.readLock().lock();
        assertTrue(mutex.validate(stamp), "a read lock does not invalidate a stamp");
        long stampWhileReading = mutex.tryOptimisticRead();
        assertNotEquals(0L, stampWhileReading, "a read-locked lock gives a stamp");
        Actor reader = actor("reader");
        reader.run(() -> {
            mutex.readLock().lock();
            mutex.readLock().unlock();
        });
        mutex.readLock().unlock();
        assertTrue(mutex.validate(stamp), "readers came and went, no writer");
        assertTrue(mutex.validate(stampWhileReading), "readers came and went, no writer");

        // Writers that fail to get in acquire nothing, so they invalidate nothing.
        reader.run(() -> mutex.readLock().lock());
        assertFalse(mutex.writeLock().tryLock(), "a writer while another thread reads");
        assertFalse(mutex.writeLock().tryLock(20, TimeUnit.MILLISECONDS), "a timed writer while another thread reads");
        reader.run(() -> mutex.readLock().unlock());
        assertTrue(mutex.validate(stamp), "failed write attempts invalidated the stamp");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aWriteLockAcquisitionInvalidatesEarlierStamps(Policy policy) throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        long stamp = mutex.tryOptimisticRead();
        Actor writer = actor("writer");
        writer.run(() -> {
            mutex.writeLock().lock();
            mutex.writeLock().unlock();
        });
        assertFalse(mutex.validate(stamp), "another thread's write lock and unlock came between");
        long next = mutex.tryOptimisticRead();
        assertNotEquals(0L, next);
        assertNotEquals(stamp, next, "the stamp after a write is the stamp before it");
        assertTrue(mutex.validate(next));

        // While write-locked, by this thread or another, there is no stamp, and no earlier one validates.
        writer.run(() -> mutex.writeLock().lock());
        assertEquals(0L, mutex.tryOptimisticRead(), "write-locked by another thread");
        assertFalse(mutex.validate(next), "write-locked since the stamp");
        writer.run(() -> mutex.writeLock().unlock());
        assertFalse(mutex.validate(next), "a write came between, though it is over");

        long beforeOwnWrite = mutex.tryOptimisticRead();
        assertTrue(mutex.writeLock().tryLock());
        assertEquals(0L, mutex.tryOptimisticRead(), "write-locked by the current thread");
        assertEquals(0L, writer.call(mutex::tryOptimisticRead), "write-locked, seen from another thread");
        mutex.writeLock().unlock();
        assertFalse(mutex.validate(beforeOwnWrite), "the current thread's own write came between");
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aValueNoStampHasNeverValidates(Policy policy) {
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        long stamp = mutex.tryOptimisticRead();
        assertTrue(mutex.validate(stamp));
        for (long foreign : new long[] {12_345L, stamp + 1, stamp - 1, stamp | ReadWriteMutex.WRITE_UNIT, -1L, 1L << 40}) {
            assertFalse(mutex.validate(foreign), () -> "validated " + foreign + ", which no stamp is");
        }
        // A stamp's format with another sequence is a stamp of that sequence: it fails, as an old stamp does.
        assertFalse(mutex.validate(stamp + 2 * ReadWriteMutex.WRITE_UNIT));
        // And while write-locked, a value with the odd sequence of that write does not validate either.
        mutex.writeLock().lock();
        assertFalse(mutex.validate(stamp + ReadWriteMutex.WRITE_UNIT), "the current write's own sequence");
        mutex.writeLock().unlock();
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    void aZeroStampNeverValidates(Policy policy) {
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        assertFalse(mutex.validate(0L), "zero, on a free lock");
        mutex.readLock().lock();
        assertFalse(mutex.validate(0L), "zero, on a read-locked lock");
        mutex.readLock().unlock();

        mutex.writeLock().lock();
        long stampWhileWriting = mutex.tryOptimisticRead();
        assertEquals(0L, stampWhileWriting);
        assertFalse(mutex.validate(stampWhileWriting), "zero, while write-locked");
        // Downgrade: once the write lock is released, optimistic reads work again.
        mutex.readLock().lock();
        mutex.writeLock().unlock();
        assertFalse(mutex.validate(stampWhileWriting), "zero, after the write was released");
        long stampAfterDowngrade = mutex.tryOptimisticRead();
        assertNotEquals(0L, stampAfterDowngrade, "read-locked (downgraded), not write-locked");
        assertTrue(mutex.validate(stampAfterDowngrade));
        mutex.readLock().unlock();
        assertTrue(mutex.validate(stampAfterDowngrade), "the downgraded reader left; no write since");
    }

    // ---- Every policy: the read-hold limit --------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Policy.class)
    void readHoldsBeyond65535ThrowAnErrorAndChangeNothing(Policy policy) throws InterruptedException {
        int limit = 65_535;
        ReadWriteMutex mutex = new ReadWriteMutex(policy);
        for (int hold = 0; hold < limit; hold++) {
            mutex.readLock().lock();
        }
        assertEquals(limit, mutex.getReadLockCount());
        assertEquals(limit, mutex.getReadHoldCount());
        Error overflow = assertThrows(Error.class, mutex.readLock()::lock, "read hold 65,536 by lock()");
        assertFalse(overflow instanceof AssertionError, () -> "not the overflow: " + overflow);
        assertTrue(String.valueOf(overflow.getMessage()).contains(String.valueOf(limit)), overflow::getMessage);
        assertThrows(Error.class, mutex.readLock()::tryLock, "read hold 65,536 by tryLock()");
        assertThrows(Error.class, mutex.readLock()::lockInterruptibly, "read hold 65,536 by lockInterruptibly()");
        assertThrows(Error.class, () -> mutex.readLock().tryLock(1, TimeUnit.SECONDS), "read hold 65,536 by a timed tryLock");
        assertEquals(limit, mutex.getReadLockCount(), "a refused hold was counted");
        assertEquals(limit, mutex.getReadHoldCount(), "a refused hold was counted");
        // The limit is on the total: another thread's first read hold is refused too, and a writer is kept out.
        Actor other = actor("other-reader");
        other.run(() -> {
            assertThrows(Error.class, mutex.readLock()::tryLock, "another thread's read hold 65,536");
            assertEquals(0, mutex.getReadHoldCount(), "the refused hold was counted for the other thread");
            assertFalse(mutex.writeLock().tryLock(), "a writer while 65,535 read holds remain");
        });
        assertEquals(limit, mutex.getReadLockCount());
        for (int hold = 0; hold < limit; hold++) {
            mutex.readLock().unlock();
        }
        assertEquals(0, mutex.getReadLockCount());
        assertEquals(0, mutex.getReadHoldCount());
        assertThrows(IllegalMonitorStateException.class, mutex.readLock()::unlock, "all holds were released");
        assertTrue(other.call(() -> {
            boolean acquired = mutex.writeLock().tryLock();
            if (acquired) {
                mutex.writeLock().unlock();
            }
            return acquired;
        }), "free for a writer at the end");
    }

    /**
     * A reader that queued while a writer held the lock, and is handed a hold when the count is full,
     * gets the same Error as a newcomer, and nothing changes: the hand-off refuses, as a CAS would.
     */
    @ParameterizedTest
    @EnumSource(Policy.class)
    void aQueuedReaderHandedAFullCountThrowsTheError(Policy policy) throws Exception {
        int limit = 65_535;
        ReadWriteMutex mutex = new ReadWriteMutex(policy, 0);
        mutex.writeLock().lock();
        for (int hold = 0; hold < limit; hold++) {
            mutex.readLock().lock(); // the writer's reentrant read holds: a downgrade in waiting
        }
        Actor queued = actor("queued-reader");
        Future<Error> refusal = queued.start(() -> assertThrows(Error.class, mutex.readLock()::lock));
        awaitQueueLength(mutex, 1);
        mutex.writeLock().unlock(); // hands the lock to the queue: the reader's hold would be 65,536
        Error overflow = result(refusal, "the queued reader, refused");
        assertFalse(overflow instanceof AssertionError, () -> "not the overflow: " + overflow);
        assertTrue(String.valueOf(overflow.getMessage()).contains(String.valueOf(limit)), overflow::getMessage);
        assertEquals(limit, mutex.getReadLockCount(), "the refused hold was counted");
        assertEquals(0, mutex.getQueueLength());
        assertEquals(0, (int) queued.call(mutex::getReadHoldCount), "the refused hold was counted for the reader");
        for (int hold = 0; hold < limit; hold++) {
            mutex.readLock().unlock();
        }
        assertEquals(0, mutex.getReadLockCount());
    }
}
