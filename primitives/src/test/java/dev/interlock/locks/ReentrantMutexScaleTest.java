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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What one hand-off costs in {@link ReentrantMutex}, counted rather than timed: with
 * {@value #WAITERS} threads queued, a release must look at a bounded number of queue nodes, and wake
 * only the thread that can take the lock next. The counts come from the mutex's package-private
 * counters ({@code nodesVisited}, {@code futileWakeups}; see "Cost" in its notes), read before the
 * release that starts the hand-offs and after the last thread is through. {@code nodesVisited} is a
 * plain count that concurrent releases could undercount; here the releases are the owners' unlocks,
 * one at a time, and the cancellations all happen before the first read.
 *
 * <p>The hard case is a queue in which every other waiter has given up: the mutex this replaced,
 * finding a cancelled node after {@code head}, walked the whole queue back from {@code tail} on every
 * release: instrumented alike, it looked at 251,000 nodes for this test's 1,000 threads, and failed it
 * in both modes.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReentrantMutexScaleTest {

    static final int WAITERS = 1_000;

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aReleaseWakesOnlyTheNextWaiterAndLooksAtNoMoreNodes(boolean fair) throws InterruptedException {
        ReentrantMutex mutex = new ReentrantMutex(fair);
        List<Integer> order = new ArrayList<>(); // guarded by the mutex
        mutex.lock();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < WAITERS; i++) {
            int id = i;
            Thread thread = new Thread(() -> {
                mutex.lock();
                try {
                    order.add(id);
                } finally {
                    mutex.unlock();
                }
            }, "waiter-" + i);
            thread.start();
            ReadWriteMutexScaleTest.awaitParked(thread, mutex);
            threads.add(thread);
        }
        long visitedBefore = mutex.nodesVisited();
        long futileBefore = mutex.futileWakeups();
        mutex.unlock();
        ReadWriteMutexScaleTest.joinAll(threads);

        long visited = mutex.nodesVisited() - visitedBefore;
        assertTrue(visited <= 2L * WAITERS + 1, "handing the lock to " + WAITERS + " queued threads looked at "
                + visited + " nodes; the bound is 2n + 1 = " + (2L * WAITERS + 1));
        assertEquals(0L, mutex.futileWakeups() - futileBefore, "waiters were woken while not first in line");
        mutex.lock();
        try {
            for (int i = 0; i < WAITERS; i++) {
                assertEquals(i, order.get(i), "the queue is FIFO once nobody barges");
            }
        } finally {
            mutex.unlock();
        }
    }

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void cancelledWaitersAreSteppedOverOnce(boolean fair) throws InterruptedException {
        ReentrantMutex mutex = new ReentrantMutex(fair);
        mutex.lock();
        List<Thread> stayers = new ArrayList<>();
        List<Thread> leavers = new ArrayList<>();
        AtomicInteger interruptedOut = new AtomicInteger();
        for (int i = 0; i < WAITERS; i++) {
            Thread thread = new Thread(() -> {
                try {
                    mutex.lockInterruptibly();
                } catch (InterruptedException expected) {
                    interruptedOut.incrementAndGet();
                    return;
                }
                mutex.unlock();
            }, "waiter-" + i);
            thread.start();
            ReadWriteMutexScaleTest.awaitParked(thread, mutex);
            (i % 2 == 0 ? leavers : stayers).add(thread);
        }
        for (Thread leaver : leavers) {
            leaver.interrupt();
        }
        ReadWriteMutexScaleTest.joinAll(leavers);
        assertEquals(leavers.size(), interruptedOut.get());

        long visitedBefore = mutex.nodesVisited();
        long futileBefore = mutex.futileWakeups();
        mutex.unlock();
        ReadWriteMutexScaleTest.joinAll(stayers);
        long visited = mutex.nodesVisited() - visitedBefore;
        // Each release looks at the node after head and the cancelled ones it steps over: at most
        // one per stayer, plus one per leaver (a release to an empty queue looks at none).
        assertTrue(visited <= 2L * WAITERS + 1, "handing the lock to " + stayers.size() + " threads past "
                + leavers.size() + " cancelled nodes looked at " + visited + " nodes; the bound is "
                + (2L * WAITERS + 1));
        assertEquals(0L, mutex.futileWakeups() - futileBefore, "waiters were woken while not first in line");
        assertTrue(mutex.tryLock(), "the lock is free");
        mutex.unlock();
    }
}
