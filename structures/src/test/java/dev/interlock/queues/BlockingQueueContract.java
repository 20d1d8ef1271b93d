/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlockingQueue} contract, on top of {@link QueueContract}: blocking and timed insertion
 * and removal, interrupts and timeouts that neither lose nor duplicate an element, remaining
 * capacity, {@code drainTo}, and a real client: a {@link ThreadPoolExecutor} that runs thousands of
 * tasks through the queue, each exactly once.
 *
 * <p>Interrupts follow {@link BlockingQueue}'s javadoc and the JDK's queues: a blocking or timed
 * method called with the interrupt status set, or interrupted while it waits, throws
 * {@link InterruptedException}, clears the status, and has inserted or removed nothing. A timeout of
 * zero or less never waits.
 */
public abstract class BlockingQueueContract extends QueueContract {

    /** How long a test waits for something that must happen promptly. Generous: CI machines are slow. */
    private static final long PROMPT_MILLIS = 10_000;

    @Override
    protected abstract BlockingQueue<Integer> newQueue(int capacity);

    private BlockingQueue<Integer> blockingQueueOf(int capacity, Integer... elements) {
        BlockingQueue<Integer> queue = newQueue(capacity);
        for (Integer element : elements) {
            assertTrue(queue.offer(element));
        }
        return queue;
    }

    private static List<Integer> contents(BlockingQueue<Integer> queue) {
        return new ArrayList<>(queue);
    }

    /** Starts a daemon thread; its result or exception is kept in {@code outcome}. */
    static Thread start(String name, AtomicReference<Object> outcome, Callable body) {
        Thread thread = new Thread(() -> {
            try {
                outcome.set(body.call());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** A task that returns a result and may throw. */
    @FunctionalInterface
    interface Callable {
        Object call() throws Exception;
    }

    /** Waits until {@code thread} is parked (waiting or timed waiting), or fails. */
    static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(thread.isAlive(), thread.getName() + " ended instead of waiting");
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never waited");
            Thread.sleep(1);
        }
    }

    static void awaitEnd(Thread thread) throws InterruptedException {
        thread.join(PROMPT_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " was not woken");
    }

    // ------------------------------------------------------------------------------------------------
    // Sequential behaviour

    @Test
    void putAndTakeAreFifo() throws InterruptedException {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        for (int i = 0; i < CAPACITY; i++) {
            queue.put(i);
        }
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(i, queue.take());
        }
        assertTrue(queue.isEmpty());
    }

    @Test
    void nullIsRejectedByEveryInsertionAndChangesNothing() {
        BlockingQueue<Integer> queue = blockingQueueOf(CAPACITY, 1);
        assertThrows(NullPointerException.class, () -> queue.put(null));
        assertThrows(NullPointerException.class, () -> queue.offer(null, 1, TimeUnit.MILLISECONDS));
        assertThrows(NullPointerException.class, () -> queue.offer(1, 1, null));
        assertThrows(NullPointerException.class, () -> queue.poll(1, null));
        assertEquals(List.of(1), contents(queue));
    }

    @Test
    void remainingCapacityIsCapacityMinusSize() {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        if (!bounded()) {
            // BlockingQueue says Integer.MAX_VALUE when there is no intrinsic limit; a queue whose limit
            // is Integer.MAX_VALUE elements (as LinkedBlockingQueue's default) may also subtract its size.
            assertTrue(queue.remainingCapacity() >= Integer.MAX_VALUE - queue.size());
            queue.offer(1);
            assertTrue(queue.remainingCapacity() >= Integer.MAX_VALUE - 1);
            return;
        }
        for (int i = 0; i < CAPACITY; i++) {
            assertEquals(CAPACITY - i, queue.remainingCapacity());
            queue.offer(i);
        }
        assertEquals(0, queue.remainingCapacity());
        queue.poll();
        assertEquals(1, queue.remainingCapacity());
    }

    @Test
    void timedMethodsWithNoTimeLeftDoNotWait() throws InterruptedException {
        BlockingQueue<Integer> queue = newQueue(1);
        assertNull(queue.poll(0, TimeUnit.SECONDS));
        assertNull(queue.poll(-1, TimeUnit.SECONDS));
        assertNull(queue.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertTrue(queue.offer(1, 0, TimeUnit.SECONDS));
        if (bounded()) {
            assertFalse(queue.offer(2, 0, TimeUnit.SECONDS));
            assertFalse(queue.offer(2, Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        }
        assertEquals(1, queue.poll(0, TimeUnit.SECONDS));
    }

    @Test
    void timedPollWaitsForItsTimeoutOnAnEmptyQueue() throws InterruptedException {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        long start = System.nanoTime();
        assertNull(queue.poll(50, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "returned before its timeout");
        assertTrue(queue.isEmpty());
    }

    @Test
    void timedOfferWaitsForItsTimeoutOnAFullQueueAndInsertsNothing() throws InterruptedException {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 1, 2);
        long start = System.nanoTime();
        assertFalse(queue.offer(3, 50, TimeUnit.MILLISECONDS));
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(50), "returned before its timeout");
        assertEquals(List.of(1, 2), contents(queue));
    }

    @Test
    void anInterruptStatusSetOnEntryThrowsAndChangesNothing() {
        BlockingQueue<Integer> queue = blockingQueueOf(CAPACITY, 1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> queue.put(2));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> queue.offer(2, 1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, queue::take);
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> queue.poll(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        assertEquals(List.of(1), contents(queue));
    }

    @Test
    void drainToMovesElementsInOrderAndValidatesItsArguments() {
        BlockingQueue<Integer> queue = blockingQueueOf(CAPACITY, 1, 2, 3, 4, 5);
        assertThrows(NullPointerException.class, () -> queue.drainTo(null));
        assertThrows(NullPointerException.class, () -> queue.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue, 1));
        List<Integer> sink = new ArrayList<>();
        assertEquals(0, queue.drainTo(sink, 0));
        assertEquals(0, queue.drainTo(sink, -1));
        assertEquals(List.of(1, 2, 3, 4, 5), contents(queue));
        assertEquals(2, queue.drainTo(sink, 2));
        assertEquals(List.of(1, 2), sink);
        assertEquals(3, queue.drainTo(sink));
        assertEquals(List.of(1, 2, 3, 4, 5), sink);
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.drainTo(sink));
        assertTrue(queue.offer(6));
        assertEquals(1, queue.drainTo(sink, Integer.MAX_VALUE));
        assertEquals(List.of(1, 2, 3, 4, 5, 6), sink);
    }

    /** A sink that refuses its third element: what was drained is gone from the queue, the rest stays. */
    @Test
    void drainToIntoAFailingCollectionLosesAndDuplicatesNothing() {
        BlockingQueue<Integer> queue = blockingQueueOf(CAPACITY, 1, 2, 3, 4, 5);
        List<Integer> sink = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                if (size() == 2) {
                    throw new IllegalStateException("sink full");
                }
                return super.add(element);
            }
        };
        assertThrows(IllegalStateException.class, () -> queue.drainTo(sink));
        List<Integer> all = new ArrayList<>(sink);
        all.addAll(contents(queue));
        assertEquals(List.of(1, 2), sink);
        // The element handed to the failing add() is either still in the queue or lost: it must stay.
        assertEquals(List.of(1, 2, 3, 4, 5), all, "drainTo lost or duplicated an element");
    }

