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

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReadWriteLock;
import org.junit.jupiter.api.Test;

/**
 * A {@link Policy#FAIR} {@link ReadWriteMutex} against the {@link ReadWriteLockContract} (where the
 * starvation test asserts that a writer gets in past continuously overlapping readers), and its FIFO
 * order: waiters are served in arrival order, a run of consecutive readers enters together, a new
 * reader does not overtake a queued writer, and {@code tryLock} does not overtake queued threads (once
 * as a black box, where a barging tryLock is caught only if it wins a race, and once deterministically,
 * holding the lock's internal gate through reflection so that the lock stays free with a writer queued).
 */
class FairReadWriteMutexTest extends ReadWriteLockContract {

    @Override
    protected ReadWriteLock newLock() {
        return new ReadWriteMutex(Policy.FAIR);
    }

    @Override
    protected Introspection introspection(ReadWriteLock lock) {
        return ReadWriteMutexTest.introspectionOf(lock);
    }

    @Override
    protected boolean writersMayStarve() {
        return false;
    }

    @Override
    protected String policyName() {
        return Policy.FAIR.name();
    }

    @Test
    void waitersAreServedInArrivalOrderWithConsecutiveReadersTogether() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.FAIR);
        assertEquals(Policy.FAIR, mutex.policy());
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Actor holder = actor("holder");
        holder.run(() -> mutex.writeLock().lock());
        // Queue, one after another: reader 1, reader 2, writer 3, reader 4, writer 5.
        String[] names = {"reader 1", "reader 2", "writer 3", "reader 4", "writer 5"};
        List<Actor> waiters = new ArrayList<>();
        List<Future<Boolean>> admissions = new ArrayList<>();
        for (int index = 0; index < names.length; index++) {
            String name = names[index];
            boolean write = name.startsWith("writer");
            Actor waiter = actor(name.replace(' ', '-'));
            admissions.add(waiter.start(() -> {
                if (write) {
                    mutex.writeLock().lock();
                } else {
                    mutex.readLock().lock();
                }
                order.add(name);
                return true;
            }));
            waiters.add(waiter);
            awaitQueueLength(mutex, index + 1);
        }

        holder.run(() -> mutex.writeLock().unlock());
        // Readers 1 and 2, consecutive, enter together; everyone behind writer 3 waits.
        assertTrue(result(admissions.get(0), "reader 1"));
        assertTrue(result(admissions.get(1), "reader 2"));
        assertEquals(2, mutex.getReadLockCount(), "readers 1 and 2 hold the read lock together");
        assertStaysBlocked(admissions.get(2), "writer 3, while readers 1 and 2 read");
        assertFalse(admissions.get(3).isDone(), "reader 4 overtook writer 3");
        assertFalse(admissions.get(4).isDone(), "writer 5 overtook writer 3");
        assertEquals(Set.of("reader 1", "reader 2"), Set.copyOf(order));

        waiters.get(0).run(() -> mutex.readLock().unlock());
        assertStaysBlocked(admissions.get(2), "writer 3, while reader 2 still reads");
        waiters.get(1).run(() -> mutex.readLock().unlock());
        assertTrue(result(admissions.get(2), "writer 3, once readers 1 and 2 left"));
        assertStaysBlocked(admissions.get(3), "reader 4, while writer 3 writes");

        waiters.get(2).run(() -> mutex.writeLock().unlock());
        assertTrue(result(admissions.get(3), "reader 4, once writer 3 left"));
        assertStaysBlocked(admissions.get(4), "writer 5, while reader 4 reads");

        waiters.get(3).run(() -> mutex.readLock().unlock());
        assertTrue(result(admissions.get(4), "writer 5, once reader 4 left"));
        waiters.get(4).run(() -> mutex.writeLock().unlock());

        assertEquals(List.of("writer 3", "reader 4", "writer 5"), order.subList(2, 5));
        assertEquals(0, mutex.getQueueLength());
        assertFalse(mutex.isWriteLocked());
        assertEquals(0, mutex.getReadLockCount());
    }

    @Test
    void aNewReaderDoesNotOvertakeAQueuedWriter() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.FAIR);
        Actor reader = actor("reader");
        reader.run(() -> mutex.readLock().lock());
        Actor writer = actor("writer");
        Future<Boolean> writerIn = writer.start(() -> {
            mutex.writeLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        assertFalse(mutex.readLock().tryLock(), "a new reader's tryLock() overtook the queued writer");
        assertFalse(mutex.readLock().tryLock(20, TimeUnit.MILLISECONDS), "a new timed tryLock overtook the queued writer");
        Actor newReader = actor("new-reader");
        Future<Boolean> newReaderIn = newReader.start(() -> {
            mutex.readLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 2);
        assertStaysBlocked(newReaderIn, "a new reader, behind a queued writer");
        // The reader that arrived before the writer may re-enter: it is ahead of the writer.
        assertTrue(reader.call(() -> mutex.readLock().tryLock()), "a reentrant read");
        reader.run(() -> {
            mutex.readLock().unlock();
            mutex.readLock().unlock();
        });
        assertTrue(result(writerIn, "the writer, once the reader left"));
        assertStaysBlocked(newReaderIn, "the new reader, while the writer writes");
        writer.run(() -> mutex.writeLock().unlock());
        assertTrue(result(newReaderIn, "the new reader, once the writer left"));
        newReader.run(() -> mutex.readLock().unlock());
    }

    @Test
    void tryLockDoesNotOvertakeQueuedThreads() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.FAIR);
        Actor holder = actor("holder");
        holder.run(() -> mutex.writeLock().lock());
        Actor queued = actor("queued-writer");
        Future<Boolean> queuedIn = queued.start(() -> {
            mutex.writeLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        holder.run(() -> mutex.writeLock().unlock());
        // Whether or not the queued writer has taken the lock yet, these must fail: either it is
        // held, or it is free with a thread queued ahead of us.
        assertFalse(mutex.writeLock().tryLock(), "a write tryLock() overtook a queued writer");
        assertFalse(mutex.writeLock().tryLock(0, TimeUnit.SECONDS), "a write tryLock(0) overtook a queued writer");
        assertFalse(mutex.readLock().tryLock(), "a read tryLock() overtook a queued writer");
        assertFalse(mutex.readLock().tryLock(0, TimeUnit.SECONDS), "a read tryLock(0) overtook a queued writer");
        assertTrue(result(queuedIn, "the queued writer"));
        queued.run(() -> mutex.writeLock().unlock());
        assertTrue(mutex.writeLock().tryLock(), "nobody queued now");
        mutex.writeLock().unlock();
    }

    /**
     * The same, deterministically (white box): the test holds the lock's internal {@code gate}, as a
     * thread updating the queue would, so the release cannot hand the lock over: it leaves the hand-off
     * to the gate's holder, and the queued writer stays parked while the lock is free. That is exactly
     * the moment at which a barging {@code tryLock} would succeed. The test lets go of the gate as the
     * lock's own code does, through {@code unlockGate}, which makes the hand-off the release asked for.
     */
    @Test
    void tryLockDoesNotOvertakeAQueuedThreadEvenWhileTheLockIsFree()
            throws InterruptedException, ReflectiveOperationException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.FAIR);
        Field gateField = ReadWriteMutex.class.getDeclaredField("gate");
        gateField.setAccessible(true);
        ReentrantMutex gate = (ReentrantMutex) gateField.get(mutex);
        Actor holder = actor("holder");
        holder.run(() -> mutex.writeLock().lock());
        Actor queued = actor("queued-writer");
        Future<Boolean> queuedIn = queued.start(() -> {
            mutex.writeLock().lock();
            return true;
        });
        awaitQueueLength(mutex, 1);
        Future<Object> released;
        Method unlockGate = ReadWriteMutex.class.getDeclaredMethod("unlockGate");
        unlockGate.setAccessible(true);
        gate.lock();
        try {
            // The release frees the lock at once and leaves the hand-off to the gate's holder: us.
            released = holder.start(() -> {
                mutex.writeLock().unlock();
                return null;
            });
            eventually("the holder frees the lock", () -> !mutex.isWriteLocked());
            assertEquals(1, mutex.getQueueLength(), "the writer is still queued");
            assertFalse(mutex.writeLock().tryLock(), "a write tryLock() overtook a queued writer on a free lock");
            assertFalse(mutex.writeLock().tryLock(0, TimeUnit.SECONDS), "a write tryLock(0) overtook a queued writer");
            assertFalse(mutex.readLock().tryLock(), "a read tryLock() overtook a queued writer on a free lock");
            assertFalse(mutex.readLock().tryLock(0, TimeUnit.SECONDS), "a read tryLock(0) overtook a queued writer");
            assertFalse(queuedIn.isDone(), "the queued writer got in without being woken");
            result(released, "the holder's release, which does not wait for the gate");
        } finally {
            unlockGate.invoke(mutex);
        }
        assertTrue(result(queuedIn, "the queued writer, woken"));
        queued.run(() -> mutex.writeLock().unlock());
        assertEquals(0, mutex.getQueueLength());
    }
}
