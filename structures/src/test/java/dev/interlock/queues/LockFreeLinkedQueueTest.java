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

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Spliterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@link LockFreeLinkedQueue} against the {@link QueueContract} (unbounded, no removal from the
 * middle), and the behaviour specific to it: {@code size()} under concurrency, the garbage-collector
 * hygiene of the sentinel, iterators while others poll, the unsupported bulk removals, the collection
 * constructor and the spliterator.
 */
class LockFreeLinkedQueueTest extends QueueContract {

    @Override
    protected Queue<Integer> newQueue(int capacity) {
        return new LockFreeLinkedQueue<>();
    }

    @Override
    protected boolean bounded() {
        return false;
    }

    @Override
    protected boolean supportsRemoval() {
        return false;
    }

    /** Starts a daemon thread that records its first failure. */
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

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void offerAndAddAlwaysSucceedBecauseTheQueueIsUnbounded() {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(i % 2 == 0 ? queue.offer(i) : queue.add(i));
        }
        assertEquals(10_000, queue.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, queue.poll());
        }
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
    }

    @Test
    void bulkRemovalsAlwaysThrowAndChangeNothing() {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>(List.of(1, 2, 3));
        assertThrows(UnsupportedOperationException.class, () -> queue.remove(2));
        assertThrows(UnsupportedOperationException.class, () -> queue.remove(99));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeAll(List.of(2)));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeAll(List.of(99)));
        assertThrows(UnsupportedOperationException.class, () -> queue.retainAll(List.of(1, 2, 3)));
        assertThrows(UnsupportedOperationException.class, () -> queue.removeIf(element -> false));
        Iterator<Integer> iterator = queue.iterator();
        iterator.next();
        assertThrows(UnsupportedOperationException.class, iterator::remove);
        assertEquals(List.of(1, 2, 3), new ArrayList<>(queue));
        queue.clear();
        assertTrue(queue.isEmpty());
        assertEquals(0, queue.size());
    }

    @Test
    void theCollectionConstructorKeepsIteratorOrderAndRefusesNulls() {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>(List.of(5, 6, 7));
        assertEquals("[5, 6, 7]", queue.toString());
        assertTrue(queue.offer(8));
        assertEquals(5, queue.poll());
        assertEquals(List.of(6, 7, 8), new ArrayList<>(queue));
        assertTrue(new LockFreeLinkedQueue<Integer>(List.of()).isEmpty());
        List<Integer> withNull = new ArrayList<>(List.of(1));
        withNull.add(null);
        assertEquals("element", assertThrows(NullPointerException.class, () -> new LockFreeLinkedQueue<>(withNull)).getMessage());
        assertEquals("elements", assertThrows(NullPointerException.class, () -> new LockFreeLinkedQueue<Integer>(null)).getMessage());
    }

    @Test
    void theSpliteratorIsConcurrentAndNotSized() {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>(List.of(1, 2, 3));
        Spliterator<Integer> spliterator = queue.spliterator();
        assertTrue(spliterator.hasCharacteristics(Spliterator.CONCURRENT));
        assertTrue(spliterator.hasCharacteristics(Spliterator.NONNULL));
        assertTrue(spliterator.hasCharacteristics(Spliterator.ORDERED));
        assertFalse(spliterator.hasCharacteristics(Spliterator.SIZED));
        assertEquals(List.of(1, 2, 3), queue.stream().collect(Collectors.toList()));
    }

    /** A polled element must not stay reachable from the queue: not from the new sentinel's item. */
    @Test
    void theSentinelDoesNotRetainAPolledElement() throws InterruptedException {
        LockFreeLinkedQueue<Object> queue = new LockFreeLinkedQueue<>();
        Object element = new Object();
        WeakReference<Object> polled = new WeakReference<>(element);
        queue.offer(element);
        queue.offer("stays");
        element = null;
        assertTrue(queue.poll() != null);
        // Now the node that held the element is the sentinel; only a missing clear would keep it alive.
        for (int attempt = 0; attempt < 50 && polled.get() != null; attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        assertNull(polled.get(), "the sentinel still references the polled element");
        assertEquals("stays", queue.peek());
    }

    /** The same when the queue becomes empty: the polled node is then both head and tail. */
    @Test
    void anEmptiedQueueRetainsNoPolledElement() throws InterruptedException {
        LockFreeLinkedQueue<Object> queue = new LockFreeLinkedQueue<>();
        List<WeakReference<Object>> polled = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Object element = new Object();
            polled.add(new WeakReference<>(element));
            queue.offer(element);
        }
        queue.clear();
        for (int attempt = 0; attempt < 50 && polled.stream().anyMatch(ref -> ref.get() != null); attempt++) {
            System.gc();
            Thread.sleep(10);
        }
        for (WeakReference<Object> reference : polled) {
            assertNull(reference.get(), "the queue still references a polled element");
        }
        assertTrue(queue.isEmpty());
    }

    /**
     * While producers offer a known number of elements and consumers poll, every {@code size()} lies in
     * [0, offered so far]; and once all is done it is exact.
     */
    @Test
    void sizeUnderConcurrencyStaysWithinZeroAndTheNumberOffered() throws Exception {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>();
        int producers = 2;
        int perProducer = 50_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean producing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            threads.add(start("producer-" + p, failure, () -> {
                start.await();
                for (int i = 0; i < perProducer; i++) {
                    queue.offer(i);
                }
            }));
        }
        int[] polled = new int[1];
        Thread consumer = start("consumer", failure, () -> {
            start.await();
            while (producing.get() || !queue.isEmpty()) {
                if (queue.poll() != null) {
                    polled[0]++;
                }
            }
        });
        Thread observer = start("observer", failure, () -> {
            start.await();
            while (producing.get()) {
                int size = queue.size();
                assertTrue(size >= 0 && size <= producers * perProducer, "size " + size);
            }
        });
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        producing.set(false);
        consumer.join();
        observer.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        assertEquals(producers * perProducer, polled[0]);
        assertEquals(0, queue.size());
        assertTrue(queue.isEmpty());
    }

    /**
     * An iterator created over elements 0..n-1 while consumers poll them returns a strictly increasing
     * sequence (FIFO, never an element twice), and every element it does not return was polled. With
     * a producer appending n.. behind it, it still returns each element at most once, in order.
     */
    @Test
    void iteratorsWhileOthersPollAreFifoAndNeverRepeat() throws Exception {
        for (int round = 0; round < 20; round++) {
            LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>();
            int initial = 20_000;
            for (int i = 0; i < initial; i++) {
                queue.offer(i);
            }
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch start = new CountDownLatch(1);
            Thread consumer = start("consumer", failure, () -> {
                start.await();
                for (int i = 0; i < initial / 2; i++) {
                    assertEquals(i, queue.poll());
                }
            });
            Thread producer = start("producer", failure, () -> {
                start.await();
                for (int i = initial; i < initial + 5_000; i++) {
                    queue.offer(i);
                }
            });
            Iterator<Integer> iterator = queue.iterator();
            start.countDown();
            int previous = -1;
            int returned = 0;
            while (iterator.hasNext()) {
                int element = iterator.next();
                assertTrue(element > previous, element + " after " + previous);
                previous = element;
                returned++;
            }
            consumer.join();
            producer.join();
            if (failure.get() != null) {
                throw new AssertionError(failure.get());
            }
            // The elements the consumer never polls are present for the whole iteration: all returned.
            assertTrue(returned >= initial - initial / 2, "returned " + returned);
            assertEquals(initial / 2, queue.peek());
        }
    }

    /** An iterator that has reached a node keeps its promise even if that element is polled. */
    @Test
    void nextReturnsWhatHasNextPromisedEvenIfPolledInBetween() {
        LockFreeLinkedQueue<Integer> queue = new LockFreeLinkedQueue<>(List.of(1, 2, 3));
        Iterator<Integer> iterator = queue.iterator();
        assertTrue(iterator.hasNext());
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
        assertEquals(1, iterator.next()); // promised by hasNext
        // The node of 1 has been polled and self-linked: the iterator restarts at the head, after 2.
        assertEquals(3, iterator.next());
        assertFalse(iterator.hasNext());
    }
}