    // ------------------------------------------------------------------------------------------------
    // Blocking, waking, interrupts

    @Test
    void takeWaitsForAPut() throws Exception {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = start("taker", outcome, queue::take);
        awaitParked(taker);
        queue.put(42);
        awaitEnd(taker);
        assertEquals(42, outcome.get());
        assertTrue(queue.isEmpty());
    }

    @Test
    void timedPollIsWokenByAnOffer() throws Exception {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = start("taker", outcome, () -> queue.poll(PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
        awaitParked(taker);
        assertTrue(queue.offer(42));
        awaitEnd(taker);
        assertEquals(42, outcome.get());
    }

    @Test
    void putWaitsForRoomAndThenAppends() throws Exception {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = start("putter", outcome, () -> {
            queue.put(3);
            return "put";
        });
        awaitParked(putter);
        assertEquals(List.of(1, 2), contents(queue));
        assertEquals(1, queue.take());
        awaitEnd(putter);
        assertEquals("put", outcome.get());
        assertEquals(List.of(2, 3), contents(queue));
    }

    @Test
    void timedOfferIsWokenByAPoll() throws Exception {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = start("putter", outcome, () -> queue.offer(3, PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
        awaitParked(putter);
        assertEquals(1, queue.poll());
        awaitEnd(putter);
        assertEquals(Boolean.TRUE, outcome.get());
        assertEquals(List.of(2, 3), contents(queue));
    }

    @Test
    void anInterruptedTakeRemovesNothing() throws Exception {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = start("taker", outcome, queue::take);
        awaitParked(taker);
        taker.interrupt();
        awaitEnd(taker);
        assertTrue(outcome.get() instanceof InterruptedException, () -> "got " + outcome.get());
        queue.put(7);
        assertEquals(List.of(7), contents(queue));
        assertEquals(7, queue.take());
    }

    @Test
    void anInterruptedPutInsertsNothing() throws Exception {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = start("putter", outcome, () -> {
            queue.put(3);
            return "put";
        });
        awaitParked(putter);
        putter.interrupt();
        awaitEnd(putter);
        assertTrue(outcome.get() instanceof InterruptedException, () -> "got " + outcome.get());
        assertEquals(List.of(1, 2), contents(queue));
        assertEquals(1, queue.take());
        assertTrue(queue.offer(4));
        assertEquals(List.of(2, 4), contents(queue));
    }

    /** Several waiting takers, then as many puts: every taker gets one element, none is left asleep. */
    @Test
    void everyWaitingTakerIsWoken() throws Exception {
        BlockingQueue<Integer> queue = newQueue(CAPACITY);
        int takers = 4;
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            threads.add(start("taker-" + i, outcome, queue::take));
        }
        for (Thread thread : threads) {
            awaitParked(thread);
        }
        for (int i = 0; i < takers; i++) {
            queue.put(i);
        }
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            awaitEnd(threads.get(i));
            taken.add(outcomes.get(i).get());
        }
        taken.sort(null);
        assertEquals(List.of(0, 1, 2, 3), taken);
    }

    /** Several waiting putters on a full queue, then enough takes: every putter gets in, none left asleep. */
    @Test
    void everyWaitingPutterIsWoken() throws Exception {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 100, 101);
        int putters = 4;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < putters; i++) {
            int element = i;
            threads.add(start("putter-" + i, new AtomicReference<>(), () -> {
                queue.put(element);
                return null;
            }));
        }
        for (Thread thread : threads) {
            awaitParked(thread);
        }
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < putters + 2; i++) {
            Integer element = queue.poll(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(element != null, "a putter was left asleep");
            taken.add(element);
        }
        for (Thread thread : threads) {
            awaitEnd(thread);
        }
        assertEquals(List.of(100, 101), taken.subList(0, 2));
        Collections.sort(taken);
        assertEquals(List.of(0, 1, 2, 3, 100, 101), taken);
        assertTrue(queue.isEmpty());
    }

