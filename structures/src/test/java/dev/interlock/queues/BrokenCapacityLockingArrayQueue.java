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
 * <b>Negative control: deliberately broken.</b> {@link LockingArrayQueue} with one bug, in
 * {@code offer(E element)}: it compares the count with the capacity less one, so it refuses the
 * last free slot and reports a queue full that is not (an off-by-one at the capacity edge).
 *
 * <p>Generated from {@code LockingArrayQueue.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenCapacityLockingArrayQueue<E> extends AbstractInterlockQueue<E> implements BlockingQueue<E> {
    /*
     * Implementation notes.
     *
     * The bounded-buffer monitor (Hoare, CACM 1974; Herlihy and Shavit, The Art of Multiprocessor
     * Programming, 2nd ed., ch. 8.2): a ring, items, with takeIndex (the first element), putIndex (the next
     * free slot) and count, under one lock with two conditions: consumers wait on notEmpty while count == 0,
     * producers on notFull while count == capacity. Every field is plain: the lock orders every access. Each
     * operation linearizes inside its critical section, at its write of count (a read at the read).
     *
     * Invariants, whenever the lock is free:
     * 1. 0 <= count <= capacity, and putIndex == (takeIndex + count) mod capacity.
     * 2. The count slots from takeIndex on, wrapping around, hold the elements in FIFO order, non-null; every
     *    other slot is null, so no removed element stays reachable.
     * 3. sequences[slot] is its element's sequence number, given at insertion and moved with it; the numbers
     *    increase strictly from takeIndex on and are below nextSequence, which only grows: a number names one
     *    occurrence for the life of the queue.
     * 4. Every removal signals notFull once and every insertion notEmpty once, under the lock.
     *
     * No lost wake-up. Waiters re-test their predicate under the lock in a loop, so one whose slot or element
     * a barger took waits again. ReentrantMutex's conditions (ConditionQueue) decide a signal racing an
     * interrupt or a timeout by one CAS on the waiter's status. If the interrupt or timeout wins, the waiter
     * is cancelled and signal passes over it to the next waiter. If the signal wins, the wait returns
     * normally (interrupt status set again; awaitNanos reports time left) and the waiter re-tests before it
     * may throw or time out: it proceeds, using what the signal announced, or finds the predicate false, and
     * then no waiter on that condition could proceed. So no re-signal on interrupt is needed.
     *
     * Interior removal and iterators. remove(Object), Iterator.remove and the bulk removals close the gap by
     * shifting the shorter side of it by one slot (at most count / 2 moves). Elements thus move under live
     * iterators, so an iterator remembers sequence numbers, not slots: those of the element it returns next
     * and of the one it returned last (invariant 3). next() finds the first greater number by binary search
     * under the lock; remove() finds the exact number, or nothing if that occurrence is gone. The numbers
     * returned strictly increase (FIFO, never twice), and the search cannot pass over an element present
     * throughout. Cost: a long per slot, a plain store per insertion, O(log n) per next(); nothing registered
     * with the queue, and no copy of all n elements as a snapshot iterator would make.
     *
     * Why one lock: on an array the critical sections are a few stores, so the lock costs its hand-off, not
     * the work; one lock keeps every operation, the bulk ones included, atomic and exact, and the code
     * simple. The two-lock queue (Michael and Scott 1996; TwoLockLinkedQueue) would need an atomic count
     * shared by both sides, both locks for interior removal, iteration and an exact size, and signals that
     * cross from one lock to the other.
     *
     * Evidence: LockingArrayQueueTest and FairLockingArrayQueueTest (the BlockingQueue contract; iterator,
     * drain, fairness and bulk removal), LockingArrayQueueLincheckTest (offer, poll, peek, size, contains,
     * remove, remainingCapacity and drainTo), and the jcstress tests dev.interlock.stress.queues.Queues_*.
     */

    /** lastReturnedSequence when there is none; sequence numbers are >= 0. */
    private static final long NO_SEQUENCE = -1L;

    /** The ring (invariant 2). */
    private final Object[] items;

    /** Each slot's sequence number (invariant 3). */
    private final long[] sequences;

    private final ReentrantMutex lock;

    private final Condition notEmpty;

    private final Condition notFull;

    /** The first element's slot. Plain: guarded by lock. */
    private int takeIndex;

    /** The next insertion's slot. Plain: guarded by lock. */
    private int putIndex;

    /**
     * The largest capacity: the largest array every JVM allocates. The slots are allocated up front, so a
     * capacity near it needs a heap of tens of gigabytes.
     */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** Plain: guarded by lock. */
    private int count;

    /** The next insertion's sequence number. Plain: guarded by lock. */
    private long nextSequence;

    /**
     * Creates an empty, non-fair queue.
     *
     * @param capacity the capacity
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds
     *         {@link #MAX_CAPACITY}
     */
    public BrokenCapacityLockingArrayQueue(int capacity) {
        this(capacity, false);
    }

    /**
     * Creates an empty queue with the given capacity and fairness.
     *
     * @param capacity the capacity
     * @param fair {@code true} for a fair queue (see the class documentation)
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds
     *         {@link #MAX_CAPACITY}
     */
    public BrokenCapacityLockingArrayQueue(int capacity, boolean fair) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " exceeds the largest array a JVM"
                    + " allocates, " + MAX_CAPACITY + " (BrokenCapacityLockingArrayQueue.MAX_CAPACITY); the slots are allocated"
                    + " up front, 12 to 16 bytes each");
        }
        this.items = new Object[capacity];
        this.sequences = new long[capacity];
        this.lock = new ReentrantMutex(fair);
        this.notEmpty = lock.newCondition();
        this.notFull = lock.newCondition();
    }

    // ---- Accessors

    /**
     * Returns the capacity, fixed at construction.
     *
     * @return the capacity
     */
    public int capacity() {
        return items.length;
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
     * Inserts the element at the tail if the queue is not full; never waits.
     *
     * @param element the element to insert
     * @return {@code true} if inserted, {@code false} if the queue was full
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        lock.lock();
        try {
            if (count == items.length - 1 /* THE BUG: was count == items.length */) {
                return false; // plain read under the lock: linearization point of a refusal.
            }
            insertLast(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Inserts the element at the tail, waiting while the queue is full.
     *
     * @param element the element to insert
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void put(E element) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        lock.lockInterruptibly();
        try {
            while (count == items.length) {
                notFull.await(); // re-test after every wake-up: a barger may have taken the slot.
            }
            insertLast(element);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Inserts the element at the tail, waiting at most the given time for space; zero or less does not
     * wait.
     *
     * @param element the element to insert
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if inserted, {@code false} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} or {@code unit} is null
     */
    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == items.length) {
                if (nanos <= 0L) {
                    return false; // linearization point of a timeout.
                }
                nanos = notFull.awaitNanos(nanos);
            }
            insertLast(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- Removal

    /**
     * Removes and returns the head of the queue; never waits.
     *
     * @return the head, or {@code null} if the queue is empty
     */
    @Override
    public E poll() {
        lock.lock();
        try {
            return count == 0 ? null : removeFirst(); // an empty read is the linearization point of null.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head of the queue, waiting while it is empty.
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
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the head of the queue, waiting at most the given time for one; zero or less
     * does not wait.
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
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the head of the queue without removing it, or {@code null} if it is empty.
     *
     * @return the head, or {@code null}
     */
    @Override
    public E peek() {
        lock.lock();
        try {
            return elementAt(takeIndex); // null when empty (invariant 2): linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes the occurrence of the element nearest the head, by {@code equals}, if present.
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
            for (int offset = 0; offset < count; offset++) {
                if (object.equals(items[slotAt(offset)])) {
                    removeAt(offset);
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every element, atomically, waking a waiting producer per slot freed.
     */
    @Override
    public void clear() {
        lock.lock();
        try {
            int removed = count;
            for (int offset = 0; offset < removed; offset++) {
                items[slotAt(offset)] = null; // invariant 2.
            }
            takeIndex = putIndex;
            count = 0; // linearization point.
            signalNotFull(removed);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every element and adds it to {@code target}, in FIFO order; see
     * {@link #drainTo(Collection, int)}.
     *
     * @param target the collection to add the elements to
     * @return the number of elements transferred
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is this queue
     * @throws RuntimeException whatever {@code target.add} throws
     */
    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    /**
     * Removes at most {@code maxElements} elements from the head and adds them to {@code target}, in
     * FIFO order, atomically; zero or less transfers nothing. If {@code target.add} throws, the elements
     * added so far have been removed and the others, that one included, are still here; the exception is
     * rethrown. {@code target.add} runs under the lock and must not modify this queue.
     *
     * @param target the collection to add the elements to
     * @param maxElements the most elements to transfer
     * @return the number of elements transferred
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is this queue
     * @throws RuntimeException whatever {@code target.add} throws
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
        int transferred = 0;
        try {
            int limit = Math.min(maxElements, count);
            while (transferred < limit) {
                target.add(elementAt(takeIndex)); // may throw: the element stays.
                items[takeIndex] = null; // invariant 2.
                takeIndex = next(takeIndex);
                count--; // linearization point of this element's removal.
                transferred++;
            }
            return transferred;
        } finally {
            try {
                signalNotFull(transferred); // even if target.add threw.
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- Bulk removal

    /**
     * Removes every element that satisfies the predicate, atomically. The predicate is called once per
     * element, in FIFO order, under the lock, and must not modify this queue; if it throws, nothing is
     * removed.
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
     * Returns the capacity minus the size; exact.
     *
     * @return the remaining capacity
     */
    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return items.length - count; // plain read under the lock: linearization point.
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
            for (int offset = 0; offset < count; offset++) {
                if (object.equals(items[slotAt(offset)])) {
                    return true;
                }
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements in FIFO order, in a new array, copied at one instant.
     *
     * @return a new array of the elements
     */
    @Override
    public Object[] toArray() {
        lock.lock();
        try {
            Object[] copy = new Object[count];
            copyElementsTo(copy);
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements in FIFO order, copied at one instant, in {@code array} if they fit (followed by
     * a null if there is room), otherwise in a new array of its runtime type.
     *
     * @param array the array to fill, if large enough
     * @param <T> the component type of the array
     * @return an array of the elements
     * @throws NullPointerException if {@code array} is null
     * @throws ArrayStoreException if an element is not an instance of the array's component type
     */
    @Override
    public <T> T[] toArray(T[] array) {
        Objects.requireNonNull(array, "array");
        lock.lock();
        try {
            int size = count;
            T[] target = array.length >= size ? array : Arrays.copyOf(array, size);
            copyElementsTo(target);
            if (target.length > size) {
                target[size] = null;
            }
            return target;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements in FIFO order, as {@code "[a, b]"}, copied at one instant (their
     * {@code toString} runs after the lock is released).
     *
     * @return a description of the elements
     */
    @Override
    public String toString() {
        Object[] elements = toArray();
        StringBuilder text = new StringBuilder().append('[');
        for (int index = 0; index < elements.length; index++) {
            if (index > 0) {
                text.append(", ");
            }
            text.append(elements[index] == this ? "(this Collection)" : elements[index]);
        }
        return text.append(']').toString();
    }

    /**
     * Returns a weakly consistent iterator in FIFO order (see the class documentation), which supports
     * {@link Iterator#remove()}.
     *
     * @return an iterator
     */
    @Override
    public Iterator<E> iterator() {
        return new SequenceIterator();
    }

    /**
     * Returns a weakly consistent spliterator over the elements, in FIFO order, reporting
     * {@link Spliterator#CONCURRENT}, {@link Spliterator#NONNULL} and {@link Spliterator#ORDERED}.
     *
     * @return a spliterator
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.CONCURRENT | Spliterator.NONNULL | Spliterator.ORDERED);
    }

    // ---- The ring, under the lock

    /** The caller holds the lock and has seen room. */
    private void insertLast(E element) {
        int slot = putIndex;
        items[slot] = element; // plain, under the lock.
        sequences[slot] = nextSequence++; // invariant 3.
        putIndex = next(slot);
        count++; // linearization point of the insertion.
        notEmpty.signal(); // invariant 4.
    }

    /** The caller holds the lock; the queue is not empty. */
    private E removeFirst() {
        int slot = takeIndex;
        E element = elementAt(slot);
        items[slot] = null; // invariant 2.
        takeIndex = next(slot);
        count--; // linearization point of the removal.
        notFull.signal(); // invariant 4.
        return element;
    }

    /** Removes the element at {@code offset < count}, shifting the shorter side; holds the lock. */
    private void removeAt(int offset) {
        if (offset < count / 2) {
            // nearer the head: shift the elements before it.
            for (int moving = offset; moving > 0; moving--) {
                moveSlot(slotAt(moving - 1), slotAt(moving));
            }
            items[takeIndex] = null; // invariant 2.
            takeIndex = next(takeIndex);
        } else {
            // nearer the tail: shift the elements after it.
            for (int moving = offset; moving < count - 1; moving++) {
                moveSlot(slotAt(moving + 1), slotAt(moving));
            }
            putIndex = previous(putIndex);
            items[putIndex] = null; // invariant 2.
        }
        count--; // linearization point of the removal.
        notFull.signal(); // invariant 4.
    }

    private void moveSlot(int from, int to) {
        items[to] = items[from];
        sequences[to] = sequences[from];
    }

    /** Two passes: the first only asks the filter (which may throw), the second compacts the survivors. */
    private boolean removeMatching(Predicate<? super E> filter) {
        lock.lock();
        try {
            int size = count;
            long sequenceBefore = nextSequence;
            boolean[] doomed = null;
            int removed = 0;
            for (int offset = 0; offset <= size; offset++) {
                if (count != size || nextSequence != sequenceBefore) {
                    // every insertion advances nextSequence and every removal lowers count.
                    throw new ConcurrentModificationException("the filter modified the queue");
                }
                if (offset < size && filter.test(elementAt(slotAt(offset)))) {
                    if (doomed == null) {
                        doomed = new boolean[size];
                    }
                    doomed[offset] = true;
                    removed++;
                }
            }
            if (removed == 0) {
                return false;
            }
            int kept = 0;
            for (int offset = 0; offset < size; offset++) {
                if (!doomed[offset]) {
                    if (kept != offset) {
                        moveSlot(slotAt(offset), slotAt(kept));
                    }
                    kept++;
                }
            }
            for (int offset = kept; offset < size; offset++) {
                items[slotAt(offset)] = null; // invariant 2.
            }
            putIndex = slotAt(kept);
            count = kept; // linearization point.
            signalNotFull(removed);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Invariant 4. */
    private void signalNotFull(int slotsFreed) {
        for (int signal = 0; signal < slotsFreed; signal++) {
            notFull.signal();
        }
    }

    private void copyElementsTo(Object[] target) {
        int firstPart = Math.min(count, items.length - takeIndex);
        System.arraycopy(items, takeIndex, target, 0, firstPart);
        System.arraycopy(items, 0, target, firstPart, count - firstPart);
    }

    /** The offset of the first element numbered above sequence, or count: binary search (invariant 3). */
    private int firstOffsetAfter(long sequence) {
        int low = 0; // every offset below low holds a number <= sequence.
        int high = count; // every offset from high on holds a number > sequence.
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sequences[slotAt(middle)] <= sequence) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** {@code 0 <= offset <= capacity}. */
    private int slotAt(int offset) {
        int slot = takeIndex + offset;
        return slot >= items.length ? slot - items.length : slot;
    }

    private int next(int slot) {
        return slot + 1 == items.length ? 0 : slot + 1;
    }

    private int previous(int slot) {
        return slot == 0 ? items.length - 1 : slot - 1;
    }

    /** Null if the slot is empty. */
    @SuppressWarnings("unchecked") // only Es are stored.
    private E elementAt(int slot) {
        return (E) items[slot];
    }

    // ---- The iterator

    /** Knows elements by sequence number, not slot (see the notes). Plain fields: one thread at a time. */
    private final class SequenceIterator implements Iterator<E> {

        /** Null when the iteration is over. */
        private E nextElement;

        private long nextElementSequence;

        /** NO_SEQUENCE after remove(). */
        private long lastReturnedSequence = NO_SEQUENCE;

        SequenceIterator() {
            lock.lock();
            try {
                if (count > 0) {
                    nextElement = elementAt(takeIndex);
                    nextElementSequence = sequences[takeIndex];
                }
            } finally {
                lock.unlock();
            }
        }

        @Override
        public boolean hasNext() {
            return nextElement != null;
        }

        @Override
        public E next() {
            E element = nextElement;
            if (element == null) {
                throw new NoSuchElementException();
            }
            lastReturnedSequence = nextElementSequence;
            lock.lock();
            try {
                // wherever interior removals moved it.
                int offset = firstOffsetAfter(nextElementSequence);
                if (offset < count) {
                    int slot = slotAt(offset);
                    nextElement = elementAt(slot);
                    nextElementSequence = sequences[slot];
                } else {
                    nextElement = null; // the end (weakly consistent).
                }
            } finally {
                lock.unlock();
            }
            return element;
        }

        @Override
        public void remove() {
            long sequence = lastReturnedSequence;
            if (sequence == NO_SEQUENCE) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            lastReturnedSequence = NO_SEQUENCE;
            lock.lock();
            try {
                int offset = firstOffsetAfter(sequence - 1);
                if (offset < count && sequences[slotAt(offset)] == sequence) {
                    removeAt(offset); // that very occurrence (invariant 3).
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
