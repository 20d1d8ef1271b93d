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
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract every {@link ReadWriteLock} of the library must meet, as one abstract test base; each
 * lock (and each policy of a lock) has a small subclass that supplies instances, a read-only view of
 * the lock's state ({@link Introspection}), and says whether its policy lets writers starve. The
 * tests use the {@link ReadWriteLock} interface, and the introspection only to observe what the
 * interface cannot: hold counts, and whether a waiter has reached the queue.
 *
 * <p>What is checked, and why:
 * <ul>
 *   <li><b>Sharing and exclusion</b>, by every acquisition method: readers share the read lock; a
 *       writer excludes readers and writers; a reader excludes writers.</li>
 *   <li><b>Reentrancy</b> of both locks, and that a reentrant read succeeds even while a writer
 *       waits: otherwise a writer-preferring or fair lock would deadlock a reader that re-enters.</li>
 *   <li><b>Downgrade</b> (write, then read, then release the write): the thread keeps reading and no
 *       writer gets in between; a writer that also reads may still re-enter the write lock.</li>
 *   <li><b>No upgrade</b>: a reader that asks for the write lock, by any of the four methods, gets an
 *       {@link IllegalMonitorStateException} at once, which says why, and nothing changes. (Two
 *       readers that both waited to upgrade would wait for each other forever.)</li>
 *   <li><b>Misuse changes nothing</b>: unlocking a mode the thread does not hold throws
 *       {@link IllegalMonitorStateException}; {@code readLock().newCondition()} throws
 *       {@link UnsupportedOperationException}; a null {@link TimeUnit} throws
 *       {@link NullPointerException}.</li>
 *   <li><b>Write-lock conditions</b>: {@code await} releases every write hold and restores them;
 *       awaiting while also holding the read lock is refused, since no writer could get in to
 *       signal; timeouts, interrupts, {@code signal} and {@code signalAll}.</li>
 *   <li><b>Giving up leaves no trace</b>, in both modes: a timed-out or interrupted waiter leaves the
 *       queue, the holders are undisturbed, and the lock then works as if the waiter had never come.
 *       In particular a writer that gave up must not keep holding new readers back, and a reader
 *       queued behind it must be let in.</li>
 *   <li><b>Interrupts</b>: {@code lockInterruptibly} and the timed {@code tryLock} throw and clear the
 *       status; {@code lock()} keeps waiting and keeps the status.</li>
 *   <li><b>Starvation</b>: two readers hand the read lock to each other so that it is never free,
 *       and a writer asks for it. Depending on {@link #writersMayStarve()}, the writer must get in
 *       within {@link #STARVATION_BOUND_MILLIS}, or must still be waiting after
 *       {@link #STARVATION_WATCH_MILLIS} (and get in once the readers stop). Each run prints one
 *       {@code STARVATION} line with the numbers.</li>
 * </ul>
 *
 * <p>Every test runs under a {@link Timeout} in a separate thread, so that a broken lock fails the
 * test instead of hanging the build. The test thread itself only makes calls that cannot block
 * (tryLock, short timed tryLock, unlock); anything that may wait runs in an {@link Actor}, a daemon
 * helper thread that the test drives step by step and waits for with a bounded wait.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class ReadWriteLockContract {

    /** How long a test waits for something that must happen "promptly". Generous: CI machines are slow. */
    protected static final long PROMPT_MILLIS = 10_000;

    /** How long a test watches a waiter to see that it stays blocked: a wrong admission shows at once. */
    protected static final long BLOCKED_MILLIS = 100;

    /** The timeout of the timed tryLock calls that are expected to time out. */
    protected static final long TIMEOUT_MILLIS = 200;

    /** How long the starvation test watches a writer that is allowed to starve. */
    protected static final long STARVATION_WATCH_MILLIS = 1_000;

    /** How soon a writer must get in past overlapping readers when the policy does not let writers starve. */
    protected static final long STARVATION_BOUND_MILLIS = 5_000;

    /** The fewest read hand-overs that count as "continuous reading" during {@link #STARVATION_WATCH_MILLIS}. */
    protected static final long MIN_HAND_OVERS_WHILE_WATCHING = 50;

    /** The helper threads a test started, stopped after it. */
    private final List<Actor> actors = new ArrayList<>();

    /**
     * Returns a new, unlocked lock.
     *
     * @return the lock under test
     */
    protected abstract ReadWriteLock newLock();

    /**
     * Returns a read-only view of the state of {@code lock}, a lock from {@link #newLock()}.
     *
     * @param lock the lock
     * @return its introspection
     */
    protected abstract Introspection introspection(ReadWriteLock lock);

    /**
     * Whether the lock's policy lets new readers in while a writer waits, so that a stream of
     * overlapping readers can starve a writer.
     *
     * @return {@code true} for a reader-preferring policy
     */
    protected abstract boolean writersMayStarve();

    /**
     * The name of the lock's policy, for the {@code STARVATION} line.
     *
     * @return the class name unless overridden
     */
    protected String policyName() {
        return getClass().getSimpleName();
    }

    /** What the contract reads of a lock's state beyond the {@link ReadWriteLock} interface. */
    protected interface Introspection {
        /** @return the read holds of all threads together */
        int readLockCount();

        /** @return the current thread's read holds */
        int readHoldCount();

        /** @return the current thread's write holds */
        int writeHoldCount();

        /** @return whether any thread holds the write lock */
        boolean isWriteLocked();

        /** @return whether the current thread holds the write lock */
        boolean isWriteLockedByCurrentThread();

        /** @return whether any thread is queued, waiting for either lock */
        boolean hasQueuedThreads();

        /** @return how many threads are queued, waiting for either lock */
        int queueLength();
    }

    /** The two locks of a {@link ReadWriteLock}, for the tests that run in both modes. */
    protected enum Mode {
        READ,
        WRITE;

        /** @return this mode's lock of {@code lock} */
        Lock of(ReadWriteLock lock) {
            return this == READ ? lock.readLock() : lock.writeLock();
        }

        /** @return the mode whose holder (another thread) makes an acquisition in this mode wait */
        Mode blockedBy() {
            return this == READ ? WRITE : READ;
        }
    }

    @AfterEach
    void stopActors() throws InterruptedException {
        for (Actor actor : actors) {
            actor.executor.shutdownNow(); // interrupts whatever it is doing
        }
        for (Actor actor : actors) {
            actor.executor.awaitTermination(1, TimeUnit.SECONDS); // a thread stuck in lock() is a daemon
        }
    }

    // ---- Sharing and exclusion ------------------------------------------------------------------------

    @Test
    void readersShareTheReadLockByEveryAcquisitionMethod() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor reader = actor("reader");
        reader.run(() -> lock.readLock().lock());
        // Other threads join the reader, each by another method; none may wait.
        assertTrue(lock.readLock().tryLock(), "tryLock() while another thread reads");
        lock.readLock().unlock();
        assertTrue(lock.readLock().tryLock(0, TimeUnit.NANOSECONDS), "tryLock(0) while another thread reads");
        lock.readLock().unlock();
        assertTrue(lock.readLock().tryLock(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "a timed tryLock while another thread reads");
        Actor byLock = actor("reader-by-lock");
        byLock.run(() -> lock.readLock().lock());
        Actor byLockInterruptibly = actor("reader-by-lockInterruptibly");
        byLockInterruptibly.run(() -> lock.readLock().lockInterruptibly());
        assertEquals(4, introspection(lock).readLockCount(), "four threads hold the read lock together");
        byLockInterruptibly.run(() -> lock.readLock().unlock());
        byLock.run(() -> lock.readLock().unlock());
        lock.readLock().unlock();
        reader.run(() -> lock.readLock().unlock());
        assertEquals(0, introspection(lock).readLockCount());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free for a writer after the readers left");
    }

    @Test
    void aWriterExcludesReadersAndOtherWriters() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor writer = actor("writer");
        writer.run(() -> lock.writeLock().lock());
        assertFalse(lock.readLock().tryLock(), "a reader's tryLock() while another thread writes");
        assertFalse(lock.writeLock().tryLock(), "a writer's tryLock() while another thread writes");
        assertFalse(lock.readLock().tryLock(20, TimeUnit.MILLISECONDS), "a reader's timed tryLock while another writes");
        assertFalse(lock.writeLock().tryLock(20, TimeUnit.MILLISECONDS), "a writer's timed tryLock while another writes");
        assertFalse(tryLockInAnotherThread(lock.readLock()), "a third thread's read tryLock()");
        assertFalse(tryLockInAnotherThread(lock.writeLock()), "a third thread's write tryLock()");
        writer.run(() -> lock.writeLock().unlock());
        assertTrue(lock.readLock().tryLock(), "free for a reader after the writer left");
        lock.readLock().unlock();
        assertTrue(lock.writeLock().tryLock(), "free for a writer after the writer left");
        lock.writeLock().unlock();
    }

    @Test
    void aReaderExcludesWriters() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor reader = actor("reader");
        reader.run(() -> lock.readLock().lock());
        assertFalse(lock.writeLock().tryLock(), "a writer's tryLock() while another thread reads");
        assertFalse(lock.writeLock().tryLock(20, TimeUnit.MILLISECONDS), "a writer's timed tryLock while another reads");
        assertFalse(tryLockInAnotherThread(lock.writeLock()), "a third thread's write tryLock()");
        reader.run(() -> lock.readLock().unlock());
        assertTrue(lock.writeLock().tryLock(), "free for a writer after the reader left");
        lock.writeLock().unlock();
    }

    // ---- Reentrancy --------------------------------------------------------------------------------------

    @Test
    void theWriteLockIsReentrant() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        lock.writeLock().lock();
        lock.writeLock().lockInterruptibly();
        assertTrue(lock.writeLock().tryLock(), "the writer's tryLock()");
        assertTrue(lock.writeLock().tryLock(0, TimeUnit.NANOSECONDS), "the writer's tryLock(0)");
        assertEquals(4, state.writeHoldCount());
        assertTrue(state.isWriteLockedByCurrentThread());
        for (int release = 1; release < 4; release++) {
            lock.writeLock().unlock();
            assertEquals(4 - release, state.writeHoldCount());
            assertFalse(tryLockInAnotherThread(lock.writeLock()), "still held after " + release + " of 4 unlocks");
            assertFalse(tryLockInAnotherThread(lock.readLock()), "still held after " + release + " of 4 unlocks");
        }
        lock.writeLock().unlock();
        assertEquals(0, state.writeHoldCount());
        assertFalse(state.isWriteLocked());
        assertThrows(IllegalMonitorStateException.class, lock.writeLock()::unlock, "a fifth unlock");
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free after the last unlock");
    }

    @Test
    void theReadLockIsReentrant() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        lock.readLock().lock();
        lock.readLock().lockInterruptibly();
        assertTrue(lock.readLock().tryLock());
        assertTrue(lock.readLock().tryLock(0, TimeUnit.NANOSECONDS));
        assertEquals(4, state.readHoldCount());
        assertEquals(4, state.readLockCount());
        for (int release = 1; release < 4; release++) {
            lock.readLock().unlock();
            assertEquals(4 - release, state.readHoldCount());
            assertFalse(tryLockInAnotherThread(lock.writeLock()), "still read after " + release + " of 4 unlocks");
        }
        lock.readLock().unlock();
        assertEquals(0, state.readHoldCount());
        assertEquals(0, state.readLockCount());
        assertThrows(IllegalMonitorStateException.class, lock.readLock()::unlock, "a fifth unlock");
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free after the last unlock");
    }

    /** Under a writer-preferring or fair policy, refusing this would deadlock a reader that re-enters. */
    @Test
    void aReentrantReadSucceedsByEveryMethodEvenWhileAWriterWaits() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Actor reader = actor("reader");
        reader.run(() -> lock.readLock().lock());
        Actor writer = actor("writer");
        Future<Boolean> writerIn = writer.start(() -> {
            lock.writeLock().lock();
            return true;
        });
        awaitQueueLength(lock, 1);
        reader.run(() -> {
            lock.readLock().lock();
            lock.readLock().lockInterruptibly();
            assertTrue(lock.readLock().tryLock(), "a reentrant tryLock() while a writer waits");
            assertTrue(lock.readLock().tryLock(0, TimeUnit.NANOSECONDS), "a reentrant tryLock(0) while a writer waits");
            assertTrue(lock.readLock().tryLock(1, TimeUnit.MILLISECONDS), "a reentrant timed tryLock while a writer waits");
        });
        assertEquals(6, reader.call(state::readHoldCount));
        assertFalse(writerIn.isDone(), "the writer got in while the reader held the read lock");
        reader.run(() -> {
            for (int release = 0; release < 6; release++) {
                lock.readLock().unlock();
            }
        });
        assertTrue(result(writerIn, "the writer's lock() after the reader left"));
        writer.run(() -> lock.writeLock().unlock());
        assertEquals(0, state.queueLength());
    }

    // ---- Downgrade -----------------------------------------------------------------------------------

    @Test
    void aWriterCanDowngradeToTheReadLock() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        lock.writeLock().lock();
        assertTrue(lock.readLock().tryLock(), "the writer may take the read lock");
        assertEquals(1, state.readHoldCount());
        assertEquals(1, state.writeHoldCount());
        lock.writeLock().unlock();
        // Still reading: other writers are kept out, and (nobody waiting) other readers may join.
        assertEquals(1, state.readHoldCount());
        assertEquals(0, state.writeHoldCount());
        assertFalse(state.isWriteLocked());
        assertFalse(tryLockInAnotherThread(lock.writeLock()), "another writer after the downgrade");
        assertTrue(tryLockInAnotherThread(lock.readLock()), "another reader after the downgrade");
        // Now only a reader, the thread may not take the write lock back: that would be an upgrade.
        assertThrows(IllegalMonitorStateException.class, lock.writeLock()::tryLock, "write tryLock() after the downgrade");
        assertEquals(1, state.readHoldCount(), "the refused upgrade changed the read holds");
        lock.readLock().unlock();
        assertEquals(0, state.readLockCount());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free after the downgraded reader left");
    }

    @Test
    void noWriterGetsInBetweenADowngrade() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor downgrader = actor("downgrader");
        downgrader.run(() -> lock.writeLock().lock());
        Actor writer = actor("waiting-writer");
        Future<Boolean> writerIn = writer.start(() -> {
            lock.writeLock().lock();
            return true;
        });
        awaitQueueLength(lock, 1);
        downgrader.run(() -> {
            lock.readLock().lock();
            lock.writeLock().unlock();
        });
        assertStaysBlocked(writerIn, "the waiting writer, while the downgraded thread still reads");
        assertEquals(1, introspection(lock).readLockCount());
        downgrader.run(() -> lock.readLock().unlock());
        assertTrue(result(writerIn, "the waiting writer's lock() after the downgraded reader left"));
        writer.run(() -> lock.writeLock().unlock());
    }

    @Test
    void aWriterThatAlsoReadsMayReenterTheWriteLock() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        lock.writeLock().lock();
        lock.readLock().lock();
        // Not an upgrade: the thread holds the write lock already.
        lock.writeLock().lock();
        assertTrue(lock.writeLock().tryLock());
        assertTrue(lock.writeLock().tryLock(0, TimeUnit.NANOSECONDS));
        assertEquals(4, state.writeHoldCount());
        for (int release = 0; release < 4; release++) {
            lock.writeLock().unlock();
        }
        assertEquals(1, state.readHoldCount());
        assertFalse(state.isWriteLocked());
        lock.readLock().unlock();
        assertTrue(tryLockInAnotherThread(lock.writeLock()));
    }

    // ---- No upgrade ----------------------------------------------------------------------------------

    @Test
    void anUpgradeIsRefusedAtOnceByEveryAcquisitionMethodAndChangesNothing() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Lock writeLock = lock.writeLock();
        Map<String, Executable> attempts = new LinkedHashMap<>();
        attempts.put("lock()", writeLock::lock);
        attempts.put("lockInterruptibly()", writeLock::lockInterruptibly);
        attempts.put("tryLock()", writeLock::tryLock);
        attempts.put("tryLock(time, unit)", () -> writeLock.tryLock(PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        // The reader runs in an actor: a lock that let the upgrade wait would deadlock it, not the test.
        Actor reader = actor("upgrading-reader");
        reader.run(() -> {
            lock.readLock().lock();
            lock.readLock().lock();
        });
        for (Map.Entry<String, Executable> attempt : attempts.entrySet()) {
            String method = "writeLock()." + attempt.getKey() + " by a reader";
            long start = System.nanoTime();
            IllegalMonitorStateException refusal = reader.call(
                    () -> assertThrows(IllegalMonitorStateException.class, attempt.getValue(), method));
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsedMillis < PROMPT_MILLIS / 2, method + " took " + elapsedMillis + " ms to refuse");
            String message = refusal.getMessage();
            assertNotNull(message, method + ": the refusal must say why");
            assertTrue(message.toLowerCase(Locale.ROOT).contains("read lock"), method + ": " + message);
            // Nothing changed: still reading twice, not writing, nobody queued.
            assertEquals(2, reader.call(state::readHoldCount), method + " changed the read holds");
            assertEquals(0, reader.call(state::writeHoldCount), method + " acquired a write hold");
            assertFalse(state.isWriteLocked(), method + " write-locked the lock");
            assertEquals(2, state.readLockCount(), method + " changed the read holds");
            assertEquals(0, state.queueLength(), method + " left a waiter in the queue");
        }
        // The reader still reads: a writer is kept out, another reader (nobody waiting) may join.
        assertFalse(lock.writeLock().tryLock(), "a writer while the refused reader still reads");
        assertTrue(lock.readLock().tryLock(), "another reader while the refused reader still reads");
        lock.readLock().unlock();
        reader.run(() -> {
            lock.readLock().unlock();
            lock.readLock().unlock();
        });
        // Having released the read lock, the same thread may take the write lock.
        assertTrue(reader.call(() -> lock.writeLock().tryLock()), "the former reader's write tryLock()");
        reader.run(() -> lock.writeLock().unlock());
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    /** "Nothing changes" includes the interrupt status: the refusal is not an interruption. */
    @Test
    void anUpgradeByAnInterruptedReaderIsRefusedAndKeepsTheInterruptStatus() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor reader = actor("interrupted-reader");
        String outcome = reader.call(() -> {
            lock.readLock().lock();
            try {
                Thread.currentThread().interrupt();
                assertThrows(IllegalMonitorStateException.class, lock.writeLock()::lockInterruptibly);
                assertTrue(Thread.currentThread().isInterrupted(), "lockInterruptibly() cleared the status");
                assertThrows(IllegalMonitorStateException.class, () -> lock.writeLock().tryLock(1, TimeUnit.SECONDS));
                assertTrue(Thread.currentThread().isInterrupted(), "tryLock(time, unit) cleared the status");
                return "refused";
            } finally {
                Thread.interrupted();
                lock.readLock().unlock();
            }
        });
        assertEquals("refused", outcome);
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    // ---- Misuse ----------------------------------------------------------------------------------------

    @Test
    void unlockingAFreeLockThrowsInBothModesAndChangesNothing() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        assertThrows(IllegalMonitorStateException.class, lock.readLock()::unlock);
        assertThrows(IllegalMonitorStateException.class, lock.writeLock()::unlock);
        assertEquals(0, state.readLockCount());
        assertEquals(0, state.readHoldCount());
        assertFalse(state.isWriteLocked());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "still free for a writer");
        assertTrue(lock.readLock().tryLock(), "still free for a reader");
        lock.readLock().unlock();
        assertThrows(IllegalMonitorStateException.class, lock.readLock()::unlock, "one unlock too many");
        assertEquals(0, state.readLockCount(), "the extra unlock went below zero");
    }

    @Test
    void unlockingTheModeNotHeldThrowsAndKeepsTheModeHeld() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        lock.readLock().lock();
        assertThrows(IllegalMonitorStateException.class, lock.writeLock()::unlock, "a reader's write unlock");
        assertEquals(1, state.readHoldCount());
        assertFalse(tryLockInAnotherThread(lock.writeLock()), "still read");
        lock.readLock().unlock();

        lock.writeLock().lock();
        assertThrows(IllegalMonitorStateException.class, lock.readLock()::unlock, "a writer's read unlock");
        assertEquals(1, state.writeHoldCount());
        assertEquals(0, state.readLockCount());
        assertFalse(tryLockInAnotherThread(lock.readLock()), "still written");
        lock.writeLock().unlock();
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free at the end");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void unlockByANonHolderThrowsAndTheHolderKeepsTheLock(Mode mode) throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Actor holder = actor("holder");
        holder.run(() -> mode.of(lock).lock());
        assertThrows(IllegalMonitorStateException.class, lock.readLock()::unlock, "a non-holder's read unlock");
        assertThrows(IllegalMonitorStateException.class, lock.writeLock()::unlock, "a non-holder's write unlock");
        assertEquals(mode == Mode.READ ? 1 : 0, state.readLockCount());
        assertEquals(mode == Mode.WRITE, state.isWriteLocked());
        assertFalse(lock.writeLock().tryLock(), "still held by the holder");
        holder.run(() -> mode.of(lock).unlock()); // the holder's own unlock still works
        assertTrue(lock.writeLock().tryLock(), "free after the holder released it");
        lock.writeLock().unlock();
    }

    @Test
    void theReadLockHasNoConditions() throws InterruptedException {
        ReadWriteLock lock = newLock();
        assertThrows(UnsupportedOperationException.class, lock.readLock()::newCondition);
        lock.readLock().lock();
        assertThrows(UnsupportedOperationException.class, lock.readLock()::newCondition, "while reading");
        assertEquals(1, introspection(lock).readHoldCount());
        lock.readLock().unlock();
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "unchanged");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aNullTimeUnitThrowsNullPointerException(Mode mode) throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        assertThrows(NullPointerException.class, () -> mode.of(lock).tryLock(1, null), "on a free lock");
        Actor holder = actor("holder");
        holder.run(() -> mode.blockedBy().of(lock).lock());
        long start = System.nanoTime();
        assertThrows(NullPointerException.class, () -> mode.of(lock).tryLock(PROMPT_MILLIS, null), "on a held lock");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis < PROMPT_MILLIS / 2, "waited " + elapsedMillis + " ms before throwing");
        assertEquals(0, state.readHoldCount());
        assertEquals(0, state.writeHoldCount());
        assertEquals(0, state.queueLength());
        holder.run(() -> mode.blockedBy().of(lock).unlock());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "unchanged: free at the end");
    }

    // ---- Write-lock conditions -----------------------------------------------------------------------

    @Test
    void awaitReleasesEveryWriteHoldAndRestoresThemAfterTheSignal() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Condition condition = lock.writeLock().newCondition();
        CountDownLatch writing = new CountDownLatch(1);
        Actor waiter = actor("condition-waiter");
        Future<String> outcome = waiter.start(() -> {
            lock.writeLock().lock();
            lock.writeLock().lock();
            lock.writeLock().lock();
            try {
                writing.countDown();
                condition.await();
                return "returned with " + state.writeHoldCount() + " write holds";
            } finally {
                lock.writeLock().unlock();
                lock.writeLock().unlock();
                lock.writeLock().unlock();
            }
        });
        assertTrue(writing.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the waiter did not take the write lock");
        // While the waiter awaits, the lock is entirely free: first a reader, then a writer gets in.
        eventually("a reader gets in while the writer awaits", () -> {
            boolean acquired = lock.readLock().tryLock();
            if (acquired) {
                lock.readLock().unlock();
            }
            return acquired;
        });
        assertTrue(lock.writeLock().tryLock(), "a writer while the waiter awaits: await released all three holds");
        assertEquals(1, state.writeHoldCount());
        condition.signal();
        assertStaysBlocked(outcome, "the signalled waiter, while the signaller holds the write lock");
        lock.writeLock().unlock();
        assertEquals("returned with 3 write holds", result(outcome, "the signalled waiter"));
        assertFalse(state.isWriteLocked());
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    @Test
    void awaitWhileAlsoHoldingTheReadLockIsRefusedAndChangesNothing() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Condition condition = lock.writeLock().newCondition();
        Map<String, Executable> awaits = new LinkedHashMap<>();
        awaits.put("await()", condition::await);
        awaits.put("awaitUninterruptibly()", condition::awaitUninterruptibly);
        awaits.put("awaitNanos", () -> condition.awaitNanos(TimeUnit.SECONDS.toNanos(1)));
        awaits.put("await(time, unit)", () -> condition.await(1, TimeUnit.SECONDS));
        awaits.put("awaitUntil", () -> condition.awaitUntil(new Date(System.currentTimeMillis() + 1_000)));
        // In an actor: a lock that let it await would leave it waiting for a signal nobody can send.
        Actor writer = actor("reading-writer");
        writer.run(() -> {
            lock.writeLock().lock();
            lock.readLock().lock();
        });
        for (Map.Entry<String, Executable> await : awaits.entrySet()) {
            String method = await.getKey() + " by a writer that also reads";
            writer.call(() -> assertThrows(IllegalMonitorStateException.class, await.getValue(), method));
            assertEquals(1, writer.call(state::writeHoldCount), method + " changed the write holds");
            assertEquals(1, writer.call(state::readHoldCount), method + " changed the read holds");
            assertFalse(lock.readLock().tryLock(), method + " released the write lock");
        }
        // Signalling needs only the write lock: it is allowed.
        writer.run(() -> {
            condition.signal();
            condition.signalAll();
        });
        // Without the read lock, the same writer may wait (here, until a short timeout).
        writer.run(() -> {
            lock.readLock().unlock();
            assertFalse(condition.await(10, TimeUnit.MILLISECONDS), "nobody signals: it times out");
            assertEquals(1, state.writeHoldCount(), "the timed await restored the write hold");
            lock.writeLock().unlock();
        });
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    @Test
    void conditionMethodsWithoutTheWriteLockAreRefused() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Condition condition = lock.writeLock().newCondition();
        Actor actor = actor("non-writer");
        actor.run(() -> {
            assertThrows(IllegalMonitorStateException.class, condition::await, "await() holding nothing");
            assertThrows(IllegalMonitorStateException.class, () -> condition.await(1, TimeUnit.SECONDS),
                    "timed await holding nothing");
            assertThrows(IllegalMonitorStateException.class, condition::signal, "signal() holding nothing");
            assertThrows(IllegalMonitorStateException.class, condition::signalAll, "signalAll() holding nothing");
            lock.readLock().lock();
            try {
                assertThrows(IllegalMonitorStateException.class, condition::await, "await() holding only the read lock");
                assertThrows(IllegalMonitorStateException.class, condition::signal, "signal() holding only the read lock");
            } finally {
                lock.readLock().unlock();
            }
        });
        // Nor from a thread other than the writer.
        Actor writer = actor("writer");
        writer.run(() -> lock.writeLock().lock());
        assertThrows(IllegalMonitorStateException.class, condition::signal, "signal() by a non-writer");
        assertThrows(IllegalMonitorStateException.class, condition::await, "await() by a non-writer");
        writer.run(() -> lock.writeLock().unlock());
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    @Test
    void timedAwaitsTimeOutAndRestoreTheWriteHolds() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Condition condition = lock.writeLock().newCondition();
        Actor writer = actor("timed-waiter");
        writer.run(() -> {
            lock.writeLock().lock();
            lock.writeLock().lock();
            assertTrue(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20)) <= 0, "awaitNanos timed out");
            assertFalse(condition.await(20, TimeUnit.MILLISECONDS), "await(time, unit) timed out");
            assertFalse(condition.awaitUntil(new Date(System.currentTimeMillis() + 20)), "awaitUntil timed out");
            assertFalse(condition.await(0, TimeUnit.SECONDS), "await(0) timed out");
            assertEquals(2, state.writeHoldCount(), "the holds were restored");
            condition.signal(); // the timed-out waiters left the condition: nothing to wake, nothing breaks
            lock.writeLock().unlock();
            lock.writeLock().unlock();
        });
        assertTrue(lock.writeLock().tryLock(), "free at the end");
        lock.writeLock().unlock();
    }

    @Test
    void anInterruptBeforeTheSignalThrowsRestoresTheWriteHoldsAndClearsTheStatus() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Condition condition = lock.writeLock().newCondition();
        CountDownLatch writing = new CountDownLatch(1);
        Actor waiter = actor("interrupted-condition-waiter");
        Future<String> outcome = waiter.start(() -> {
            lock.writeLock().lock();
            lock.writeLock().lock();
            try {
                writing.countDown();
                condition.await();
                return "returned";
            } catch (InterruptedException expected) {
                return "interrupted, write holds " + state.writeHoldCount()
                        + ", status " + Thread.currentThread().isInterrupted();
            } finally {
                lock.writeLock().unlock();
                lock.writeLock().unlock();
            }
        });
        assertTrue(writing.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the waiter did not take the write lock");
        eventually("the waiter releases the write lock in await()", () -> lock.writeLock().tryLock());
        waiter.interrupt(); // while the test thread holds the write lock: the waiter cannot leave yet
        assertStaysBlocked(outcome, "the interrupted waiter, while the write lock is held");
        lock.writeLock().unlock();
        assertEquals("interrupted, write holds 2, status false", result(outcome, "the interrupted waiter"));
        lock.writeLock().lock();
        condition.signal(); // the interrupted waiter left the condition: nothing to wake, nothing breaks
        lock.writeLock().unlock();
        assertFalse(state.isWriteLocked());
    }

    /**
     * A signal moves the waiter into the lock's queue at once: it is counted as queued before the
     * signaller lets go, and a writer that asks after the signal gets the lock after the waiter.
     */
    @Test
    void aSignalQueuesTheWaiterAheadOfWritersThatAskAfterIt() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Condition condition = lock.writeLock().newCondition();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch writing = new CountDownLatch(1);
        Future<Boolean> waiter = actor("condition-waiter").start(() -> {
            lock.writeLock().lock();
            try {
                writing.countDown();
                condition.awaitUninterruptibly();
                order.add("signalled waiter");
            } finally {
                lock.writeLock().unlock();
            }
            return true;
        });
        assertTrue(writing.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the waiter did not take the write lock");
        lock.writeLock().lock(); // possible only once the waiter has released it in await
        assertEquals(0, state.queueLength(), "a condition waiter is not queued for the lock");
        condition.signal();
        assertEquals(1, state.queueLength(), "signal() queued the waiter for the lock before returning");
        Future<Boolean> newcomer = actor("newcomer").start(() -> {
            lock.writeLock().lock();
            order.add("newcomer");
            lock.writeLock().unlock();
            return true;
        });
        eventually("the newcomer queued behind the signalled waiter", () -> state.queueLength() == 2);
        lock.writeLock().unlock();
        assertTrue(result(waiter, "the signalled waiter"));
        assertTrue(result(newcomer, "the newcomer"));
        assertEquals(List.of("signalled waiter", "newcomer"), order);
        assertFalse(state.isWriteLocked());
    }

    @Test
    void signalWakesOneWaiterAndSignalAllWakesTheRest() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Condition condition = lock.writeLock().newCondition();
        AtomicInteger woken = new AtomicInteger();
        AtomicInteger waiting = new AtomicInteger();
        List<Future<Boolean>> waiters = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            waiters.add(actor("condition-waiter-" + index).start(() -> {
                lock.writeLock().lock();
                try {
                    waiting.incrementAndGet();
                    condition.awaitUninterruptibly();
                    woken.incrementAndGet();
                } finally {
                    lock.writeLock().unlock();
                }
                return true;
            }));
        }
        // All three are in await once each has counted itself and the lock is free again.
        eventually("three waiters in await()", () -> {
            if (waiting.get() < 3 || !lock.writeLock().tryLock()) {
                return false;
            }
            lock.writeLock().unlock();
            return true;
        });
        lock.writeLock().lock();
        condition.signal();
        lock.writeLock().unlock();
        eventually("one waiter woken", () -> woken.get() >= 1);
        Thread.sleep(BLOCKED_MILLIS);
        assertEquals(1, woken.get(), "signal() woke more than one waiter");
        lock.writeLock().lock();
        condition.signalAll();
        lock.writeLock().unlock();
        for (Future<Boolean> waiter : waiters) {
            assertTrue(result(waiter, "a waiter woken by signalAll()"));
        }
        assertEquals(3, woken.get());
    }

    // ---- Timed tryLock: timeouts leave no trace ------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTimedTryLockTimesOutAndLeavesNoTrace(Mode mode) throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Lock wanted = mode.of(lock);
        Actor holder = actor("holder");
        holder.run(() -> mode.blockedBy().of(lock).lock());
        long start = System.nanoTime();
        assertFalse(wanted.tryLock(0, TimeUnit.NANOSECONDS), "a zero timeout on a held lock");
        assertFalse(wanted.tryLock(-1, TimeUnit.SECONDS), "a negative timeout on a held lock");
        long immediateMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(immediateMillis < PROMPT_MILLIS / 2, "zero and negative timeouts waited " + immediateMillis + " ms");
        start = System.nanoTime();
        assertFalse(wanted.tryLock(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS), "a timed tryLock on a held lock");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= TIMEOUT_MILLIS - 1, "gave up after only " + elapsedMillis + " ms");
        assertTrue(elapsedMillis < TIMEOUT_MILLIS + PROMPT_MILLIS, "gave up only after " + elapsedMillis + " ms");
        // No trace: nothing acquired, nobody queued, the holder undisturbed.
        assertEquals(0, state.queueLength(), "the timed-out waiter left the queue");
        assertFalse(state.hasQueuedThreads());
        assertEquals(0, state.readHoldCount());
        assertEquals(0, state.writeHoldCount());
        if (mode == Mode.WRITE) {
            // The holder reads. A writer left behind in the queue would keep new readers out under a
            // writer-preferring or FIFO policy; with nobody waiting, every policy lets them in.
            assertTrue(lock.readLock().tryLock(), "a new reader after the writer timed out");
            lock.readLock().unlock();
            assertEquals(1, state.readLockCount(), "the holder still reads");
        } else {
            assertTrue(state.isWriteLocked(), "the holder still writes");
            assertFalse(lock.readLock().tryLock(), "still written");
        }
        holder.run(() -> mode.blockedBy().of(lock).unlock());
        assertTrue(wanted.tryLock(), "free after the holder released it");
        wanted.unlock();
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free for a writer at the end");
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void aTimedTryLockSucceedsWhenTheLockIsReleasedInTime(Mode mode) throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor holder = actor("holder");
        holder.run(() -> mode.blockedBy().of(lock).lock());
        Future<Object> released = holder.start(() -> {
            Thread.sleep(50);
            mode.blockedBy().of(lock).unlock();
            return null;
        });
        assertTrue(mode.of(lock).tryLock(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "released after 50 ms");
        result(released, "the holder's release");
        mode.of(lock).unlock();
        assertEquals(0, introspection(lock).queueLength());
    }

    @Test
    void aReaderQueuedBehindAWriterThatTimesOutIsLetIn() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor firstReader = actor("first-reader");
        firstReader.run(() -> lock.readLock().lock());
        Actor quitter = actor("timed-out-writer");
        Future<Boolean> quitterIn = quitter.start(() -> lock.writeLock().tryLock(3 * TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
        awaitQueueLength(lock, 1);
        Actor secondReader = actor("second-reader");
        Future<Boolean> secondIn = secondReader.start(() -> {
            lock.readLock().lock();
            return true;
        });
        // Depending on the policy the second reader either joins the first at once or queues behind the writer.
        eventually("the second reader reads or queues", () -> secondIn.isDone() || introspection(lock).queueLength() >= 2);
        assertFalse(result(quitterIn, "the writer's timed tryLock"), "the writer got in while the first reader read");
        assertTrue(result(secondIn, "the second reader, once the writer ahead of it gave up"));
        assertEquals(2, introspection(lock).readLockCount());
        assertEquals(0, introspection(lock).queueLength());
        secondReader.run(() -> lock.readLock().unlock());
        firstReader.run(() -> lock.readLock().unlock());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free at the end");
    }

    @Test
    void aReaderQueuedBehindAWriterThatIsInterruptedIsLetIn() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Actor firstReader = actor("first-reader");
        firstReader.run(() -> lock.readLock().lock());
        Actor quitter = actor("interrupted-writer");
        Future<String> quitterOutcome = quitter.start(() -> {
            try {
                lock.writeLock().lockInterruptibly();
                return "acquired a lock another thread reads";
            } catch (InterruptedException expected) {
                return "interrupted";
            }
        });
        awaitQueueLength(lock, 1);
        Actor secondReader = actor("second-reader");
        Future<Boolean> secondIn = secondReader.start(() -> {
            lock.readLock().lock();
            return true;
        });
        eventually("the second reader reads or queues", () -> secondIn.isDone() || introspection(lock).queueLength() >= 2);
        quitter.interrupt();
        assertEquals("interrupted", result(quitterOutcome, "the interrupted writer"));
        assertTrue(result(secondIn, "the second reader, once the writer ahead of it gave up"));
        assertEquals(2, introspection(lock).readLockCount());
        assertEquals(0, introspection(lock).queueLength());
        secondReader.run(() -> lock.readLock().unlock());
        firstReader.run(() -> lock.readLock().unlock());
        assertTrue(tryLockInAnotherThread(lock.writeLock()), "free at the end");
    }

    // ---- Interrupts ----------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anInterruptedWaiterThrowsClearsTheStatusAndLeavesTheLockUsable(Mode mode) throws InterruptedException {
        for (boolean timed : new boolean[] {false, true}) {
            String method = timed ? "tryLock(time, unit)" : "lockInterruptibly()";
            ReadWriteLock lock = newLock();
            Introspection state = introspection(lock);
            Actor holder = actor("holder");
            holder.run(() -> mode.blockedBy().of(lock).lock());
            Actor waiter = actor("interrupted-waiter");
            Future<String> outcome = waiter.start(() -> {
                try {
                    if (timed) {
                        boolean acquired = mode.of(lock).tryLock(3 * PROMPT_MILLIS, TimeUnit.MILLISECONDS);
                        return acquired ? "acquired a held lock" : "timed out";
                    }
                    mode.of(lock).lockInterruptibly();
                    return "acquired a held lock";
                } catch (InterruptedException expected) {
                    return "interrupted, status " + Thread.currentThread().isInterrupted();
                }
            });
            awaitQueueLength(lock, 1);
            waiter.interrupt();
            assertEquals("interrupted, status false", result(outcome, method + " interrupted while waiting"), method);
            // No trace: the waiter holds nothing and left the queue; the holder is undisturbed.
            assertEquals(0, state.queueLength(), method + ": the interrupted waiter left the queue");
            assertEquals(0, waiter.call(() -> state.readHoldCount() + state.writeHoldCount()), method);
            if (mode == Mode.WRITE) {
                assertTrue(lock.readLock().tryLock(), method + ": a new reader after the writer gave up");
                lock.readLock().unlock();
                assertEquals(1, state.readLockCount(), method + ": the holder still reads");
            } else {
                assertTrue(state.isWriteLocked(), method + ": the holder still writes");
            }
            holder.run(() -> mode.blockedBy().of(lock).unlock());
            // The interrupted thread itself, no longer interrupted, can acquire.
            assertTrue(waiter.call(() -> {
                mode.of(lock).lockInterruptibly();
                mode.of(lock).unlock();
                return true;
            }), method);
            assertTrue(lock.writeLock().tryLock(), method + ": free at the end");
            lock.writeLock().unlock();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void anAlreadyInterruptedThreadIsRefusedEvenWhenTheLockIsFree(Mode mode) {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        Lock wanted = mode.of(lock);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, wanted::lockInterruptibly);
        assertFalse(Thread.interrupted(), "lockInterruptibly() must clear the interrupt status");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> wanted.tryLock(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted(), "tryLock(time, unit) must clear the interrupt status");
        assertEquals(0, state.readHoldCount(), "nothing was acquired");
        assertEquals(0, state.writeHoldCount(), "nothing was acquired");
        assertThrows(IllegalMonitorStateException.class, wanted::unlock, "nothing was acquired");
        assertTrue(wanted.tryLock(), "still free");
        wanted.unlock();
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void lockIsNotInterruptibleButKeepsTheInterruptStatus(Mode mode) throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        // On a free lock: it acquires, and the status stays set.
        Thread.currentThread().interrupt();
        mode.of(lock).lock();
        assertTrue(Thread.interrupted(), "lock() on a free lock must leave the interrupt status set");
        mode.of(lock).unlock();
        // While waiting: it keeps waiting, then acquires, and the status is set.
        Actor holder = actor("holder");
        holder.run(() -> mode.blockedBy().of(lock).lock());
        Actor waiter = actor("uninterruptible-waiter");
        Future<Boolean> interruptedWhenIn = waiter.start(() -> {
            mode.of(lock).lock();
            boolean interrupted = Thread.interrupted();
            mode.of(lock).unlock();
            return interrupted;
        });
        awaitQueueLength(lock, 1);
        waiter.interrupt();
        assertStaysBlocked(interruptedWhenIn, "lock() after an interrupt, while the lock is held");
        assertEquals(1, state.queueLength(), "the interrupted lock() left the queue");
        holder.run(() -> mode.blockedBy().of(lock).unlock());
        assertTrue(result(interruptedWhenIn, "lock() after the holder left"), "lock() must keep the interrupt status");
        assertEquals(0, state.queueLength());
    }

    // ---- Introspection and toString ------------------------------------------------------------------

    @Test
    void introspectionCountsHoldsAndQueuedWaiters() throws InterruptedException {
        ReadWriteLock lock = newLock();
        Introspection state = introspection(lock);
        assertEquals(0, state.readLockCount());
        assertEquals(0, state.readHoldCount());
        assertEquals(0, state.writeHoldCount());
        assertFalse(state.isWriteLocked());
        assertFalse(state.isWriteLockedByCurrentThread());
        assertFalse(state.hasQueuedThreads());
        assertEquals(0, state.queueLength());

        // Read holds: the total counts every hold of every thread; the hold count is per thread.
        Actor reader = actor("reader");
        reader.run(() -> {
            lock.readLock().lock();
            lock.readLock().lock();
        });
        lock.readLock().lock();
        assertEquals(3, state.readLockCount());
        assertEquals(1, state.readHoldCount());
        assertEquals(2, reader.call(state::readHoldCount));
        assertFalse(state.isWriteLocked());

        // A blocked writer shows in the queue (once past its short spin).
        Actor writer = actor("writer");
        Future<Boolean> writerIn = writer.start(() -> {
            lock.writeLock().lock();
            return true;
        });
        awaitQueueLength(lock, 1);
        assertTrue(state.hasQueuedThreads());
        assertEquals(1, state.queueLength());
        lock.readLock().unlock();
        reader.run(() -> {
            lock.readLock().unlock();
            lock.readLock().unlock();
        });
        assertTrue(result(writerIn, "the writer, once the readers left"));
        assertEquals(0, state.queueLength());
        assertFalse(state.hasQueuedThreads());

        // Write holds: visible to everyone as "write-locked", counted only for the writer.
        writer.run(() -> lock.writeLock().lock());
        assertTrue(state.isWriteLocked());
        assertFalse(state.isWriteLockedByCurrentThread());
        assertEquals(0, state.writeHoldCount(), "the test thread does not write");
        assertEquals(2, writer.call(state::writeHoldCount));
        assertTrue(writer.call(state::isWriteLockedByCurrentThread));
        assertEquals(0, state.readLockCount());

        // A blocked reader shows in the queue too; the writer downgrades and lets it in.
        Future<Boolean> readerIn = reader.start(() -> {
            lock.readLock().lock();
            return true;
        });
        awaitQueueLength(lock, 1);
        writer.run(() -> {
            lock.readLock().lock();
            lock.writeLock().unlock();
            lock.writeLock().unlock();
        });
        assertTrue(result(readerIn, "the reader, once the writer downgraded"));
        assertEquals(0, state.queueLength());
        assertEquals(2, state.readLockCount());
        assertFalse(state.isWriteLocked());
        assertEquals(0, writer.call(state::writeHoldCount));
        assertEquals(1, writer.call(state::readHoldCount));
        writer.run(() -> lock.readLock().unlock());
        reader.run(() -> lock.readLock().unlock());
        assertEquals(0, state.readLockCount());
    }

    @Test
    void toStringSaysUnlockedOrNamesTheWriterAndCountsTheReaders() throws InterruptedException {
        ReadWriteLock lock = newLock();
        assertTrue(lock.toString().toLowerCase(Locale.ROOT).contains("unlocked"), lock::toString);
        assertTrue(lock.writeLock().toString().toLowerCase(Locale.ROOT).contains("unlocked"), lock.writeLock()::toString);

        Actor writer = actor("to-string-writer");
        writer.run(() -> lock.writeLock().lock());
        for (String held : List.of(lock.toString(), lock.writeLock().toString())) {
            assertTrue(held.contains("to-string-writer"), "does not name the writer: " + held);
            assertFalse(held.toLowerCase(Locale.ROOT).contains("unlocked"), held);
        }
        writer.run(() -> lock.writeLock().unlock());

        Actor reader = actor("to-string-reader");
        reader.run(() -> {
            for (int hold = 0; hold < 7; hold++) {
                lock.readLock().lock();
            }
        });
        String read = lock.toString();
        assertTrue(read.toLowerCase(Locale.ROOT).contains("read") && read.contains("7"),
                "does not count the 7 read holds: " + read);
        reader.run(() -> {
            for (int hold = 0; hold < 7; hold++) {
                lock.readLock().unlock();
            }
        });
        assertTrue(lock.toString().toLowerCase(Locale.ROOT).contains("unlocked"), lock::toString);
    }

    // ---- Starvation ---------------------------------------------------------------------------------

    /**
     * Two readers keep the read lock continuously, handing it over hand-over-hand, and a writer asks
     * for the write lock. The overlap does not depend on timing luck: a reader releases only once its
     * partner holds the lock too, and the partner cannot release before it (see
     * {@link HandOverReaders}), so under a policy that lets new readers in the lock is never free.
     *
     * <p>If writers may not starve, the policy must hold the partner back once the writer waits; the
     * releasing reader then gives up waiting for it after {@link HandOverReaders#waitMillis} and
     * releases anyway (a "gap"), and the writer must get in within {@link #STARVATION_BOUND_MILLIS}.
     * If writers may starve, the writer must still be out after {@link #STARVATION_WATCH_MILLIS} of
     * reading without a gap, and get in promptly once the readers stop.
     */
    @Test
    void aWriterAgainstContinuouslyOverlappingReaders() throws InterruptedException {
        ReadWriteLock lock = newLock();
        // Under a reader-preferring policy the partner is never held back by the lock, only by the
        // scheduler, so a long wait costs nothing and keeps a slow machine from opening a gap.
        long handOverWaitMillis = writersMayStarve() ? 2_000 : 200;
        HandOverReaders readers = new HandOverReaders(lock.readLock(), handOverWaitMillis);
        readers.start();
        readers.awaitHandOvers(20); // warmed up: the two readers overlap

        // The writer notes the time and the readers' counts just before it asks for the lock.
        Actor writer = actor("starving-writer");
        AtomicLong askedAt = new AtomicLong();
        AtomicLong handOversBefore = new AtomicLong();
        AtomicLong gapsBefore = new AtomicLong();
        CountDownLatch asking = new CountDownLatch(1);
        Future<Long> writerLatency = writer.start(() -> {
            handOversBefore.set(readers.handOvers.get());
            gapsBefore.set(readers.gaps.get());
            askedAt.set(System.nanoTime());
            asking.countDown();
            if (!lock.writeLock().tryLock(3 * PROMPT_MILLIS, TimeUnit.MILLISECONDS)) {
                return -1L;
            }
            long latency = System.nanoTime() - askedAt.get();
            lock.writeLock().unlock();
            return latency;
        });
        assertTrue(asking.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the writer did not start");

        if (writersMayStarve()) {
            long watchedMillis;
            try {
                long latencyNanos = writerLatency.get(STARVATION_WATCH_MILLIS, TimeUnit.MILLISECONDS);
                readers.stop();
                fail("the writer got in after " + TimeUnit.NANOSECONDS.toMillis(latencyNanos) + " ms, though "
                        + (readers.handOvers.get() - handOversBefore.get()) + " read hand-overs (with "
                        + (readers.gaps.get() - gapsBefore.get()) + " gaps) kept the lock read");
                return;
            } catch (TimeoutException expected) {
                watchedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - askedAt.get());
            } catch (ExecutionException e) {
                fail("the writer failed", e.getCause());
                return;
            }
            long handOversWhileStarved = readers.handOvers.get() - handOversBefore.get();
            long gapsWhileStarved = readers.gaps.get() - gapsBefore.get();
            readers.stop();
            long stoppedAt = System.nanoTime();
            long latencyNanos = result(writerLatency, "the writer, once the readers stopped");
            assertTrue(latencyNanos >= 0, "the writer timed out after the readers stopped");
            long afterStopMillis = Math.max(0, TimeUnit.NANOSECONDS.toMillis(askedAt.get() + latencyNanos - stoppedAt));
            System.out.println("STARVATION " + policyName() + ": writer starved for " + watchedMillis + " ms while "
                    + handOversWhileStarved + " read hand-overs (" + gapsWhileStarved + " gaps) kept the lock read;"
                    + " it got in " + afterStopMillis + " ms after the readers stopped;"
                    + " readers' hand-overs in all: " + readers.handOvers.get());
            assertEquals(0, gapsWhileStarved, "the readers' hand-over left the lock free: the test proves nothing");
            assertTrue(handOversWhileStarved >= MIN_HAND_OVERS_WHILE_WATCHING,
                    "only " + handOversWhileStarved + " read hand-overs in " + watchedMillis
                            + " ms: not continuous reading");
        } else {
            long latencyNanos;
            try {
                latencyNanos = writerLatency.get(STARVATION_BOUND_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException starved) {
                long handOvers = readers.handOvers.get() - handOversBefore.get();
                readers.stop();
                throw new AssertionError("the writer was starved for " + STARVATION_BOUND_MILLIS + " ms by "
                        + handOvers + " read hand-overs", starved);
            } catch (ExecutionException e) {
                throw new AssertionError("the writer failed", e.getCause());
            }
            assertTrue(latencyNanos >= 0, "the writer's tryLock timed out");
            long handOversWhileWaiting = readers.handOvers.get() - handOversBefore.get();
            long gapsWhileWaiting = readers.gaps.get() - gapsBefore.get();
            // The readers are not starved either: they go on after the writer.
            readers.awaitHandOvers(readers.handOvers.get() + 10);
            readers.stop();
            System.out.println("STARVATION " + policyName() + ": writer got in after "
                    + TimeUnit.NANOSECONDS.toMillis(latencyNanos) + " ms (bound " + STARVATION_BOUND_MILLIS + " ms;"
                    + " the releasing reader waits up to " + handOverWaitMillis + " ms for its held-back partner),"
                    + " past " + handOversWhileWaiting + " read hand-overs and " + gapsWhileWaiting
                    + " gap(s) while it waited; readers' hand-overs in all: " + readers.handOvers.get());
            assertTrue(gapsWhileWaiting >= 1, "the writer got in though the readers never left the lock free");
        }
    }

    /**
     * Two reader threads that hold the read lock hand-over-hand: reader B acquires while A holds; A
     * releases only once B holds; A re-acquires while B holds; B releases only once A holds; and so on,
     * each hold lasting about a millisecond. A turn variable says which of the two releases next, so
     * that they never release together; a reader waits for its partner at most {@link #waitMillis}, so
     * that a policy that holds the partner back cannot deadlock the test. A release made while the
     * partner held is a hand-over; one made after the wait ran out is a gap (the lock may then be free).
     */
    private final class HandOverReaders {
        private final Lock readLock;
        private final long waitMillis;
        private final AtomicBoolean[] holding = {new AtomicBoolean(), new AtomicBoolean()};
        /** The reader that releases next. */
        private final AtomicInteger turn = new AtomicInteger();
        final AtomicLong handOvers = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();
        private final AtomicBoolean stopped = new AtomicBoolean();
        private final List<Future<Object>> runs = new ArrayList<>();

        HandOverReaders(Lock readLock, long waitMillis) {
            this.readLock = readLock;
            this.waitMillis = waitMillis;
        }

        void start() {
            for (int reader = 0; reader < 2; reader++) {
                int me = reader;
                runs.add(actor("hand-over-reader-" + reader).start(() -> {
                    read(me);
                    return null;
                }));
            }
        }

        private void read(int me) throws InterruptedException {
            int partner = 1 - me;
            while (!stopped.get()) {
                if (!readLock.tryLock(10, TimeUnit.MILLISECONDS)) {
                    continue; // held back (by a waiting writer): try again
                }
                holding[me].set(true);
                try {
                    Thread.sleep(1); // each hold lasts about a millisecond
                    // Wait for our turn to release: the partner passes it on right after its own release.
                    while (turn.get() != me) {
                        if (stopped.get()) {
                            return;
                        }
                        LockSupport.parkNanos(20_000);
                    }
                    // Release only once the partner holds too (it cannot release before us), or give up waiting.
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
                    while (!holding[partner].get() && System.nanoTime() - deadline < 0 && !stopped.get()) {
                        LockSupport.parkNanos(20_000);
                    }
                    if (holding[partner].get()) {
                        handOvers.incrementAndGet();
                    } else if (!stopped.get()) {
                        gaps.incrementAndGet();
                    }
                } finally {
                    holding[me].set(false);
                    readLock.unlock();
                }
                turn.set(partner);
            }
        }

        void awaitHandOvers(long count) throws InterruptedException {
            eventually("the readers reach " + count + " hand-overs", () -> handOvers.get() >= count);
        }

        void stop() throws InterruptedException {
            stopped.set(true);
            for (Future<Object> run : runs) {
                result(run, "a hand-over reader, once stopped");
            }
        }
    }

    // ---- Helpers --------------------------------------------------------------------------------------

    /** The body of a step an {@link Actor} runs, which may throw. */
    @FunctionalInterface
    protected interface Body {
        /**
         * Runs the step.
         *
         * @throws Exception anything, which fails the test
         */
        void run() throws Exception;
    }

    /**
     * A daemon helper thread that a test drives step by step: each step runs in the same thread (so
     * it can hold a lock between steps), and the test waits for it with a bounded wait. An exception
     * in a step is rethrown in the test thread (unchecked ones as they are).
     */
    protected static final class Actor {
        private final String name;
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private final ExecutorService executor;

        private Actor(String name) {
            this.name = name;
            this.executor = Executors.newSingleThreadExecutor(task -> {
                Thread created = new Thread(task, name);
                created.setDaemon(true);
                thread.set(created);
                return created;
            });
        }

        /** Starts {@code task} in this actor's thread and returns at once. */
        <T> Future<T> start(Callable<T> task) {
            return executor.submit(task);
        }

        /** Runs {@code task} in this actor's thread and returns its result, waiting at most {@link #PROMPT_MILLIS}. */
        <T> T call(Callable<T> task) throws InterruptedException {
            return result(start(task), name + "'s step");
        }

        /** Runs {@code body} in this actor's thread, waiting at most {@link #PROMPT_MILLIS}. */
        void run(Body body) throws InterruptedException {
            call(() -> {
                body.run();
                return null;
            });
        }

        /** Interrupts this actor's thread, in whatever step it is. */
        void interrupt() {
            thread.get().interrupt();
        }
    }

    /**
     * Returns a new actor, stopped after the test.
     *
     * @param name its thread's name
     * @return the actor
     */
    protected Actor actor(String name) {
        Actor actor = new Actor(name);
        actors.add(actor);
        return actor;
    }

    /**
     * Waits at most {@link #PROMPT_MILLIS} for {@code future}, and returns its result; rethrows its
     * unchecked exception, and fails if it does not finish in time.
     */
    protected static <T> T result(Future<T> future, String what) throws InterruptedException {
        try {
            return future.get(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return fail(what + " did not finish within " + PROMPT_MILLIS + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            return fail(what + " failed", cause);
        }
    }

    /** Polls {@code condition} every millisecond for at most {@link #PROMPT_MILLIS}; fails if it never holds. */
    protected static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("not within " + PROMPT_MILLIS + " ms: " + what);
            }
            Thread.sleep(1);
        }
    }

    /** Waits (bounded) until at least {@code length} threads are queued on {@code lock}. */
    protected void awaitQueueLength(ReadWriteLock lock, int length) throws InterruptedException {
        Introspection state = introspection(lock);
        eventually(length + " queued threads (now " + state.queueLength() + ")", () -> state.queueLength() >= length);
    }

    /** Watches {@code future} for {@link #BLOCKED_MILLIS} and fails if it finishes: its thread must still wait. */
    protected static void assertStaysBlocked(Future<?> future, String what) throws InterruptedException {
        Thread.sleep(BLOCKED_MILLIS);
        assertFalse(future.isDone(), what + " did not wait");
    }

    /** Whether another thread's {@code tryLock()} of {@code lock} succeeds now; if it does, it releases at once. */
    protected boolean tryLockInAnotherThread(Lock lock) throws InterruptedException {
        return actor("try-locker").call(() -> {
            boolean acquired = lock.tryLock();
            if (acquired) {
                lock.unlock();
            }
            return acquired;
        });
    }
}