    /**
     * Producers put and consumers take through a small queue while an interrupter interrupts them at
     * random, and timed offers and polls time out. An element counts as sent only when its put or
     * offer returned normally (true); every element sent must be taken exactly once, and nothing
     * that was not sent may come out.
     */
    @Test
    void interruptsAndTimeoutsLoseAndDuplicateNothing() throws Exception {
        BlockingQueue<Integer> queue = newQueue(4);
        int producers = 2;
        int consumers = 2;
        int perProducer = 20_000;
        int total = producers * perProducer;
        AtomicIntegerArray sent = new AtomicIntegerArray(total);
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            workers.add(worker("producer-" + p, failure, () -> {
                for (int i = 0; i < perProducer; i++) {
                    int element = producer * perProducer + i;
                    try {
                        boolean accepted = (i % 2 == 0) ? putReturningTrue(queue, element)
                                : queue.offer(element, 100, TimeUnit.MICROSECONDS);
                        if (accepted) {
                            sent.set(element, 1);
                        }
                    } catch (InterruptedException interrupted) {
                        // not sent: it must never come out
                    }
                }
            }));
        }
        for (int c = 0; c < consumers; c++) {
            int consumer = c;
            workers.add(worker("consumer-" + c, failure, () -> {
                int round = 0;
                while (true) {
                    Integer element = null;
                    try {
                        element = (round++ % 2 == consumer) ? queue.poll(100, TimeUnit.MICROSECONDS)
                                : queue.poll(1, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException interrupted) {
                        // nothing removed
                    }
                    if (element != null) {
                        if (received.getAndIncrement(element) != 0) {
                            throw new AssertionError("element " + element + " was taken twice");
                        }
                    } else if (!producing.get() && queue.isEmpty()) {
                        return;
                    }
                }
            }));
        }
        List<Thread> producerThreads = workers.subList(0, producers);
        Thread interrupter = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (producing.get()) {
                workers.get(random.nextInt(workers.size())).interrupt();
                Thread.onSpinWait();
                if (random.nextInt(8) == 0) {
                    Thread.yield();
                }
            }
        }, "interrupter");
        interrupter.setDaemon(true);
        interrupter.start();
        for (Thread producer : producerThreads) {
            producer.join(TimeUnit.SECONDS.toMillis(45));
            assertFalse(producer.isAlive(), producer.getName() + " did not finish");
        }
        producing.set(false);
        interrupter.join();
        for (Thread worker : workers) {
            worker.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(worker.isAlive(), worker.getName() + " did not finish");
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
        int sentCount = 0;
        for (int element = 0; element < total; element++) {
            assertEquals(sent.get(element), received.get(element),
                    "element " + element + (sent.get(element) == 1 ? " was sent but lost" : " came out but was never sent"));
            sentCount += sent.get(element);
        }
        assertTrue(sentCount > 0, "nothing got through the interrupts: the test proved nothing");
    }

    private static boolean putReturningTrue(BlockingQueue<Integer> queue, int element) throws InterruptedException {
        queue.put(element);
        return true;
    }

    private static Thread worker(String name, AtomicReference<Throwable> failure, Runnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * A {@code drainTo} that frees a full queue and then fails (its sink throws on the second element)
     * must still wake the producer waiting for room. (Found by review in TwoLockLinkedQueue: the
     * signal sat after the {@code finally} that the exception passed through.)
     */
    @Test
    void aDrainToThatThrowsStillWakesAWaitingPutter() throws Exception {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        BlockingQueue<Integer> queue = blockingQueueOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = start("putter", outcome, () -> {
            queue.put(3);
            return "put";
        });
        awaitParked(putter);
        List<Integer> sink = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                if (size() == 1) {
                    throw new IllegalStateException("sink full");
                }
                return super.add(element);
            }
        };
        assertThrows(IllegalStateException.class, () -> queue.drainTo(sink));
        assertEquals(List.of(1), sink);
        awaitEnd(putter);
        assertEquals("put", outcome.get());
        assertEquals(List.of(2, 3), contents(queue));
    }

    // ------------------------------------------------------------------------------------------------
    // A real client: ThreadPoolExecutor

    /**
     * A {@link ThreadPoolExecutor} with this queue as its work queue runs 20,000 tasks; each must
     * run exactly once. The pool's core threads take tasks from the queue with {@code take} and its
     * extra threads with a timed {@code poll}; a bounded queue that fills up makes the pool add
     * threads and then run tasks in the caller, which exercises {@code offer} on a full queue.
     */
    @Test
    void aThreadPoolExecutorRunsEveryTaskExactlyOnce() throws Exception {
        int tasks = 20_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        @SuppressWarnings({"unchecked", "rawtypes"})
        BlockingQueue<Runnable> workQueue = (BlockingQueue) newQueue(64);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 10, TimeUnit.MILLISECONDS, workQueue,
                new ThreadPoolExecutor.CallerRunsPolicy());
        try {
            for (int i = 0; i < tasks; i++) {
                int task = i;
                pool.execute(() -> runs.incrementAndGet(task));
            }
        } finally {
            pool.shutdown();
        }
        assertTrue(pool.awaitTermination(PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS), "the pool did not finish");
        for (int task = 0; task < tasks; task++) {
            assertEquals(1, runs.get(task), "task " + task + " ran " + runs.get(task) + " times");
        }
        assertEquals(tasks, pool.getCompletedTaskCount() + callerRuns(runs, pool));
        assertTrue(workQueue.isEmpty());
    }

    /** The tasks the caller ran itself (CallerRunsPolicy): every task ran once, so all the rest. */
    private static long callerRuns(AtomicIntegerArray runs, ThreadPoolExecutor pool) {
        return runs.length() - pool.getCompletedTaskCount();
    }

    /**
     * {@code shutdownNow} takes the queued tasks back through {@code drainTo}: the tasks it returns
     * and the tasks that ran must together be every task, each exactly once.
     */
    @Test
    void aThreadPoolExecutorsShutdownNowReturnsEveryTaskThatDidNotRun() throws Exception {
        int tasks = 1_000;
        AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
        @SuppressWarnings({"unchecked", "rawtypes"})
        BlockingQueue<Runnable> workQueue = (BlockingQueue) newQueue(1_024);
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, workQueue);
        CountDownLatch release = new CountDownLatch(1);
        List<Runnable> submitted = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            int task = i;
            Runnable runnable = () -> {
                runs.incrementAndGet(task);
                try {
                    release.await();
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            };
            submitted.add(runnable);
            pool.execute(runnable);
        }
        List<Runnable> notRun = pool.shutdownNow();
        release.countDown();
        assertTrue(pool.awaitTermination(PROMPT_MILLIS, TimeUnit.MILLISECONDS), "the pool did not finish");
        for (Runnable runnable : notRun) {
            int task = submitted.indexOf(runnable);
            assertTrue(task >= 0, "shutdownNow returned a task that was never submitted");
            assertEquals(0, runs.get(task), "task " + task + " ran and was also returned");
            runs.incrementAndGet(task);
        }
        for (int task = 0; task < tasks; task++) {
            assertEquals(1, runs.get(task), "task " + task + " was lost or duplicated");
        }
    }
}
