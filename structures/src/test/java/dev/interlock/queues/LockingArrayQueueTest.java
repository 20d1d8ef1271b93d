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

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@link BlockingQueue} contract for the non-fair {@link LockingArrayQueue}, and the behaviour
 * specific to it: capacity validation, fairness, drainTo and bulk removal edges, toString, and the
 * weakly consistent iterator under interior removals and concurrent offers and polls.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class LockingArrayQueueTest extends BlockingQueueContract {

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new LockingArrayQueue<>(capacity);
    }

    @Override
    protected boolean bounded() {
        return true;
    }

    /** A queue of the kind under test (fair in {@link FairLockingArrayQueueTest}). */
    protected <E> LockingArrayQueue<E> newSpecificQueue(int capacity) {
        return new LockingArrayQueue<>(capacity);
    }

    private LockingArrayQueue<Integer> queueOf(int capacity, Integer... elements) {
        LockingArrayQueue<Integer> queue = newSpecificQueue(capacity);
        for (Integer element : elements) {
            assertTrue(queue.offer(element));
        }
        return queue;
    }

    // ---- Construction and accessors ---------------------------------------------------------------

    @Test
    void capacityMustBePositive() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException nonFair =
                    assertThrows(IllegalArgumentException.class, () -> new LockingArrayQueue<>(capacity));
            assertEquals("capacity must be positive, but was " + capacity, nonFair.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new LockingArrayQueue<>(capacity, true));
        }
        for (int capacity : new int[] {Integer.MAX_VALUE, LockingArrayQueue.MAX_CAPACITY + 1}) {
            IllegalArgumentException tooLarge =
                    assertThrows(IllegalArgumentException.class, () -> new LockingArrayQueue<>(capacity));
            assertTrue(tooLarge.getMessage().contains("exceeds the largest array a JVM allocates, "
                    + LockingArrayQueue.MAX_CAPACITY), tooLarge.getMessage());
        }
    }

    @Test
    void capacityAndFairnessAreReported() {
        assertEquals(5, new LockingArrayQueue<>(5).capacity());
        assertFalse(new LockingArrayQueue<>(5).isFair());
        assertTrue(new LockingArrayQueue<>(5, true).isFair());
        assertFalse(new LockingArrayQueue<>(5, false).isFair());
    }

    @Test
    void capacityNeedNotBeAPowerOfTwo() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(3);
        for (int round = 0; round < 10; round++) {
            assertTrue(queue.offer(round));
            assertTrue(queue.offer(round + 100));
            assertTrue(queue.offer(round + 200));
            assertFalse(queue.offer(-1));
            assertEquals(0, queue.remainingCapacity());
            assertEquals(round, queue.poll());
            assertEquals(round + 100, queue.poll());
            assertEquals(round + 200, queue.poll());
            assertNull(queue.poll());
        }
    }

    @Test
    void addWhenFullThrowsQueueFull() {
        LockingArrayQueue<Integer> queue = queueOf(1, 1);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> queue.add(2));
        assertEquals("Queue full", full.getMessage());
        assertEquals(List.of(1), Arrays.asList(queue.toArray()));
    }

    // ---- toString and toArray ---------------------------------------------------------------------

    @Test
    void toStringListsTheElementsInOrderAcrossTheWrap() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(3);
        assertEquals("[]", queue.toString());
        queue.offer(1);
        queue.offer(2);
        assertEquals("[1, 2]", queue.toString());
        queue.poll();
        queue.offer(3);
        queue.offer(4); // wraps around
        assertEquals("[2, 3, 4]", queue.toString());
    }

    @Test
    void toArrayIntoAnArrayFillsItOrReplacesIt() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(4);
        queue.offer(0);
        queue.poll();
        queue.offer(1);
        queue.offer(2);
        queue.offer(3);
        queue.offer(4); // wraps around
        Integer[] large = {9, 9, 9, 9, 9, 9};
        assertSame(large, queue.toArray(large));
        assertArrayEquals(new Integer[] {1, 2, 3, 4, null, 9}, large);
        Integer[] small = new Integer[1];
        Integer[] replaced = queue.toArray(small);
        assertArrayEquals(new Integer[] {1, 2, 3, 4}, replaced);
        assertEquals(Integer[].class, replaced.getClass());
        assertThrows(ArrayStoreException.class, () -> queue.toArray(new String[4]));
        assertThrows(NullPointerException.class, () -> queue.toArray((Integer[]) null));
        assertArrayEquals(new Object[] {1, 2, 3, 4}, queue.toArray());
    }

    // ---- drainTo -----------------------------------------------------------------------------------

    @Test
    void drainToRejectsBadTargetsAndChangesNothing() {
        LockingArrayQueue<Integer> queue = queueOf(4, 1, 2);
        assertThrows(NullPointerException.class, () -> queue.drainTo(null));
        assertThrows(NullPointerException.class, () -> queue.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue, 1));
        List<Integer> target = new ArrayList<>();
        assertEquals(0, queue.drainTo(target, 0));
        assertEquals(0, queue.drainTo(target, -5));
        assertEquals(List.of(), target);
        assertEquals("[1, 2]", queue.toString());
    }

    @Test
    void drainToTransfersInFifoOrderUpToTheMaximum() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(4);
        queue.offer(0);
        queue.offer(0);
        queue.poll();
        queue.poll();
        for (int element = 1; element <= 4; element++) {
            queue.offer(element); // wraps around
        }
        List<Integer> target = new ArrayList<>(List.of(0));
        assertEquals(3, queue.drainTo(target, 3));
        assertEquals(List.of(0, 1, 2, 3), target);
        assertEquals("[4]", queue.toString());
        assertEquals(1, queue.drainTo(target));
        assertEquals(List.of(0, 1, 2, 3, 4), target);
        assertEquals(0, queue.drainTo(target));
        assertTrue(queue.isEmpty());
        assertEquals(4, queue.remainingCapacity());
    }

    @Test
    void drainToThatFailsMidwayKeepsTheUntransferredElements() {
        LockingArrayQueue<Integer> queue = queueOf(8, 1, 2, 3, 4, 5);
        List<Integer> target = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                if (element == 3) {
                    throw new IllegalArgumentException("no threes");
                }
                return super.add(element);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(target));
        assertEquals(List.of(1, 2), target);
        assertEquals("[3, 4, 5]", queue.toString());
        assertEquals(3, queue.size());
        assertEquals(5, queue.remainingCapacity());
        assertTrue(queue.offer(6));
        assertEquals("[3, 4, 5, 6]", queue.toString());
    }

    @Test
    void drainToWakesBlockedProducers() throws InterruptedException {
        LockingArrayQueue<Integer> queue = queueOf(2, 1, 2);
        Thread first = startPutter(queue, 3);
        Thread second = startPutter(queue, 4);
        awaitBlocked(first);
        awaitBlocked(second);
        assertEquals(2, queue.drainTo(new ArrayList<>()));
        first.join();
        second.join();
        assertEquals(2, queue.size());
    }

    // ---- Bulk removal ------------------------------------------------------------------------------

    @Test
    void removeIfRemovesTheSelectedElementsAndKeepsTheOrderAcrossTheWrap() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(6);
        for (int element = 0; element < 4; element++) {
            queue.offer(-1);
            queue.poll();
        }
        for (int element = 1; element <= 6; element++) {
            queue.offer(element); // starts at slot 4, wraps around
        }
        assertTrue(queue.removeIf(element -> element % 2 == 0));
        assertEquals("[1, 3, 5]", queue.toString());
        assertFalse(queue.removeIf(element -> element > 10));
        assertEquals(3, queue.remainingCapacity());
        for (int element = 7; element <= 9; element++) {
            assertTrue(queue.offer(element));
        }
        assertFalse(queue.offer(10));
        assertEquals("[1, 3, 5, 7, 8, 9]", queue.toString());
        assertTrue(queue.removeAll(List.of(1, 9, 42)));
        assertEquals("[3, 5, 7, 8]", queue.toString());
        assertTrue(queue.retainAll(List.of(5, 8)));
        assertEquals("[5, 8]", queue.toString());
        assertFalse(queue.retainAll(List.of(5, 8)));
        assertTrue(queue.removeIf(element -> true));
        assertTrue(queue.isEmpty());
        assertEquals("[]", queue.toString());
        assertThrows(NullPointerException.class, () -> queue.removeIf(null));
        assertThrows(NullPointerException.class, () -> queue.removeAll(null));
        assertThrows(NullPointerException.class, () -> queue.retainAll(null));
    }

    @Test
    void removeIfWhosePredicateThrowsRemovesNothing() {
        LockingArrayQueue<Integer> queue = queueOf(4, 1, 2, 3);
        assertThrows(IllegalStateException.class, () -> queue.removeIf(element -> {
            if (element == 3) {
                throw new IllegalStateException("boom");
            }
            return true;
        }));
        assertEquals("[1, 2, 3]", queue.toString());
    }

    @Test
    void removeIfWhosePredicateModifiesTheQueueFailsAndRemovesNothing() {
        LockingArrayQueue<Integer> queue = queueOf(4, 1, 2, 3);
        assertThrows(ConcurrentModificationException.class, () -> queue.removeIf(element -> {
            if (element == 2) {
                queue.offer(4);
            }
            return element == 1;
        }));
        assertEquals("[1, 2, 3, 4]", queue.toString());
    }

    /** A poll shortens the queue under the scan: the predicate must not then be handed an emptied slot. */
    @Test
    void removeIfWhosePredicatePollsFailsAtOnceAndIsNeverGivenANull() {
        LockingArrayQueue<Integer> queue = queueOf(4, 1, 2, 3);
        List<Integer> tested = new ArrayList<>();
        assertThrows(ConcurrentModificationException.class, () -> queue.removeIf(element -> {
            tested.add(element);
            if (element == 1) {
                queue.poll();
            }
            return true;
        }));
        assertEquals(List.of(1), tested);
        assertEquals("[2, 3]", queue.toString());
    }

    @Test
    void removeIfWakesBlockedProducers() throws InterruptedException {
        LockingArrayQueue<Integer> queue = queueOf(2, 1, 2);
        Thread putter = startPutter(queue, 3);
        awaitBlocked(putter);
        assertTrue(queue.removeIf(element -> element == 1));
        putter.join();
        assertEquals("[2, 3]", queue.toString());
    }

    @Test
    void clearWakesBlockedProducers() throws InterruptedException {
        LockingArrayQueue<Integer> queue = queueOf(2, 1, 2);
        Thread first = startPutter(queue, 3);
        Thread second = startPutter(queue, 4);
        awaitBlocked(first);
        awaitBlocked(second);
        queue.clear();
        first.join();
        second.join();
        assertEquals(2, queue.size());
    }

    @Test
    void removeObjectWakesABlockedProducer() throws InterruptedException {
        LockingArrayQueue<Integer> queue = queueOf(3, 1, 2, 3);
        Thread putter = startPutter(queue, 4);
        awaitBlocked(putter);
        assertTrue(queue.remove(2));
        putter.join();
        assertEquals("[1, 3, 4]", queue.toString());
    }

    /** Interior removals shift elements both ways around the ring: compare with a simple model. */
    @Test
    void randomOperationsAgreeWithASequentialModel() {
        for (int capacity : new int[] {1, 2, 3, 5, 8}) {
            Random random = new Random(capacity);
            LockingArrayQueue<Integer> queue = newSpecificQueue(capacity);
            ArrayDeque<Integer> model = new ArrayDeque<>();
            for (int step = 0; step < 20_000; step++) {
                int element = random.nextInt(6);
                switch (random.nextInt(7)) {
                    case 0:
                    case 1:
                        assertEquals(model.size() < capacity && model.add(element), queue.offer(element));
                        break;
                    case 2:
                        assertEquals(model.poll(), queue.poll());
                        break;
                    case 3:
                        assertEquals(model.removeFirstOccurrence(element), queue.remove(element));
                        break;
                    case 4:
                        assertEquals(model.removeIf(value -> value == element), queue.removeIf(value -> value == element));
                        break;
                    case 5:
                        removeTheNthThroughTheIterator(model.iterator(), queue.iterator(), random.nextInt(capacity + 1));
                        break;
                    default:
                        assertEquals(model.peek(), queue.peek());
                        assertEquals(model.contains(element), queue.contains(element));
                        break;
                }
                assertEquals(model.toString(), queue.toString());
                assertEquals(model.size(), queue.size());
                assertEquals(capacity - model.size(), queue.remainingCapacity());
                List<Integer> iterated = new ArrayList<>();
                queue.iterator().forEachRemaining(iterated::add);
                assertEquals(new ArrayList<>(model), iterated);
            }
        }
    }

    private static void removeTheNthThroughTheIterator(Iterator<Integer> model, Iterator<Integer> queue, int index) {
        for (int position = 0; position <= index; position++) {
            assertEquals(model.hasNext(), queue.hasNext());
            if (!model.hasNext()) {
                return;
            }
            assertEquals(model.next(), queue.next());
        }
        model.remove();
        queue.remove();
    }

    // ---- The iterator ------------------------------------------------------------------------------

    @Test
    void iteratorRemoveNeedsAPrecedingNext() {
        LockingArrayQueue<Integer> queue = queueOf(4, 1, 2);
        Iterator<Integer> iterator = queue.iterator();
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals(1, iterator.next());
        iterator.remove();
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals(2, iterator.next());
        assertFalse(iterator.hasNext());
        assertThrows(java.util.NoSuchElementException.class, iterator::next);
        iterator.remove();
        assertTrue(queue.isEmpty());
    }

    @Test
    void iteratorRemoveRemovesTheVerySameOccurrence() {
        LockingArrayQueue<Tagged> queue = newSpecificQueue(4);
        Tagged first = new Tagged(7);
        Tagged second = new Tagged(7);
        Tagged third = new Tagged(7);
        queue.offer(first);
        queue.offer(second);
        queue.offer(third);
        Iterator<Tagged> iterator = queue.iterator();
        assertSame(first, iterator.next());
        assertSame(second, iterator.next());
        iterator.remove();
        Object[] left = queue.toArray();
        assertEquals(2, left.length);
        assertSame(first, left[0]);
        assertSame(third, left[1]);
        assertSame(third, iterator.next());
    }

    @Test
    void iteratorRemoveOfAnElementAlreadyGoneDoesNothing() {
        LockingArrayQueue<Tagged> queue = newSpecificQueue(4);
        Tagged original = new Tagged(1);
        Tagged equalLater = new Tagged(1);
        queue.offer(original);
        Iterator<Tagged> iterator = queue.iterator();
        assertSame(original, iterator.next());
        assertSame(original, queue.poll());
        queue.offer(equalLater); // equal, and in the same slot, but another occurrence
        iterator.remove();
        assertEquals(1, queue.size());
        assertSame(equalLater, queue.peek());
    }

    @Test
    void iteratorSurvivesInteriorRemovalsOnBothSidesOfIt() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(10);
        for (int element = 0; element < 3; element++) {
            queue.offer(-1);
            queue.poll();
        }
        for (int element = 0; element < 10; element++) {
            queue.offer(element); // starts at slot 3, wraps around
        }
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(0, iterator.next());
        assertEquals(1, iterator.next());
        assertEquals(2, iterator.next());
        assertTrue(queue.remove(1)); // behind the iterator, near the head: shifts the head side
        assertTrue(queue.remove(8)); // ahead, near the tail: shifts the tail side
        assertTrue(queue.remove(4)); // ahead, shifts the head side across the iterator's position
        assertTrue(queue.removeIf(element -> element == 6));
        assertTrue(queue.offer(10));
        List<Integer> rest = new ArrayList<>();
        iterator.forEachRemaining(rest::add);
        // 3 was prefetched; 5, 7, 9 were present throughout; 10 may or may not be seen (it is).
        assertEquals(List.of(3, 5, 7, 9, 10), rest);
        assertEquals("[0, 2, 3, 5, 7, 9, 10]", queue.toString());
    }

    @Test
    void iteratorRemoveAfterAShiftRemovesTheRightElement() {
        LockingArrayQueue<Integer> queue = queueOf(8, 0, 1, 2, 3, 4, 5, 6, 7);
        Iterator<Integer> iterator = queue.iterator();
        iterator.next();
        iterator.next();
        assertEquals(2, iterator.next());
        assertTrue(queue.remove(3)); // nearer the head: moves 0, 1 and 2 one slot towards the tail
        iterator.remove(); // still removes 2, in its new slot
        assertEquals("[0, 1, 4, 5, 6, 7]", queue.toString());
        assertEquals(3, iterator.next()); // fetched by the last next(), before its removal (allowed)
        assertEquals(4, iterator.next());
    }

    @Test
    void iteratorOfAFullQueueThatWrapsVisitsEveryElementOnce() {
        LockingArrayQueue<Integer> queue = newSpecificQueue(4);
        queue.offer(-1);
        queue.offer(-1);
        queue.poll();
        queue.poll();
        for (int element = 0; element < 4; element++) {
            queue.offer(element);
        }
        List<Integer> seen = new ArrayList<>();
        for (Integer element : queue) {
            seen.add(element);
        }
        assertEquals(List.of(0, 1, 2, 3), seen);
        assertEquals(List.of(0, 1, 2, 3), queue.stream().collect(java.util.stream.Collectors.toList()));
    }

    /**
     * One thread inserts fresh, increasing numbers and removes odd ones (from the head, by
     * remove(Object) and through an iterator); the even numbers below {@code PINNED} are never
     * removed. Each iteration must return numbers in increasing order (FIFO), never one twice, and
     * every pinned number.
     */
    @Test
    void iteratorIsWeaklyConsistentUnderConcurrentInteriorRemovals() throws InterruptedException {
        final int pinned = 32;
        LockingArrayQueue<Integer> queue = newSpecificQueue(96);
        for (int element = 0; element < pinned; element++) {
            queue.offer(element);
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread mutator = new Thread(() -> {
            try {
                Random random = new Random(1);
                int nextFresh = pinned + 1; // odd: every fresh number is odd, so removable
                while (!stop.get()) {
                    if (queue.remainingCapacity() > 0) {
                        queue.offer(nextFresh);
                        nextFresh += 2;
                    }
                    int victim = 2 * random.nextInt(nextFresh / 2) + 1;
                    if (random.nextBoolean()) {
                        queue.remove(victim);
                    } else {
                        for (Iterator<Integer> iterator = queue.iterator(); iterator.hasNext(); ) {
                            if (iterator.next() == victim) {
                                iterator.remove();
                                break;
                            }
                        }
                    }
                }
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        mutator.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(700);
            int iterations = 0;
            while (System.nanoTime() < deadline || iterations < 100) {
                int previous = -1;
                int pinnedSeen = 0;
                for (Integer element : queue) {
                    assertTrue(element > previous, "out of order or repeated: " + element + " after " + previous);
                    previous = element;
                    if (element < pinned && element % 2 == 0) {
                        pinnedSeen++;
                    }
                }
                assertEquals(pinned / 2, pinnedSeen);
                iterations++;
            }
        } finally {
            stop.set(true);
            mutator.join();
        }
        assertNull(failure.get());
        for (int element = 0; element < pinned; element += 2) {
            assertTrue(queue.contains(element));
        }
    }

    /** A producer offers increasing numbers and a consumer polls them while we iterate. */
    @Test
    void iteratorIsWeaklyConsistentUnderConcurrentOffersAndPolls() throws InterruptedException {
        LockingArrayQueue<Integer> queue = newSpecificQueue(16);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try {
                int next = 0;
                while (!stop.get()) {
                    if (queue.offer(next)) {
                        next++;
                    }
                }
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        Thread consumer = new Thread(() -> {
            try {
                int expected = 0;
                while (!stop.get() || !queue.isEmpty()) {
                    Integer element = queue.poll();
                    if (element != null) {
                        assertEquals(expected++, element);
                    }
                }
            } catch (Throwable thrown) {
                failure.set(thrown);
            }
        });
        producer.start();
        consumer.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
            while (System.nanoTime() < deadline) {
                int previous = -1;
                for (Integer element : queue) {
                    assertTrue(element > previous, "out of order or repeated: " + element + " after " + previous);
                    previous = element;
                }
            }
        } finally {
            stop.set(true);
            producer.join();
            consumer.join();
        }
        assertNull(failure.get());
    }

    // ---- Fairness, interrupts and signals ----------------------------------------------------------

    @Test
    void fairQueueCompletesBlockedPuttersInArrivalOrder() throws InterruptedException {
        LockingArrayQueue<Integer> queue = new LockingArrayQueue<>(1, true);
        queue.put(0);
        List<Thread> putters = new ArrayList<>();
        for (int element = 1; element <= 5; element++) {
            Thread putter = startPutter(queue, element);
            awaitBlocked(putter); // so that they block in this order
            putters.add(putter);
        }
        List<Integer> taken = new ArrayList<>();
        for (int index = 0; index <= 5; index++) {
            taken.add(queue.take());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), taken);
        for (Thread putter : putters) {
            putter.join();
        }
    }

    @Test
    void fairQueueCompletesBlockedTakersInArrivalOrder() throws InterruptedException {
        LockingArrayQueue<Integer> queue = new LockingArrayQueue<>(4, true);
        List<Integer> order = new ArrayList<>();
        List<Thread> takers = new ArrayList<>();
        for (int taker = 0; taker < 4; taker++) {
            final int name = taker;
            Thread thread = new Thread(() -> {
                try {
                    int element = queue.take();
                    synchronized (order) {
                        order.add(name * 10 + element);
                    }
                } catch (InterruptedException unexpected) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            awaitBlocked(thread);
            takers.add(thread);
        }
        for (int element = 0; element < 4; element++) {
            queue.put(element);
            takers.get(element).join(); // the taker that blocked first takes the first element
        }
        assertEquals(List.of(0, 11, 22, 33), order);
    }

    /**
     * Two putters wait on a full queue of one; a slot frees and the first putter is interrupted at
     * about the same time. Whoever wins, the freed slot is used: either the first putter inserted
     * (perhaps with its interrupt status set), or it threw and the second putter inserted. Nothing is
     * lost, nothing duplicated, and no putter is left asleep beside a free slot.
     */
    @Test
    void aSignalRacingAnInterruptIsNeverLost() throws InterruptedException {
        for (int round = 0; round < 150; round++) {
            LockingArrayQueue<Integer> queue = newSpecificQueue(1);
            queue.put(0);
            ConcurrentHashMap<Integer, String> outcomes = new ConcurrentHashMap<>();
            Thread first = startRecordingPutter(queue, 1, outcomes);
            awaitBlocked(first);
            Thread second = startRecordingPutter(queue, 2, outcomes);
            awaitBlocked(second);
            if (round % 2 == 0) {
                first.interrupt();
                assertEquals(0, queue.take());
            } else {
                assertEquals(0, queue.take());
                first.interrupt();
            }
            first.join();
            List<Integer> received = new ArrayList<>();
            received.add(queue.take()); // the freed slot was used by someone: no wake-up lost
            if ("inserted".equals(outcomes.get(1))) {
                received.add(queue.take()); // then the second putter gets the next slot
            }
            second.join();
            assertNull(queue.poll());
            received.sort(null);
            if ("interrupted".equals(outcomes.get(1))) {
                assertEquals(List.of(2), received);
            } else {
                assertEquals("inserted", outcomes.get(1));
                assertEquals(List.of(1, 2), received);
            }
            assertEquals("inserted", outcomes.get(2));
        }
    }

    @Test
    void timedOutOrInterruptedWaitersChangeNothing() throws InterruptedException {
        LockingArrayQueue<Integer> full = queueOf(1, 1);
        assertFalse(full.offer(2, 0, TimeUnit.SECONDS));
        assertFalse(full.offer(2, -1, TimeUnit.SECONDS));
        assertFalse(full.offer(2, 20, TimeUnit.MILLISECONDS));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> full.put(2));
        assertFalse(Thread.interrupted());
        assertEquals("[1]", full.toString());
        LockingArrayQueue<Integer> empty = newSpecificQueue(1);
        assertNull(empty.poll(0, TimeUnit.SECONDS));
        assertNull(empty.poll(20, TimeUnit.MILLISECONDS));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, empty::take);
        assertFalse(Thread.interrupted());
        assertTrue(empty.isEmpty());
    }

    // ---- Helpers -----------------------------------------------------------------------------------

    private static Thread startPutter(BlockingQueue<Integer> queue, int element) {
        Thread putter = new Thread(() -> {
            try {
                queue.put(element);
            } catch (InterruptedException unexpected) {
                Thread.currentThread().interrupt();
            }
        }, "putter-" + element);
        putter.start();
        return putter;
    }

    private static Thread startRecordingPutter(BlockingQueue<Integer> queue, int element,
            ConcurrentHashMap<Integer, String> outcomes) {
        Thread putter = new Thread(() -> {
            try {
                queue.put(element);
                outcomes.put(element, "inserted");
            } catch (InterruptedException expected) {
                outcomes.put(element, "interrupted");
            }
        }, "putter-" + element);
        putter.start();
        return putter;
    }

    /** Waits until {@code thread} is parked (on the queue's condition, since nothing else holds the lock). */
    private static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " did not block: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }

    /** Equal by value, distinct by identity: to tell occurrences apart. */
    private static final class Tagged {
        private final int value;

        Tagged(int value) {
            this.value = value;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tagged && ((Tagged) other).value == value;
        }

        @Override
        public int hashCode() {
            return value;
        }
    }
}
