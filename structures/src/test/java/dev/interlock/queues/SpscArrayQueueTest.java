/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link SpscArrayQueue}: the {@link QueueContract} with one producer and one consumer, and what is
 * particular to it: capacity rounding and validation, ten million elements handed from one thread to
 * another in order, {@code drain} and {@code fill}, wrap-around of the ring, and the unsupported
 * removals.
 */
class SpscArrayQueueTest extends QueueContract {

    @Override
    protected Queue<Integer> newQueue(int capacity) {
        return new SpscArrayQueue<>(capacity);
    }

    @Override
    protected boolean bounded() {
        return true;
    }

    @Override
    protected boolean supportsRemoval() {
        return false;
    }

    @Override
    protected boolean singleProducerSingleConsumer() {
        return true;
    }

    // ---- Capacity --------------------------------------------------------------------------------

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        int[][] requestedAndRounded = {
            {1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {1000, 1024}, {1024, 1024}, {1025, 2048},
            {65_537, 131_072},
        };
        for (int[] pair : requestedAndRounded) {
            assertEquals(pair[1], new SpscArrayQueue<Integer>(pair[0]).capacity(), "capacity " + pair[0]);
        }
    }

    @Test
    void theRoundedCapacityIsWhatTheQueueHolds() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(5);
        for (int i = 0; i < 8; i++) {
            assertTrue(queue.offer(i), "element " + i);
        }
        assertFalse(queue.offer(8));
        assertEquals(8, queue.size());
    }

    @Test
    void aCapacityOutsideOneToTwoToTheThirtyIsRejectedWithAMessage() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE, (1 << 30) + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException rejected =
                    assertThrows(IllegalArgumentException.class, () -> new SpscArrayQueue<Integer>(capacity));
            assertTrue(rejected.getMessage().contains(Integer.toString(capacity)), rejected.getMessage());
        }
        assertEquals(1 << 30, SpscArrayQueue.MAX_CAPACITY);
    }

    // ---- One producer, one consumer ---------------------------------------------------------------

    /**
     * One producer offers 0 to 10,000,000 in order, one consumer polls them: each must arrive exactly
     * once, in order. The small capacity keeps both threads at the full and empty edges, where the
     * cached limits are refreshed.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tenMillionElementsArriveInOrderAndNothingIsLost() throws Exception {
        int count = 10_000_000;
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(1024);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = daemon("producer", failure, () -> {
            for (int i = 0; i < count && failure.get() == null; i++) {
                Integer element = i;
                while (!queue.offer(element) && failure.get() == null) {
                    Thread.yield(); // the machine may have fewer free cores than threads
                }
            }
        });
        long[] received = new long[1];
        Thread consumer = daemon("consumer", failure, () -> {
            int expected = 0;
            while (expected < count && failure.get() == null) {
                Integer element = queue.poll();
                if (element == null) {
                    Thread.yield(); // the machine may have fewer free cores than threads
                    continue;
                }
                if (element != expected) {
                    throw new AssertionError("expected " + expected + " but got " + element);
                }
                expected++;
            }
            received[0] = expected;
        });
        joinBoth(producer, consumer, failure);
        assertEquals(count, received[0]);
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    /** The same hand-over in batches: fill on one side, drain on the other. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fillAndDrainHandOverAMillionElementsInOrder() throws Exception {
        int count = 1_000_000;
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(1024);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = daemon("producer", failure, () -> {
            int[] next = {0};
            Supplier<Integer> supplier = () -> next[0]++;
            while (next[0] < count && failure.get() == null) {
                if (queue.fill(supplier, Math.min(300, count - next[0])) == 0) {
                    Thread.yield(); // the machine may have fewer free cores than threads
                }
            }
        });
        int[] expected = {0};
        Thread consumer = daemon("consumer", failure, () -> {
            while (expected[0] < count && failure.get() == null) {
                int drained = queue.drain(element -> {
                    if (element != expected[0]) {
                        throw new AssertionError("expected " + expected[0] + " but got " + element);
                    }
                    expected[0]++;
                }, 300);
                if (drained == 0) {
                    Thread.yield(); // the machine may have fewer free cores than threads
                }
            }
        });
        joinBoth(producer, consumer, failure);
        assertEquals(count, expected[0]);
        assertTrue(queue.isEmpty());
    }

    /** The producer role moves to another thread; the hand-over (start, join) gives happens-before. */
    @Test
    void theProducerMayChangeThreadWhenTheHandOverGivesHappensBefore() throws Exception {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        for (int round = 0; round < 4; round++) {
            int first = round * 2;
            Thread producer = new Thread(() -> {
                queue.offer(first);
                queue.offer(first + 1);
            });
            producer.start();
            producer.join();
        }
        assertFalse(queue.offer(99));
        for (int i = 0; i < 8; i++) {
            assertEquals(i, queue.poll());
        }
    }

    // ---- drain and fill ---------------------------------------------------------------------------

    @Test
    void drainRemovesUpToTheLimitInOrder() {
        SpscArrayQueue<Integer> queue = queueOfFive();
        List<Integer> drained = new ArrayList<>();
        assertEquals(0, queue.drain(drained::add, 0));
        assertEquals(3, queue.drain(drained::add, 3));
        assertEquals(List.of(1, 2, 3), drained);
        assertEquals(2, queue.size());
        assertEquals(2, queue.drain(drained::add, 10));
        assertEquals(List.of(1, 2, 3, 4, 5), drained);
        assertEquals(0, queue.drain(drained::add, 10));
        assertTrue(queue.isEmpty());
    }

    @Test
    void drainRejectsBadArgumentsAndChangesNothing() {
        SpscArrayQueue<Integer> queue = queueOfFive();
        assertThrows(IllegalArgumentException.class, () -> queue.drain(element -> { }, -1));
        assertThrows(NullPointerException.class, () -> queue.drain(null, 1));
        assertEquals(List.of(1, 2, 3, 4, 5), List.of(queue.toArray()));
    }

    @Test
    void aFailingDrainActionHasRemovedItsElementAndLeavesTheRest() {
        SpscArrayQueue<Integer> queue = queueOfFive();
        List<Integer> drained = new ArrayList<>();
        Consumer<Integer> refusesTwo = element -> {
            drained.add(element);
            if (element == 2) {
                throw new IllegalStateException("refused");
            }
        };
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> queue.drain(refusesTwo, 10));
        assertEquals("refused", thrown.getMessage());
        assertEquals(List.of(1, 2), drained);
        assertEquals(List.of(3, 4, 5), List.of(queue.toArray()));
    }

    @Test
    void fillCallsTheSupplierOnlyForFreeSlots() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        assertTrue(queue.offer(-1));
        assertTrue(queue.offer(-2));
        int[] calls = {0};
        assertEquals(6, queue.fill(() -> calls[0]++, 100));
        assertEquals(6, calls[0], "the supplier was called for an element that found no slot");
        assertEquals(0, queue.fill(() -> calls[0]++, 100));
        assertEquals(6, calls[0]);
        assertEquals(List.of(-1, -2, 0, 1, 2, 3, 4, 5), List.of(queue.toArray()));
    }

    @Test
    void fillStopsAtTheLimit() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        int[] next = {10};
        assertEquals(0, queue.fill(() -> next[0]++, 0));
        assertEquals(3, queue.fill(() -> next[0]++, 3));
        assertEquals(List.of(10, 11, 12), List.of(queue.toArray()));
    }

    @Test
    void fillRejectsBadArgumentsAndChangesNothing() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        int[] calls = {0};
        assertThrows(IllegalArgumentException.class, () -> queue.fill(() -> calls[0]++, -1));
        assertThrows(NullPointerException.class, () -> queue.fill(null, 1));
        assertEquals(0, calls[0]);
        assertTrue(queue.isEmpty());
    }

    @Test
    void aNullFromTheSupplierInsertsNothingForItAndKeepsTheElementsBefore() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        Iterator<Integer> supplied = Arrays.asList(1, 2, null, 4).iterator();
        assertThrows(NullPointerException.class, () -> queue.fill(supplied::next, 4));
        assertEquals(List.of(1, 2), List.of(queue.toArray()));
        assertEquals(2, queue.size());
        assertEquals(6, queue.fill(() -> 7, 10), "the queue still has its six free slots");
        assertEquals(8, queue.size());
    }

    // ---- Wrap-around ------------------------------------------------------------------------------

    /**
     * Positions run far past the capacity: the ring is walked around many times with every mix of
     * offer, fill, poll and drain, and the observers agree with a reference queue at every step.
     */
    @Test
    void theRingWrapsAroundWithEveryOperation() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(4);
        ArrayDeque<Integer> reference = new ArrayDeque<>();
        int next = 0;
        for (int step = 0; step < 20_000; step++) {
            switch (step % 5) {
                case 0:
                    while (queue.offer(next)) {
                        reference.add(next++);
                    }
                    break;
                case 1:
                    assertEquals(reference.poll(), queue.poll());
                    break;
                case 2: {
                    int[] supplied = {next};
                    int filled = queue.fill(() -> supplied[0]++, 2);
                    for (int i = 0; i < filled; i++) {
                        reference.add(next++);
                    }
                    break;
                }
                case 3: {
                    List<Integer> drained = new ArrayList<>();
                    queue.drain(drained::add, 3);
                    for (Integer element : drained) {
                        assertEquals(reference.poll(), element);
                    }
                    break;
                }
                default:
                    assertEquals(reference.peek(), queue.peek());
                    break;
            }
            assertEquals(reference.size(), queue.size());
            assertEquals(reference.isEmpty(), queue.isEmpty());
            assertArrayEquals(reference.toArray(), queue.toArray());
        }
        assertTrue(next > 10_000, "the ring went around " + next / 4 + " times");
    }

    @Test
    void clearEmptiesAWrappedQueue() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(4);
        for (int i = 0; i < 6; i++) {
            queue.offer(i);
            queue.poll();
        }
        queue.offer(1);
        queue.offer(2);
        queue.offer(3);
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        assertEquals(4, queue.fill(() -> 5, 10));
    }

    // ---- Unsupported removals ---------------------------------------------------------------------

    @Test
    void bulkRemovalsAreUnsupportedAndChangeNothing() {
        SpscArrayQueue<Integer> queue = queueOfFive();
        assertThrows(UnsupportedOperationException.class, () -> queue.remove(1));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeAll(List.of(1)));
        assertThrows(UnsupportedOperationException.class, () -> queue.retainAll(List.of(1)));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeIf(element -> false));
        assertEquals(List.of(1, 2, 3, 4, 5), List.of(queue.toArray()));
        assertEquals("[1, 2, 3, 4, 5]", queue.toString());
    }

    @Test
    void addWhenFullSaysTheCapacity() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(2);
        queue.add(1);
        queue.add(2);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> queue.add(3));
        assertTrue(full.getMessage().contains("2"), full.getMessage());
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    private static SpscArrayQueue<Integer> queueOfFive() {
        SpscArrayQueue<Integer> queue = new SpscArrayQueue<>(8);
        for (int i = 1; i <= 5; i++) {
            assertTrue(queue.offer(i));
        }
        return queue;
    }

    private static Thread daemon(String name, AtomicReference<Throwable> failure, Runnable body) {
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

    private static void joinBoth(Thread producer, Thread consumer, AtomicReference<Throwable> failure)
            throws InterruptedException {
        producer.join();
        consumer.join();
        if (failure.get() != null) {
            throw new AssertionError("a worker thread failed", failure.get());
        }
    }
}
