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

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fair {@link ReentrantMutex} against the {@link LockContract}, and its FIFO order. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FairReentrantMutexTest extends LockContract {

    @Override
    protected Lock newLock() {
        return new ReentrantMutex(true);
    }

    @Override
    protected boolean reentrant() {
        return true;
    }

    @Override
    protected boolean supportsConditions() {
        return true;
    }

    @Test
    void queuedThreadsAcquireInArrivalOrder() throws InterruptedException {
        ReentrantMutex mutex = new ReentrantMutex(true);
        assertTrue(mutex.isFair());
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        mutex.lock();
        for (int i = 0; i < 5; i++) {
            int id = i;
            Thread waiter = new Thread(() -> {
                mutex.lock();
                try {
                    order.add(id);
                } finally {
                    mutex.unlock();
                }
            });
            waiter.start();
            ReentrantMutexTest.awaitQueueLength(mutex, i + 1); // queued one after another
            waiters.add(waiter);
        }
        mutex.unlock();
        for (Thread waiter : waiters) {
            waiter.join(PROMPT_MILLIS);
            assertFalse(waiter.isAlive());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), order);
    }

    @Test
    void aTimedTryLockDoesNotBargeAheadOfTheQueue() throws InterruptedException {
        ReentrantMutex mutex = new ReentrantMutex(true);
        CountDownLatch finish = new CountDownLatch(1);
        mutex.lock();
        Thread queued = new Thread(() -> {
            mutex.lock(); // queues behind main, then keeps the lock until told to finish
            try {
                finish.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mutex.unlock();
            }
        });
        queued.start();
        ReentrantMutexTest.awaitQueueLength(mutex, 1);
        mutex.unlock();
        // Whether or not the queued thread has taken the lock yet, a fair tryLock(0, unit) must fail:
        // either the lock is held, or it is free with a thread queued ahead of us.
        assertFalse(mutex.tryLock(0, TimeUnit.SECONDS));
        finish.countDown();
        queued.join(PROMPT_MILLIS);
        assertFalse(queued.isAlive());
        assertTrue(mutex.tryLock(0, TimeUnit.SECONDS)); // nobody queued now
        mutex.unlock();
    }
}
