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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link MpmcArrayQueue}: the {@link QueueContract}, and what is specific to it: capacity rounding
 * and validation, the relaxed methods, drain and fill (bad arguments, limits, a supplier or consumer
 * that fails: nothing lost and no consumer hangs), a producer stalled mid-offer (poll, peek and the
 * iterator wait for it instead of answering null; the relaxed methods do not wait), and indices that
 * go round the ring many times.
 *
 * <p>A producer stalled between claiming its index and publishing its slot is simulated without a
 * test hook: {@link MpmcArrayQueue#fill} calls its supplier exactly there, so a supplier that
 * blocks on a latch is such a producer.
 */
class MpmcArrayQueueTest extends QueueContract {

    /** How long a thread that should be waiting is given to (wrongly) return. */
    private static final long STALL_MILLIS = 200;

    @Override
    protected Queue<Integer> newQueue(int capacity) {
        return new MpmcArrayQueue<>(capacity);
    }

    @Override
    protected boolean bounded() {
        return true;
    }

    @Override
    protected boolean supportsRemoval() {
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Capacity

    @Test
    void capacityIsRoundedUpToAPowerOfTwo() {
        int[][] requestedAndActual = {{1, 1}, {2, 2}, {3, 4}, {4, 4}, {5, 8}, {1000, 1024}, {1024, 1024},
            {1025, 2048}};
        for (int[] pair : requestedAndActual) {
            assertEquals(pair[1], new MpmcArrayQueue<Integer>(pair[0]).capacity(), "capacity " + pair[0]);
        }
    }

    @Test
    void theRoundedCapacityIsWhatTheQueueHolds() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(3);
        for (int i = 0; i < 4; i++) {
            assertTrue(queue.offer(i));
        }
        assertFalse(queue.offer(4));
        assertFalse(queue.relaxedOffer(4));
        assertEquals(4, queue.size());
    }

    /**
     * A ring of one slot: with Vyukov's original sequences ({@code i} free, {@code i + 1} full,
     * {@code i + R} free again) "full with i" and "free for i + 1" would be one number; the doubled
     * sequences keep them apart. Offer into the full ring must fail, and every lap must come back.
     */
    @Test
    void aRingOfOneSlotWorks() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(1);
        assertEquals(1, queue.capacity());
        for (int lap = 0; lap < 10; lap++) {
            assertTrue(queue.offer(lap));
            assertFalse(queue.offer(-1));
            assertFalse(queue.relaxedOffer(-1));
            assertEquals(lap, queue.peek());
            assertEquals(lap, queue.relaxedPeek());
            assertEquals(List.of(lap), new ArrayList<>(queue));
            assertEquals(lap, queue.poll());
            assertNull(queue.poll());
            assertNull(queue.relaxedPoll());
        }
    }

    @Test
    void badCapacitiesAreRefused() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE, (1 << 30) + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> new MpmcArrayQueue<Integer>(capacity));
            assertTrue(error.getMessage().contains(Integer.toString(capacity)), error.getMessage());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Relaxed methods, alone

    @Test
    void relaxedMethodsBehaveLikeTheLinearizableOnesWhenNothingIsInFlight() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(2);
        assertNull(queue.relaxedPoll());
        assertNull(queue.relaxedPeek());
        assertTrue(queue.relaxedOffer(1));
        assertTrue(queue.relaxedOffer(2));
        assertFalse(queue.relaxedOffer(3));
        assertEquals(1, queue.relaxedPeek());
        assertEquals(1, queue.relaxedPoll());
        assertTrue(queue.relaxedOffer(3));
        assertEquals(List.of(2, 3), new ArrayList<>(queue));
        assertEquals(2, queue.poll());
        assertEquals(3, queue.relaxedPoll());
        assertNull(queue.relaxedPoll());
        assertThrows(NullPointerException.class, () -> queue.relaxedOffer(null));
        assertTrue(queue.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // A producer stalled mid-offer

    /** A fill of one element whose supplier blocks until released: a producer stalled mid-offer. */
    private static final class StalledProducer implements AutoCloseable {
        final CountDownLatch claimed = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final Thread thread;

        StalledProducer(MpmcArrayQueue<Integer> queue, Integer element) throws InterruptedException {
            thread = new Thread(() -> queue.fill(() -> {
                claimed.countDown();
                awaitUninterruptibly(release);
                return element;
            }, 1), "stalled-producer");
            thread.start();
            assertTrue(claimed.await(10, TimeUnit.SECONDS));
        }

        void resume() {
            release.countDown();
            boolean interrupted = false;
            while (true) {
                try {
                    thread.join(10_000);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** Resumes the producer, if the test has not: a failing test leaves no stalled thread. */
        @Override
        public void close() {
            resume();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return;
            } catch (InterruptedException e) {
                // keep the stall: the test releases it
            }
        }
    }

    /** Runs the action in a new daemon thread, so that a test that fails leaves no thread running. */
    private static Thread start(Runnable action, String name) {
        Thread thread = new Thread(action, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    @Test
    @Timeout(20)
    void pollWaitsForAProducerStalledMidOfferInsteadOfReturningNull() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        Object[] polled = new Object[1];
        try (StalledProducer producer = new StalledProducer(queue, 7)) {
            // The offer has taken effect: the element is in the queue, though not yet published.
            assertEquals(1, queue.size());
            assertFalse(queue.isEmpty());
            // The relaxed methods do not wait: they say "nothing ready".
            assertNull(queue.relaxedPoll());
            assertNull(queue.relaxedPeek());
            Thread consumer = start(() -> polled[0] = queue.poll(), "consumer");
            consumer.join(STALL_MILLIS);
            assertTrue(consumer.isAlive(), "poll returned while the head was unpublished: " + polled[0]);
            producer.resume();
            consumer.join(10_000);
            assertFalse(consumer.isAlive());
        }
        assertEquals(7, polled[0]);
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(20)
    void peekAndTheIteratorWaitForAProducerStalledMidOffer() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        Object[] peeked = new Object[1];
        Object[] listed = new Object[1];
        try (StalledProducer producer = new StalledProducer(queue, 8)) {
            Thread peeker = start(() -> peeked[0] = queue.peek(), "peeker");
            Thread lister = start(() -> listed[0] = new ArrayList<>(queue), "lister");
            peeker.join(STALL_MILLIS);
            lister.join(STALL_MILLIS);
            assertTrue(peeker.isAlive(), "peek returned while the head was unpublished: " + peeked[0]);
            assertTrue(lister.isAlive(), "the iterator passed an unpublished element: " + listed[0]);
            producer.resume();
            peeker.join(10_000);
            lister.join(10_000);
        }
        assertEquals(8, peeked[0]);
        assertEquals(List.of(8), listed[0]);
        assertEquals(List.of(8), new ArrayList<>(queue));
    }

    @Test
    @Timeout(20)
    void elementsBehindAStalledProducerWaitForIt() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        List<Integer> polled = new ArrayList<>();
        try (StalledProducer producer = new StalledProducer(queue, 1)) {
            assertTrue(queue.offer(2)); // producers are not held up
            assertTrue(queue.offer(3));
            assertEquals(3, queue.size());
            assertNull(queue.relaxedPoll()); // FIFO: 2 is published, but 1 is ahead of it
            Thread consumer = start(() -> {
                for (int i = 0; i < 3; i++) {
                    polled.add(queue.poll());
                }
            }, "consumer");
            consumer.join(STALL_MILLIS);
            assertTrue(consumer.isAlive());
            producer.resume();
            consumer.join(10_000);
        }
        assertEquals(List.of(1, 2, 3), polled);
    }

    // ---------------------------------------------------------------------------------------------
    // drain and fill

    @Test
    void drainAndFillRefuseBadArgumentsAndChangeNothing() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        queue.offer(1);
        int[] supplied = {0};
        Supplier<Integer> supplier = () -> ++supplied[0];
        assertThrows(IllegalArgumentException.class, () -> queue.fill(supplier, -1));
        assertThrows(IllegalArgumentException.class, () -> queue.drain(element -> { }, -1));
        assertThrows(NullPointerException.class, () -> queue.fill(null, 1));
        assertThrows(NullPointerException.class, () -> queue.drain(null, 1));
        assertEquals(0, supplied[0]);
        assertEquals(List.of(1), new ArrayList<>(queue));
        assertEquals(0, queue.fill(supplier, 0));
        assertEquals(0, queue.drain(element -> { }, 0));
        assertEquals(0, supplied[0]);
        assertEquals(List.of(1), new ArrayList<>(queue));
    }

    @Test
    void fillStopsAtTheLimitOrWhenFullAndNeverCallsTheSupplierWithoutASlot() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(8);
        int[] supplied = {0};
        Supplier<Integer> supplier = () -> ++supplied[0];
        assertEquals(3, queue.fill(supplier, 3));
        assertEquals(3, supplied[0]);
        assertEquals(5, queue.fill(supplier, 100));
        assertEquals(8, supplied[0], "the supplier was called for an element that had no slot");
        assertEquals(0, queue.fill(supplier, 100));
        assertEquals(8, supplied[0]);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), new ArrayList<>(queue));
    }

    @Test
    void drainStopsAtTheLimitOrWhenEmptyInFifoOrder() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(8);
        for (int i = 1; i <= 5; i++) {
            queue.offer(i);
        }
        List<Integer> drained = new ArrayList<>();
        assertEquals(2, queue.drain(drained::add, 2));
        assertEquals(List.of(1, 2), drained);
        assertEquals(3, queue.drain(drained::add, 100));
        assertEquals(List.of(1, 2, 3, 4, 5), drained);
        assertEquals(0, queue.drain(drained::add, 100));
        assertTrue(queue.isEmpty());
    }

    @Test
    void aDrainConsumerThatThrowsHasRemovedItsElementAndLeavesTheRest() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        queue.offer(1);
        queue.offer(2);
        queue.offer(3);
        List<Integer> seen = new ArrayList<>();
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> queue.drain(element -> {
            seen.add(element);
            if (element == 2) {
                throw new IllegalStateException("consumer failed");
            }
        }, 10));
        assertEquals("consumer failed", error.getMessage());
        assertEquals(List.of(1, 2), seen);
        assertEquals(List.of(3), new ArrayList<>(queue));
    }

    @Test
    void aSupplierThatThrowsLeavesASkippedSlotThatConsumersPass() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        int[] calls = {0};
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> queue.fill(() -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("supplier failed");
            }
            return calls[0];
        }, 4));
        assertEquals("supplier failed", error.getMessage());
        assertEquals(3, calls[0]);
        // Documented: the skipped slot counts in size until a consumer passes it.
        assertEquals(3, queue.size());
        assertEquals(List.of(1, 2), new ArrayList<>(queue));
        assertFalse(queue.contains(null));
        assertTrue(queue.offer(4));
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
        assertEquals(4, queue.poll()); // passed over the skipped slot
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test
    void aSupplierThatReturnsNullThrowsAndLeavesASkippedSlot() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(2);
        assertThrows(NullPointerException.class, () -> queue.fill(() -> null, 1));
        assertEquals(1, queue.size());
        assertFalse(queue.isEmpty());
        assertNull(queue.peek()); // peek consumes the skipped slot at the head
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
        // The ring goes on: the skipped slot was freed for the next lap.
        assertEquals(2, queue.fill(() -> 5, 10));
        assertEquals(List.of(5, 5), new ArrayList<>(queue));
    }

    @Test
    void relaxedMethodsPassSkippedSlotsToo() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        assertThrows(NullPointerException.class, () -> queue.fill(() -> null, 1));
        queue.offer(9);
        assertEquals(9, queue.relaxedPeek());
        assertEquals(1, queue.size());
        queue.offer(10);
        assertThrows(NullPointerException.class, () -> queue.fill(() -> null, 1));
        assertEquals(9, queue.relaxedPoll());
        assertEquals(10, queue.relaxedPoll());
        assertNull(queue.relaxedPoll());
        assertTrue(queue.isEmpty());
    }

    @Test
    @Timeout(20)
    void aConsumerWaitingOnAFailingSupplierIsReleased() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Throwable[] fillFailure = new Throwable[1];
        Thread filler = start(() -> {
            try {
                queue.fill(() -> {
                    claimed.countDown();
                    awaitUninterruptibly(release);
                    throw new IllegalStateException("supplier failed");
                }, 1);
            } catch (IllegalStateException e) {
                fillFailure[0] = e;
            }
        }, "filler");
        assertTrue(claimed.await(10, TimeUnit.SECONDS));
        Object[] polled = {"not yet"};
        Thread consumer = start(() -> polled[0] = queue.poll(), "consumer");
        consumer.join(STALL_MILLIS);
        assertTrue(consumer.isAlive());
        release.countDown();
        filler.join(10_000);
        consumer.join(10_000);
        assertFalse(consumer.isAlive(), "the consumer hangs on the slot of a failed supplier");
        assertNull(polled[0]); // the skipped slot is no element: the queue is empty
        assertTrue(fillFailure[0] instanceof IllegalStateException);
    }

    @Test
    @Timeout(30)
    void concurrentFillAndDrainLoseAndDuplicateNothing() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        int perProducer = 5_000;
        int producers = 2;
        boolean[][] seen = new boolean[producers][perProducer];
        Thread[] threads = new Thread[producers + 1];
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads[p] = start(() -> {
                int[] next = {0};
                while (next[0] < perProducer) {
                    queue.fill(() -> producer * perProducer + next[0]++, Math.min(3, perProducer - next[0]));
                    Thread.onSpinWait();
                }
            }, "filler-" + p);
        }
        int[] received = {0};
        int[][] lastPerProducer = {{-1, -1}};
        threads[producers] = start(() -> {
            while (received[0] < producers * perProducer) {
                received[0] += queue.drain(element -> {
                    int producer = element / perProducer;
                    int sequence = element % perProducer;
                    assertFalse(seen[producer][sequence], "duplicated " + element);
                    assertTrue(sequence > lastPerProducer[0][producer], "out of order " + element);
                    lastPerProducer[0][producer] = sequence;
                    seen[producer][sequence] = true;
                }, 5);
            }
        }, "drainer");
        for (Thread thread : threads) {
            thread.join(25_000);
            assertFalse(thread.isAlive(), thread.getName() + " hangs");
        }
        assertEquals(producers * perProducer, received[0]);
        for (boolean[] producerSeen : seen) {
            for (boolean wasSeen : producerSeen) {
                assertTrue(wasSeen);
            }
        }
        assertTrue(queue.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // Many laps

    @Test
    void indicesGoRoundTheRingManyTimes() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50_000; round++) {
            int burst = round % 5; // 0 to 4 elements: every fill level, and every slot offset
            for (int i = 0; i < burst; i++) {
                assertTrue(queue.offer(next++));
            }
            if (burst == 4) {
                assertFalse(queue.offer(-1));
            }
            assertEquals(burst, queue.size());
            for (int i = 0; i < burst; i++) {
                assertEquals(expected, queue.peek());
                assertEquals(expected++, queue.poll());
            }
            assertNull(queue.poll());
        }
        assertEquals(next, expected);
    }

    @Test
    @Timeout(30)
    void concurrentProducersAndConsumersOverManyLapsOfATinyRing() throws InterruptedException {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(2);
        int perProducer = 5_000;
        long[] sums = new long[2];
        int[] counts = new int[2];
        Thread[] threads = new Thread[4];
        for (int p = 0; p < 2; p++) {
            threads[p] = start(() -> {
                for (int i = 1; i <= perProducer; i++) {
                    while (!queue.offer(i)) {
                        Thread.onSpinWait();
                    }
                }
            }, "producer-" + p);
        }
        for (int c = 0; c < 2; c++) {
            int consumer = c;
            threads[2 + c] = start(() -> {
                while (true) {
                    synchronized (counts) {
                        if (counts[0] + counts[1] == 2 * perProducer) {
                            return;
                        }
                    }
                    Integer element = consumer == 0 ? queue.poll() : queue.relaxedPoll();
                    if (element != null) {
                        synchronized (counts) {
                            counts[consumer]++;
                            sums[consumer] += element;
                        }
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }, "consumer-" + c);
        }
        for (Thread thread : threads) {
            thread.join(25_000);
            assertFalse(thread.isAlive(), thread.getName() + " hangs");
        }
        long perProducerSum = (long) perProducer * (perProducer + 1) / 2;
        assertEquals(2 * perProducer, counts[0] + counts[1]);
        assertEquals(2 * perProducerSum, sums[0] + sums[1]);
        assertTrue(queue.isEmpty());
    }

    // ---------------------------------------------------------------------------------------------
    // Collection methods

    @Test
    void interiorRemovalIsUnsupportedAndChangesNothing() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        queue.offer(1);
        queue.offer(2);
        assertThrows(UnsupportedOperationException.class, () -> queue.remove((Object) 1));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeAll(List.of(1)));
        assertThrows(UnsupportedOperationException.class, () -> queue.retainAll(List.of(1)));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeIf(element -> true));
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(1, iterator.next());
        assertThrows(UnsupportedOperationException.class, iterator::remove);
        assertEquals(List.of(1, 2), new ArrayList<>(queue));
        assertEquals(1, queue.remove()); // the head, through poll: supported
        queue.clear();
        assertTrue(queue.isEmpty());
    }

    @Test
    void containsToStringAndToArrayGoThroughTheIterator() {
        MpmcArrayQueue<Integer> queue = new MpmcArrayQueue<>(4);
        assertEquals("[]", queue.toString());
        queue.offer(1);
        queue.offer(2);
        queue.poll();
        queue.offer(3);
        queue.offer(4);
        queue.offer(5); // wraps round the ring
        assertEquals("[2, 3, 4, 5]", queue.toString());
        assertTrue(queue.contains(5));
        assertFalse(queue.contains(1));
        assertEquals(List.of(2, 3, 4, 5), List.of(queue.toArray(new Integer[0])));
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(2, queue.poll());
        assertEquals(3, queue.poll());
        assertTrue(queue.offer(6));
        // Weakly consistent: the head was read when the iterator was made, and is returned; the element
        // polled after that is passed over; the element offered after that is returned.
        assertEquals(2, iterator.next());
        assertEquals(4, iterator.next());
        assertEquals(5, iterator.next());
        assertEquals(6, iterator.next());
        assertFalse(iterator.hasNext());
        assertThrows(java.util.NoSuchElementException.class, iterator::next);
    }
}
