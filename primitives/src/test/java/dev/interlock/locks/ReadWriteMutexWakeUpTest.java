/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static dev.interlock.locks.ReadWriteMutexScaleTest.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reader wake-up of {@link ReadWriteMutex}'s preference policies (see "Why wake readers" in its
 * notes), through the orders that only it has, each set up step by step with the
 * threads seen parked: a woken reader and a new writer under each preference policy, and a woken
 * reader that gives up while a writer waits for it. Bounded: a thread that is not let in fails the test within
 * {@value #BOUND_MILLIS} ms.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadWriteMutexWakeUpTest {

    static final long BOUND_MILLIS = 5_000;

    /**
     * Under {@code READER_PREFERRING} a reader woken as the writer releases keeps its place: a new
     * writer's {@code tryLock()} fails whether the reader is still waking (it is counted in flight) or
     * already reading. Repeated: a writer that wrongly barged in would do so only in the rounds where
     * the reader had not entered yet (about half of them, measured with that bug planted).
     */
    @Test
    void underReaderPreferenceANewWriterDoesNotOvertakeAWokenReader() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            aNewWriterDoesNotOvertakeAWokenReader(round);
        }
    }

    private static void aNewWriterDoesNotOvertakeAWokenReader(int round) throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.READER_PREFERRING, 0);
        mutex.writeLock().lock();
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = start("reader", () -> {
            mutex.readLock().lock();
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mutex.readLock().unlock();
            }
        });
        awaitParked(reader, mutex);
        mutex.writeLock().unlock(); // wakes the reader, which may not have run yet
        assertFalse(mutex.writeLock().tryLock(), "round " + round + ": a new writer overtook the woken reader");
        done.countDown();
        reader.join(BOUND_MILLIS);
        assertFalse(reader.isAlive(), "round " + round + ": the woken reader was not let in");
        assertEquals(0L, mutex.futileWakeups(), "round " + round + ": the reader was woken for nothing");
        assertTrue(mutex.writeLock().tryLock());
        mutex.writeLock().unlock();
    }

    /**
     * Under {@code WRITER_PREFERRING} a new writer may take the lock before a woken reader runs; the
     * reader then queues again (a futile wake-up, counted) and that writer's release lets it in. The
     * writer's {@code tryLock()} comes right after the release that woke the reader, so it nearly
     * always wins; a round where the reader ran first is repeated.
     */
    @Test
    void underWriterPreferenceAnOvertakenReaderQueuesAgainAndIsLetIn() throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            ReadWriteMutex mutex = new ReadWriteMutex(Policy.WRITER_PREFERRING, 0);
            mutex.writeLock().lock();
            AtomicBoolean entered = new AtomicBoolean();
            Thread reader = start("reader", () -> {
                mutex.readLock().lock();
                entered.set(true);
                mutex.readLock().unlock();
            });
            awaitParked(reader, mutex);
            mutex.writeLock().unlock(); // wakes the reader...
            boolean acquired = mutex.writeLock().tryLock(); // ...and a new writer may take the lock first,
            boolean overtook = acquired && !entered.get(); // or the reader came and went before it
            if (acquired && !overtook) {
                mutex.writeLock().unlock();
            }
            if (overtook) {
                awaitQueuedAgain(reader, mutex);
                assertTrue(mutex.futileWakeups() >= 1, "the overtaken reader's wake-up was not counted");
                mutex.writeLock().unlock();
            }
            reader.join(BOUND_MILLIS);
            assertFalse(reader.isAlive(), "round " + round + ": the reader was not let in");
            if (overtook) {
                return;
            }
        }
        fail("in 100 rounds, the writer's tryLock() right after the release never came before the woken reader");
    }

    /**
     * A reader that is interrupted as it is woken holds nothing, so it throws; a writer queued behind it
     * under {@code READER_PREFERRING}, which waits for the readers woken before it, must still be let in.
     * The interrupt comes first and the release right after, while the reader is still parked: the
     * release wakes it, and it then finds both its interrupt and its wake-up. That the rounds reach the
     * reader's leaving, and not only its withdrawal before the release, is shown by the control that
     * loses the wake-up there: {@code WokenReaderNegativeControlTest}.
     */
    @Test
    void aWokenReaderThatGivesUpLetsTheWaitingWriterIn() throws InterruptedException {
        for (int round = 0; round < WOKEN_READER_ROUNDS; round++) {
            ReadWriteMutex mutex = new ReadWriteMutex(Policy.READER_PREFERRING, 0);
            String outcome = wokenReaderGivesUp(mutex, mutex, mutex::getQueueLength);
            assertTrue(outcome.endsWith("the writer got in"), "round " + round + ": " + outcome);
            assertTrue(mutex.writeLock().tryLock(), "round " + round + ": the lock is still held");
            mutex.writeLock().unlock();
            assertEquals(0, mutex.getQueueLength());
        }
    }

    /** The rounds of {@link #aWokenReaderThatGivesUpLetsTheWaitingWriterIn()}, and of its control's test. */
    static final int WOKEN_READER_ROUNDS = 20;

    /**
     * One round: the caller's thread holds the write lock, a reader and then a writer queue, the reader
     * is interrupted and the write lock released. Returns what happened: "the reader entered" or "the
     * reader was interrupted", then "and the writer got in", or "and the writer waited in vain" if it was
     * not let in within {@value #BOUND_MILLIS} ms (then it is interrupted, to end the round). Each wait
     * of the round has that bound; a failed assertion interrupts both threads before it leaves.
     *
     * @param blocker the object the lock's waiters park on
     */
    static String wokenReaderGivesUp(ReadWriteLock lock, Object blocker, IntSupplier queueLength)
            throws InterruptedException {
        lock.writeLock().lock();
        AtomicReference<String> readerOutcome = new AtomicReference<>();
        Thread reader = start("reader", () -> {
            try {
                lock.readLock().lockInterruptibly();
                lock.readLock().unlock();
                readerOutcome.set("the reader entered");
            } catch (InterruptedException expected) {
                readerOutcome.set("the reader was interrupted");
            }
        });
        CountDownLatch writerIn = new CountDownLatch(1);
        Thread writer = null;
        try {
            awaitParked(reader, blocker);
            writer = start("writer", () -> {
                try {
                    lock.writeLock().lockInterruptibly();
                } catch (InterruptedException e) {
                    return; // the end of a round that the control lost
                }
                writerIn.countDown();
                lock.writeLock().unlock();
            });
            awaitParked(writer, blocker);
            assertEquals(2, queueLength.getAsInt(), "the reader and the writer are not both queued");
            reader.interrupt();
            lock.writeLock().unlock();
            reader.join(BOUND_MILLIS);
            assertFalse(reader.isAlive(), "the interrupted reader did not return");
            boolean in = writerIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
            writer.interrupt();
            writer.join(BOUND_MILLIS);
            assertFalse(writer.isAlive(), "the writer did not return");
            return readerOutcome.get() + (in ? ", and the writer got in" : ", and the writer waited in vain");
        } finally {
            reader.interrupt(); // no-ops on a round that ended; the clean-up of one that failed
            if (writer != null) {
                writer.interrupt();
            }
        }
    }

    /**
     * A woken reader that finds the read count full throws, as a newcomer would, and must still leave
     * flight: under {@code READER_PREFERRING} the writer queued behind it waits for the readers woken
     * before it. The thread that holds the write lock fills the count with reentrant read holds, then
     * releases the write lock, which wakes the reader; the writer is let in at the last read release.
     */
    @Test
    void aWokenReaderThatFindsTheCountFullLetsTheWaitingWriterIn() throws InterruptedException {
        ReadWriteMutex mutex = new ReadWriteMutex(Policy.READER_PREFERRING, 0);
        mutex.writeLock().lock();
        AtomicReference<Error> readerError = new AtomicReference<>();
        Thread reader = start("reader", () -> {
            try {
                mutex.readLock().lock();
                mutex.readLock().unlock();
            } catch (Error expected) {
                readerError.set(expected);
            }
        });
        awaitParked(reader, mutex);
        CountDownLatch writerIn = new CountDownLatch(1);
        Thread writer = start("writer", () -> {
            mutex.writeLock().lock();
            writerIn.countDown();
            mutex.writeLock().unlock();
        });
        awaitParked(writer, mutex);
        for (int hold = 0; hold < ReadWriteMutex.MAX_READ_HOLDS; hold++) {
            mutex.readLock().lock();
        }
        mutex.writeLock().unlock(); // wakes the reader, which finds the count full
        reader.join(BOUND_MILLIS);
        assertFalse(reader.isAlive(), "the woken reader did not return");
        assertTrue(readerError.get() != null && readerError.get().getMessage().contains("Maximum lock count exceeded"),
                "the woken reader did not throw for the full count: " + readerError.get());
        assertEquals(0, mutex.wokenReaders(), "the reader that threw is still counted in flight");
        for (int hold = 0; hold < ReadWriteMutex.MAX_READ_HOLDS; hold++) {
            mutex.readLock().unlock();
        }
        assertTrue(writerIn.await(BOUND_MILLIS, TimeUnit.MILLISECONDS), "the writer waited in vain");
        writer.join(BOUND_MILLIS);
        assertFalse(writer.isAlive(), "the writer did not return");
        assertEquals(0, mutex.getQueueLength());
    }

    /**
     * A timed reader woken and then overtaken by a new writer ({@code WRITER_PREFERRING}) queues again
     * and times out there: it returns {@code false}, and leaves no ticket, no reader in flight and no
     * hold behind. Its timeout ({@value #TIMED_READER_MILLIS} ms) outlasts the set-up, so that it is
     * woken before it expires; a round where the reader ran before the writer's {@code tryLock()} is
     * repeated.
     */
    @Test
    void aTimedReaderOvertakenAfterItsWakeUpTimesOutLeavingNothingBehind() throws InterruptedException {
        for (int round = 0; round < 100; round++) {
            ReadWriteMutex mutex = new ReadWriteMutex(Policy.WRITER_PREFERRING, 0);
            mutex.writeLock().lock();
            AtomicBoolean entered = new AtomicBoolean();
            AtomicReference<String> outcome = new AtomicReference<>();
            Thread reader = start("reader", () -> {
                try {
                    if (mutex.readLock().tryLock(TIMED_READER_MILLIS, TimeUnit.MILLISECONDS)) {
                        entered.set(true);
                        mutex.readLock().unlock();
                        outcome.set("entered");
                    } else {
                        outcome.set("timed out");
                    }
                } catch (InterruptedException e) {
                    outcome.set("interrupted");
                }
            });
            awaitParked(reader, mutex, Thread.State.TIMED_WAITING);
            mutex.writeLock().unlock(); // wakes the reader...
            boolean acquired = mutex.writeLock().tryLock(); // ...and a new writer may take the lock first
            boolean overtook = acquired && !entered.get();
            if (acquired && !overtook) {
                mutex.writeLock().unlock();
            }
            reader.join(BOUND_MILLIS + TIMED_READER_MILLIS);
            assertFalse(reader.isAlive(), "round " + round + ": the reader did not return");
            if (!overtook) {
                continue;
            }
            assertEquals("timed out", outcome.get(), "round " + round);
            assertTrue(mutex.futileWakeups() >= 1, "the overtaken reader's wake-up was not counted");
            assertEquals(0, mutex.getQueueLength(), "the timed-out reader left its ticket queued");
            assertEquals(0, mutex.wokenReaders(), "the timed-out reader is still counted in flight");
            assertEquals(0, mutex.getReadLockCount(), "the timed-out reader left a read hold");
            mutex.writeLock().unlock();
            assertTrue(mutex.readLock().tryLock(), "a new reader is kept out of a free lock");
            mutex.readLock().unlock();
            return;
        }
        fail("in 100 rounds, the writer's tryLock() right after the release never came before the woken reader");
    }

    static final long TIMED_READER_MILLIS = 500;

    /** Waits until the overtaken reader has queued again and parked. */
    private static void awaitQueuedAgain(Thread reader, ReadWriteMutex mutex) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (mutex.getQueueLength() != 1) {
            assertTrue(System.nanoTime() < deadline, "the overtaken reader never queued again");
            Thread.yield();
        }
        awaitParked(reader, mutex);
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
