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
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The contract every queue of {@code dev.interlock.queues} keeps, as one abstract test base: the
 * {@link Queue} and {@link java.util.Collection} methods, bad input, the full and empty edges, and
 * coarse concurrent properties (nothing lost or duplicated, each producer's elements in FIFO order,
 * iterators that never fail under concurrent change). Each queue has a small subclass,
 * {@code <Name>Test}, that supplies the factory and states its optional behaviours.
 *
 * <p>The hooks never skip a test: a queue that does not support removal must throw the documented
 * {@link UnsupportedOperationException}, and the failed call must change nothing. A single-producer,
 * single-consumer queue ({@link #singleProducerSingleConsumer()}) runs the concurrent tests with one
 * producer and one consumer; the others run with several of each, more threads than the two cores
 * of the CI machine, so that threads are preempted in the middle of operations.
 *
 * <p>Every test runs under a {@link Timeout} in a separate thread, so a queue that hangs fails its
 * test instead of the build; helper threads are daemons.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class QueueContract {

    /** The capacity the sequential tests ask for: a power of two, so that rounding queues hold exactly it. */
    protected static final int CAPACITY = 8;

    /** Elements each producer sends in the concurrent tests. */
    protected static final int PER_PRODUCER = 200_000;

    /**
     * Creates a new, empty queue. A bounded queue holds exactly {@code capacity} elements; the tests
     * pass powers of two (1 included), which queues that round their capacity up to a power of two
     * hold exactly. An unbounded queue ignores the argument.
     *
     * @param capacity the capacity of a bounded queue
     * @return a new empty queue
     */
    protected abstract Queue<Integer> newQueue(int capacity);

    /** @return whether {@link #newQueue(int)} makes bounded queues */
    protected abstract boolean bounded();

    /**
     * @return whether {@code remove(Object)} and {@code Iterator.remove()} are supported; when not,
     *         both must throw {@link UnsupportedOperationException} and change nothing
     */
    protected boolean supportsRemoval() {
        return true;
    }

    /**
     * @return whether only one thread may offer and one other thread may poll (an SPSC queue); the
     *         concurrent tests then use exactly one producer and one consumer
     */
    protected boolean singleProducerSingleConsumer() {
        return false;
    }

    /** A queue with the given elements offered in order. */
    private Queue<Integer> queueOf(Integer... elements) {
        Queue<Integer> queue = newQueue(CAPACITY);
        for (Integer element : elements) {
            assertTrue(queue.offer(element));
        }
        return queue;
    }

    /** The queue's elements, by its iterator. */
    private static List<Integer> contents(Queue<Integer> queue) {
        List<Integer> contents = new ArrayList<>();
        queue.iterator().forEachRemaining(contents::add);
        return contents;
    }

    /** Asserts every observer of the queue agrees that it holds exactly {@code expected}, in order. */
    private static void assertContents(Queue<Integer> queue, Integer... expected) {
        assertEquals(List.of(expected), contents(queue));
        assertEquals(expected.length, queue.size());
        assertEquals(expected.length == 0, queue.isEmpty());
        assertArrayEquals(expected, queue.toArray());
        assertEquals(Arrays.toString(expected), queue.toString());
        assertEquals(expected.length == 0 ? null : expected[0], queue.peek());
    }

    // ------------------------------------------------------------------------------------------------
    // Sequential behaviour

    @Test
    void aNewQueueIsEmpty() {
        Queue<Integer> queue = newQueue(CAPACITY);
        assertContents(queue);
        assertNull(queue.poll());
        assertNull(queue.peek());
        assertThrows(NoSuchElementException.class, queue::element);
        assertThrows(NoSuchElementException.class, queue::remove);
        assertFalse(queue.iterator().hasNext());
        assertThrows(NoSuchElementException.class, () -> queue.iterator().next());
        assertEquals("[]", queue.toString());
    }

    @Test
    void elementsComeOutInTheOrderTheyWentIn() {
        Queue<Integer> queue = queueOf(1, 2, 3, 4, 5);
        assertContents(queue, 1, 2, 3, 4, 5);
        for (int expected = 1; expected <= 5; expected++) {
            assertEquals(expected, queue.poll());
        }
        assertContents(queue);
        assertNull(queue.poll());
    }

    @Test
    void peekAndElementDoNotRemove() {
        Queue<Integer> queue = queueOf(7, 8);
        assertEquals(7, queue.peek());
        assertEquals(7, queue.element());
        assertEquals(7, queue.peek());
        assertContents(queue, 7, 8);
        assertEquals(7, queue.remove());
        assertContents(queue, 8);
    }

    @Test
    void duplicatesAreDistinctElements() {
        Queue<Integer> queue = queueOf(1, 1, 2, 1);
        assertContents(queue, 1, 1, 2, 1);
        assertEquals(1, queue.poll());
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
        assertEquals(1, queue.poll());
        assertNull(queue.poll());
    }

    @Test
    void theSameElementObjectComesBack() {
        Queue<Integer> queue = newQueue(CAPACITY);
        Integer element = Integer.valueOf(123_456_789);
        assertTrue(queue.offer(element));
        assertSame(element, queue.poll());
    }

    @Test
    void aNullElementIsRejectedAndChangesNothing() {
        Queue<Integer> queue = queueOf(1, 2);
        assertThrows(NullPointerException.class, () -> queue.offer(null));
        assertThrows(NullPointerException.class, () -> queue.add(null));
        assertContents(queue, 1, 2);
    }

    @Test
    void aBoundedQueueRefusesWhenFullAndChangesNothing() {
        Queue<Integer> queue = newQueue(CAPACITY);
        if (!bounded()) {
            for (int i = 0; i < 100 * CAPACITY; i++) {
                assertTrue(queue.offer(i), "an unbounded queue refused an element");
            }
            assertEquals(100 * CAPACITY, queue.size());
            return;
        }
        Integer[] full = new Integer[CAPACITY];
        for (int i = 0; i < CAPACITY; i++) {
            assertTrue(queue.offer(i));
            full[i] = i;
        }
        assertFalse(queue.offer(99));
        assertThrows(IllegalStateException.class, () -> queue.add(99));
        assertContents(queue, full);
        assertEquals(0, queue.poll());
        assertTrue(queue.offer(99));
        assertFalse(queue.offer(100));
        assertEquals(CAPACITY, queue.size());
    }

    @Test
    void aBoundedQueueRejectsACapacityBelowOne() {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> newQueue(0));
        assertTrue(zero.getMessage() != null && !zero.getMessage().isBlank(), "the message must say why");
        assertThrows(IllegalArgumentException.class, () -> newQueue(-1));
        assertThrows(IllegalArgumentException.class, () -> newQueue(Integer.MIN_VALUE));
    }

    @Test
    void aQueueOfCapacityOneAlternatesFullAndEmpty() {
        assumeTrue(bounded(), "a property of bounded queues: this one is unbounded");
        Queue<Integer> queue = newQueue(1);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(queue.offer(i));
            assertFalse(queue.offer(-1));
            assertEquals(i, queue.peek());
            assertEquals(1, queue.size());
            assertEquals(i, queue.poll());
            assertNull(queue.poll());
        }
    }

    @Test
    void manyLapsAroundTheRingKeepOrderAndSize() {
        Queue<Integer> queue = newQueue(4);
        int next = 0;
        int expected = 0;
        for (int lap = 0; lap < 10_000; lap++) {
            for (int i = 0; i < 3; i++) {
                assertTrue(queue.offer(next++));
            }
            assertEquals(3, queue.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(expected++, queue.poll());
            }
            assertTrue(queue.isEmpty());
        }
    }

    @Test
    void containsFindsExactlyThePresentElements() {
        Queue<Integer> queue = queueOf(1, 2, 3);
        assertTrue(queue.contains(1));
        assertTrue(queue.contains(3));
        assertFalse(queue.contains(4));
        assertFalse(queue.contains(null));
        assertFalse(queue.contains("1"));
        queue.poll();
        assertFalse(queue.contains(1));
    }

    @Test
    void toArrayFollowsTheCollectionContract() {
        Queue<Integer> queue = newQueue(4);
        for (int i = 0; i < 6; i++) { // wrap around the ring first
            queue.offer(i);
            queue.poll();
        }
        queue.offer(10);
        queue.offer(11);
        queue.offer(12);
        assertArrayEquals(new Object[] {10, 11, 12}, queue.toArray());
        assertArrayEquals(new Integer[] {10, 11, 12}, queue.toArray(new Integer[0]));
        Integer[] larger = {-1, -1, -1, -1, -1};
        assertSame(larger, queue.toArray(larger));
        assertArrayEquals(new Integer[] {10, 11, 12, null, -1}, larger);
        assertThrows(NullPointerException.class, () -> queue.toArray((Integer[]) null));
        assertThrows(ArrayStoreException.class, () -> queue.toArray(new String[0]));
        assertEquals("[10, 11, 12]", queue.toString());
    }

    @Test
    void theIteratorWalksInFifoOrderAndEnds() {
        Queue<Integer> queue = queueOf(1, 2, 3);
        Iterator<Integer> iterator = queue.iterator();
        assertTrue(iterator.hasNext());
        assertTrue(iterator.hasNext());
        assertEquals(1, iterator.next());
        assertEquals(2, iterator.next());
        assertEquals(3, iterator.next());
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
        assertContents(queue, 1, 2, 3);
    }

    /** A refused removal throws, with the one message that every poll-only queue gives. */
    private static void assertRemovalRefused(Queue<?> queue, String operation, Executable removal) {
        UnsupportedOperationException refused = assertThrows(UnsupportedOperationException.class, removal);
        assertEquals(queue.getClass().getSimpleName() + " removes only at its head, by poll: " + operation
                + " is not supported", refused.getMessage());
    }

    @Test
    void removeObjectRemovesTheFirstOccurrenceOrIsUnsupported() {
        Queue<Integer> queue = queueOf(1, 2, 3, 2, 4);
        if (!supportsRemoval()) {
            assertRemovalRefused(queue, "remove(Object)", () -> queue.remove(2));
            assertContents(queue, 1, 2, 3, 2, 4);
            return;
        }
        assertTrue(queue.remove(2));
        assertContents(queue, 1, 3, 2, 4);
        assertFalse(queue.remove(9));
        assertFalse(queue.remove(null));
        assertTrue(queue.remove(4)); // the last element
        assertTrue(queue.remove(1)); // the first element
        assertContents(queue, 3, 2);
        assertTrue(queue.offer(5));
        assertContents(queue, 3, 2, 5);
        assertEquals(3, queue.poll());
        assertEquals(2, queue.poll());
        assertEquals(5, queue.poll());
    }

    @Test
    void iteratorRemoveRemovesTheLastReturnedElementOrIsUnsupported() {
        Queue<Integer> queue = queueOf(1, 2, 3, 4);
        Iterator<Integer> iterator = queue.iterator();
        if (!supportsRemoval()) {
            iterator.next();
            assertRemovalRefused(queue, "the iterator's remove", iterator::remove);
            assertContents(queue, 1, 2, 3, 4);
            return;
        }
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals(1, iterator.next());
        assertEquals(2, iterator.next());
        iterator.remove();
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals(3, iterator.next());
        assertEquals(4, iterator.next());
        iterator.remove();
        assertFalse(iterator.hasNext());
        assertContents(queue, 1, 3);
    }

    @Test
    void removeIfRemovesTheMatchingElementsOrIsUnsupported() {
        Queue<Integer> queue = queueOf(1, 2, 3, 4, 5, 6);
        if (!supportsRemoval()) {
            assertRemovalRefused(queue, "removeIf", () -> queue.removeIf(element -> element % 2 == 0));
            assertRemovalRefused(queue, "removeAll", () -> queue.removeAll(List.of(2, 4)));
            assertRemovalRefused(queue, "retainAll", () -> queue.retainAll(List.of(2, 4)));
            assertContents(queue, 1, 2, 3, 4, 5, 6);
            return;
        }
        assertTrue(queue.removeIf(element -> element % 2 == 0));
        assertContents(queue, 1, 3, 5);
        assertFalse(queue.removeIf(element -> element > 10));
        assertTrue(queue.offer(7));
        assertContents(queue, 1, 3, 5, 7);
    }

    @Test
    void clearEmptiesTheQueueAndItStillWorks() {
        Queue<Integer> queue = queueOf(1, 2, 3);
        queue.clear();
        assertContents(queue);
        for (int i = 0; i < CAPACITY; i++) {
            assertTrue(queue.offer(i));
        }
        assertEquals(CAPACITY, queue.size());
        assertEquals(0, queue.poll());
    }

    @Test
    void addAllAddsInOrderAndRefusesItself() {
        Queue<Integer> queue = newQueue(CAPACITY);
        assertTrue(queue.addAll(List.of(1, 2, 3)));
        assertContents(queue, 1, 2, 3);
        String self = assertThrows(IllegalArgumentException.class, () -> queue.addAll(queue)).getMessage();
        assertTrue(self != null && self.contains("itself"), "addAll(this) must say why it is refused: " + self);
        String none = assertThrows(NullPointerException.class, () -> queue.addAll(null)).getMessage();
        assertEquals("elements", none, "addAll(null) must name the argument");
        assertContents(queue, 1, 2, 3);
    }

    // ------------------------------------------------------------------------------------------------
    // Concurrent behaviour

    /** Producers and consumers for the concurrent tests: one of each for an SPSC queue. */
    private int producers() {
        return singleProducerSingleConsumer() ? 1 : 2;
    }

    private int consumers() {
        return singleProducerSingleConsumer() ? 1 : 2;
    }

    /** Starts a daemon thread that reports its first failure into {@code failure}. */
    private static Thread start(String name, AtomicReference<Throwable> failure, ThrowingRunnable body) {
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

    /** A task that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private static void joinAll(List<Thread> threads, AtomicReference<Throwable> failure) throws Exception {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(50));
            if (thread.isAlive()) {
                // Stops the other workers, which check for a failure while they wait.
                failure.compareAndSet(null, new AssertionError(thread.getName() + " did not finish"));
            }
            assertFalse(thread.isAlive(), thread.getName() + " did not finish");
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker thread failed", failure.get());
        }
    }

    /**
     * Elements a producer offers into an unbounded queue before it waits, spinning, for the other
     * producers to catch up, so that they offer at the same time: on two cores one producer often
     * finished before the other was scheduled. Measured in {@code docs/verification.md}, "Stress-style
     * contract tests".
     */
    static final int PRODUCER_STEP = 1_000;

    /**
     * How many times that test runs its transfer through an unbounded queue, each time through a new
     * one, so that a race one run misses is caught by another. Bounded queues run it once and are not
     * stepped: their runs take seconds, not a fraction of one, and their catch rate is not measured.
     */
    static final int TRANSFER_ROUNDS = 3;

    /** Publishes that {@code producer} has reached {@code step}, then spins until every producer has. */
    private static void keepInStep(AtomicIntegerArray stepOf, int producer, int step,
            AtomicReference<Throwable> failure) {
        stepOf.set(producer, step);
        for (int other = 0; other < stepOf.length(); other++) {
            while (stepOf.get(other) < step && failure.get() == null) {
                Thread.onSpinWait(); // spinning, not yielding: both producers stay on a core, at the same time.
            }
        }
    }

    /**
     * Producers offer distinct elements (producer p sends p * PER_PRODUCER + i, in order of i),
     * spinning while the queue is full (into an unbounded queue, in step: {@link #PRODUCER_STEP});
     * consumers poll until the producers are done and the queue is empty. Every element must be
     * received exactly once, and each consumer must see each producer's elements in increasing order
     * (FIFO per producer). A small capacity keeps the queue at its edges.
     * A lost element is reported as soon as the run ends, by number: the consumers do not wait for an
     * element that will never come.
     */
    @Test
    void producersAndConsumersLoseAndDuplicateNothingAndKeepEachProducersOrder() throws Exception {
        for (int round = 1; round <= (bounded() ? 1 : TRANSFER_ROUNDS); round++) {
            transferThroughANewQueue(round);
        }
    }

    /** One run of {@link #producersAndConsumersLoseAndDuplicateNothingAndKeepEachProducersOrder}. */
    private void transferThroughANewQueue(int round) throws Exception {
        int producers = producers();
        int consumers = consumers();
        int total = producers * PER_PRODUCER;
        Queue<Integer> queue = newQueue(16);
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        AtomicInteger producersDone = new AtomicInteger();
        AtomicIntegerArray stepOf = new AtomicIntegerArray(producers);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            threads.add(start("producer-" + p, failure, () -> {
                go.await();
                for (int i = 0; i < PER_PRODUCER && failure.get() == null; i++) {
                    if (!bounded() && i % PRODUCER_STEP == 0) {
                        keepInStep(stepOf, producer, i / PRODUCER_STEP, failure);
                    }
                    Integer element = producer * PER_PRODUCER + i;
                    while (!queue.offer(element)) {
                        if (failure.get() != null) {
                            return; // a consumer failed: nobody will make room.
                        }
                        Thread.onSpinWait();
                    }
                }
                producersDone.incrementAndGet();
            }));
        }
        for (int c = 0; c < consumers; c++) {
            threads.add(start("consumer-" + c, failure, () -> {
                go.await();
                int[] lastSeen = new int[producers];
                Arrays.fill(lastSeen, -1);
                while (failure.get() == null) {
                    boolean producing = producersDone.get() < producers; // read before the poll
                    Integer element = queue.poll();
                    if (element == null) {
                        if (!producing) {
                            return; // every offer had returned, and the queue was empty after them.
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    int producer = element / PER_PRODUCER;
                    int index = element % PER_PRODUCER;
                    if (received.getAndIncrement(element) != 0) {
                        throw new AssertionError("element " + element + " was received twice");
                    }
                    if (index <= lastSeen[producer]) {
                        throw new AssertionError("producer " + producer + "'s element " + index
                                + " came after its element " + lastSeen[producer]);
                    }
                    lastSeen[producer] = index;
                }
            }));
        }
        go.countDown();
        joinAll(threads, failure);
        List<Integer> lost = new ArrayList<>();
        for (int element = 0; element < total; element++) {
            if (received.get(element) == 0) {
                lost.add(element);
            }
        }
        assertTrue(lost.isEmpty(), () -> "round " + round + ": " + lost.size()
                + " element(s) offered and never polled, first " + lost.subList(0, Math.min(10, lost.size()))
                + "; the queue now holds " + queue.size());
        assertTrue(queue.isEmpty());
        assertNull(queue.poll());
    }

    /**
     * The iterator, {@code size}, {@code contains}, {@code toString} and {@code toArray} are called
     * by an observer thread while a producer and a consumer run. They must never throw (no
     * {@link ConcurrentModificationException}, no {@link NoSuchElementException} after
     * {@code hasNext()} said true), size must stay within [0, capacity], and an iterator must return
     * increasing elements (the producer sends increasing ones), so never an element twice.
     */
    @Test
    void observersNeverFailWhileTheQueueChanges() throws Exception {
        int capacity = 16;
        Queue<Integer> queue = newQueue(capacity);
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        int count = 300_000;
        List<Thread> threads = new ArrayList<>();
        threads.add(start("producer", failure, () -> {
            for (int i = 0; i < count && failure.get() == null; i++) {
                while (!queue.offer(i)) {
                    Thread.onSpinWait();
                }
            }
        }));
        threads.add(start("consumer", failure, () -> {
            int expected = 0;
            while (expected < count && failure.get() == null) {
                Integer element = queue.poll();
                if (element != null) {
                    assertEquals(expected++, element);
                }
            }
            done.set(true);
        }));
        threads.add(start("observer", failure, () -> {
            while (!done.get() && failure.get() == null) {
                int previous = -1;
                for (Integer element : queue) {
                    if (element <= previous) {
                        throw new AssertionError("the iterator returned " + element + " after " + previous);
                    }
                    previous = element;
                }
                int size = queue.size();
                if (size < 0 || (bounded() && size > capacity)) {
                    throw new AssertionError("size " + size + " outside [0, " + capacity + "]");
                }
                queue.contains(previous);
                queue.toArray();
                queue.toString();
            }
        }));
        joinAll(threads, failure);
        assertTrue(queue.isEmpty());
    }
}
