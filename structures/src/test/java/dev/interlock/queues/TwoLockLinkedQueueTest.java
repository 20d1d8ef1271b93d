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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link BlockingQueueContract} for a bounded {@link TwoLockLinkedQueue}, and what is specific to
 * it: the capacity, a put that proceeds while a consumer holds the take lock, a full drain that
 * keeps producers out until it takes effect, the iterator over
 * dequeued (self-linked) and removed nodes, the edges of {@code drainTo}, and {@code toString}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TwoLockLinkedQueueTest extends BlockingQueueContract {

    private static final long PROMPT_SECONDS = 10;

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new TwoLockLinkedQueue<>(capacity);
    }

    @Override
    protected boolean bounded() {
        return true;
    }

    private static TwoLockLinkedQueue<Integer> queueOf(int capacity, Integer... elements) {
        TwoLockLinkedQueue<Integer> queue = new TwoLockLinkedQueue<>(capacity);
        for (Integer element : elements) {
            assertTrue(queue.offer(element));
        }
        return queue;
    }

    private static List<Integer> contents(TwoLockLinkedQueue<Integer> queue) {
        List<Integer> contents = new ArrayList<>();
        queue.forEach(contents::add);
        return contents;
    }

    private static Thread startDaemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    // ---- Capacity -------------------------------------------------------------------------------

    @Test
    void theCapacityIsTheConstructorsOrIntegerMaxValue() {
        assertEquals(5, new TwoLockLinkedQueue<Integer>(5).capacity());
        assertEquals(1, new TwoLockLinkedQueue<Integer>(1).capacity());
        TwoLockLinkedQueue<Integer> unbounded = new TwoLockLinkedQueue<>();
        assertEquals(Integer.MAX_VALUE, unbounded.capacity());
        assertEquals(Integer.MAX_VALUE, unbounded.remainingCapacity());
        unbounded.offer(1);
        assertEquals(Integer.MAX_VALUE - 1, unbounded.remainingCapacity());
    }

    @Test
    void aCapacityBelowOneIsRejectedWithAMessageThatSaysWhy() {
        IllegalArgumentException zero =
                assertThrows(IllegalArgumentException.class, () -> new TwoLockLinkedQueue<Integer>(0));
        assertEquals("capacity must be at least 1, but was 0", zero.getMessage());
        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> new TwoLockLinkedQueue<Integer>(-7));
        assertTrue(negative.getMessage().contains("-7"), negative.getMessage());
    }

    @Test
    void aQueueOfCapacityOneHoldsExactlyOne() throws InterruptedException {
        TwoLockLinkedQueue<Integer> queue = queueOf(1, 1);
        assertFalse(queue.offer(2));
        assertFalse(queue.offer(2, 0, TimeUnit.SECONDS));
        assertEquals(0, queue.remainingCapacity());
        assertEquals(1, queue.take());
        assertTrue(queue.offer(2));
        assertEquals(List.of(2), contents(queue));
    }

    // ---- Two locks --------------------------------------------------------------------------------

    /**
     * A consumer holds the take lock (it is inside drainTo, in a sink that blocks): producers still
     * offer and put, because they need only the put lock, while another consumer waits for the take lock.
     */
    @Test
    void aPutProceedsWhileAConsumerHoldsTheTakeLock() throws Exception {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 1, 2);
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch releaseSink = new CountDownLatch(1);
        List<Integer> sink = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                sinkEntered.countDown();
                try {
                    releaseSink.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.add(element);
            }
        };
        AtomicReference<Integer> drained = new AtomicReference<>();
        Thread drainer = startDaemon("drainer", () -> drained.set(queue.drainTo(sink, 1)));
        assertTrue(sinkEntered.await(PROMPT_SECONDS, TimeUnit.SECONDS));

        // The drainer holds the take lock now. Producers proceed in this thread, promptly.
        assertTrue(queue.offer(3));
        queue.put(4);
        assertTrue(queue.offer(5, 0, TimeUnit.SECONDS));
        assertEquals(5, queue.size());

        // A consumer, by contrast, must wait for the take lock.
        AtomicReference<Integer> polled = new AtomicReference<>();
        Thread consumer = startDaemon("consumer", () -> polled.set(queue.poll()));
        awaitParked(consumer);
        assertNull(polled.get());

        releaseSink.countDown();
        drainer.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
        consumer.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
        assertFalse(drainer.isAlive());
        assertFalse(consumer.isAlive());
        assertEquals(1, drained.get());
        assertEquals(List.of(1), sink);
        assertEquals(2, polled.get());
        assertEquals(List.of(3, 4, 5), contents(queue));
    }

    /**
     * A drain of every element keeps the put lock until it has taken effect (see drainTo's linearization
     * point): a producer waits for it, and its element is not left behind by a drain that has already
     * decided how many to move.
     */
    @Test
    void aFullDrainKeepsProducersOutUntilItIsDone() throws Exception {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 1);
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch releaseSink = new CountDownLatch(1);
        List<Integer> sink = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                sinkEntered.countDown();
                try {
                    releaseSink.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return super.add(element);
            }
        };
        AtomicReference<Integer> drained = new AtomicReference<>();
        Thread drainer = startDaemon("drainer", () -> drained.set(queue.drainTo(sink)));
        assertTrue(sinkEntered.await(PROMPT_SECONDS, TimeUnit.SECONDS));

        Thread producer = startDaemon("producer", () -> queue.offer(2));
        awaitParked(producer); // on the put lock, which the drainer holds
        assertEquals(1, queue.size());
        assertEquals(7, queue.remainingCapacity());

        releaseSink.countDown();
        drainer.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
        producer.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
        assertFalse(drainer.isAlive());
        assertFalse(producer.isAlive());
        assertEquals(1, drained.get());
        assertEquals(List.of(1), sink);
        assertEquals(List.of(2), contents(queue));
    }

    // ---- Iterator -----------------------------------------------------------------------------------

    @Test
    void theIteratorSkipsDequeuedAndRemovedNodesAndReturnsItsCachedElement() {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 1, 2, 3, 4, 5);
        Iterator<Integer> iterator = queue.iterator(); // stands on 1
        assertEquals(1, queue.poll()); // 1's node becomes the dummy
        assertEquals(2, queue.poll()); // and is dequeued: it links to itself
        assertTrue(queue.remove(4)); // 4's node is unlinked, its item nulled
        List<Integer> seen = new ArrayList<>();
        iterator.forEachRemaining(seen::add);
        // 1 was in the queue when the iterator reached it; from its self-linked node the walk restarts
        // at the head (3), skips the removed 4, and ends after 5.
        assertEquals(List.of(1, 3, 5), seen);
    }

    @Test
    void theIteratorResumesAfterClear() {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 1, 2, 3);
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(1, iterator.next()); // stands on 2 now
        queue.clear();
        queue.offer(7);
        assertTrue(iterator.hasNext());
        assertEquals(2, iterator.next()); // cached before the clear
        assertEquals(7, iterator.next()); // from the self-linked node, to the new head
        assertFalse(iterator.hasNext());
    }

    @Test
    void iteratorRemoveOfAnElementAlreadyTakenChangesNothing() {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 1, 2, 3);
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(1, iterator.next());
        assertEquals(1, queue.poll());
        iterator.remove(); // 1 is gone already
        assertEquals(List.of(2, 3), contents(queue));
        assertEquals(2, queue.size());
        assertThrows(IllegalStateException.class, iterator::remove);
    }

    @Test
    void iteratorRemoveRemovesThatNodeNotAnEqualOne() {
        TwoLockLinkedQueue<Integer> queue = queueOf(8, 7, 1, 7, 2, 7);
        Iterator<Integer> iterator = queue.iterator();
        int index = 0;
        while (iterator.hasNext()) {
            iterator.next();
            if (index % 2 == 0) {
                iterator.remove(); // the 7s at positions 0, 2 and 4
            }
            index++;
        }
        assertEquals(List.of(1, 2), contents(queue));
        assertTrue(queue.offer(3)); // last was fixed when the last node was removed
        assertEquals(List.of(1, 2, 3), contents(queue));
        assertEquals(3, queue.size());
        assertEquals(5, queue.remainingCapacity());
    }

    /**
     * One producer offers increasing numbers, a consumer polls and another thread removes random ones,
     * while this thread iterates again and again: every iteration must be strictly increasing (FIFO,
     * never an element twice), and never throw.
     */
    @Test
    void iterationUnderConcurrentRemovalIsFifoAndNeverRepeats() throws Exception {
        TwoLockLinkedQueue<Integer> queue = new TwoLockLinkedQueue<>(64);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        workers.add(startDaemon("producer", () -> {
            try {
                for (int next = 0; !stop.get(); next++) {
                    queue.offer(next, 1, TimeUnit.MILLISECONDS);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        workers.add(startDaemon("consumer", () -> {
            try {
                while (!stop.get()) {
                    queue.poll(1, TimeUnit.MILLISECONDS);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        workers.add(startDaemon("remover", () -> {
            try {
                while (!stop.get()) {
                    Integer head = queue.peek();
                    if (head != null) {
                        queue.remove(head + ThreadLocalRandom.current().nextInt(8));
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }));
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            int iterations = 0;
            while (System.nanoTime() < deadline || iterations < 100) {
                int previous = Integer.MIN_VALUE;
                Iterator<Integer> iterator = queue.iterator();
                while (iterator.hasNext()) {
                    int element = iterator.next();
                    assertTrue(element > previous, "the iterator returned " + element + " after " + previous);
                    previous = element;
                    if ((element & 7) == 0) {
                        iterator.remove();
                    }
                }
                iterations++;
            }
        } finally {
            stop.set(true);
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
            }
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
        // The links and the count still agree.
        assertEquals(queue.size(), contents(queue).size());
        assertEquals(queue.size(), queue.toArray().length);
    }

    // ---- drainTo ----------------------------------------------------------------------------------

    @Test
    void drainToWithNoRoomOrNothingToMoveMovesNothing() {
        TwoLockLinkedQueue<Integer> queue = queueOf(4, 1, 2);
        List<Integer> sink = new ArrayList<>();
        assertEquals(0, queue.drainTo(sink, 0));
        assertEquals(0, queue.drainTo(sink, -1));
        assertEquals(List.of(), sink);
        assertEquals(List.of(1, 2), contents(queue));
        assertEquals(1, queue.drainTo(sink, 1));
        assertEquals(1, queue.drainTo(sink, 5)); // only one was left
        assertEquals(0, queue.drainTo(sink)); // empty
        assertEquals(List.of(1, 2), sink);
        assertTrue(queue.isEmpty());
        assertTrue(queue.offer(3)); // and it still works
        assertEquals(3, queue.peek());
    }

    @Test
    void drainToValidatesItsArgumentsBeforeMaxElements() {
        TwoLockLinkedQueue<Integer> queue = queueOf(4, 1);
        assertThrows(NullPointerException.class, () -> queue.drainTo(null, 0));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue, 0));
        assertEquals(List.of(1), contents(queue));
    }

    @Test
    void aFailingSinkLeavesTheQueueConsistent() {
        TwoLockLinkedQueue<Integer> queue = queueOf(4, 1, 2, 3, 4);
        List<Integer> sink = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                if (element == 3) {
                    throw new IllegalStateException("no 3s here");
                }
                return super.add(element);
            }
        };
        assertThrows(IllegalStateException.class, () -> queue.drainTo(sink));
        assertEquals(List.of(1, 2), sink);
        assertEquals(List.of(3, 4), contents(queue));
        assertEquals(2, queue.size());
        assertEquals(2, queue.remainingCapacity());
        assertTrue(queue.offer(5));
        assertTrue(queue.offer(6));
        assertFalse(queue.offer(7));
        assertEquals(3, queue.poll());
        assertEquals(List.of(4, 5, 6), contents(queue));
    }

    @Test
    void drainingAFullQueueWakesEveryWaitingPutter() throws Exception {
        TwoLockLinkedQueue<Integer> queue = queueOf(3, 1, 2, 3);
        List<Thread> putters = new ArrayList<>();
        for (int index = 0; index < 3; index++) {
            int element = 10 + index;
            Thread putter = startDaemon("putter-" + index, () -> {
                try {
                    queue.put(element);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putters.add(putter);
            awaitParked(putter);
        }
        assertEquals(3, queue.drainTo(new ArrayList<>())); // one signal; the putters cascade
        for (Thread putter : putters) {
            putter.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
            assertFalse(putter.isAlive(), putter.getName() + " was not woken");
        }
        assertEquals(3, queue.size());
    }

    @Test
    void clearingAFullQueueWakesEveryWaitingPutter() throws Exception {
        TwoLockLinkedQueue<Integer> queue = queueOf(2, 1, 2);
        List<Thread> putters = new ArrayList<>();
        for (int index = 0; index < 2; index++) {
            int element = 10 + index;
            Thread putter = startDaemon("putter-" + index, () -> {
                try {
                    queue.put(element);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            putters.add(putter);
            awaitParked(putter);
        }
        queue.clear();
        for (Thread putter : putters) {
            putter.join(TimeUnit.SECONDS.toMillis(PROMPT_SECONDS));
            assertFalse(putter.isAlive(), putter.getName() + " was not woken");
        }
        assertEquals(2, queue.size());
    }

    // ---- toString ---------------------------------------------------------------------------------

    @Test
    void toStringListsTheElementsInFifoOrder() {
        assertEquals("[]", new TwoLockLinkedQueue<Integer>().toString());
        TwoLockLinkedQueue<Integer> queue = queueOf(4, 3, 1, 2);
        assertEquals("[3, 1, 2]", queue.toString());
        queue.poll();
        queue.remove(2);
        assertEquals("[1]", queue.toString());
    }

    @Test
    void toStringOfAQueueThatContainsItselfDoesNotRecurse() {
        TwoLockLinkedQueue<Object> queue = new TwoLockLinkedQueue<>();
        queue.offer("a");
        queue.offer(queue);
        assertEquals("[a, (this Collection)]", queue.toString());
    }
}
