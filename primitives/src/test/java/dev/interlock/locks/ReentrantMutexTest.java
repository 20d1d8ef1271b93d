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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ReentrantMutex} (non-fair) against the {@link LockContract}, and what only it has: conditions,
 * hold counts, fairness and introspection. {@link FairReentrantMutexTest} runs the contract on a fair one.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReentrantMutexTest extends LockContract {

    @Override
    protected Lock newLock() {
        return new ReentrantMutex();
    }

    @Override
    protected boolean reentrant() {
        return true;
    }

    @Override
    protected boolean supportsConditions() {
        return true;
    }

    ReentrantMutex newMutex() {
        return (ReentrantMutex) newLock();
    }

    // ---- Hold counts and introspection --------------------------------------------------------------

    @Test
    void holdCountCountsReentrantAcquisitions() {
        ReentrantMutex mutex = newMutex();
        assertEquals(0, mutex.getHoldCount());
        mutex.lock();
        mutex.lock();
        assertTrue(mutex.tryLock());
        assertEquals(3, mutex.getHoldCount());
        mutex.unlock();
        mutex.unlock();
        assertTrue(mutex.isLocked());
        mutex.unlock();
        assertFalse(mutex.isLocked());
        assertEquals(0, mutex.getHoldCount());
    }

    @Test
    void holdCountOverflowThrowsAnErrorAndChangesNothing() throws ReflectiveOperationException {
        ReentrantMutex mutex = newMutex();
        mutex.lock();
        Field holds = ReentrantMutex.class.getDeclaredField("holds");
        holds.setAccessible(true); // reaching MAX_VALUE by 2^31 lock() calls would take seconds.
        holds.setInt(mutex, Integer.MAX_VALUE);
        Error error = assertThrows(Error.class, mutex::lock);
        assertEquals("Maximum lock count exceeded", error.getMessage());
        assertThrows(Error.class, mutex::tryLock);
        assertEquals(Integer.MAX_VALUE, mutex.getHoldCount());
        holds.setInt(mutex, 1);
        mutex.unlock();
        assertFalse(mutex.isLocked());
    }

    @Test
    void introspectionNamesTheOwnerAndTheQueue() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        assertFalse(mutex.isFair());
        assertEquals("ReentrantMutex[Unlocked]", mutex.toString());
        mutex.lock();
        assertTrue(mutex.isHeldByCurrentThread());
        assertEquals("ReentrantMutex[Locked by thread \"" + Thread.currentThread().getName() + "\"]", mutex.toString());
        Thread waiter = new Thread(mutex::lock, "the-waiter");
        waiter.start();
        awaitQueueLength(mutex, 1);
        assertTrue(mutex.hasQueuedThreads());
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertFalse(waiter.isAlive());
        assertFalse(mutex.hasQueuedThreads());
        assertTrue(mutex.isLocked()); // the waiter took it and ended without unlocking
        assertFalse(mutex.isHeldByCurrentThread());
        assertTrue(mutex.toString().contains("the-waiter"));
    }

    @Test
    void aTimedOutWaiterLeavesTheQueue() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        mutex.lock();
        AtomicBoolean acquired = new AtomicBoolean(true);
        Thread waiter = new Thread(() -> {
            try {
                acquired.set(mutex.tryLock(50, TimeUnit.MILLISECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        waiter.start();
        waiter.join(PROMPT_MILLIS);
        assertFalse(acquired.get());
        assertEquals(0, mutex.getQueueLength());
        assertEquals(1, mutex.getHoldCount());
        mutex.unlock();
        assertTrue(mutex.tryLock());
        mutex.unlock();
    }

    static void awaitQueueLength(ReentrantMutex mutex, int length) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (mutex.getQueueLength() < length) {
            assertTrue(System.nanoTime() < deadline, "the queue never reached " + length);
            Thread.sleep(1);
        }
    }

    // ---- Virtual threads ---------------------------------------------------------------------------------

    /**
     * A virtual thread waiting for the mutex parks, so it unmounts and frees its carrier. The test holds
     * the mutex, queues more virtual waiters than there are carrier threads, and then asks one more
     * virtual thread to run: if the waiters pinned their carriers (as a spinning lock would), it never
     * could. Virtual threads are JDK 21+ API and the project targets 17, so the test reaches them through
     * reflection, and is skipped on older JDKs (.ci/run runs it on JDK 25).
     */
    @Test
    void waitingVirtualThreadsUnmountFromTheirCarriers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        ReentrantMutex mutex = newMutex();
        int waiters = 4 * Runtime.getRuntime().availableProcessors() + 4; // more than the carriers
        List<Thread> threads = new ArrayList<>();
        mutex.lock();
        try {
            for (int i = 0; i < waiters; i++) {
                Thread waiter = startVirtualThread(() -> {
                    mutex.lock();
                    mutex.unlock();
                });
                threads.add(waiter);
            }
            awaitQueueLength(mutex, waiters);
            CountDownLatch ranAnyway = new CountDownLatch(1);
            threads.add(startVirtualThread(ranAnyway::countDown));
            assertTrue(ranAnyway.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS),
                    "no carrier was free: the waiting virtual threads did not unmount");
        } finally {
            mutex.unlock();
        }
        for (Thread thread : threads) {
            thread.join(PROMPT_MILLIS);
            assertFalse(thread.isAlive());
        }
        assertFalse(mutex.isLocked());
    }

    /** {@code Thread.ofVirtual().start(task)}, through reflection (JDK 21+ API; the project targets 17). */
    static Thread startVirtualThread(Runnable task) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, task);
    }

    // ---- Conditions: illegal use ----------------------------------------------------------------------

    @Test
    void conditionMethodsWithoutTheLockThrowIllegalMonitorState() {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        assertThrows(IllegalMonitorStateException.class, condition::await);
        assertThrows(IllegalMonitorStateException.class, condition::awaitUninterruptibly);
        assertThrows(IllegalMonitorStateException.class, () -> condition.awaitNanos(1));
        assertThrows(IllegalMonitorStateException.class, () -> condition.await(1, TimeUnit.SECONDS));
        assertThrows(IllegalMonitorStateException.class, () -> condition.awaitUntil(new Date()));
        assertThrows(IllegalMonitorStateException.class, condition::signal);
        assertThrows(IllegalMonitorStateException.class, condition::signalAll);
        assertFalse(mutex.isLocked());
    }

    @Test
    void anIllegalAwaitKeepsTheInterruptStatus() {
        Condition condition = newMutex().newCondition();
        Thread.currentThread().interrupt();
        try {
            assertThrows(IllegalMonitorStateException.class, condition::await);
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void nullArgumentsOfTimedAwaitsThrowAndKeepTheLock() {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        mutex.lock();
        assertThrows(NullPointerException.class, () -> condition.await(1, null));
        assertThrows(NullPointerException.class, () -> condition.awaitUntil(null));
        assertEquals(1, mutex.getHoldCount());
        mutex.unlock();
    }

    // ---- Conditions: await, signal, timeouts, interrupts ------------------------------------------------

    @Test
    void awaitReleasesEveryHoldAndRestoresThemAfterTheSignal() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicInteger holdsAfterAwait = new AtomicInteger(-1);
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            mutex.lock();
            mutex.lock();
            try {
                waiting.countDown();
                condition.await();
                holdsAfterAwait.set(mutex.getHoldCount());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mutex.unlock();
                mutex.unlock();
                mutex.unlock();
            }
        });
        waiter.start();
        waiting.await();
        mutex.lock(); // possible only because await released all three holds
        condition.signal();
        assertTrue(waiter.isAlive()); // it cannot return before it re-acquires the lock
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertEquals(3, holdsAfterAwait.get());
        assertFalse(mutex.isLocked());
    }

    /**
     * On a fair mutex a signal moves the waiter into the lock's queue at once, as AbstractQueuedSynchronizer
     * does: it is counted as queued before the signaller lets go, costs no wake-up while the lock is held,
     * and a thread that asks for the lock after the signal gets it after the waiter. (A non-fair mutex
     * wakes the waiter instead: see the class's notes.)
     */
    @Test
    void aSignalQueuesTheWaiterAheadOfThreadsThatAskAfterIt() throws InterruptedException {
        ReentrantMutex mutex = new ReentrantMutex(true);
        Condition condition = mutex.newCondition();
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            try {
                waiting.countDown();
                condition.awaitUninterruptibly();
                order.add("signalled waiter");
            } finally {
                mutex.unlock();
            }
        }, "condition-waiter");
        Thread newcomer = new Thread(() -> {
            mutex.lock();
            order.add("newcomer");
            mutex.unlock();
        }, "newcomer");
        waiter.start();
        waiting.await();
        mutex.lock(); // possible only once the waiter has released it in await
        assertEquals(0, mutex.getQueueLength(), "a condition waiter is not queued for the lock");
        condition.signal();
        assertEquals(1, mutex.getQueueLength(), "signal() queued the waiter for the lock before returning");
        long wakeUps = mutex.futileWakeups();
        newcomer.start();
        ReadWriteMutexScaleTest.awaitParked(newcomer, mutex);
        assertEquals(2, mutex.getQueueLength());
        assertEquals(Thread.State.WAITING, waiter.getState(), "the signalled waiter sleeps while the lock is held");
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        newcomer.join(PROMPT_MILLIS);
        assertEquals(List.of("signalled waiter", "newcomer"), order);
        assertEquals(wakeUps, mutex.futileWakeups(), "nobody was woken before its turn");
        assertFalse(mutex.isLocked());
    }

    @Test
    void signalWakesOneWaiterAndSignalAllWakesTheRest() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicInteger woken = new AtomicInteger();
        List<Thread> waiters = new ArrayList<>();
        CountDownLatch allWaiting = new CountDownLatch(3);
        for (int i = 0; i < 3; i++) {
            Thread waiter = new Thread(() -> {
                mutex.lock();
                try {
                    allWaiting.countDown();
                    condition.awaitUninterruptibly();
                    woken.incrementAndGet();
                } finally {
                    mutex.unlock();
                }
            });
            waiter.start();
            waiters.add(waiter);
        }
        allWaiting.await();
        mutex.lock(); // the last waiter has released it in await
        condition.signal();
        mutex.unlock();
        awaitCount(woken, 1);
        Thread.sleep(50);
        assertEquals(1, woken.get(), "signal() woke more than one waiter");
        mutex.lock();
        condition.signalAll();
        mutex.unlock();
        for (Thread waiter : waiters) {
            waiter.join(PROMPT_MILLIS);
            assertFalse(waiter.isAlive());
        }
        assertEquals(3, woken.get());
    }

    @Test
    void timedAwaitsTimeOutAndKeepTheLock() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        mutex.lock();
        mutex.lock();
        assertTrue(condition.awaitNanos(TimeUnit.MILLISECONDS.toNanos(20)) <= 0);
        assertFalse(condition.await(20, TimeUnit.MILLISECONDS));
        assertFalse(condition.awaitUntil(new Date(System.currentTimeMillis() + 20)));
        assertFalse(condition.awaitUntil(new Date(0)));
        assertTrue(condition.awaitNanos(0) <= 0);
        assertFalse(condition.await(-1, TimeUnit.SECONDS));
        // The most negative timeouts: a deadline of now + timeout would overflow to the far future.
        assertTrue(condition.awaitNanos(Long.MIN_VALUE) <= 0);
        assertFalse(condition.await(Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertFalse(condition.awaitUntil(new Date(Long.MIN_VALUE)));
        assertEquals(2, mutex.getHoldCount());
        condition.signal(); // nobody waits any more: the timed-out waiters left the queue
        mutex.unlock();
        mutex.unlock();
    }

    @Test
    void aSignalledTimedAwaitReportsTheSignal() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicReference<Long> remaining = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            try {
                waiting.countDown();
                remaining.set(condition.awaitNanos(TimeUnit.SECONDS.toNanos(30)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mutex.unlock();
            }
        });
        waiter.start();
        waiting.await();
        mutex.lock();
        condition.signal();
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertTrue(remaining.get() > 0);
    }

    @Test
    void anInterruptBeforeTheSignalThrowsRestoresTheHoldsAndClearsTheStatus() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicReference<String> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            mutex.lock();
            try {
                waiting.countDown();
                condition.await();
                outcome.set("returned");
            } catch (InterruptedException e) {
                outcome.set("interrupted, holds " + mutex.getHoldCount()
                        + ", status " + Thread.currentThread().isInterrupted());
            } finally {
                mutex.unlock();
                mutex.unlock();
            }
        });
        waiter.start();
        waiting.await();
        mutex.lock(); // the waiter is parked in await now
        waiter.interrupt();
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertEquals("interrupted, holds 2, status false", outcome.get());
        assertFalse(mutex.isLocked());
        mutex.lock();
        condition.signal(); // the interrupted waiter is gone: nothing to wake, nothing breaks
        mutex.unlock();
    }

    @Test
    void anInterruptAfterTheSignalReturnsNormallyWithTheStatusSet() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicReference<String> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            try {
                waiting.countDown();
                condition.await();
                outcome.set("returned, status " + Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                outcome.set("interrupted");
            } finally {
                mutex.unlock();
            }
        });
        waiter.start();
        waiting.await();
        mutex.lock();
        condition.signal();       // the signal wins ...
        waiter.interrupt();       // ... and the interrupt comes while the waiter waits for the lock
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertEquals("returned, status true", outcome.get());
    }

    @Test
    void anInterruptedThreadAwaitingThrowsAtOnceAndKeepsTheLock() {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        mutex.lock();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, condition::await);
        assertFalse(Thread.currentThread().isInterrupted());
        assertEquals(1, mutex.getHoldCount());
        mutex.unlock();
    }

    @Test
    void awaitUninterruptiblyIgnoresInterruptsButKeepsTheStatus() throws InterruptedException {
        ReentrantMutex mutex = newMutex();
        Condition condition = mutex.newCondition();
        AtomicReference<String> outcome = new AtomicReference<>();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            mutex.lock();
            try {
                waiting.countDown();
                condition.awaitUninterruptibly();
                outcome.set("returned, status " + Thread.currentThread().isInterrupted());
            } finally {
                mutex.unlock();
            }
        });
        waiter.start();
        waiting.await();
        mutex.lock();
        waiter.interrupt();
        mutex.unlock();
        Thread.sleep(50);
        assertTrue(waiter.isAlive(), "awaitUninterruptibly returned on an interrupt");
        mutex.lock();
        condition.signal();
        mutex.unlock();
        waiter.join(PROMPT_MILLIS);
        assertEquals("returned, status true", outcome.get());
    }

    // ---- Conditions under load: a bounded buffer -------------------------------------------------------

    /** The classic bounded buffer on two conditions, with signal() (not signalAll): a lost signal hangs it. */
    static final class BoundedBuffer {
        private final ReentrantMutex mutex;
        private final Condition notFull;
        private final Condition notEmpty;
        private final long[] items = new long[4];
        private int putIndex;
        private int takeIndex;
        private int count;

        BoundedBuffer(ReentrantMutex mutex) {
            this.mutex = mutex;
            this.notFull = mutex.newCondition();
            this.notEmpty = mutex.newCondition();
        }

        void put(long item) throws InterruptedException {
            mutex.lock();
            try {
                while (count == items.length) {
                    notFull.await();
                }
                items[putIndex] = item;
                putIndex = (putIndex + 1) % items.length;
                count++;
                notEmpty.signal();
            } finally {
                mutex.unlock();
            }
        }

        /** Takes an item, or returns -1 if none came within the timeout (exercising timed awaits). */
        long poll(long timeoutMillis) throws InterruptedException {
            mutex.lock();
            try {
                long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (count == 0) {
                    if (nanos <= 0) {
                        return -1;
                    }
                    nanos = notEmpty.awaitNanos(nanos);
                }
                long item = items[takeIndex];
                takeIndex = (takeIndex + 1) % items.length;
                count--;
                notFull.signal();
                return item;
            } finally {
                mutex.unlock();
            }
        }
    }

    @Test
    void aBoundedBufferOnTwoConditionsLosesAndDuplicatesNothing() throws InterruptedException {
        BoundedBuffer buffer = new BoundedBuffer(newMutex());
        int producers = 3;
        int consumers = 3;
        int perProducer = 20_000;
        long[] consumedSum = new long[consumers];
        long[] consumedCount = new long[consumers];
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(new Thread(() -> {
                try {
                    for (int i = 1; i <= perProducer; i++) {
                        buffer.put((long) producer * perProducer + i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        long total = (long) producers * perProducer;
        AtomicInteger taken = new AtomicInteger();
        for (int c = 0; c < consumers; c++) {
            int consumer = c;
            threads.add(new Thread(() -> {
                try {
                    while (taken.get() < total) {
                        long item = buffer.poll(1); // short timeouts race with signals on purpose
                        if (item >= 0) {
                            consumedSum[consumer] += item;
                            consumedCount[consumer]++;
                            taken.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join(Duration.ofSeconds(50).toMillis());
            assertFalse(thread.isAlive(), "a producer or consumer hung: a lost signal?");
        }
        long sum = 0;
        long count = 0;
        for (int c = 0; c < consumers; c++) {
            sum += consumedSum[c];
            count += consumedCount[c];
        }
        assertEquals(total, count);
        assertEquals(total * (total + 1) / 2, sum, "an item was lost or duplicated");
    }

    static void awaitCount(AtomicInteger counter, int value) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (counter.get() < value) {
            assertTrue(System.nanoTime() < deadline, "never reached " + value);
            Thread.sleep(1);
        }
    }
}
