/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import dev.interlock.locks.ReentrantMutex;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.ConcurrentModificationException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.function.Predicate;

/**
 * <b>Negative control: deliberately broken.</b> {@link LockingPriorityQueue} with one bug, in
 * {@code insert()}: an insertion wakes a taker only when it makes the queue non-empty, so when two
 * puts come before the first woken taker runs, the second taker sleeps beside an element (a lost
 * wake-up).
 *
 * <p>Generated from {@code LockingPriorityQueue.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenSignalLockingPriorityQueue<E> extends AbstractInterlockQueue<E> implements BlockingQueue<E> {
    /*
     * Implementation notes.
     *
     * A binary min-heap (Williams, CACM 1964; Cormen et al., Introduction to Algorithms, ch. 6) in two
     * parallel arrays, under one lock with two conditions, as LockingArrayQueue's monitor: consumers wait on
     * notEmpty while count == 0, producers on notFull while count == capacity. Every field but the final
     * ones is plain: the lock orders every access. Each operation linearizes inside its critical section, at
     * its write of count (a read at the read).
     *
     * Stability. Each insertion takes a sequence number, nextSequence++, kept beside its element. The heap
     * orders by the key (element, sequence): the comparator first, the sequence on a tie. Keys are distinct,
     * so the order is total and the head is the least element that arrived first. 2^63 insertions would
     * wrap the sequence: centuries at a billion a second.
     *
     * Invariants, whenever the lock is free:
     * 1. 0 <= count <= capacity and count <= elements.length; slots below count hold the elements, non-null,
     *    and every other slot is null, so no removed element stays reachable.
     * 2. The heap order: for every slot i > 0, key(parent(i)) < key(i), parent(i) = (i - 1) / 2.
     * 3. Sequence numbers are distinct and below nextSequence.
     * 4. Every removal signals notFull once and every insertion notEmpty once, under the lock.
     *
     * Decide, then move. A comparator is the caller's code and may throw. A sift that moves elements as it
     * compares them would, on a throw, leave an element duplicated and another gone. So every sift is two
     * passes: the first only compares, walking the path to find where the element belongs; the second only
     * moves, shifting the elements along that path by one level. A throw in the first pass leaves the heap
     * as it was. A sift-up's path is the ancestors of its start; a sift-down's path runs from its start to
     * the slot found, and in 1-based numbering the slot's ancestors are its number shifted right, so the
     * second pass walks it top-down without remembering it. The removal of the head plans its sift before it
     * changes anything, which lets drainTo hand the head to the target first and remove it only if the
     * target took it.
     *
     * No lost wake-up: as LockingArrayQueue's notes argue (waiters re-test under the lock; ConditionQueue
     * decides a signal racing a cancellation by one CAS). Every insertion signals, not only the one that
     * makes the queue non-empty: a put that finds elements there may still have a taker to wake, since
     * the taker woken by the put before it may not have run yet.
     *
     * Snapshots. iterator(), toArray() and toString() copy the live slots under the lock, then sort the
     * copy outside it by heapsort on the same keys, so the comparator runs outside the lock and other
     * threads wait only for the copy. An iterator removes by sequence number (invariant 3), so it removes
     * the very occurrence it returned, wherever the heap has moved it, or nothing.
     *
     * Cost: offer and poll O(log n) comparisons and moves, no allocation (but the array's growth, by half
     * its length). Stability has a price when many elements tie: a poll's last element sinks below every
     * earlier equal one, to the bottom, where an unstable heap stops at the first equal child. peek O(1); remove(Object), contains and iterator.remove O(n); the bulk removals O(n) and
     * one copy (they rebuild the heap bottom-up in new arrays, then swap them in, so a throwing comparator
     * leaves the queue as it was). Per element: one reference and one long.
     *
     * Evidence: LockingPriorityQueueTest and UnboundedLockingPriorityQueueTest (the BlockingQueue contract
     * with every element tied, where stability makes the queue FIFO; the priority order, stability, a
     * throwing comparator, capacity and growth), LockingPriorityQueueLincheckTest (against a stable priority
     * specification with ties), and the jcstress tests dev.interlock.stress.queues.Queues_*.
     */

    /** The capacity of an unbounded queue, as reported. */
    private static final int UNBOUNDED = Integer.MAX_VALUE;

    /** The largest capacity of a bounded queue: the largest array every JVM allocates. */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** The array length of a new queue, or its capacity if smaller. */
    private static final int INITIAL_LENGTH = 16;

    private final int capacity;

    /** The caller's comparator; null for natural ordering. */
    private final Comparator<? super E> comparator;

    private final ReentrantMutex lock;

    private final Condition notEmpty;

    private final Condition notFull;

    /** The heap (invariants 1 and 2). Plain: guarded by lock; replaced when it grows. */
    private Object[] elements;

    /** Each slot's sequence number (invariant 3). Plain: guarded by lock. */
    private long[] sequences;

    /** Plain: guarded by lock. */
    private int count;

    /** The next insertion's sequence number. Plain: guarded by lock. */
    private long nextSequence;

    /**
     * Creates an empty, unbounded, non-fair queue in the elements' natural ordering.
     */
    public BrokenSignalLockingPriorityQueue() {
        this(null, false, UNBOUNDED);
    }

    /**
     * Creates an empty, unbounded, non-fair queue in the order of {@code comparator}.
     *
     * @param comparator the order; {@code null} for the elements' natural ordering
     */
    public BrokenSignalLockingPriorityQueue(Comparator<? super E> comparator) {
        this(comparator, false, UNBOUNDED);
    }

    /**
     * Creates an empty, non-fair queue of the given capacity, in the elements' natural ordering.
     *
     * @param capacity the most elements the queue holds
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds {@link #MAX_CAPACITY}
     */
    public BrokenSignalLockingPriorityQueue(int capacity) {
        this(null, false, bounded(capacity));
    }

    /**
     * Creates an empty, non-fair queue of the given capacity, in the order of {@code comparator}.
     *
     * @param capacity the most elements the queue holds
     * @param comparator the order; {@code null} for the elements' natural ordering
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds {@link #MAX_CAPACITY}
     */
    public BrokenSignalLockingPriorityQueue(int capacity, Comparator<? super E> comparator) {
        this(comparator, false, bounded(capacity));
    }

    /**
     * Creates an empty queue of the given capacity, order and fairness.
     *
     * @param capacity the most elements the queue holds
     * @param comparator the order; {@code null} for the elements' natural ordering
     * @param fair {@code true} for a fair queue (see {@link LockingArrayQueue})
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds {@link #MAX_CAPACITY}
     */
    public BrokenSignalLockingPriorityQueue(int capacity, Comparator<? super E> comparator, boolean fair) {
        this(comparator, fair, bounded(capacity));
    }

    private BrokenSignalLockingPriorityQueue(Comparator<? super E> comparator, boolean fair, int capacity) {
        this.capacity = capacity;
        this.comparator = comparator;
        this.elements = new Object[Math.min(capacity, INITIAL_LENGTH)];
        this.sequences = new long[elements.length];
        this.lock = new ReentrantMutex(fair);
        this.notEmpty = lock.newCondition();
        this.notFull = lock.newCondition();
    }

    private static int bounded(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " exceeds the largest array a JVM"
                    + " allocates, " + MAX_CAPACITY + " (BrokenSignalLockingPriorityQueue.MAX_CAPACITY); use the constructor"
                    + " without a capacity for an unbounded queue");
        }
        return capacity;
    }

    // ---- Accessors

    /**
     * Returns the capacity, fixed at construction; {@link Integer#MAX_VALUE} if unbounded.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns the comparator, or {@code null} if the queue uses the elements' natural ordering.
     *
     * @return the comparator, or {@code null}
     */
    public Comparator<? super E> comparator() {
        return comparator;
    }

    /**
     * Returns whether the queue is fair.
     *
     * @return {@code true} if fair
     */
    public boolean isFair() {
        return lock.isFair();
    }

    // ---- Insertion

    /**
     * Inserts the element if the queue is not full; never waits.
     *
     * @param element the element to insert
     * @return {@code true} if inserted, {@code false} if the queue was full
     * @throws NullPointerException if {@code element} is null
     * @throws ClassCastException if the ordering cannot compare {@code element}
     */
    @Override
    public boolean offer(E element) {
        requireComparable(element);
        lock.lock();
        try {
            if (count == capacity) {
                return false; // plain read under the lock: linearization point of a refusal.
            }
            insert(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Inserts the element, waiting while the queue is full; an unbounded queue never waits.
     *
     * @param element the element to insert
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} is null
     * @throws ClassCastException if the ordering cannot compare {@code element}
     */
    @Override
    public void put(E element) throws InterruptedException {
        requireComparable(element);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                notFull.await(); // re-test after every wake-up: a barger may have taken the room.
            }
            insert(element);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Inserts the element, waiting at most the given time for room; zero or less does not wait.
     *
     * @param element the element to insert
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if inserted, {@code false} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} or {@code unit} is null
     * @throws ClassCastException if the ordering cannot compare {@code element}
     */
    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        requireComparable(element);
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                if (nanos <= 0L) {
                    return false; // linearization point of a timeout.
                }
                nanos = notFull.awaitNanos(nanos);
            }
            insert(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- Removal

    /**
     * Removes and returns the head (the least element); never waits.
     *
     * @return the head, or {@code null} if the queue is empty
     */
    @Override
    public E poll() {
        lock.lock();
        try {
            return count == 0 ? null : removeHead(); // an empty read is the linearization point of null.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head, waiting while the queue is empty.
     *
     * @return the head
     * @throws InterruptedException if interrupted
     */
    @Override
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await(); // re-test after every wake-up: a barger may have taken the element.
            }
            return removeHead();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head, waiting at most the given time for one; zero or less does not wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the head, or {@code null} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos <= 0L) {
                    return null; // linearization point of a timeout.
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return removeHead();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the head without removing it, or {@code null} if the queue is empty.
     *
     * @return the head, or {@code null}
     */
    @Override
    public E peek() {
        lock.lock();
        try {
            return elementAt(0); // null when empty (invariant 1): linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes, of the elements equal to {@code object} by {@code equals}, the one a {@code poll()} would
     * reach first, if there is one.
     *
     * @param object the element to remove; {@code null} is never present
     * @return {@code true} if an element was removed
     */
    @Override
    public boolean remove(Object object) {
        if (object == null) {
            return false;
        }
        lock.lock();
        try {
            int first = -1;
            for (int slot = 0; slot < count; slot++) {
                if (object.equals(elements[slot]) && (first < 0 || less(slot, first))) {
                    first = slot;
                }
            }
            if (first < 0) {
                return false;
            }
            removeAt(first);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every element, atomically, waking a waiting producer per element removed, and gives back the
     * array grown for them.
     */
    @Override
    public void clear() {
        lock.lock();
        try {
            int removed = count;
            Object[] emptyElements = new Object[Math.min(capacity, INITIAL_LENGTH)];
            long[] emptySequences = new long[emptyElements.length]; // allocated first: an OOM changes nothing.
            elements = emptyElements;
            sequences = emptySequences;
            count = 0; // linearization point.
            signalNotFull(removed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every element and adds it to {@code target}, in priority order; see
     * {@link #drainTo(Collection, int)}.
     *
     * @param target the collection to add the elements to
     * @return the number of elements transferred
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is this queue
     * @throws RuntimeException whatever {@code target.add} or the comparator throws
     */
    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    /**
     * Removes at most {@code maxElements} elements from the head and adds them to {@code target}, in
     * priority order, atomically; zero or less transfers nothing. If {@code target.add} or the comparator
     * throws, the elements added so far have been removed and the others, the one being added included, are
     * still here; the exception is rethrown. {@code target.add} runs under the lock and must not modify this
     * queue.
     *
     * @param target the collection to add the elements to
     * @param maxElements the most elements to transfer
     * @return the number of elements transferred
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is this queue
     * @throws RuntimeException whatever {@code target.add} or the comparator throws
     */
    @Override
    public int drainTo(Collection<? super E> target, int maxElements) {
        Objects.requireNonNull(target, "target");
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        lock.lock();
        try {
            int transferred = 0;
            while (transferred < maxElements && count > 0) {
                int hole = planSiftDown(0, count - 1); // may throw: nothing changed yet.
                target.add(elementAt(0)); // may throw: the element stays.
                finishRemoval(0, hole); // signals notFull (invariant 4).
                transferred++;
            }
            return transferred;
        } finally {
            lock.unlock();
        }
    }

    // ---- Bulk removal

    /**
     * Removes every element that satisfies the predicate, atomically. The predicate is called once per
     * element, in no particular order, under the lock, and must not modify this queue; if it or the
     * comparator throws, nothing is removed.
     *
     * @param filter the predicate that selects the elements to remove
     * @return {@code true} if any element was removed
     * @throws NullPointerException if {@code filter} is null
     * @throws ConcurrentModificationException if the predicate modified this queue; nothing is removed
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        Objects.requireNonNull(filter, "filter");
        return removeMatching(filter);
    }

    /**
     * Removes every element that {@code collection} contains, atomically (see
     * {@link #removeIf(Predicate)}).
     *
     * @param collection the elements to remove
     * @return {@code true} if any element was removed
     * @throws NullPointerException if {@code collection} is null
     */
    @Override
    public boolean removeAll(Collection<?> collection) {
        Objects.requireNonNull(collection, "collection");
        return removeMatching(collection::contains);
    }

    /**
     * Removes every element that {@code collection} does not contain, atomically (see
     * {@link #removeIf(Predicate)}).
     *
     * @param collection the elements to keep
     * @return {@code true} if any element was removed
     * @throws NullPointerException if {@code collection} is null
     */
    @Override
    public boolean retainAll(Collection<?> collection) {
        Objects.requireNonNull(collection, "collection");
        return removeMatching(element -> !collection.contains(element));
    }

    // ---- Inspection

    /**
     * Returns the number of elements; exact.
     *
     * @return the number of elements
     */
    @Override
    public int size() {
        lock.lock();
        try {
            return count; // plain read under the lock: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the capacity minus the size; exact. An unbounded queue returns {@link Integer#MAX_VALUE}.
     *
     * @return the remaining capacity
     */
    @Override
    public int remainingCapacity() {
        if (capacity == UNBOUNDED) {
            return UNBOUNDED;
        }
        lock.lock();
        try {
            return capacity - count; // plain read under the lock: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns whether the queue holds an element equal to {@code object}.
     *
     * @param object the element to look for; {@code null} is never present
     * @return {@code true} if present
     */
    @Override
    public boolean contains(Object object) {
        if (object == null) {
            return false;
        }
        lock.lock();
        try {
            for (int slot = 0; slot < count; slot++) {
                if (object.equals(elements[slot])) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements in priority order, equal ones in arrival order, in a new array, copied at one
     * instant.
     *
     * @return a new array of the elements
     * @throws RuntimeException whatever the comparator throws
     */
    @Override
    public Object[] toArray() {
        return new Snapshot().sorted;
    }

    /**
     * Returns the elements in priority order, copied at one instant, in {@code array} if they fit (followed
     * by a null if there is room), otherwise in a new array of its runtime type.
     *
     * @param array the array to fill, if large enough
     * @param <T> the component type of the array
     * @return an array of the elements
     * @throws NullPointerException if {@code array} is null
     * @throws ArrayStoreException if an element is not an instance of the array's component type
     * @throws RuntimeException whatever the comparator throws
     */
    @Override
    public <T> T[] toArray(T[] array) {
        Objects.requireNonNull(array, "array");
        Object[] sorted = toArray();
        int size = sorted.length;
        T[] target = array.length >= size ? array : Arrays.copyOf(array, size);
        System.arraycopy(sorted, 0, target, 0, size);
        if (target.length > size) {
            target[size] = null;
        }
        return target;
    }

    /**
     * Returns the elements in priority order, as {@code "[a, b]"}, copied at one instant.
     *
     * @return a description of the elements
     */
    @Override
    public String toString() {
        Object[] sorted = toArray();
        StringBuilder text = new StringBuilder().append('[');
        for (int index = 0; index < sorted.length; index++) {
            if (index > 0) {
                text.append(", ");
            }
            text.append(sorted[index] == this ? "(this Collection)" : sorted[index]);
        }
        return text.append(']').toString();
    }

    /**
     * Returns an iterator over a snapshot of the elements in priority order, equal ones in arrival order
     * (see the class documentation), which supports {@link Iterator#remove()}.
     *
     * @return an iterator
     * @throws RuntimeException whatever the comparator throws
     */
    @Override
    public Iterator<E> iterator() {
        return new Snapshot().new SnapshotIterator();
    }

    /**
     * Returns a spliterator over a snapshot of the elements in priority order, reporting
     * {@link Spliterator#NONNULL}, {@link Spliterator#ORDERED}, {@link Spliterator#SIZED} and
     * {@link Spliterator#SUBSIZED}.
     *
     * @return a spliterator
     * @throws RuntimeException whatever the comparator throws
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliterator(toArray(), Spliterator.NONNULL | Spliterator.ORDERED);
    }

    // ---- The heap, under the lock

    /** Throws unless {@code element} is non-null and the ordering can compare it; before the lock. */
    private void requireComparable(E element) {
        Objects.requireNonNull(element, "element");
        if (comparator == null && !(element instanceof Comparable)) {
            throw new ClassCastException(element.getClass().getName() + " is not Comparable, and the queue"
                    + " has no comparator");
        }
    }

    /** The caller holds the lock and has seen room. */
    private void insert(E element) {
        if (count == elements.length) {
            grow(); // may throw OutOfMemoryError: nothing changed.
        }
        long sequence = nextSequence;
        int slot = planSiftUp(count, element, sequence); // may throw: nothing changed.
        shiftDownTo(count, slot);
        elements[slot] = element;
        sequences[slot] = sequence;
        nextSequence = sequence + 1; // invariant 3.
        count++; // linearization point of the insertion.
        // THE BUG: was notEmpty.signal();
        if (count == 1) {
            notEmpty.signal();
        }
    }

    /** The caller holds the lock; the queue is not empty. */
    private E removeHead() {
        E head = elementAt(0);
        finishRemoval(0, planSiftDown(0, count - 1)); // the plan may throw: nothing changed.
        return head;
    }

    /** Removes the element in {@code slot < count}; holds the lock. */
    private void removeAt(int slot) {
        int last = count - 1;
        if (slot > 0 && slot < last && less(last, parentOf(slot))) {
            int target = planSiftUp(slot, elements[last], sequences[last]);
            shiftDownTo(slot, target);
            finishRemoval(target, target);
        } else {
            finishRemoval(slot, slot == last ? last : planSiftDown(slot, last));
        }
    }

    /**
     * Completes a planned removal: the element at {@code from} is gone, the last element belongs at
     * {@code hole} (a descendant of {@code from}, or {@code from} itself, or an ancestor whose path the
     * caller has already shifted down), and the elements from {@code from} down to {@code hole} move up one
     * level. Moves only; no comparisons.
     */
    private void finishRemoval(int from, int hole) {
        int last = count - 1;
        shiftUpTo(from, hole);
        elements[hole] = elements[last];
        sequences[hole] = sequences[last];
        elements[last] = null; // invariant 1, also when hole == last.
        count = last; // linearization point of the removal.
        notFull.signal(); // invariant 4.
    }

    /**
     * The first pass of a sift-up: where an element with the given key, placed at {@code start}, belongs
     * among {@code start}'s ancestors. Compares only.
     */
    private int planSiftUp(int start, Object element, long sequence) {
        int slot = start;
        while (slot > 0) {
            int parent = parentOf(slot);
            if (!less(element, sequence, parent)) {
                break;
            }
            slot = parent;
        }
        return slot;
    }

    /** The second pass of a sift-up: each element from {@code slot}'s parent up to {@code target} moves down one level. */
    private void shiftDownTo(int slot, int target) {
        while (slot != target) {
            int parent = parentOf(slot);
            elements[slot] = elements[parent];
            sequences[slot] = sequences[parent];
            slot = parent;
        }
    }

    /**
     * The first pass of a sift-down: where the element at {@code last} belongs if it fills the hole at
     * {@code start} in a heap of {@code last} elements. Compares only.
     */
    private int planSiftDown(int start, int last) {
        int slot = start;
        int firstLeaf = last >>> 1;
        while (slot < firstLeaf) {
            int child = 2 * slot + 1;
            if (child + 1 < last && less(child + 1, child)) {
                child++;
            }
            if (!less(child, last)) {
                break;
            }
            slot = child;
        }
        return slot;
    }

    /**
     * The second pass of a sift-down: each element on the path from {@code start} down to {@code hole}
     * moves up one level, top-down. In 1-based numbering the path's slots are {@code hole + 1} shifted
     * right by the levels still to go.
     */
    private void shiftUpTo(int start, int hole) {
        int levels = floorLog2(hole + 1) - floorLog2(start + 1);
        for (int level = levels - 1; level >= 0; level--) {
            int child = ((hole + 1) >>> level) - 1;
            int parent = parentOf(child);
            elements[parent] = elements[child];
            sequences[parent] = sequences[child];
        }
    }

    /** Two passes, as the notes say; the heap is rebuilt in new arrays so a throwing comparator changes nothing. */
    private boolean removeMatching(Predicate<? super E> filter) {
        lock.lock();
        try {
            int size = count;
            long sequenceBefore = nextSequence;
            boolean[] doomed = new boolean[size];
            int removed = 0;
            for (int slot = 0; slot <= size; slot++) {
                if (count != size || nextSequence != sequenceBefore) {
                    // every insertion advances nextSequence and every removal lowers count.
                    throw new ConcurrentModificationException("the filter modified the queue");
                }
                if (slot < size && filter.test(elementAt(slot))) {
                    doomed[slot] = true;
                    removed++;
                }
            }
            if (removed == 0) {
                return false;
            }
            Object[] keptElements = new Object[elements.length];
            long[] keptSequences = new long[elements.length];
            int kept = 0;
            for (int slot = 0; slot < size; slot++) {
                if (!doomed[slot]) {
                    keptElements[kept] = elements[slot];
                    keptSequences[kept++] = sequences[slot];
                }
            }
            heapify(keptElements, keptSequences, kept); // may throw: the queue is untouched.
            elements = keptElements;
            sequences = keptSequences;
            count = kept; // linearization point.
            signalNotFull(removed);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Floyd's bottom-up heap construction, on arrays that are not the queue's. */
    private void heapify(Object[] heap, long[] heapSequences, int size) {
        for (int slot = (size >>> 1) - 1; slot >= 0; slot--) {
            siftDown(heap, heapSequences, slot, heap[slot], heapSequences[slot], size);
        }
    }

    /**
     * Places the element with the given key, from the hole at {@code slot} down, in a heap of {@code size}
     * in arrays that are not the queue's (a copy may be left broken by a throwing comparator; the queue
     * may not).
     */
    private void siftDown(Object[] heap, long[] heapSequences, int slot, Object element, long sequence, int size) {
        int hole = slot;
        int firstLeaf = size >>> 1;
        while (hole < firstLeaf) {
            int child = 2 * hole + 1;
            if (child + 1 < size) {
                int order = compare(heap[child + 1], heap[child]);
                if (order < 0 || order == 0 && heapSequences[child + 1] < heapSequences[child]) {
                    child++;
                }
            }
            int order = compare(heap[child], element);
            if (order > 0 || order == 0 && heapSequences[child] > sequence) {
                break;
            }
            heap[hole] = heap[child];
            heapSequences[hole] = heapSequences[child];
            hole = child;
        }
        heap[hole] = element;
        heapSequences[hole] = sequence;
    }

    private void grow() {
        int length = elements.length;
        if (length >= MAX_CAPACITY) {
            throw new OutOfMemoryError("BrokenSignalLockingPriorityQueue: " + length + " elements, the most an array"
                    + " holds");
        }
        int grown = (int) Math.min(Math.min((long) capacity, MAX_CAPACITY), length + Math.max(1L, length >>> 1));
        Object[] grownElements = Arrays.copyOf(elements, grown);
        sequences = Arrays.copyOf(sequences, grown);
        elements = grownElements;
    }

    /** Invariant 4. */
    private void signalNotFull(int removed) {
        for (int signal = 0; signal < removed; signal++) {
            notFull.signal();
        }
    }

    /** The key order, slot against slot: the comparator, then the sequence number on a tie. */
    private boolean less(int a, int b) {
        int order = compare(elements[a], elements[b]);
        return order < 0 || order == 0 && sequences[a] < sequences[b];
    }

    /** The key order, an element against a slot. */
    private boolean less(Object element, long sequence, int slot) {
        int order = compare(element, elements[slot]);
        return order < 0 || order == 0 && sequence < sequences[slot];
    }

    @SuppressWarnings("unchecked") // only Es are stored; natural ordering was checked on insertion.
    private int compare(Object a, Object b) {
        return comparator == null ? ((Comparable<Object>) a).compareTo(b) : comparator.compare((E) a, (E) b);
    }

    private static int parentOf(int slot) {
        return (slot - 1) >>> 1;
    }

    private static int floorLog2(int positive) {
        return 31 - Integer.numberOfLeadingZeros(positive);
    }

    /** Null if the slot is empty. */
    @SuppressWarnings("unchecked") // only Es are stored.
    private E elementAt(int slot) {
        return (E) elements[slot];
    }

    // ---- Snapshots

    /** The elements and their sequence numbers in priority order: copied under the lock, sorted after it. */
    private final class Snapshot {

        final Object[] sorted;

        final long[] sortedSequences;

        Snapshot() {
            Object[] heap;
            long[] heapSequences;
            lock.lock();
            try {
                heap = Arrays.copyOf(elements, count);
                heapSequences = Arrays.copyOf(sequences, count);
            } finally {
                lock.unlock();
            }
            this.sorted = new Object[heap.length];
            this.sortedSequences = new long[heap.length];
            for (int index = 0; index < heap.length; index++) {
                sorted[index] = heap[0];
                sortedSequences[index] = heapSequences[0];
                int last = heap.length - 1 - index; // heapsort: the last element fills the head's hole.
                siftDown(heap, heapSequences, 0, heap[last], heapSequences[last], last);
                heap[last] = null;
            }
        }

        /** Removes by sequence number (invariant 3); one thread at a time. */
        private final class SnapshotIterator implements Iterator<E> {

            private int next;

            /** -1 when there is none. */
            private int lastReturned = -1;

            @Override
            public boolean hasNext() {
                return next < sorted.length;
            }

            @Override
            @SuppressWarnings("unchecked") // only Es are stored.
            public E next() {
                if (next >= sorted.length) {
                    throw new NoSuchElementException();
                }
                lastReturned = next++;
                return (E) sorted[lastReturned];
            }

            @Override
            public void remove() {
                if (lastReturned < 0) {
                    throw new IllegalStateException("next() has not been called since the last remove()");
                }
                long sequence = sortedSequences[lastReturned];
                lastReturned = -1;
                removeOccurrence(sequence);
            }
        }
    }

    /** Removes the element with this sequence number, if it is still here. */
    private void removeOccurrence(long sequence) {
        lock.lock();
        try {
            for (int slot = 0; slot < count; slot++) {
                if (sequences[slot] == sequence) {
                    removeAt(slot); // that very occurrence (invariant 3).
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }
}
