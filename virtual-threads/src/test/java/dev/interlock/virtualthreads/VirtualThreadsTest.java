/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.virtualthreads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReentrantMutex;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.LockingPriorityQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.stacks.LockingStack;
import dev.interlock.sync.Barrier;
import dev.interlock.sync.CountDownLatch;
import dev.interlock.sync.Event;
import dev.interlock.sync.Semaphore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@value #THREADS} virtual threads through each blocking primitive at once, with JFR watching. Each
 * test passes when every thread finishes within {@value #BOUND_SECONDS} s (a generous bound: a
 * healthy run takes well under a second per primitive on 2 cores), when nothing is lost or
 * duplicated (a count, or every element taken exactly once), and when JFR records no
 * {@code jdk.VirtualThreadPinned} event (threshold 0): a waiting virtual thread must unmount and free
 * its carrier. {@link #theWatchSeesAPinnedThread()} is the control that shows the watch can see one.
 *
 * <p>JDK 21+ only; this module is built by the root pom's {@code jdk21-plus} profile, and
 * {@code .ci/run} runs it on JDK 25.
 */
class VirtualThreadsTest {

    static final int THREADS = 10_000;
    /** Threads per test: {@value #THREADS}, or {@value #WARM_UP_THREADS} in the warm-up. */
    static int threads = THREADS;
    static final int WARM_UP_THREADS = 64;
    /** Whether {@link #assertNoPinning} records and judges: off in the warm-up. */
    static boolean recording = true;
    static final int OPS_PER_THREAD = 10;
    /** The permits of the semaphore test. */
    static final int PERMITS = 16;
    static final int BOUND_SECONDS = 60;

    /**
     * Runs every test once with {@value #WARM_UP_THREADS} threads and no recording, so that each class
     * on the primitives' slow paths is loaded and initialized before JFR watches. The JVM pins a virtual
     * thread that loads or initializes a class while another one does (its stack then holds a native
     * frame): once per class per JVM, whatever the library does, and not what this test is about. It
     * showed up here as a class's first use by thousands of threads at once, e.g. a switch's synthetic
     * class in ReadWriteMutex. What the recorded runs judge is every later park.
     */
    @BeforeAll
    static void loadEveryClassOnTheSlowPaths() throws Exception {
        threads = WARM_UP_THREADS;
        recording = false;
        try {
            VirtualThreadsTest warmUp = new VirtualThreadsTest();
            warmUp.mutexCountsEveryIncrement();
            warmUp.fairMutexWithConditionsHandsEveryElementOverOnce();
            for (ReadWriteMutex.Policy policy : ReadWriteMutex.Policy.values()) {
                warmUp.readWriteMutexNeverTearsAndCountsEveryWrite(policy);
            }
            warmUp.lockingArrayQueueHandsEveryElementOverOnce();
            warmUp.twoLockLinkedQueueHandsEveryElementOverOnce();
            warmUp.lockingStackHandsEveryElementOverOnce();
            warmUp.tokenBucketAcquireGrantsEveryTokenOnceAndNoneEarly();
            warmUp.eventReleasesEveryWaiterOfEachRound();
            warmUp.latchReleasesEveryWaiter();
            warmUp.fairSemaphoreNeverLendsMoreThanItsPermits();
            warmUp.barrierTripsEachGenerationWithEveryParty();
        } finally {
            threads = THREADS;
            recording = true;
        }
    }

    @Test
    void mutexCountsEveryIncrement() throws Exception {
        ReentrantMutex mutex = new ReentrantMutex();
        long[] counter = new long[1]; // guarded by mutex
        assertNoPinning(() -> runVirtual(threads, id -> {
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                mutex.lock();
                try {
                    counter[0]++;
                } finally {
                    mutex.unlock();
                }
            }
            return true;
        }));
        assertEquals((long) threads * OPS_PER_THREAD, counter[0]);
    }

    @Test
    void fairMutexWithConditionsHandsEveryElementOverOnce() throws Exception {
        ReentrantMutex mutex = new ReentrantMutex(true);
        Condition notFull = mutex.newCondition();
        Condition notEmpty = mutex.newCondition();
        int capacity = 16;
        int[] ring = new int[capacity]; // guarded by mutex
        int[] headAndCount = new int[2];
        int pairs = threads / 2;
        AtomicIntegerArray taken = new AtomicIntegerArray(pairs * OPS_PER_THREAD);
        assertNoPinning(() -> runVirtual(threads, id -> {
            boolean producer = id % 2 == 0;
            int base = (id / 2) * OPS_PER_THREAD;
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                mutex.lock();
                try {
                    if (producer) {
                        while (headAndCount[1] == capacity) {
                            notFull.await();
                        }
                        ring[(headAndCount[0] + headAndCount[1]) % capacity] = base + i;
                        headAndCount[1]++;
                        notEmpty.signal();
                    } else {
                        while (headAndCount[1] == 0) {
                            notEmpty.await();
                        }
                        int element = ring[headAndCount[0]];
                        headAndCount[0] = (headAndCount[0] + 1) % capacity;
                        headAndCount[1]--;
                        notFull.signal();
                        taken.incrementAndGet(element);
                    }
                } finally {
                    mutex.unlock();
                }
            }
            return true;
        }));
        assertEachTakenOnce(taken);
    }

    @ParameterizedTest
    @EnumSource(ReadWriteMutex.Policy.class)
    void readWriteMutexNeverTearsAndCountsEveryWrite(ReadWriteMutex.Policy policy) throws Exception {
        ReadWriteMutex lock = new ReadWriteMutex(policy);
        long[] pair = new long[2]; // guarded by lock: written together under the write lock
        AtomicLong torn = new AtomicLong();
        assertNoPinning(() -> runVirtual(threads, id -> {
            boolean writer = id % 10 == 0;
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                if (writer) {
                    lock.writeLock().lock();
                    try {
                        pair[0]++;
                        pair[1]++;
                    } finally {
                        lock.writeLock().unlock();
                    }
                } else {
                    lock.readLock().lock();
                    try {
                        if (pair[0] != pair[1]) {
                            torn.incrementAndGet();
                        }
                    } finally {
                        lock.readLock().unlock();
                    }
                }
            }
            return true;
        }));
        assertEquals(0L, torn.get(), policy + ": a reader saw a half-written pair");
        assertEquals((long) ((threads + 9) / 10) * OPS_PER_THREAD, pair[0], policy + ": writes were lost");
        assertEquals(0, lock.getQueueLength());
    }

    @Test
    void lockingArrayQueueHandsEveryElementOverOnce() throws Exception {
        transferThrough(new LockingArrayQueue<>(64));
    }

    @Test
    void twoLockLinkedQueueHandsEveryElementOverOnce() throws Exception {
        transferThrough(new TwoLockLinkedQueue<>(64));
    }

    @Test
    void lockingPriorityQueueHandsEveryElementOverOnce() throws Exception {
        transferThrough(new LockingPriorityQueue<>(64));
    }

    @Test
    void lockingStackHandsEveryElementOverOnce() throws Exception {
        LockingStack<Integer> stack = new LockingStack<>(64);
        transfer(stack::put, stack::take);
    }

    @Test
    void tokenBucketAcquireGrantsEveryTokenOnceAndNoneEarly() throws Exception {
        int ratePerSecond = 100_000;
        int capacity = 100;
        TokenBucket bucket = TokenBucket.builder().capacity(capacity).refill(ratePerSecond, Duration.ofSeconds(1)).build();
        AtomicLong granted = new AtomicLong();
        long start = System.nanoTime();
        assertNoPinning(() -> runVirtual(threads, id -> {
            bucket.acquire();
            granted.incrementAndGet();
            return true;
        }));
        long elapsedNanos = System.nanoTime() - start;
        assertEquals(threads, granted.get());
        // The bucket starts empty: threads tokens take at least (threads - capacity) / rate seconds to refill.
        long minimumNanos = TimeUnit.SECONDS.toNanos(threads - capacity) / ratePerSecond;
        assertTrue(elapsedNanos >= minimumNanos, "granted " + threads + " tokens in " + elapsedNanos
                + " ns, faster than the rate allows (" + minimumNanos + " ns)");
        assertEquals(0, bucket.getQueueLength());
    }

    /** {@value #OPS_PER_THREAD} rounds, an event each: every thread waits at it but the last to arrive, which sets it. */
    @Test
    void eventReleasesEveryWaiterOfEachRound() throws Exception {
        Event[] rounds = new Event[OPS_PER_THREAD];
        AtomicInteger[] arrived = new AtomicInteger[OPS_PER_THREAD];
        for (int round = 0; round < OPS_PER_THREAD; round++) {
            rounds[round] = new Event();
            arrived[round] = new AtomicInteger();
        }
        assertNoPinning(() -> runVirtual(threads, id -> {
            for (int round = 0; round < OPS_PER_THREAD; round++) {
                if (arrived[round].incrementAndGet() == threads) {
                    rounds[round].set();
                } else {
                    rounds[round].await();
                }
            }
            return true;
        }));
        for (Event round : rounds) {
            assertTrue(round.isSet());
            assertEquals(0, round.getQueueLength());
        }
    }

    /** Every thread counts a latch of {@value #THREADS} down and waits at it: the last count-down releases all. */
    @Test
    void latchReleasesEveryWaiter() throws Exception {
        CountDownLatch latch = new CountDownLatch(threads);
        assertNoPinning(() -> runVirtual(threads, id -> {
            latch.countDown();
            latch.await();
            return latch.getCount() == 0;
        }));
        assertEquals(0, latch.getQueueLength());
    }

    /** Every thread takes one of {@value #PERMITS} permits of a fair semaphore {@value #OPS_PER_THREAD} times: never more held at once. */
    @Test
    void fairSemaphoreNeverLendsMoreThanItsPermits() throws Exception {
        Semaphore semaphore = new Semaphore(PERMITS, true);
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger mostHeld = new AtomicInteger();
        assertNoPinning(() -> runVirtual(threads, id -> {
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                semaphore.acquire();
                try {
                    mostHeld.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    Thread.yield();
                } finally {
                    holding.decrementAndGet();
                    semaphore.release();
                }
            }
            return true;
        }));
        assertTrue(mostHeld.get() <= PERMITS, "held at once: " + mostHeld.get());
        assertEquals(PERMITS, semaphore.availablePermits());
        assertEquals(0, semaphore.getQueueLength());
    }

    /**
     * Every thread passes a barrier of {@value #THREADS} parties {@value #OPS_PER_THREAD} times: each
     * generation trips once, runs the action once, and hands out every arrival index once.
     */
    @Test
    void barrierTripsEachGenerationWithEveryParty() throws Exception {
        AtomicInteger trips = new AtomicInteger();
        Barrier barrier = new Barrier(threads, trips::incrementAndGet);
        AtomicLongArray indexSums = new AtomicLongArray(OPS_PER_THREAD);
        assertNoPinning(() -> runVirtual(threads, id -> {
            for (int generation = 0; generation < OPS_PER_THREAD; generation++) {
                indexSums.addAndGet(generation, barrier.await());
            }
            return true;
        }));
        assertEquals(OPS_PER_THREAD, trips.get());
        for (int generation = 0; generation < OPS_PER_THREAD; generation++) {
            assertEquals((long) threads * (threads - 1) / 2, indexSums.get(generation), "generation " + generation);
        }
        assertEquals(0, barrier.getNumberWaiting());
        assertFalse(barrier.isBroken());
    }

    /** The control: a virtual thread that parks inside a class initializer pins its carrier, and JFR says so. */
    @Test
    void theWatchSeesAPinnedThread() throws Exception {
        List<RecordedEvent> pinned = pinnedEventsDuring(() -> runVirtual(1, id -> ParksInItsInitializer.touch()));
        assertFalse(pinned.isEmpty(), "JFR recorded no jdk.VirtualThreadPinned event for a thread parked in <clinit>:"
                + " the watch cannot see pinning, so the other tests prove nothing about it");
    }

    static final class ParksInItsInitializer {
        static {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }

        static boolean touch() {
            return true;
        }
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    private static void transferThrough(BlockingQueue<Integer> queue) throws Exception {
        transfer(queue::put, queue::take);
    }

    interface Taker {
        Integer take() throws InterruptedException;
    }

    interface Putter {
        void put(Integer element) throws InterruptedException;
    }

    /** Half the threads put {@value #OPS_PER_THREAD} distinct elements each, the other half take as many. */
    private static void transfer(Putter put, Taker take) throws Exception {
        int pairs = threads / 2;
        AtomicIntegerArray taken = new AtomicIntegerArray(pairs * OPS_PER_THREAD);
        assertNoPinning(() -> runVirtual(threads, id -> {
            int base = (id / 2) * OPS_PER_THREAD;
            for (int i = 0; i < OPS_PER_THREAD; i++) {
                if (id % 2 == 0) {
                    put.put(base + i);
                } else {
                    taken.incrementAndGet(take.take());
                }
            }
            return true;
        }));
        assertEachTakenOnce(taken);
    }

    private static void assertEachTakenOnce(AtomicIntegerArray taken) {
        for (int element = 0; element < taken.length(); element++) {
            assertEquals(1, taken.get(element), "element " + element + " was taken " + taken.get(element) + " times");
        }
    }

    interface Body {
        boolean run(int id) throws Exception;
    }

    interface Work {
        void run() throws Exception;
    }

    /** Runs {@code body} on {@code count} virtual threads at once; fails if any throws or one is late. */
    static void runVirtual(int count, Body body) throws Exception {
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            int threadId = id;
            threads.add(Thread.ofVirtual().name("virtual-" + id).start(() -> {
                try {
                    if (!body.run(threadId)) {
                        failures.add(new AssertionError("thread " + threadId + " failed"));
                    }
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_SECONDS);
        int unfinished = 0;
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            if (left > 0 && !thread.join(Duration.ofNanos(left))) {
                unfinished++;
            } else if (left <= 0 && thread.isAlive()) {
                unfinished++;
            }
        }
        assertEquals(0, unfinished, unfinished + " of " + count + " virtual threads had not finished after "
                + BOUND_SECONDS + " s");
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " virtual threads failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }

    /** Runs {@code work} under a JFR recording of pinned virtual threads, and asserts there was none. */
    static void assertNoPinning(Work work) throws Exception {
        if (!recording) {
            work.run();
            return;
        }
        List<RecordedEvent> pinned = pinnedEventsDuring(work);
        assertTrue(pinned.isEmpty(), pinned.size() + " jdk.VirtualThreadPinned events, the first: "
                + (pinned.isEmpty() ? "" : pinned.get(0)));
    }

    static List<RecordedEvent> pinnedEventsDuring(Work work) throws Exception {
        Path file = Files.createTempFile("pinned", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
            List<RecordedEvent> pinned = new ArrayList<>();
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                    pinned.add(event);
                }
            }
            return pinned;
        } finally {
            deleteQuietly(file);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temporary file; the JVM's temp directory is cleaned elsewhere.
        }
    }
}
