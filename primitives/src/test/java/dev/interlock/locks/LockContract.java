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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link Lock} of the library must meet, as one abstract test base; each lock has a
 * small subclass, {@code <Name>Test} in the lock's own package, that supplies instances and states its
 * capabilities.
 *
 * <p>The capability hooks ({@link #reentrant()}, {@link #supportsTimedTryLock()},
 * {@link #supportsLockInterruptibly()}, {@link #supportsConditions()}) never skip a test: when a lock
 * does not support a method, the tests assert the documented {@link UnsupportedOperationException},
 * and that the failed call changed nothing.
 *
 * <p>Every test runs under a {@link Timeout} in a separate thread, so that a broken lock fails the
 * test instead of hanging the build; the helper threads are daemons and every wait for them is
 * bounded. A lock is a thread-owned object: each test acquires and releases it from one thread (the
 * test's), or from a {@link Holder} thread that it controls step by step.
 *
 * <p>The conventions checked here: {@code unlock()} by a non-holder throws
 * {@link IllegalMonitorStateException} and changes no state; a null {@link TimeUnit} throws
 * {@link NullPointerException}; an interrupted wait throws {@link InterruptedException}, clears the
 * interrupt status and leaves the lock as it was; {@code toString()} says {@code unlocked} when the
 * lock is free, and names the holder thread when it is held.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class LockContract {

    /** Threads in the contention tests: more than the 2 cores of the CI machine, so holders get preempted. */
    protected static final int THREADS = 4;

    /** How long a test waits for something that must happen "promptly". Generous: CI machines are slow. */
    protected static final long PROMPT_MILLIS = 10_000;

    /** How long a started waiter is given to reach its spin or its queue (see {@link #startWaiter}). */
    protected static final long SETTLE_MILLIS = 50;

    /** The helper threads a test started, stopped after it. */
    private final List<Holder> holders = new ArrayList<>();

    /**
     * Returns a new, unlocked lock.
     *
     * @return the lock under test
     */
    protected abstract Lock newLock();

    /**
     * Whether the holder may acquire again (and must then release as many times).
     *
     * @return {@code false} unless overridden
     */
    protected boolean reentrant() {
        return false;
    }

    /**
     * Whether {@link Lock#tryLock(long, TimeUnit)} is supported; if not, it must throw
     * {@link UnsupportedOperationException}.
     *
     * @return {@code true} unless overridden
     */
    protected boolean supportsTimedTryLock() {
        return true;
    }

    /**
     * Whether {@link Lock#lockInterruptibly()} is supported; if not, it must throw
     * {@link UnsupportedOperationException}.
     *
     * @return {@code true} unless overridden
     */
    protected boolean supportsLockInterruptibly() {
        return true;
    }

    /**
     * Whether {@link Lock#newCondition()} is supported; if not, it must throw
     * {@link UnsupportedOperationException}.
     *
     * @return {@code false} unless overridden
     */
    protected boolean supportsConditions() {
        return false;
    }

    @AfterEach
    void stopHolders() throws InterruptedException {
        for (Holder holder : holders) {
            holder.thread.interrupt();
            holder.thread.join(1_000);
        }
    }

    // ---- Sequential ---------------------------------------------------------------------------------

    @Test
    void lockThenUnlockThenLockAgain() {
        Lock lock = newLock();
        lock.lock();
        lock.unlock();
        lock.lock();
        lock.unlock();
        assertTrue(lock.tryLock(), "free after unlock");
        lock.unlock();
    }

    @Test
    void tryLockSucceedsWhenFree() {
        Lock lock = newLock();
        assertTrue(lock.tryLock());
        lock.unlock();
        assertTrue(lock.tryLock(), "free again after unlock");
        lock.unlock();
    }

    @Test
    void unlockWhenFreeThrowsAndChangesNothing() {
        Lock lock = newLock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertTrue(lock.tryLock(), "still free");
        lock.unlock();
        assertThrows(IllegalMonitorStateException.class, lock::unlock, "a second unlock");
        lock.lock();
        lock.unlock();
    }

    @Test
    void reentrancyAsDeclared() throws InterruptedException {
        Lock lock = newLock();
        lock.lock();
        if (reentrant()) {
            lock.lock();
            assertTrue(lock.tryLock());
            lock.unlock();
            lock.unlock();
            assertFalse(tryLockFromAnotherThread(lock), "still held once");
            lock.unlock();
        } else {
            assertFalse(lock.tryLock(), "not reentrant: the holder's tryLock must fail");
            lock.unlock(); // one unlock frees it: the failed tryLock changed nothing
            assertThrows(IllegalMonitorStateException.class, lock::unlock);
        }
        assertTrue(tryLockFromAnotherThread(lock), "free after the last unlock");
    }

    @Test
    void newConditionAsDeclared() {
        Lock lock = newLock();
        if (supportsConditions()) {
            assertNotNull(lock.newCondition());
        } else {
            assertThrows(UnsupportedOperationException.class, lock::newCondition);
        }
        assertTrue(lock.tryLock(), "unchanged");
        lock.unlock();
    }

    @Test
    void toStringNamesTheState() {
        Lock lock = newLock();
        assertTrue(lock.toString().toLowerCase(Locale.ROOT).contains("unlocked"), lock::toString);
        lock.lock();
        String held = lock.toString();
        assertFalse(held.toLowerCase(Locale.ROOT).contains("unlocked"), held);
        assertTrue(held.contains(Thread.currentThread().getName()), held);
        lock.unlock();
        assertTrue(lock.toString().toLowerCase(Locale.ROOT).contains("unlocked"), lock::toString);
    }

    /**
     * A thread whose name is empty (a virtual thread's, unless it was given one) is named by its id,
     * {@code thread #21}, in {@code toString()} and in the refusal of an {@code unlock()} it does not
     * own: "Locked by thread " and nothing after it helps nobody.
     */
    @Test
    void aThreadWithAnEmptyNameIsNamedByItsId() throws InterruptedException {
        Lock lock = newLock();
        AtomicReference<String> held = new AtomicReference<>();
        AtomicReference<String> refused = new AtomicReference<>();
        Thread unnamed = new Thread(() -> {
            lock.lock();
            try {
                held.set(lock.toString());
            } finally {
                lock.unlock();
            }
            try {
                lock.unlock();
            } catch (IllegalMonitorStateException expected) {
                refused.set(expected.getMessage());
            }
        }, "");
        unnamed.start();
        unnamed.join(TimeUnit.SECONDS.toMillis(10));
        String id = "thread #" + unnamed.getId();
        assertTrue(held.get() != null && held.get().contains(id), "toString() while held: " + held.get());
        assertTrue(refused.get() != null && refused.get().contains(id), "unlock() refused: " + refused.get());
    }

    // ---- Timed tryLock -----------------------------------------------------------------------------

    @Test
    void timedTryLockSucceedsAtOnceWhenFree() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsTimedTryLock()) {
            assertThrows(UnsupportedOperationException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
            assertThrows(UnsupportedOperationException.class, () -> lock.tryLock(0, TimeUnit.SECONDS));
            assertTrue(lock.tryLock(), "the unsupported call changed nothing");
            lock.unlock();
            return;
        }
        assertTrue(lock.tryLock(0, TimeUnit.NANOSECONDS), "a zero timeout still makes one attempt");
        lock.unlock();
        assertTrue(lock.tryLock(-1, TimeUnit.SECONDS), "a negative timeout still makes one attempt");
        lock.unlock();
        assertTrue(lock.tryLock(1, TimeUnit.SECONDS));
        lock.unlock();
        assertTrue(lock.tryLock(Long.MAX_VALUE, TimeUnit.DAYS), "a huge timeout must not overflow");
        lock.unlock();
    }

    @Test
    void timedTryLockWithNullUnitThrowsNullPointerException() {
        Lock lock = newLock();
        if (supportsTimedTryLock()) {
            assertThrows(NullPointerException.class, () -> lock.tryLock(1, null));
        } else {
            assertThrows(UnsupportedOperationException.class, () -> lock.tryLock(1, null));
        }
        assertTrue(lock.tryLock(), "the failed call changed nothing");
        lock.unlock();
    }

    // ---- Against a holder in another thread ------------------------------------------------------------

    @Test
    void tryLockFailsWithoutWaitingWhenHeldByAnotherThread() throws InterruptedException {
        Lock lock = newLock();
        Holder holder = holdIn(lock);
        long start = System.nanoTime();
        assertFalse(lock.tryLock());
        assertFalse(lock.tryLock());
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis < 1_000, "tryLock() waited " + elapsedMillis + " ms");
        holder.release();
        assertTrue(lock.tryLock(), "free after the holder released it");
        lock.unlock();
    }

    @Test
    void timedTryLockTimesOutWhenHeld() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsTimedTryLock()) {
            Holder holder = holdIn(lock);
            assertThrows(UnsupportedOperationException.class, () -> lock.tryLock(50, TimeUnit.MILLISECONDS));
            assertFalse(lock.tryLock(), "still held by the holder");
            holder.release();
            return;
        }
        Holder holder = holdIn(lock);
        assertFalse(lock.tryLock(0, TimeUnit.NANOSECONDS), "zero timeout on a held lock");
        long start = System.nanoTime();
        assertFalse(lock.tryLock(100, TimeUnit.MILLISECONDS));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis >= 99, "gave up after only " + elapsedMillis + " ms");
        assertTrue(elapsedMillis < 100 + PROMPT_MILLIS, "gave up only after " + elapsedMillis + " ms");
        // The timed-out attempt left nothing behind: the holder still holds, and can release.
        assertFalse(lock.tryLock(), "still held by the holder");
        holder.release();
        assertTrue(lock.tryLock(), "free after the holder released it");
        lock.unlock();
    }

    @Test
    void timedTryLockSucceedsWhenReleasedInTime() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsTimedTryLock()) {
            assertThrows(UnsupportedOperationException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
            return;
        }
        Holder holder = holdIn(lock);
        holder.releaseAfter(50);
        assertTrue(lock.tryLock(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "released after 50 ms");
        holder.awaitReleased();
        lock.unlock();
    }

    @Test
    void unlockByANonHolderThrowsAndTheHolderKeepsTheLock() throws InterruptedException {
        Lock lock = newLock();
        Holder holder = holdIn(lock);
        assertThrows(IllegalMonitorStateException.class, lock::unlock);
        assertFalse(lock.tryLock(), "still held by the holder");
        holder.release(); // the holder's own unlock must still work (Holder fails the test otherwise)
        assertTrue(lock.tryLock(), "free after the holder released it");
        lock.unlock();
    }

    @Test
    void unlockLetsAWaiterIn() throws InterruptedException {
        Lock lock = newLock();
        lock.lock();
        Waiter waiter = startWaiter(lock);
        lock.unlock();
        waiter.assertLetIn(lock, "after unlock()");
    }

    /**
     * The holder's own {@code tryLock()} while a thread waits behind it: it fails (or, if reentrant,
     * adds a hold) and must not disturb the queue. A planted bug in {@code McsLock} (a {@code tryLock}
     * that skips its check of the tail and resets the holder's queue node) cut the waiter off here,
     * and passed every other test.
     */
    @Test
    void theHoldersTryLockLeavesAWaiterQueued() throws InterruptedException {
        Lock lock = newLock();
        lock.lock();
        Waiter waiter = startWaiter(lock);
        if (reentrant()) {
            assertTrue(lock.tryLock(), "reentrant: the holder's tryLock must succeed");
            lock.unlock();
        } else {
            assertFalse(lock.tryLock(), "not reentrant: the holder's tryLock must fail");
        }
        waiter.assertNotIn();
        lock.unlock();
        waiter.assertLetIn(lock, "after the holder's tryLock and unlock()");
    }

    @Test
    void unlockLetsAWaiterInBehindOneThatTimedOut() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsTimedTryLock()) {
            return; // covered by timedTryLockTimesOutWhenHeld: the method throws
        }
        // In a queue lock, a waiter that gives up while another waits behind it must not cut that one
        // off: the holder's release has to reach the waiter behind the one that left.
        lock.lock();
        Thread quitter = start("quitter", () -> assertFalse(lock.tryLock(300, TimeUnit.MILLISECONDS)));
        Thread.sleep(50); // the quitter is waiting (queued, in a queue lock)
        Waiter waiter = startWaiter(lock);
        quitter.join(PROMPT_MILLIS); // it times out while the waiter waits behind it
        assertFalse(quitter.isAlive(), "the timed tryLock did not time out");
        waiter.assertNotIn();
        lock.unlock();
        waiter.assertLetIn(lock, "behind a timed-out one");
    }

    @Test
    void unlockLetsAWaiterInBehindOneThatWasInterrupted() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsLockInterruptibly()) {
            return; // covered by the other interruption tests: the method throws
        }
        lock.lock();
        AtomicReference<Throwable> quitterOutcome = new AtomicReference<>();
        Thread quitter = start("interrupted-quitter", () -> {
            try {
                lock.lockInterruptibly();
                quitterOutcome.set(new AssertionError("acquired a held lock"));
            } catch (InterruptedException expected) {
                quitterOutcome.set(expected);
            }
        });
        Thread.sleep(50); // the quitter is waiting
        Waiter waiter = startWaiter(lock); // waiting behind it
        quitter.interrupt();
        quitter.join(PROMPT_MILLIS);
        assertFalse(quitter.isAlive(), "lockInterruptibly() did not respond to the interrupt");
        assertTrue(quitterOutcome.get() instanceof InterruptedException, () -> "outcome: " + quitterOutcome.get());
        waiter.assertNotIn();
        lock.unlock();
        waiter.assertLetIn(lock, "behind an interrupted one");
    }

    // ---- Interruption ------------------------------------------------------------------------------

    @Test
    void lockInterruptiblyWhenAlreadyInterruptedThrows() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsLockInterruptibly()) {
            assertThrows(UnsupportedOperationException.class, lock::lockInterruptibly);
            assertTrue(lock.tryLock(), "the unsupported call changed nothing");
            lock.unlock();
            return;
        }
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, lock::lockInterruptibly);
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        assertThrows(IllegalMonitorStateException.class, lock::unlock, "the lock was not acquired");
        assertTrue(lock.tryLock(), "still free");
        lock.unlock();
        lock.lockInterruptibly(); // and, not interrupted, it acquires
        lock.unlock();
    }

    @Test
    void timedTryLockWhenAlreadyInterruptedThrows() {
        Lock lock = newLock();
        if (!supportsTimedTryLock()) {
            return; // covered by the other timed tests: the method throws
        }
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> lock.tryLock(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        assertTrue(lock.tryLock(), "still free");
        lock.unlock();
    }

    @Test
    void lockInterruptiblyThrowsWhenInterruptedWhileWaitingAndLeavesTheLockIntact() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsLockInterruptibly()) {
            Holder holder = holdIn(lock);
            assertThrows(UnsupportedOperationException.class, lock::lockInterruptibly);
            assertFalse(lock.tryLock(), "still held by the holder");
            holder.release();
            return;
        }
        Holder holder = holdIn(lock);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            waiting.countDown();
            try {
                lock.lockInterruptibly();
                outcome.set(new AssertionError("acquired a lock that another thread holds"));
            } catch (InterruptedException expected) {
                outcome.set(expected);
                if (Thread.currentThread().isInterrupted()) {
                    outcome.set(new AssertionError("the interrupt status was not cleared"));
                }
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, "interrupted-waiter");
        waiter.setDaemon(true);
        waiter.start();
        assertTrue(waiting.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        Thread.sleep(50); // let it reach the spin (or the queue)
        waiter.interrupt();
        waiter.join(PROMPT_MILLIS);
        assertFalse(waiter.isAlive(), "lockInterruptibly() did not respond to the interrupt");
        assertTrue(outcome.get() instanceof InterruptedException, () -> "outcome: " + outcome.get());
        // The lock is intact: still held by the holder, who can release it; then anyone can acquire it.
        assertFalse(lock.tryLock(), "still held by the holder");
        holder.release();
        assertTrue(lock.tryLock(), "free after the holder released it");
        lock.unlock();
        assertTrue(tryLockFromAnotherThread(lock), "free for another thread too");
    }

    @Test
    void lockInterruptiblyAcquiresWhenNotInterrupted() throws InterruptedException {
        Lock lock = newLock();
        if (!supportsLockInterruptibly()) {
            return; // covered by the other interruption tests: the method throws
        }
        Holder holder = holdIn(lock);
        holder.releaseAfter(50);
        AtomicBoolean acquired = new AtomicBoolean();
        Thread waiter = start("waiter", () -> {
            lock.lockInterruptibly();
            acquired.set(true);
            lock.unlock();
        });
        waiter.join(PROMPT_MILLIS);
        assertFalse(waiter.isAlive());
        assertTrue(acquired.get());
    }

    @Test
    void lockIgnoresButKeepsAnInterrupt() throws InterruptedException {
        Lock lock = newLock();
        Thread.currentThread().interrupt();
        lock.lock();
        assertTrue(Thread.interrupted(), "lock() must leave the interrupt status set");
        lock.unlock();
    }

    // ---- Mutual exclusion under contention -----------------------------------------------------------

    /** Guarded by the lock in the contention tests; deliberately plain. */
    private long guarded;

    @Test
    void lockGivesMutualExclusion() throws InterruptedException {
        Lock lock = newLock();
        int perThread = incrementsPerThread();
        guarded = 0;
        runConcurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                lock.lock();
                try {
                    guarded++; // plain read-modify-write: exact only under mutual exclusion
                } finally {
                    lock.unlock();
                }
            }
        });
        assertEquals((long) THREADS * perThread, guarded);
    }

    @Test
    void tryLockGivesMutualExclusion() throws InterruptedException {
        Lock lock = newLock();
        int perThread = incrementsPerThread();
        guarded = 0;
        runConcurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                while (!lock.tryLock()) {
                    Thread.onSpinWait();
                }
                try {
                    guarded++;
                } finally {
                    lock.unlock();
                }
            }
        });
        assertEquals((long) THREADS * perThread, guarded);
    }

    @Test
    void timedAndInterruptibleAcquisitionsGiveMutualExclusion() throws InterruptedException {
        Lock lock = newLock();
        int perThread = incrementsPerThread();
        guarded = 0;
        boolean timed = supportsTimedTryLock();
        boolean interruptible = supportsLockInterruptibly();
        runConcurrently(thread -> {
            for (int i = 0; i < perThread; i++) {
                if (timed && (i & 1) == 0) {
                    while (!lock.tryLock(10, TimeUnit.MICROSECONDS)) { // many time out: exercises giving up
                        Thread.onSpinWait();
                    }
                } else if (interruptible) {
                    lock.lockInterruptibly();
                } else {
                    lock.lock();
                }
                try {
                    guarded++;
                } finally {
                    lock.unlock();
                }
            }
        });
        assertEquals((long) THREADS * perThread, guarded);
    }

    /**
     * The acquisitions per thread in the contention tests. Fair spin locks hand the lock to a waiter
     * that may be descheduled, which costs up to a time slice per hand-off when there are more threads
     * than cores, so they may lower this.
     *
     * @return 20,000 unless overridden
     */
    protected int incrementsPerThread() {
        return 20_000;
    }

    // ---- Helpers --------------------------------------------------------------------------------------

    /** The body of a helper thread, which may throw. */
    @FunctionalInterface
    protected interface Body {
        /**
         * Runs the body.
         *
         * @throws Exception anything, which fails the test
         */
        void run() throws Exception;
    }

    /** The body of one thread of a concurrent test. */
    @FunctionalInterface
    protected interface ThreadBody {
        /**
         * Runs the body in thread number {@code thread}.
         *
         * @param thread the thread's number, from 0
         * @throws Exception anything, which fails the test
         */
        void run(int thread) throws Exception;
    }

    /**
     * A thread that acquires the lock with {@code lock()} and holds it until {@link #release()}, which
     * it then does with {@code unlock()}; any exception it gets fails the test that waits for it.
     */
    protected final class Holder {
        private final CountDownLatch acquired = new CountDownLatch(1);
        private final CountDownLatch releaseRequest = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;
        private volatile long releaseDelayMillis;

        private Holder(Lock lock) {
            thread = new Thread(() -> {
                try {
                    lock.lock();
                    acquired.countDown();
                    releaseRequest.await();
                    if (releaseDelayMillis > 0) {
                        Thread.sleep(releaseDelayMillis);
                    }
                    lock.unlock();
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "lock-contract-holder");
            thread.setDaemon(true);
        }

        /** Asks the holder to release now, and waits until it has. */
        void release() throws InterruptedException {
            releaseRequest.countDown();
            awaitReleased();
        }

        /** Asks the holder to release after {@code millis}, and returns at once. */
        void releaseAfter(long millis) {
            releaseDelayMillis = millis;
            releaseRequest.countDown();
        }

        /** Waits until the holder has released, and fails if its unlock failed. */
        void awaitReleased() throws InterruptedException {
            thread.join(PROMPT_MILLIS);
            assertFalse(thread.isAlive(), "the holder did not finish");
            if (failure.get() != null) {
                fail("the holder failed", failure.get());
            }
        }
    }

    /**
     * A thread that takes a held lock with {@code lock()}, notes that it got in, and releases it at
     * once: the waiter of the hand-off tests.
     */
    protected static final class Waiter {
        private final CountDownLatch calling = new CountDownLatch(1);
        private final AtomicBoolean acquired = new AtomicBoolean();
        private final Thread thread;

        private Waiter(Lock lock) {
            thread = start("waiter", () -> {
                calling.countDown();
                lock.lock();
                acquired.set(true);
                lock.unlock();
            });
        }

        /** Fails if the waiter got in: the lock is still held. */
        void assertNotIn() {
            assertFalse(acquired.get(), "the waiter got in while the lock was held");
        }

        /** Waits for the waiter, which must get in and release, and checks that the lock is free. */
        void assertLetIn(Lock lock, String after) throws InterruptedException {
            thread.join(PROMPT_MILLIS);
            assertFalse(thread.isAlive(), "the waiter was not let in " + after);
            assertTrue(acquired.get());
            assertTrue(lock.tryLock(), "free after the waiter released it");
            lock.unlock();
        }
    }

    /**
     * Starts a {@link Waiter} on a lock that another thread holds, and returns once it is waiting:
     * once the thread is about to call {@code lock()}, plus {@value #SETTLE_MILLIS} ms for that call to
     * reach its spin or its queue. Waiting for the call first keeps a slow thread start on a loaded
     * machine from eating the settling time; a lock's waiters cannot be observed more directly in
     * general, since a spin lock's waiter stays runnable.
     */
    protected static Waiter startWaiter(Lock lock) throws InterruptedException {
        Waiter waiter = new Waiter(lock);
        assertTrue(waiter.calling.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the waiter did not start");
        Thread.sleep(SETTLE_MILLIS);
        waiter.assertNotIn();
        return waiter;
    }

    /**
     * Starts a thread that acquires {@code lock} and holds it, and waits until it does.
     *
     * @param lock an unlocked lock
     * @return the holder, to be released with {@link Holder#release()}
     * @throws InterruptedException if the test thread is interrupted
     */
    protected Holder holdIn(Lock lock) throws InterruptedException {
        Holder holder = new Holder(lock);
        holders.add(holder);
        holder.thread.start();
        assertTrue(holder.acquired.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the holder did not acquire a free lock");
        return holder;
    }

    /**
     * Whether another thread's {@code tryLock()} succeeds now; if it does, that thread releases at once.
     *
     * @param lock the lock
     * @return the result of the other thread's {@code tryLock()}
     * @throws InterruptedException if the test thread is interrupted
     */
    protected static boolean tryLockFromAnotherThread(Lock lock) throws InterruptedException {
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread other = start("try-locker", () -> {
            boolean acquired = lock.tryLock();
            if (acquired) {
                lock.unlock();
            }
            result.set(acquired);
        });
        other.join(PROMPT_MILLIS);
        assertFalse(other.isAlive(), "tryLock() did not return");
        assertNotNull(result.get(), "the other thread failed");
        return result.get();
    }

    /**
     * Starts a daemon thread running {@code body}; an exception in it is printed and leaves the
     * thread's result unset, which the caller's assertions then catch.
     */
    private static Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                t.printStackTrace();
                throw new AssertionError(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Runs {@code body} in {@link #THREADS} threads released together, and waits for all of them,
     * failing if any throws or does not finish in time.
     *
     * @param body what each thread runs
     * @throws InterruptedException if the test thread is interrupted
     */
    protected static void runConcurrently(ThreadBody body) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int number = t;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                    body.run(number);
                } catch (Throwable e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "lock-contract-" + t);
            worker.setDaemon(true);
            worker.start();
            threads.add(worker);
        }
        go.countDown();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
        for (Thread worker : threads) {
            worker.join(Math.max(1L, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            assertFalse(worker.isAlive(), worker.getName() + " did not finish");
        }
        synchronized (errors) {
            assertTrue(errors.isEmpty(), () -> "worker failed: " + errors);
        }
    }
}
