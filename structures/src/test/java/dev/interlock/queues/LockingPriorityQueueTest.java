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
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The {@link BlockingQueueContract} for a bounded {@link LockingPriorityQueue} whose comparator,
 * {@link #TIES}, finds every pair equal: equal elements leave in the order they came, so the queue is FIFO
 * and the whole inherited FIFO contract applies unchanged. The tests that follow are specific to the
 * priority order: natural and comparator order, stability among equal elements, a randomized comparison
 * with a sequential model, the snapshot iterator, bad input and a throwing comparator that change nothing,
 * capacity and growth, blocking and waking, drainTo, bulk removal, and concurrent producers and consumers.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class LockingPriorityQueueTest extends BlockingQueueContract {

    /** Finds every pair equal: with the queue's stability, a FIFO queue. Of Object, so that any element ties. */
    static final Comparator<Object> TIES = (a, b) -> 0;

    /** Orders by tens, so 10 to 19 tie: the order among them is the order of arrival. For non-negative values. */
    private static final Comparator<Integer> BY_TENS = Comparator.comparingInt(value -> value / 10);

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new LockingPriorityQueue<>(capacity, TIES);
    }

    @Override
    protected boolean bounded() {
        return true;
    }

    private static <E> LockingPriorityQueue<E> queueOf(int capacity, Comparator<? super E> order,
            List<? extends E> elements) {
        LockingPriorityQueue<E> queue = new LockingPriorityQueue<>(capacity, order);
        for (E element : elements) {
            assertTrue(queue.offer(element));
        }
        return queue;
    }

    /** Polls the queue empty, in the order poll returns the elements. */
    private static <E> List<E> drain(BlockingQueue<E> queue) {
        List<E> drained = new ArrayList<>();
        for (E element = queue.poll(); element != null; element = queue.poll()) {
            drained.add(element);
        }
        return drained;
    }

    /** The queue's elements by its iterator. */
    private static <E> List<E> iterated(BlockingQueue<E> queue) {
        List<E> elements = new ArrayList<>();
        queue.iterator().forEachRemaining(elements::add);
        return elements;
    }

    /** Asserts that {@code expected} and {@code actual} hold the very same objects, in order. */
    private static void assertSameElements(List<?> expected, List<?> actual) {
        assertEquals(expected.size(), actual.size(), () -> "expected " + expected + " but was " + actual);
        for (int index = 0; index < expected.size(); index++) {
            int at = index;
            assertSame(expected.get(index), actual.get(index), () -> "at " + at + ": expected " + expected
                    + " but was " + actual);
        }
    }

    // ---- Priority order ----------------------------------------------------------------------------

    @Test
    void naturalOrderingTakesTheLeastFirstAndPeekAgrees() throws InterruptedException {
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>();
        for (int element : new int[] {5, 3, 9, 1, 7, 3, 8, 2}) {
            assertTrue(queue.offer(element));
        }
        List<Integer> taken = new ArrayList<>();
        while (!queue.isEmpty()) {
            Integer head = queue.peek();
            assertEquals(head, queue.element());
            Integer next = taken.size() % 2 == 0 ? queue.poll() : queue.take();
            assertEquals(head, next);
            taken.add(next);
            if (taken.size() == 3) {
                assertTrue(queue.offer(0)); // less than the head: becomes the head
                assertEquals(0, queue.peek());
            }
        }
        assertEquals(List.of(1, 2, 3, 0, 3, 5, 7, 8, 9), taken);
        assertNull(queue.peek());
        assertNull(queue.poll());
    }

    @Test
    void aComparatorDecidesTheOrder() throws InterruptedException {
        LockingPriorityQueue<String> queue = new LockingPriorityQueue<>(Comparator.reverseOrder());
        for (String element : List.of("b", "d", "a", "e", "c")) {
            queue.put(element);
        }
        assertEquals("e", queue.peek());
        assertEquals("e", queue.take());
        assertEquals("d", queue.poll());
        assertEquals("c", queue.remove());
        assertTrue(queue.offer("z"));
        assertEquals("z", queue.peek());
        assertEquals(List.of("z", "b", "a"), drain(queue));
    }

    // ---- Stability ---------------------------------------------------------------------------------

    @Test
    void equalElementsLeaveInTheOrderTheyCame() {
        Comparator<Tagged> byKey = Comparator.comparingInt(tagged -> tagged.key);
        List<LockingPriorityQueue<Tagged>> queues =
                List.of(new LockingPriorityQueue<>(), new LockingPriorityQueue<>(16, byKey));
        for (LockingPriorityQueue<Tagged> queue : queues) {
            Tagged a1 = new Tagged(1, "a1");
            Tagged c1 = new Tagged(2, "c1");
            Tagged a2 = new Tagged(1, "a2");
            Tagged b1 = new Tagged(0, "b1");
            Tagged a3 = new Tagged(1, "a3");
            Tagged c2 = new Tagged(2, "c2");
            Tagged b2 = new Tagged(0, "b2");
            for (Tagged element : List.of(a1, c1, a2, b1, a3, c2, b2)) {
                assertTrue(queue.offer(element));
            }
            assertEquals("[b1, b2, a1, a2, a3, c1, c2]", queue.toString());
            assertSame(b1, queue.poll());
            Tagged a4 = new Tagged(1, "a4");
            assertTrue(queue.offer(a4));
            assertSame(b2, queue.poll());
            assertSame(a1, queue.poll());
            assertTrue(queue.remove(new Tagged(1, "probe"))); // the first of the equal ones: a2
            Tagged b3 = new Tagged(0, "b3");
            assertTrue(queue.offer(b3));
            assertTrue(queue.removeIf(element -> element == c1));
            assertEquals("[b3, a3, a4, c2]", queue.toString());
            assertSameElements(List.of(b3, a3, a4, c2), drain(queue));
        }
    }

    /**
     * An early element, then a long stream of elements equal to it and of lesser ones: the lesser ones
     * leave first, but none of the equal ones overtakes the early one, nor one that came before it.
     */
    @Test
    void aLongStreamOfEqualElementsNeverOvertakesAnEarlierOne() {
        LockingPriorityQueue<Tagged> queue = new LockingPriorityQueue<>();
        Tagged early = new Tagged(5, "early");
        assertTrue(queue.offer(early));
        ArrayDeque<Tagged> equals = new ArrayDeque<>(List.of(early));
        for (int round = 0; round < 10_000; round++) {
            Tagged later = new Tagged(5, "later" + round);
            assertTrue(queue.offer(later));
            equals.add(later);
            Tagged lesser = new Tagged(round % 5, "lesser" + round);
            assertTrue(queue.offer(lesser));
            assertSame(lesser, queue.poll());
            assertSame(equals.peekFirst(), queue.peek());
            if (round % 3 == 0) {
                assertSame(equals.pollFirst(), queue.poll());
            }
        }
        assertSameElements(new ArrayList<>(equals), drain(queue));
    }

    @Test
    void removeObjectRemovesTheEqualElementThatPollWouldReachFirst() {
        LockingPriorityQueue<Tagged> queue = new LockingPriorityQueue<>();
        Tagged x1 = new Tagged(3, "x1");
        Tagged y = new Tagged(1, "y");
        Tagged x2 = new Tagged(3, "x2");
        Tagged x3 = new Tagged(3, "x3");
        for (Tagged element : List.of(x1, y, x2, x3)) {
            assertTrue(queue.offer(element));
        }
        assertTrue(queue.remove(new Tagged(3, "probe")));
        assertSameElements(List.of(y, x2, x3), iterated(queue));
        assertTrue(queue.remove(x3)); // equal to x2 too: x2 goes, as poll would reach it first
        assertSameElements(List.of(y, x3), iterated(queue));
        assertFalse(queue.remove(new Tagged(4, "absent")));
        assertFalse(queue.remove(null));
        assertFalse(queue.remove("y"));
        assertSameElements(List.of(y, x3), drain(queue));
    }

    /** Equal by name, ordered by priority: remove(Object) follows the poll order, not the arrival order. */
    @Test
    void removeObjectFollowsThePollOrderWhenEqualsIgnoresThePriority() {
        LockingPriorityQueue<Job> queue = new LockingPriorityQueue<>(Comparator.comparingInt(job -> job.priority));
        Job lateA = new Job("a", 5);
        Job b = new Job("b", 1);
        Job earlyA = new Job("a", 2);
        Job lastA = new Job("a", 9);
        for (Job job : List.of(lateA, b, earlyA, lastA)) {
            assertTrue(queue.offer(job));
        }
        assertTrue(queue.remove(new Job("a", 0)));
        assertSameElements(List.of(b, lateA, lastA), iterated(queue));
        assertTrue(queue.remove(new Job("a", 0)));
        assertSameElements(List.of(b, lastA), drain(queue));
    }

    // ---- A sequential model ------------------------------------------------------------------------

    /** An element of the model: its value, and its number in the order of arrival. */
    private record Arrival(int value, long number) {
    }

    /** The queue as a list in arrival order: the next to leave is the first with the least key. */
    private static final class Model {
        private final List<Arrival> arrivals = new ArrayList<>();

        private long nextNumber;

        void add(int value) {
            arrivals.add(new Arrival(value, nextNumber++));
        }

        int size() {
            return arrivals.size();
        }

        /** The order in which poll returns the elements: by key, equal keys by arrival (List.sort is stable). */
        List<Arrival> pollOrder() {
            List<Arrival> order = new ArrayList<>(arrivals);
            order.sort(Comparator.comparing(Arrival::value, BY_TENS));
            return order;
        }

        List<Integer> pollOrderValues() {
            return pollOrder().stream().map(Arrival::value).collect(Collectors.toList());
        }

        Integer poll() {
            if (arrivals.isEmpty()) {
                return null;
            }
            Arrival head = pollOrder().get(0);
            arrivals.remove(head);
            return head.value();
        }

        /** Equal values have equal keys: the one poll reaches first is the first to have arrived. */
        boolean remove(int value) {
            for (Iterator<Arrival> iterator = arrivals.iterator(); iterator.hasNext(); ) {
                if (iterator.next().value() == value) {
                    iterator.remove();
                    return true;
                }
            }
            return false;
        }

        boolean removeIf(Predicate<Integer> filter) {
            return arrivals.removeIf(arrival -> filter.test(arrival.value()));
        }

        boolean removeOccurrence(Arrival arrival) {
            return arrivals.remove(arrival);
        }
    }

    /**
     * Random offers, polls, remove(Object), removeIf, iterator removals (sometimes after the heap has moved),
     * drainTo, peek and contains, against {@link Model}; after each step, toString, size, remaining capacity
     * and a full iteration must agree with the model's poll order. Offers come in phases of growth and
     * shrinkage, so the queues of capacity 17 and the unbounded one grow past their first array.
     */
    @Test
    void randomOperationsAgreeWithASequentialModel() {
        int unbounded = Integer.MAX_VALUE;
        for (int capacity : new int[] {1, 2, 3, 17, unbounded}) {
            Random random = new Random(capacity);
            LockingPriorityQueue<Integer> queue = capacity == unbounded ? new LockingPriorityQueue<>(BY_TENS)
                    : new LockingPriorityQueue<>(capacity, BY_TENS);
            Model model = new Model();
            int largest = 0;
            for (int step = 0; step < 10_000; step++) {
                String where = "capacity " + capacity + ", step " + step;
                int value = random.nextInt(60);
                int offers = (step / 500) % 2 == 0 ? 8 : 2;
                int operation = random.nextInt(offers + 6) - offers;
                switch (operation) {
                    case 0 -> assertEquals(model.poll(), queue.poll(), where);
                    case 1 -> assertEquals(model.remove(value), queue.remove(value), where);
                    case 2 -> assertEquals(model.removeIf(element -> element == value),
                            queue.removeIf(element -> element == value), where);
                    case 3 -> removeTheNthThroughTheIterator(queue, model, random, where);
                    case 4 -> {
                        int maxElements = random.nextInt(5) - 1;
                        List<Integer> expected = new ArrayList<>();
                        while (expected.size() < maxElements && model.size() > 0) {
                            expected.add(model.poll());
                        }
                        List<Integer> target = new ArrayList<>();
                        assertEquals(expected.size(), queue.drainTo(target, maxElements), where);
                        assertEquals(expected, target, where);
                    }
                    case 5 -> {
                        List<Integer> order = model.pollOrderValues();
                        assertEquals(order.isEmpty() ? null : order.get(0), queue.peek(), where);
                        assertEquals(order.contains(value), queue.contains(value), where);
                    }
                    default -> {
                        boolean room = model.size() < capacity;
                        if (room) {
                            model.add(value);
                        }
                        assertEquals(room, queue.offer(value), where);
                    }
                }
                List<Integer> expected = model.pollOrderValues();
                assertEquals(expected.toString(), queue.toString(), where);
                assertEquals(expected.size(), queue.size(), where);
                assertEquals(capacity == unbounded ? unbounded : capacity - expected.size(),
                        queue.remainingCapacity(), where);
                assertEquals(expected, iterated(queue), where);
                largest = Math.max(largest, expected.size());
            }
            assertTrue(largest >= Math.min(capacity, 100), "capacity " + capacity + ": only " + largest
                    + " elements at most, the test proved little");
        }
    }

    /**
     * Walks the queue's iterator and the model's poll order to a random position and removes there; half the
     * time an offer and a poll come between the next() and the remove(), moving the heap and perhaps
     * removing the very occurrence, which the iterator's remove must then leave alone.
     */
    private static void removeTheNthThroughTheIterator(LockingPriorityQueue<Integer> queue, Model model,
            Random random, String where) {
        List<Arrival> order = model.pollOrder();
        int index = random.nextInt(order.size() + 1);
        Iterator<Integer> iterator = queue.iterator();
        for (int position = 0; position <= index; position++) {
            assertEquals(position < order.size(), iterator.hasNext(), where);
            if (position == order.size()) {
                assertThrows(NoSuchElementException.class, iterator::next, where);
                return;
            }
            assertEquals(order.get(position).value(), iterator.next(), where);
        }
        if (random.nextBoolean()) {
            int value = random.nextInt(60);
            assertEquals(model.poll(), queue.poll(), where);
            if (model.size() < queue.capacity()) {
                model.add(value);
                assertTrue(queue.offer(value), where);
            }
        }
        model.removeOccurrence(order.get(index)); // if it is still there
        iterator.remove();
        assertThrows(IllegalStateException.class, iterator::remove, where);
    }

    // ---- Iterators, arrays, strings and streams ----------------------------------------------------

    @Test
    void iteratorArraysStringAndStreamShowThePollOrder() {
        // Keys 3, 1, 3, 0, 1, 3, 1, 0: by key, and by arrival among equal keys.
        LockingPriorityQueue<Integer> queue = queueOf(8, BY_TENS, List.of(31, 12, 30, 5, 11, 33, 10, 1));
        List<Integer> pollOrder = List.of(5, 1, 12, 11, 10, 31, 30, 33);
        assertEquals(pollOrder, iterated(queue));
        assertArrayEquals(pollOrder.toArray(), queue.toArray());
        assertArrayEquals(pollOrder.toArray(new Integer[0]), queue.toArray(new Integer[0]));
        assertEquals(Integer[].class, queue.toArray(new Integer[3]).getClass());
        Integer[] larger = {-1, -1, -1, -1, -1, -1, -1, -1, -1, -1};
        assertSame(larger, queue.toArray(larger));
        assertArrayEquals(new Integer[] {5, 1, 12, 11, 10, 31, 30, 33, null, -1}, larger);
        assertThrows(NullPointerException.class, () -> queue.toArray((Integer[]) null));
        assertThrows(ArrayStoreException.class, () -> queue.toArray(new String[0]));
        assertEquals(pollOrder.toString(), queue.toString());
        assertEquals(pollOrder, queue.stream().collect(Collectors.toList()));
        assertEquals(pollOrder, drain(queue));
        assertEquals("[]", queue.toString());
        assertEquals(0, queue.toArray().length);
    }

    @Test
    void theIteratorIsASnapshotThatLaterChangesDoNotAffect() {
        LockingPriorityQueue<Integer> queue = queueOf(8, null, List.of(4, 2, 5, 1, 3));
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(1, iterator.next());
        assertEquals(1, queue.poll());
        assertEquals(2, queue.poll());
        assertTrue(queue.offer(0));
        assertTrue(queue.offer(6));
        assertTrue(queue.remove(4));
        List<Integer> rest = new ArrayList<>();
        iterator.forEachRemaining(rest::add);
        assertEquals(List.of(2, 3, 4, 5), rest);
        assertFalse(iterator.hasNext());
        assertThrows(NoSuchElementException.class, iterator::next);
        List<Integer> seen = new ArrayList<>();
        for (Integer element : queue) { // changing the queue under a for-each: no ConcurrentModificationException
            seen.add(element);
            queue.poll();
            queue.offer(element + 100);
        }
        assertEquals(List.of(0, 3, 5, 6), seen);
        assertEquals("[100, 103, 105, 106]", queue.toString());
    }

    @Test
    void iteratorRemoveRemovesTheOccurrenceItReturnedWhereverTheHeapMovedIt() {
        LockingPriorityQueue<Tagged> queue = new LockingPriorityQueue<>(16, null);
        Tagged a = new Tagged(2, "a");
        Tagged b = new Tagged(2, "b");
        Tagged c = new Tagged(2, "c");
        Tagged d = new Tagged(1, "d");
        Tagged e = new Tagged(3, "e");
        Tagged f = new Tagged(0, "f");
        for (Tagged element : List.of(a, b, c, d, e, f)) {
            assertTrue(queue.offer(element));
        }
        Iterator<Tagged> iterator = queue.iterator();
        assertSame(f, iterator.next());
        assertSame(d, iterator.next());
        assertSame(a, iterator.next());
        assertSame(b, iterator.next());
        assertSame(f, queue.poll()); // the heap moves
        assertSame(d, queue.poll());
        Tagged g = new Tagged(0, "g");
        Tagged h = new Tagged(2, "h");
        assertTrue(queue.offer(g));
        assertTrue(queue.offer(h));
        iterator.remove(); // b, not a nor c nor h, which equal it
        assertSameElements(List.of(g, a, c, h, e), iterated(queue));
        assertSame(c, iterator.next());
        iterator.remove();
        assertSameElements(List.of(g, a, h, e), drain(queue));
    }

    @Test
    void iteratorRemoveOfAnOccurrenceAlreadyGoneDoesNothing() {
        LockingPriorityQueue<Tagged> queue = new LockingPriorityQueue<>(4);
        Tagged original = new Tagged(1, "original");
        Tagged equal = new Tagged(1, "equal");
        assertTrue(queue.offer(original));
        Iterator<Tagged> iterator = queue.iterator();
        assertSame(original, iterator.next());
        assertSame(original, queue.poll());
        assertTrue(queue.offer(equal)); // equal, but another occurrence
        assertTrue(queue.offer(original)); // the same object, but another occurrence
        iterator.remove();
        assertSameElements(List.of(equal, original), iterated(queue));
        assertEquals(2, queue.size());
    }

    @Test
    void iteratorRemoveNeedsAPrecedingNext() {
        LockingPriorityQueue<Integer> queue = queueOf(4, null, List.of(2, 1));
        Iterator<Integer> iterator = queue.iterator();
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals(1, iterator.next());
        iterator.remove();
        assertThrows(IllegalStateException.class, iterator::remove);
        assertEquals("[2]", queue.toString());
        assertEquals(2, iterator.next());
        assertThrows(NoSuchElementException.class, iterator::next);
        iterator.remove();
        assertTrue(queue.isEmpty());
    }

    // ---- Bad input ---------------------------------------------------------------------------------

    @Test
    void aNullElementIsRefusedByEveryInsertionAndChangesNothing() {
        for (LockingPriorityQueue<Integer> queue : List.of(queueOf(4, null, List.of(2, 1)),
                queueOf(4, BY_TENS, List.of(2, 1)))) {
            assertThrows(NullPointerException.class, () -> queue.offer(null));
            assertThrows(NullPointerException.class, () -> queue.add(null));
            assertThrows(NullPointerException.class, () -> queue.put(null));
            assertThrows(NullPointerException.class, () -> queue.offer(null, 1, TimeUnit.MILLISECONDS));
            assertEquals(2, queue.size());
            assertEquals(2, queue.remainingCapacity());
            assertEquals(queue.comparator() == null ? List.of(1, 2) : List.of(2, 1), drain(queue));
        }
        LockingPriorityQueue<Integer> unbounded = new LockingPriorityQueue<>();
        assertThrows(NullPointerException.class, () -> unbounded.offer(null));
        assertThrows(NullPointerException.class, () -> unbounded.put(null));
        assertTrue(unbounded.isEmpty());
    }

    @Test
    void aNonComparableElementInANaturalOrderQueueThrowsClassCastExceptionAndChangesNothing() {
        Object alien = new Object();
        for (LockingPriorityQueue<Object> queue : List.of(new LockingPriorityQueue<>(),
                new LockingPriorityQueue<>(4))) {
            assertThrows(ClassCastException.class, () -> queue.offer(alien)); // even into an empty queue
            assertTrue(queue.isEmpty());
            assertTrue(queue.offer("b"));
            assertTrue(queue.offer("a"));
            assertThrows(ClassCastException.class, () -> queue.offer(alien));
            assertThrows(ClassCastException.class, () -> queue.add(alien));
            assertThrows(ClassCastException.class, () -> queue.put(alien));
            assertThrows(ClassCastException.class, () -> queue.offer(alien, 1, TimeUnit.MILLISECONDS));
            assertEquals("[a, b]", queue.toString());
            assertEquals(2, queue.size());
            assertTrue(queue.offer("c"));
            assertEquals(List.of("a", "b", "c"), drain(queue));
        }
    }

    @Test
    void aComparableOfAnotherTypeThrowsClassCastExceptionAndChangesNothing() {
        LockingPriorityQueue<String> strings = new LockingPriorityQueue<>(8);
        for (String element : List.of("b", "a", "c")) {
            assertTrue(strings.offer(element));
        }
        @SuppressWarnings({"unchecked", "rawtypes"}) // deliberately: Integers into a queue of Strings
        BlockingQueue<Object> raw = (BlockingQueue) strings;
        assertThrows(ClassCastException.class, () -> raw.offer(1));
        assertThrows(ClassCastException.class, () -> raw.add(2));
        assertThrows(ClassCastException.class, () -> raw.put(3));
        assertThrows(ClassCastException.class, () -> raw.offer(4, 1, TimeUnit.MILLISECONDS));
        assertEquals("[a, b, c]", strings.toString());
        assertEquals(3, strings.size());
        assertEquals(5, strings.remainingCapacity());
        assertEquals(List.of("a", "b", "c"), drain(strings));
    }

    // ---- A comparator that throws ------------------------------------------------------------------

    /** What a {@link Fuse} throws. */
    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Boom(String message) {
            super(message);
        }
    }

    /** Orders by {@link #BY_TENS}, and throws {@link Boom} on any comparison of the element it is armed with. */
    private static final class Fuse implements Comparator<Integer> {
        /** No element: disarmed. */
        private static final int NONE = -1;

        private volatile int poison = NONE;

        void arm(int element) {
            poison = element;
        }

        void disarm() {
            poison = NONE;
        }

        @Override
        public int compare(Integer a, Integer b) {
            if (a == poison || b == poison) {
                throw new Boom("compared " + a + " with " + b);
            }
            return BY_TENS.compare(a, b);
        }
    }

    /** A call on the queue that may throw. */
    @FunctionalInterface
    private interface QueueCall {
        void call(LockingPriorityQueue<Integer> queue) throws Exception;
    }

    /**
     * Offered in key order (with ties), so the heap's array is in this order and 99, the largest, is last:
     * removing the head or an element below it compares 99, and so does any sort of the whole queue.
     */
    private static final List<Integer> FUSED = List.of(10, 11, 20, 21, 30, 31, 40, 99);

    /**
     * Fills a queue with {@link #FUSED}, arms its comparator with {@code poison}, and asserts that
     * {@code call} rethrows the comparator's exception and left the queue exactly as it was.
     */
    private static void assertAFailedCallChangesNothing(int poison, QueueCall call) {
        assertAFailedCallChangesNothing(FUSED, poison, call);
    }

    /** As above, on a queue filled with {@code elements}. */
    private static void assertAFailedCallChangesNothing(List<Integer> elements, int poison, QueueCall call) {
        Fuse fuse = new Fuse();
        LockingPriorityQueue<Integer> queue = queueOf(16, fuse, elements);
        List<Object> before = Arrays.asList(queue.toArray());
        fuse.arm(poison);
        assertThrows(Boom.class, () -> call.call(queue));
        fuse.disarm();
        assertHeldInPriorityOrder(before, queue);
    }

    /** The queue holds exactly {@code expected}, in its poll order, and its heap is in order: polls agree. */
    private static void assertHeldInPriorityOrder(List<?> expected, LockingPriorityQueue<Integer> queue) {
        assertEquals(expected, Arrays.asList(queue.toArray()));
        assertEquals(expected.size(), queue.size());
        List<Integer> drained = drain(queue);
        assertEquals(expected, drained, "the heap is out of order");
        for (int index = 1; index < drained.size(); index++) {
            assertTrue(BY_TENS.compare(drained.get(index - 1), drained.get(index)) <= 0, "not sorted: " + drained);
        }
    }

    @Test
    void aComparatorThatThrowsInAnInsertionChangesNothing() {
        assertAFailedCallChangesNothing(55, queue -> queue.offer(55));
        assertAFailedCallChangesNothing(55, queue -> queue.add(55));
        assertAFailedCallChangesNothing(55, queue -> queue.put(55));
        assertAFailedCallChangesNothing(55, queue -> queue.offer(55, 1, TimeUnit.MILLISECONDS));
        assertAFailedCallChangesNothing(55, queue -> queue.addAll(List.of(55)));
    }

    /**
     * The comparator throws only after its first answers have decided that elements must move: a sift that
     * moved them as it compared would leave one duplicated and another gone.
     */
    @Test
    void aComparatorThatThrowsAfterAMoveWasDecidedChangesNothing() {
        // 5 is less than everything: it passes 21 and 11 on its way up, then meets 10 at the root.
        assertAFailedCallChangesNothing(10, queue -> queue.offer(5));
        // Removing the head: 11 moves up, then 30 is compared below it.
        assertAFailedCallChangesNothing(30, LockingPriorityQueue::poll);
        assertAFailedCallChangesNothing(30, queue -> queue.remove(10));
        assertAFailedCallChangesNothing(30, queue -> queue.drainTo(new ArrayList<>()));
        // The heap [10, 50, 20, 51, 52, 21, 22]: removing 51 moves the last, 22, up past 50, then meets 10.
        List<Integer> siftUp = List.of(10, 50, 20, 51, 52, 21, 22);
        assertAFailedCallChangesNothing(siftUp, 10, queue -> queue.remove(51));
        Fuse fuse = new Fuse();
        LockingPriorityQueue<Integer> queue = queueOf(16, fuse, siftUp);
        List<Object> before = Arrays.asList(queue.toArray());
        Iterator<Integer> iterator = queue.iterator();
        for (Object element : before.subList(0, before.indexOf(51) + 1)) {
            assertEquals(element, iterator.next());
        }
        fuse.arm(10);
        assertThrows(Boom.class, iterator::remove);
        fuse.disarm();
        assertHeldInPriorityOrder(before, queue);
    }

    @Test
    void aComparatorThatThrowsInAnInsertionThatGrewTheArrayChangesNothing() {
        Fuse fuse = new Fuse();
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>(fuse);
        for (int element = 0; element < 160; element += 10) {
            assertTrue(queue.offer(element)); // 16: the first array is full
        }
        List<Object> before = Arrays.asList(queue.toArray());
        fuse.arm(500);
        assertThrows(Boom.class, () -> queue.offer(500));
        fuse.disarm();
        assertEquals(before, Arrays.asList(queue.toArray()));
        assertTrue(queue.offer(500));
        assertTrue(queue.offer(5));
        List<Object> after = new ArrayList<>(before);
        after.add(1, 5); // ties with 0, after it
        after.add(500);
        assertHeldInPriorityOrder(after, queue);
    }

    @Test
    void aComparatorThatThrowsInARemovalOfTheHeadChangesNothing() {
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::poll);
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::take);
        assertAFailedCallChangesNothing(99, queue -> queue.poll(1, TimeUnit.MILLISECONDS));
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::remove);
    }

    @Test
    void aComparatorThatThrowsInRemoveObjectOrIteratorRemoveChangesNothing() {
        assertAFailedCallChangesNothing(99, queue -> queue.remove(20));
        assertAFailedCallChangesNothing(99, queue -> queue.remove(11));
        Fuse fuse = new Fuse();
        LockingPriorityQueue<Integer> queue = queueOf(16, fuse, FUSED);
        List<Object> before = Arrays.asList(queue.toArray());
        Iterator<Integer> iterator = queue.iterator();
        assertEquals(10, iterator.next());
        assertEquals(11, iterator.next());
        assertEquals(20, iterator.next());
        fuse.arm(99);
        assertThrows(Boom.class, iterator::remove);
        fuse.disarm();
        assertHeldInPriorityOrder(before, queue);
    }

    @Test
    void aComparatorThatThrowsInDrainToChangesNothingOrKeepsWhatItDidNotMove() {
        assertAFailedCallChangesNothing(99, queue -> queue.drainTo(new ArrayList<>()));
        assertAFailedCallChangesNothing(99, queue -> queue.drainTo(new ArrayList<>(), 3));
        Fuse fuse = new Fuse();
        LockingPriorityQueue<Integer> queue = queueOf(16, fuse, FUSED);
        List<Integer> target = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                boolean added = super.add(element);
                if (size() == 2) {
                    fuse.arm(99); // the third removal compares 99
                }
                return added;
            }
        };
        assertThrows(Boom.class, () -> queue.drainTo(target));
        fuse.disarm();
        assertEquals(List.of(10, 11), target);
        assertEquals(10, queue.remainingCapacity());
        assertHeldInPriorityOrder(List.of(20, 21, 30, 31, 40, 99), queue);
    }

    @Test
    void aComparatorThatThrowsInABulkRemovalChangesNothing() {
        assertAFailedCallChangesNothing(99, queue -> queue.removeIf(element -> element == 10));
        assertAFailedCallChangesNothing(99, queue -> queue.removeAll(List.of(20, 31)));
        assertAFailedCallChangesNothing(99, queue -> queue.retainAll(List.of(11, 21, 99)));
    }

    @Test
    void aComparatorThatThrowsInASnapshotChangesNothing() {
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::iterator);
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::toArray);
        assertAFailedCallChangesNothing(99, queue -> queue.toArray(new Integer[0]));
        assertAFailedCallChangesNothing(99, LockingPriorityQueue::toString);
        assertAFailedCallChangesNothing(99, queue -> queue.stream().count());
    }

    // ---- Capacity ----------------------------------------------------------------------------------

    @Test
    void aCapacityBelowOneIsRejectedByEveryBoundedConstructor() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
            String message = "capacity must be positive, but was " + capacity;
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> new LockingPriorityQueue<Integer>(capacity)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> new LockingPriorityQueue<>(capacity, BY_TENS)).getMessage());
            assertEquals(message, assertThrows(IllegalArgumentException.class,
                    () -> new LockingPriorityQueue<>(capacity, BY_TENS, true)).getMessage());
        }
    }

    @Test
    void aCapacityBeyondTheLargestArrayIsRejected() {
        for (int capacity : new int[] {LockingPriorityQueue.MAX_CAPACITY + 1, Integer.MAX_VALUE}) {
            List<Executable> constructors = List.of(() -> new LockingPriorityQueue<Integer>(capacity),
                    () -> new LockingPriorityQueue<>(capacity, BY_TENS),
                    () -> new LockingPriorityQueue<>(capacity, null, false));
            for (Executable constructor : constructors) {
                String message = assertThrows(IllegalArgumentException.class, constructor).getMessage();
                assertTrue(message.contains("exceeds the largest array"), message);
                assertTrue(message.contains(String.valueOf(capacity)), message);
            }
        }
        assertEquals(LockingPriorityQueue.MAX_CAPACITY,
                new LockingPriorityQueue<Integer>(LockingPriorityQueue.MAX_CAPACITY).capacity());
    }

    @Test
    void eachConstructorReportsItsCapacityComparatorAndFairness() {
        Comparator<Integer> order = Comparator.reverseOrder();
        int unbounded = Integer.MAX_VALUE;
        assertAccessors(new LockingPriorityQueue<>(), unbounded, null, false);
        assertAccessors(new LockingPriorityQueue<>(order), unbounded, order, false);
        assertAccessors(new LockingPriorityQueue<>((Comparator<Integer>) null), unbounded, null, false);
        assertAccessors(new LockingPriorityQueue<>(5), 5, null, false);
        assertAccessors(new LockingPriorityQueue<>(5, order), 5, order, false);
        assertAccessors(new LockingPriorityQueue<>(5, order, true), 5, order, true);
        assertAccessors(new LockingPriorityQueue<>(1, null, false), 1, null, false);
    }

    private static void assertAccessors(LockingPriorityQueue<Integer> queue, int capacity,
            Comparator<Integer> comparator, boolean fair) {
        assertEquals(capacity, queue.capacity());
        assertSame(comparator, queue.comparator());
        assertEquals(fair, queue.isFair());
        assertEquals(capacity, queue.remainingCapacity());
    }

    @Test
    void anUnboundedQueueReportsNoLimitAndGrowsPastAThousandElements() throws InterruptedException {
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>();
        Random random = new Random(42);
        List<Integer> offered = new ArrayList<>();
        for (int index = 0; index < 1_500; index++) {
            Integer element = random.nextInt(1_000);
            offered.add(element);
            if (index % 3 == 0) {
                queue.put(element);
            } else {
                assertTrue(queue.offer(element));
            }
            assertEquals(Integer.MAX_VALUE, queue.remainingCapacity());
        }
        assertEquals(Integer.MAX_VALUE, queue.capacity());
        assertEquals(1_500, queue.size());
        offered.sort(null);
        assertEquals(offered, iterated(queue));
        assertEquals(offered, drain(queue));
    }

    @Test
    void aQueueOfCapacityThreeRefusesTheFourthAndAddSaysQueueFull() {
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>(3);
        assertTrue(queue.offer(3));
        assertTrue(queue.add(1));
        assertTrue(queue.offer(2));
        assertEquals(0, queue.remainingCapacity());
        assertFalse(queue.offer(0)); // even the least
        assertEquals("Queue full", assertThrows(IllegalStateException.class, () -> queue.add(0)).getMessage());
        assertEquals("[1, 2, 3]", queue.toString());
        assertEquals(1, queue.poll());
        assertTrue(queue.offer(0));
        assertFalse(queue.offer(4));
        assertEquals(List.of(0, 2, 3), drain(queue));
    }

    // ---- Blocking ----------------------------------------------------------------------------------

    private static Thread startPutter(BlockingQueue<Integer> queue, int element) {
        return start("putter-" + element, new AtomicReference<>(), () -> {
            queue.put(element);
            return "put";
        });
    }

    /** Starts one putter per element and waits until each waits. */
    private static List<Thread> startWaitingPutters(BlockingQueue<Integer> queue, int... elements)
            throws InterruptedException {
        List<Thread> putters = new ArrayList<>();
        for (int element : elements) {
            Thread putter = startPutter(queue, element);
            awaitParked(putter);
            putters.add(putter);
        }
        return putters;
    }

    /** Waits until {@code count} of the putters have ended, then checks that the others still wait. */
    private static void awaitPuttersEnded(List<Thread> putters, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (putters.stream().filter(putter -> !putter.isAlive()).count() < count) {
            assertTrue(System.nanoTime() < deadline, "a freed slot did not wake a putter");
            Thread.sleep(1);
        }
        for (Thread putter : putters) {
            if (putter.isAlive()) {
                awaitParked(putter);
            }
        }
        assertEquals(count, putters.stream().filter(putter -> !putter.isAlive()).count());
    }

    @Test
    void aPutOnAFullQueueWaitsForATakeAndThenTakesItsPlaceInPriorityOrder() throws Exception {
        LockingPriorityQueue<Integer> queue = queueOf(3, null, List.of(8, 2, 5));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = start("putter", outcome, () -> {
            queue.put(4);
            return "put";
        });
        awaitParked(putter);
        assertEquals("[2, 5, 8]", queue.toString());
        assertEquals(2, queue.take());
        awaitEnd(putter);
        assertEquals("put", outcome.get());
        assertEquals("[4, 5, 8]", queue.toString());
        assertEquals(4, queue.peek());
    }

    @Test
    void aTakeWaitsForAPutAndGetsTheHead() throws Exception {
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>(4, Comparator.reverseOrder());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = start("taker", outcome, queue::take);
        awaitParked(taker);
        queue.put(7);
        awaitEnd(taker);
        assertEquals(7, outcome.get());
        queue.put(1);
        queue.put(9);
        assertEquals(9, queue.take());
        assertEquals(1, queue.take());
    }

    @Test
    void drainToWakesAWaitingPutterPerFreedSlot() throws Exception {
        LockingPriorityQueue<Integer> queue = queueOf(3, null, List.of(10, 20, 30));
        List<Thread> putters = startWaitingPutters(queue, 3, 1, 2);
        List<Integer> target = new ArrayList<>();
        assertEquals(2, queue.drainTo(target, 2));
        assertEquals(List.of(10, 20), target);
        awaitPuttersEnded(putters, 2);
        assertEquals(3, queue.size());
        assertEquals(3, queue.drainTo(target));
        awaitPuttersEnded(putters, 3);
        target.addAll(drain(queue));
        assertEquals(List.of(1, 2, 3, 10, 20, 30), target.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void clearWakesAWaitingPutterPerFreedSlot() throws Exception {
        LockingPriorityQueue<Integer> queue = queueOf(3, null, List.of(10, 20, 30));
        List<Thread> putters = startWaitingPutters(queue, 3, 1, 2, 4);
        queue.clear();
        awaitPuttersEnded(putters, 3);
        assertEquals(3, queue.size());
        List<Integer> taken = new ArrayList<>();
        taken.add(queue.take());
        awaitPuttersEnded(putters, 4);
        List<Integer> left = drain(queue);
        assertEquals(left.stream().sorted().collect(Collectors.toList()), left);
        taken.addAll(left);
        assertEquals(List.of(1, 2, 3, 4), taken.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void removeIfWakesAWaitingPutterPerRemovedElement() throws Exception {
        LockingPriorityQueue<Integer> queue = queueOf(3, null, List.of(10, 20, 30));
        List<Thread> putters = startWaitingPutters(queue, 3, 1, 2);
        assertTrue(queue.removeIf(element -> element >= 20));
        awaitPuttersEnded(putters, 2);
        List<Integer> taken = new ArrayList<>();
        taken.add(queue.take());
        awaitPuttersEnded(putters, 3);
        List<Integer> left = drain(queue);
        assertEquals(left.stream().sorted().collect(Collectors.toList()), left);
        taken.addAll(left);
        assertEquals(List.of(1, 2, 3, 10), taken.stream().sorted().collect(Collectors.toList()));
    }

    @Test
    void removeObjectAndIteratorRemoveWakeAWaitingPutter() throws Exception {
        LockingPriorityQueue<Integer> queue = queueOf(3, null, List.of(10, 20, 30));
        List<Thread> putters = startWaitingPutters(queue, 3, 1);
        assertTrue(queue.remove(20));
        awaitPuttersEnded(putters, 1);
        Iterator<Integer> iterator = queue.iterator();
        iterator.next();
        iterator.next();
        iterator.remove();
        awaitPuttersEnded(putters, 2);
        assertEquals(3, queue.size());
        assertTrue(queue.contains(1));
        assertTrue(queue.contains(3));
    }

    @Test
    void timedOfferAndPollTimeOutAndChangeNothing() throws InterruptedException {
        LockingPriorityQueue<Integer> full = queueOf(2, null, List.of(5, 3));
        assertFalse(full.offer(1, 0, TimeUnit.SECONDS));
        assertFalse(full.offer(1, -1, TimeUnit.SECONDS));
        assertFalse(full.offer(1, 20, TimeUnit.MILLISECONDS));
        assertEquals("[3, 5]", full.toString());
        assertEquals(0, full.remainingCapacity());
        LockingPriorityQueue<Integer> empty = new LockingPriorityQueue<>(2, BY_TENS);
        assertNull(empty.poll(0, TimeUnit.SECONDS));
        assertNull(empty.poll(20, TimeUnit.MILLISECONDS));
        assertTrue(empty.isEmpty());
        assertTrue(empty.offer(7, 20, TimeUnit.MILLISECONDS));
        assertEquals(7, empty.poll(20, TimeUnit.MILLISECONDS));
    }

    @Test
    void anInterruptOnEntryThrowsAndChangesNothing() {
        LockingPriorityQueue<Integer> queue = queueOf(4, null, List.of(2, 1));
        List<Executable> calls = List.of(() -> queue.put(0), () -> queue.offer(0, 1, TimeUnit.SECONDS),
                queue::take, () -> queue.poll(1, TimeUnit.SECONDS));
        for (Executable call : calls) {
            Thread.currentThread().interrupt();
            assertThrows(InterruptedException.class, call);
            assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
            assertEquals("[1, 2]", queue.toString());
        }
        assertEquals(List.of(1, 2), drain(queue));
    }

    // ---- drainTo -----------------------------------------------------------------------------------

    @Test
    void drainToMovesInPriorityOrderUpToTheMaximum() {
        // Keys 3, 1, 3, 0, 1, 3: the poll order is 5, 12, 11, 31, 30, 33.
        LockingPriorityQueue<Integer> queue = queueOf(8, BY_TENS, List.of(31, 12, 30, 5, 11, 33));
        List<Integer> target = new ArrayList<>(List.of(-1));
        assertEquals(0, queue.drainTo(target, 0));
        assertEquals(0, queue.drainTo(target, -3));
        assertEquals(2, queue.drainTo(target, 2));
        assertEquals(List.of(-1, 5, 12), target);
        assertEquals("[11, 31, 30, 33]", queue.toString());
        assertTrue(queue.offer(1));
        assertEquals(5, queue.drainTo(target));
        assertEquals(List.of(-1, 5, 12, 1, 11, 31, 30, 33), target);
        assertTrue(queue.isEmpty());
        assertEquals(8, queue.remainingCapacity());
        assertEquals(0, queue.drainTo(target));
    }

    @Test
    void drainToRejectsANullTargetAndTheQueueItself() {
        LockingPriorityQueue<Integer> queue = queueOf(4, null, List.of(2, 1));
        assertThrows(NullPointerException.class, () -> queue.drainTo(null));
        assertThrows(NullPointerException.class, () -> queue.drainTo(null, 1));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue));
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(queue, 1));
        assertEquals(List.of(1, 2), drain(queue));
    }

    @Test
    void drainToThatFailsMidwayHasMovedTheFirstAndKeepsTheRestInOrder() {
        // Keys 4, 1, 3, 2, 5, 1: the poll order is 10, 11, 20, 30, 40, 50.
        LockingPriorityQueue<Integer> queue = queueOf(8, BY_TENS, List.of(40, 10, 30, 20, 50, 11));
        List<Integer> target = new ArrayList<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public boolean add(Integer element) {
                if (element == 30) {
                    throw new IllegalArgumentException("no thirties");
                }
                return super.add(element);
            }
        };
        assertThrows(IllegalArgumentException.class, () -> queue.drainTo(target));
        assertEquals(List.of(10, 11, 20), target);
        assertEquals("[30, 40, 50]", queue.toString());
        assertEquals(3, queue.size());
        assertEquals(5, queue.remainingCapacity());
        assertTrue(queue.offer(35));
        assertEquals(List.of(30, 35, 40, 50), drain(queue));
    }

    // ---- Bulk removal ------------------------------------------------------------------------------

    @Test
    void removeIfRemoveAllAndRetainAllRemoveTheRightElementsAndKeepThePriorityOrder() {
        // Keys 4, 1, 3, 0, 1, 3, 0, 4, 3, 1: the poll order is 7, 2, 12, 14, 11, 31, 30, 33, 45, 48.
        LockingPriorityQueue<Integer> queue = queueOf(16, BY_TENS, List.of(45, 12, 31, 7, 14, 30, 2, 48, 33, 11));
        assertEquals("[7, 2, 12, 14, 11, 31, 30, 33, 45, 48]", queue.toString());
        assertTrue(queue.removeIf(element -> element % 2 == 1));
        assertEquals("[2, 12, 14, 30, 48]", queue.toString());
        assertFalse(queue.removeIf(element -> element > 100));
        assertTrue(queue.offer(13));
        assertTrue(queue.offer(1));
        assertEquals("[2, 1, 12, 14, 13, 30, 48]", queue.toString());
        assertTrue(queue.removeAll(List.of(12, 48, 99)));
        assertEquals("[2, 1, 14, 13, 30]", queue.toString());
        assertFalse(queue.removeAll(List.of(99)));
        assertTrue(queue.retainAll(List.of(1, 13, 30, 77)));
        assertEquals("[1, 13, 30]", queue.toString());
        assertFalse(queue.retainAll(List.of(1, 13, 30)));
        assertEquals(13, queue.remainingCapacity());
        assertThrows(NullPointerException.class, () -> queue.removeIf(null));
        assertThrows(NullPointerException.class, () -> queue.removeAll(null));
        assertThrows(NullPointerException.class, () -> queue.retainAll(null));
        assertEquals(List.of(1, 13, 30), drain(queue));
    }

    @Test
    void removeIfWhosePredicateThrowsRemovesNothing() {
        LockingPriorityQueue<Integer> queue = queueOf(4, null, List.of(3, 1, 2));
        assertThrows(IllegalStateException.class, () -> queue.removeIf(element -> {
            if (element == 3) {
                throw new IllegalStateException("boom");
            }
            return true;
        }));
        assertEquals("[1, 2, 3]", queue.toString());
        assertEquals(List.of(1, 2, 3), drain(queue));
    }

    @Test
    void removeIfWhosePredicateOffersThrowsConcurrentModificationAndRemovesNothing() {
        LockingPriorityQueue<Integer> queue = queueOf(8, null, List.of(3, 1, 2));
        AtomicBoolean offered = new AtomicBoolean();
        assertThrows(ConcurrentModificationException.class, () -> queue.removeIf(element -> {
            if (offered.compareAndSet(false, true)) {
                assertTrue(queue.offer(0));
            }
            return true;
        }));
        assertEquals("[0, 1, 2, 3]", queue.toString()); // the predicate's offer stands; nothing is removed
        assertEquals(List.of(0, 1, 2, 3), drain(queue));
    }

    @Test
    void removeIfWhosePredicatePollsAndOffersThrowsConcurrentModificationAndRemovesNothing() {
        LockingPriorityQueue<Integer> queue = queueOf(8, null, List.of(3, 1, 2));
        AtomicBoolean changed = new AtomicBoolean();
        assertThrows(ConcurrentModificationException.class, () -> queue.removeIf(element -> {
            if (changed.compareAndSet(false, true)) {
                assertEquals(1, queue.poll());
                assertTrue(queue.offer(9)); // the size is as it was
            }
            return element > 1;
        }));
        assertEquals("[2, 3, 9]", queue.toString()); // the predicate's changes stand; nothing more is removed
        assertEquals(List.of(2, 3, 9), drain(queue));
    }

    /**
     * A predicate that polls is told so by a ConcurrentModificationException, like one that offers; it must
     * not be handed a null for an element that its poll moved away.
     */
    @Test
    void removeIfWhosePredicatePollsThrowsConcurrentModificationAndIsNeverGivenANull() {
        LockingPriorityQueue<Integer> queue = queueOf(8, null, List.of(3, 1, 2));
        AtomicBoolean polled = new AtomicBoolean();
        assertThrows(ConcurrentModificationException.class, () -> queue.removeIf(element -> {
            if (polled.compareAndSet(false, true)) {
                assertEquals(1, queue.poll());
            }
            return element.intValue() > 1; // Collection.removeIf never passes a null of a null-free queue
        }));
        assertEquals("[2, 3]", queue.toString());
    }

    // ---- Concurrency -------------------------------------------------------------------------------

    /** Random priorities in [0, bound), one per element number; reproducible. */
    private static int[] randomPriorities(int count, int bound, long seed) {
        Random random = new Random(seed);
        int[] priorities = new int[count];
        for (int index = 0; index < count; index++) {
            priorities[index] = random.nextInt(bound);
        }
        return priorities;
    }

    /** Rethrows what the thread that ran into {@code outcome} threw. */
    private static void assertNoFailure(String name, AtomicReference<Object> outcome) {
        if (outcome.get() instanceof Throwable thrown) {
            throw new AssertionError(name + " failed", thrown);
        }
    }

    /**
     * Producers put elements of random priorities (each element its own number) through a small queue while
     * consumers take them: every element must be taken exactly once. The consumers stop at a sentinel, put
     * after the producers finished, that compares after every element.
     */
    @Test
    void producersAndConsumersOfRandomPrioritiesLoseAndDuplicateNothing() throws Exception {
        int producers = 2;
        int consumers = 2;
        int perProducer = 50_000;
        int total = producers * perProducer;
        int[] priorities = randomPriorities(total + consumers, 50, 1);
        Arrays.fill(priorities, total, total + consumers, Integer.MAX_VALUE); // the sentinels
        LockingPriorityQueue<Integer> queue =
                new LockingPriorityQueue<>(64, Comparator.comparingInt(element -> priorities[element]));
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        List<Thread> producerThreads = new ArrayList<>();
        List<AtomicReference<Object>> producerOutcomes = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            AtomicReference<Object> outcome = new AtomicReference<>();
            producerOutcomes.add(outcome);
            producerThreads.add(start("producer-" + p, outcome, () -> {
                for (int index = 0; index < perProducer; index++) {
                    queue.put(producer * perProducer + index);
                }
                return "done";
            }));
        }
        List<Thread> consumerThreads = new ArrayList<>();
        List<AtomicReference<Object>> consumerOutcomes = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            consumerOutcomes.add(outcome);
            consumerThreads.add(start("consumer-" + c, outcome, () -> {
                int taken = 0;
                while (true) {
                    int element = queue.take();
                    if (element >= total) {
                        return taken;
                    }
                    if (received.getAndIncrement(element) != 0) {
                        throw new AssertionError("element " + element + " was taken twice");
                    }
                    taken++;
                }
            }));
        }
        for (int p = 0; p < producers; p++) {
            awaitEnd(producerThreads.get(p));
            assertNoFailure("producer-" + p, producerOutcomes.get(p));
        }
        for (int sentinel = total; sentinel < total + consumers; sentinel++) {
            queue.put(sentinel);
        }
        int taken = 0;
        for (int c = 0; c < consumers; c++) {
            awaitEnd(consumerThreads.get(c));
            assertNoFailure("consumer-" + c, consumerOutcomes.get(c));
            taken += (Integer) consumerOutcomes.get(c).get();
        }
        for (int element = 0; element < total; element++) {
            assertEquals(1, received.get(element), "element " + element + " was lost");
        }
        assertEquals(total, taken);
        assertTrue(queue.isEmpty());
    }

    /**
     * Producers offer elements of random priorities at the same time; when they are done, a consumer takes
     * everything: by priority, and each producer's equal elements in the order it offered them.
     */
    @Test
    void aConsumerThatStartsAfterTheProducersTakesEverythingInPriorityOrder() throws Exception {
        int producers = 2;
        int perProducer = 10_000;
        int total = producers * perProducer;
        int[] priorities = randomPriorities(total, 100, 2);
        LockingPriorityQueue<Integer> queue =
                new LockingPriorityQueue<>(Comparator.comparingInt(element -> priorities[element]));
        List<Thread> producerThreads = new ArrayList<>();
        List<AtomicReference<Object>> producerOutcomes = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int producer = p;
            AtomicReference<Object> outcome = new AtomicReference<>();
            producerOutcomes.add(outcome);
            producerThreads.add(start("producer-" + p, outcome, () -> {
                for (int index = 0; index < perProducer; index++) {
                    assertTrue(queue.offer(producer * perProducer + index));
                }
                return "done";
            }));
        }
        for (int p = 0; p < producers; p++) {
            awaitEnd(producerThreads.get(p));
            assertNoFailure("producer-" + p, producerOutcomes.get(p));
        }
        assertEquals(total, queue.size());
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread consumer = start("consumer", outcome, () -> {
            List<Integer> taken = new ArrayList<>();
            for (int count = 0; count < total; count++) {
                taken.add(queue.take());
            }
            return taken;
        });
        awaitEnd(consumer);
        assertNoFailure("consumer", outcome);
        @SuppressWarnings("unchecked") // the consumer returns its List<Integer>
        List<Integer> taken = (List<Integer>) outcome.get();
        boolean[] seen = new boolean[total];
        for (int index = 0; index < total; index++) {
            int element = taken.get(index);
            assertFalse(seen[element], "element " + element + " was taken twice");
            seen[element] = true;
            if (index > 0) {
                int previous = taken.get(index - 1);
                assertTrue(priorities[previous] <= priorities[element],
                        "element " + element + " (priority " + priorities[element] + ") came after element "
                                + previous + " (priority " + priorities[previous] + ")");
            }
        }
        int[] lastOfProducerAtPriority = new int[producers * 100];
        Arrays.fill(lastOfProducerAtPriority, -1);
        for (int element : taken) {
            int slot = (element / perProducer) * 100 + priorities[element];
            assertTrue(element > lastOfProducerAtPriority[slot], "equal elements of one producer out of order: "
                    + element + " after " + lastOfProducerAtPriority[slot]);
            lastOfProducerAtPriority[slot] = element;
        }
        assertTrue(queue.isEmpty());
    }

    /**
     * One producer puts 0, 1, 2, ... through a small queue in which the even numbers all tie and come before
     * the odd ones, which all tie: one consumer must see each class in increasing order.
     */
    @Test
    void equalElementsFromOneProducerReachOneConsumerInArrivalOrder() throws Exception {
        int count = 100_000;
        LockingPriorityQueue<Integer> queue = new LockingPriorityQueue<>(16, Comparator.comparingInt(element -> element % 2));
        AtomicReference<Object> producerOutcome = new AtomicReference<>();
        Thread producer = start("producer", producerOutcome, () -> {
            for (int element = 0; element < count; element++) {
                queue.put(element);
            }
            return "done";
        });
        AtomicReference<Object> consumerOutcome = new AtomicReference<>();
        Thread consumer = start("consumer", consumerOutcome, () -> {
            int[] last = {-2, -1};
            for (int taken = 0; taken < count; taken++) {
                int element = queue.take();
                int parity = element % 2;
                if (element <= last[parity]) {
                    throw new AssertionError(element + " came after " + last[parity] + ", which it ties with");
                }
                last[parity] = element;
            }
            return "done";
        });
        awaitEnd(producer);
        awaitEnd(consumer);
        assertNoFailure("producer", producerOutcome);
        assertNoFailure("consumer", consumerOutcome);
        assertTrue(queue.isEmpty());
    }

    // ---- Helpers -----------------------------------------------------------------------------------

    /** Equal by key, distinct by identity, ordered by key: to tell equal occurrences apart. */
    private static final class Tagged implements Comparable<Tagged> {
        private final int key;

        private final String name;

        Tagged(int key, String name) {
            this.key = key;
            this.name = name;
        }

        @Override
        public int compareTo(Tagged other) {
            return Integer.compare(key, other.key);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tagged tagged && tagged.key == key;
        }

        @Override
        public int hashCode() {
            return key;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Equal by name, whatever the priority: equals need not agree with the order. */
    private static final class Job {
        private final String name;

        private final int priority;

        Job(String name, int priority) {
            this.name = name;
            this.priority = priority;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Job job && job.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return name + "@" + priority;
        }
    }
}
