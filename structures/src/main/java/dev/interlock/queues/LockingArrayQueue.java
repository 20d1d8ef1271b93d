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
 * A bounded blocking FIFO queue backed by a ring buffer and guarded by one lock: the behaviour of
 * {@link java.util.concurrent.ArrayBlockingQueue}, built on {@link ReentrantMutex}.
 *
 * <pre>{@code
 * BlockingQueue<Job> jobs = new LockingArrayQueue<>(1024);
 * jobs.put(job);                                   // waits while the queue is full
 * Job next = jobs.take();                          // waits while it is empty
 * boolean accepted = jobs.offer(job, 10, TimeUnit.MILLISECONDS);
 * }</pre>
 *
 * <p>The queue holds at most {@link #capacity()} elements, fixed at construction. The methods come in
 * the four forms of {@link BlockingQueue}: {@link #add(Object)} and {@link #remove()} throw
 * ({@link IllegalStateException} {@code "Queue full"}, {@link NoSuchElementException}); {@link #offer(Object)}
 * and {@link #poll()} return {@code false} or {@code null} at once; {@link #put(Object)} and
 * {@link #take()} wait as long as it takes; the timed {@link #offer(Object, long, TimeUnit)} and
 * {@link #poll(long, TimeUnit)} wait at most the given time, and a time of zero or less does not wait.
 * Null elements are refused with {@link NullPointerException}.
 *
 * <p><b>Interrupts and timeouts.</b> The waiting methods throw {@link InterruptedException} if the
 * thread is interrupted on entry or while it waits; they then have changed nothing: an interrupted
 * {@code put} or timed {@code offer} inserted nothing, an interrupted {@code take} or timed
 * {@code poll} removed nothing, and one that timed out likewise. A waiter that has been woken to
 * proceed and is interrupted in the same instant completes its operation and returns with its
 * interrupt status set, as {@link Condition} specifies; either way no element is lost or duplicated
 * and no wake-up is lost (see the implementation notes). Waiting threads park, so a waiting virtual
 * thread unmounts from its carrier.
 *
 * <p><b>Fairness.</b> A queue built with {@code fair = true} uses a fair {@link ReentrantMutex}: the
 * lock is granted to waiting threads in arrival order, including threads returning from a wait on
 * the queue, and the two wait sets always wake their waiters in the order they began to wait. Blocked
 * producers therefore complete in the order they blocked, and so do blocked consumers. The cost is
 * throughput under contention: every hand-off of the lock goes through a park and an unpark, where a
 * non-fair lock lets a running thread take a free lock at once ("barging"). The default, non-fair
 * queue lets a newcomer take an element or a slot that a woken waiter was about to take; the waiter
 * then waits again, so a waiter may be overtaken any number of times.
 * <b>Note:</b> even a fair queue is not a strict FIFO over all callers: a thread that was already
 * queued for the lock when a slot freed may take that slot before the blocked producer that was woken
 * for it; the woken producer then waits again, behind the producers already waiting.
 *
 * <p><b>Size.</b> {@link #size()}, {@link #remainingCapacity()}, {@link #isEmpty()}, {@link #contains(Object)}
 * and {@link #toArray()} are exact: each reads the queue under the lock, at one instant.
 *
 * <p><b>Bulk operations.</b> {@link #drainTo(Collection, int)}, {@link #clear()},
 * {@link #removeIf(Predicate)}, {@link #removeAll(Collection)} and {@link #retainAll(Collection)} are
 * atomic: each runs under the lock, so no other operation sees them half done. They call the
 * caller's code (the target collection's {@code add}, the predicate, {@code contains} of the
 * argument) while holding the lock, which blocks every other thread meanwhile; that code must not
 * modify this queue. {@link #addAll(Collection)}, inherited, is not atomic: it offers the elements one
 * at a time.
 *
 * <p><b>Iterators</b> are <i>weakly consistent</i>: they never throw
 * {@link ConcurrentModificationException}; they return elements in FIFO order; every element present
 * in the queue for the whole iteration is returned exactly once; no element is returned twice; other
 * elements inserted or removed during the iteration may or may not be returned. An element
 * {@code next()} returns may have been removed since {@code hasNext()} reported it (the iterator
 * holds on to the element it will return next). {@link Iterator#remove()} removes the element last
 * returned if that same occurrence is still in the queue, and otherwise does nothing. Each
 * {@code next()} takes the lock once and costs O(log n); an iterator registers nothing with the queue,
 * so an abandoned iterator costs nothing. An iterator is for one thread at a time.
 * {@link #spliterator()} reports {@link Spliterator#CONCURRENT}, {@link Spliterator#NONNULL} and
 * {@link Spliterator#ORDERED}.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread prior
 * to placing an object into the queue happen-before actions subsequent to the access or removal of
 * that element from the queue in another thread. More strongly, every method takes the queue's lock,
 * so each call happens-before every call that takes the lock after it.
 *
 * <p><b>Progress:</b> blocking, for every method: each takes one lock. A thread descheduled while it
 * holds the lock delays every other thread's operation until it runs again.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is the bounded buffer monitor (Hoare, "Monitors: an operating system
 * structuring concept", CACM 1974; Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>,
 * 2nd ed., ch. 8.2): an array used as a ring, the index of the first element ({@code takeIndex}), the
 * index of the next free slot ({@code putIndex}) and the number of elements ({@code count}), all
 * guarded by one lock, with two conditions: {@code notEmpty}, where consumers wait while
 * {@code count == 0}, and {@code notFull}, where producers wait while {@code count == capacity}. Each
 * insertion signals {@code notEmpty} once and each removal signals {@code notFull} once. Every field
 * is plain: the lock orders every access, its acquire and release giving the happens-before edges.
 * Each operation's linearization point is inside its critical section, and is named at the write
 * of {@code count} (or, for a read, at the read).
 *
 * <p><b>Invariants</b>, true whenever the lock is free:
 * <ol>
 *   <li>{@code 0 <= count <= capacity}, and {@code putIndex == (takeIndex + count) mod capacity}.</li>
 *   <li>The elements occupy the {@code count} slots from {@code takeIndex} on, wrapping around, in
 *       FIFO order, and are non-null; every other slot is null, so the queue keeps no removed element
 *       reachable.</li>
 *   <li>Each element carries the sequence number it was given when inserted ({@code sequences[slot]},
 *       moved with it); sequence numbers are strictly increasing from {@code takeIndex} on, and are
 *       below {@code nextSequence}, which only grows. A sequence number therefore names one
 *       occurrence of an element, for the life of the queue.</li>
 *   <li>Every removal signals {@code notFull} once and every insertion signals {@code notEmpty} once,
 *       under the lock.</li>
 * </ol>
 *
 * <p><b>No lost wake-up.</b> Every waiter waits in a loop that re-tests its predicate under the lock
 * ({@code count == capacity} for producers, {@code count == 0} for consumers), so a waiter that wakes
 * to find the slot or element taken by a barger simply waits again. The subtle case is a waiter that
 * is signalled and interrupted (or times out) at the same time: if it threw away the signal, another
 * waiter that could proceed might sleep forever, which is why {@code ArrayBlockingQueue}'s ancestors
 * re-signalled on interrupt. Here {@link ReentrantMutex}'s conditions ({@code ConditionQueue}) decide
 * that race once, by a CAS on the waiter's status: if the interrupt or the timeout wins, the waiter is
 * cancelled before the signal reaches it, and {@code signal} passes over it to the next waiter, so
 * the signal is not consumed; if the signal wins, the wait returns normally (with the interrupt status
 * set again, and {@code awaitNanos} reporting a positive time left even if the time ran out), and the
 * waiter re-tests its predicate under the lock. It then either proceeds, which uses the slot or the
 * element the signal announced, or finds the predicate false, which means no other waiter on the same
 * condition could proceed either; only then may it throw (its next wait sees the interrupt) or report
 * a timeout. So whenever the lock is free and a waiter sleeps, its predicate was false at its last
 * test or a signal is on its way to a waiter whose predicate it made true.
 *
 * <p><b>Interior removal and iterators.</b> {@link #remove(Object)}, {@link Iterator#remove()} and the
 * bulk removals close the gap they leave by shifting the elements on the shorter side of it by one
 * slot (so invariant 2 holds, at a cost of at most {@code count / 2} moves). Shifting moves elements
 * between slots under any live iterator, so an iterator cannot remember a slot. It remembers instead
 * the sequence number of the element it will return next and of the one it returned last (invariant
 * 3): {@code next()} finds, under the lock, the first element whose sequence number is greater, by
 * binary search over the ring, since the numbers increase along it; {@code remove()} finds the exact
 * sequence number, or nothing if that occurrence is gone. This gives the weakly consistent guarantees
 * directly: the numbers returned strictly increase (never twice, FIFO order), and an element present
 * throughout has a number that the search cannot pass over. The costs: one {@code long} per slot
 * (8 bytes, next to the 4 or 8 of the element reference) and one plain store per insertion, and
 * O(log n) under the lock per {@code next()}. The alternatives cost more in the common case:
 * {@code ArrayBlockingQueue} keeps a list of live iterators that every removal must update (and
 * prune), and a snapshot iterator copies all n elements under the lock however little of it is read.
 *
 * <p><b>Why one lock.</b> The two-lock queue (Michael and Scott 1996, {@code LinkedBlockingQueue}) lets
 * a producer and a consumer run at once, but it needs an atomic count shared by both, both locks for
 * interior removal, iteration and an exact size, and a signal that crosses from one lock to the other.
 * On an array the critical sections are a few stores, so the lock's cost is its hand-off, not the
 * work inside it; one lock keeps every operation, the bulk ones included, atomic and exact and the
 * code simple. {@code ArrayBlockingQueue} makes the same choice.
 *
 * <p>Evidence: {@code LockingArrayQueueTest} and {@code FairLockingArrayQueueTest} (the
 * {@link BlockingQueue} contract, and the iterator, drain, fairness and bulk-removal tests of this
 * queue), {@code LockingArrayQueueLincheckTest} (offer, poll, peek, size, contains, remove,
 * remainingCapacity and drainTo are linearizable), and the {@code dev.interlock.stress.queues.Queues_*}
 * jcstress tests.
 *
 * @param <E> the type of the elements
 */
public final class LockingArrayQueue<E> extends AbstractInterlockQueue<E> implements BlockingQueue<E> {

    /** The iterator's mark for "no element returned since the last remove()". Sequence numbers are >= 0. */
    private static final long NO_SEQUENCE = -1L;

    /** The ring of elements; null outside the {@code count} slots from {@code takeIndex} (invariant 2). */
    private final Object[] items;

    /** The sequence number of the element in each slot (invariant 3); meaningless in empty slots. */
    private final long[] sequences;

    /** Guards every field below, and the contents of {@code items} and {@code sequences}. */
    private final ReentrantMutex lock;

    /** Consumers wait here while the queue is empty. */
    private final Condition notEmpty;

    /** Producers wait here while the queue is full. */
    private final Condition notFull;

    /** The slot of the first element. Plain: guarded by {@code lock}. */
    private int takeIndex;

    /** The slot the next insertion fills. Plain: guarded by {@code lock}. */
    private int putIndex;

    /**
     * The largest capacity: {@code Integer.MAX_VALUE - 8}, the largest array every JVM allocates. The
     * slots are allocated when the queue is made, so a capacity near it also needs a heap of tens of
     * gigabytes.
     */
    public static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    /** The number of elements. Plain: guarded by {@code lock}. */
    private int count;

    /** The sequence number of the next insertion. Plain: guarded by {@code lock}. */
    private long nextSequence;

    /**
     * Creates an empty, non-fair queue that holds at most {@code capacity} elements.
     *
     * @param capacity the capacity of the queue
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds
     *         {@link #MAX_CAPACITY}
     */
    public LockingArrayQueue(int capacity) {
        this(capacity, false);
    }

    /**
     * Creates an empty queue that holds at most {@code capacity} elements, with the given fairness
     * (see the class documentation for what fairness does and costs).
     *
     * @param capacity the capacity of the queue
     * @param fair {@code true} to grant the queue's lock to waiting threads in arrival order
     * @throws IllegalArgumentException if {@code capacity} is not positive, or exceeds
     *         {@link #MAX_CAPACITY}
     */
    public LockingArrayQueue(int capacity, boolean fair) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity " + capacity + " exceeds the largest array a JVM"
                    + " allocates, " + MAX_CAPACITY + " (LockingArrayQueue.MAX_CAPACITY); the slots are allocated"
                    + " up front, 12 to 16 bytes each");
        }
        this.items = new Object[capacity];
        this.sequences = new long[capacity];
        this.lock = new ReentrantMutex(fair);
        this.notEmpty = lock.newCondition();
        this.notFull = lock.newCondition();
    }

    // ---- Accessors -------------------------------------------------------------------------------

    /**
     * Returns the capacity: the most elements the queue holds, fixed at construction.
     *
     * @return the capacity
     */
    public int capacity() {
        return items.length;
    }

    /**
     * Returns whether the queue is fair (see the class documentation).
     *
     * @return {@code true} if the queue's lock is granted to waiting threads in arrival order
     */
    public boolean isFair() {
        return lock.isFair();
    }

    // ---- Insertion -------------------------------------------------------------------------------

    /**
     * Inserts the element at the tail if the queue is not full; never waits for space.
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
            if (count == items.length) {
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
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the element
     *         was not inserted
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
     * Inserts the element at the tail, waiting at most the given time for space. A time of zero or
     * less does not wait.
     *
     * @param element the element to insert
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if inserted, {@code false} if the time ran out first (nothing was inserted)
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the element
     *         was not inserted
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
                    return false; // read of count under the lock: linearization point of a timeout.
                }
                nanos = notFull.awaitNanos(nanos); // positive if signalled, even when time ran out.
            }
            insertLast(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- Removal ---------------------------------------------------------------------------------

    /**
     * Removes and returns the head of the queue, or returns {@code null} if it is empty; never waits.
     *
     * @return the head, or {@code null}
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
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing was
     *         removed
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
     * Removes and returns the head of the queue, waiting at most the given time for an element. A
     * time of zero or less does not wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the head, or {@code null} if the time ran out first (nothing was removed)
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing was
     *         removed
     * @throws NullPointerException if {@code unit} is null
     */
    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                if (nanos <= 0L) {
                    return null; // read of count under the lock: linearization point of a timeout.
                }
                nanos = notEmpty.awaitNanos(nanos); // positive if signalled, even when time ran out.
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
     * Removes the first occurrence of the element (the one nearest the head, by {@code equals}), if
     * present. The elements behind it keep their order.
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
     * Removes every element, atomically. Waiting producers are woken, one for each slot freed.
     */
    @Override
    public void clear() {
        lock.lock();
        try {
            int removed = count;
            for (int offset = 0; offset < removed; offset++) {
                items[slotAt(offset)] = null; // invariant 2: keep nothing reachable.
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
     * @throws RuntimeException whatever {@code target.add} throws; see {@link #drainTo(Collection, int)}
     */
    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    /**
     * Removes at most {@code maxElements} elements from the head and adds them to {@code target}, in
     * FIFO order, atomically: under the lock, so no other operation sees the drain half done.
     * {@code maxElements} of zero or less transfers nothing.
     *
     * <p>If {@code target.add} throws, the elements already added to {@code target} have been
     * removed from this queue and the others, including the one being added, are still in it: no
     * element is lost or duplicated. The exception is then rethrown. {@code target.add} runs under the
     * queue's lock; it must not modify this queue.
     *
     * @param target the collection to add the elements to
     * @param maxElements the most elements to transfer
     * @return the number of elements transferred
     * @throws NullPointerException if {@code target} is null
     * @throws IllegalArgumentException if {@code target} is this queue
     * @throws RuntimeException whatever {@code target.add} throws ({@link UnsupportedOperationException},
     *         {@link ClassCastException}, {@link IllegalArgumentException}...), after the elements
     *         transferred so far have been removed
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
                target.add(elementAt(takeIndex)); // if this throws, the element stays in the queue.
                items[takeIndex] = null; // invariant 2.
                takeIndex = next(takeIndex);
                count--; // linearization point of this element's removal.
                transferred++;
            }
            return transferred;
        } finally {
            try {
                signalNotFull(transferred); // even if target.add threw: those slots are free.
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- Bulk removal ----------------------------------------------------------------------------

    /**
     * Removes every element that satisfies the predicate, atomically. The predicate is called once for
     * each element, in FIFO order, under the queue's lock; it must not modify this queue. If it throws,
     * nothing is removed and the exception is rethrown.
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

    // ---- Inspection ------------------------------------------------------------------------------

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
     * Returns how many more elements the queue would accept now without waiting: the capacity minus
     * the size; exact.
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
     * Returns the elements in FIFO order, copied at one instant, in {@code array} if they fit (and then
     * the slot after the last is set to {@code null}) and otherwise in a new array of the same runtime
     * type and exactly their number.
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
     * Returns a weakly consistent iterator over the elements, in FIFO order (see the class
     * documentation), which supports {@link Iterator#remove()}.
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

    // ---- The ring, under the lock ----------------------------------------------------------------

    /** Appends at {@code putIndex}, which is free. The caller holds the lock and has checked for space. */
    private void insertLast(E element) {
        int slot = putIndex;
        items[slot] = element; // plain, under the lock, like every access to the ring.
        sequences[slot] = nextSequence++; // invariant 3: the next sequence number.
        putIndex = next(slot);
        count++; // linearization point of the insertion.
        notEmpty.signal(); // invariant 4.
    }

    /** Removes the head. The caller holds the lock and has checked that the queue is not empty. */
    private E removeFirst() {
        int slot = takeIndex;
        E element = elementAt(slot);
        items[slot] = null; // invariant 2.
        takeIndex = next(slot);
        count--; // linearization point of the removal.
        notFull.signal(); // invariant 4.
        return element;
    }

    /**
     * Removes the element at {@code offset} from the head, {@code 0 <= offset < count}, and closes the
     * gap by moving the elements on the shorter side of it one slot towards it, with their sequence
     * numbers. The caller holds the lock.
     */
    private void removeAt(int offset) {
        if (offset < count / 2) {
            // Nearer the head: move the elements before it one slot back, and advance takeIndex.
            for (int moving = offset; moving > 0; moving--) {
                moveSlot(slotAt(moving - 1), slotAt(moving));
            }
            items[takeIndex] = null; // invariant 2.
            takeIndex = next(takeIndex);
        } else {
            // Nearer the tail: move the elements after it one slot forward, and retreat putIndex.
            for (int moving = offset; moving < count - 1; moving++) {
                moveSlot(slotAt(moving + 1), slotAt(moving));
            }
            putIndex = previous(putIndex);
            items[putIndex] = null; // invariant 2.
        }
        count--; // linearization point of the removal.
        notFull.signal(); // invariant 4.
    }

    /** Copies the element in slot {@code from}, and its sequence number, to slot {@code to}. */
    private void moveSlot(int from, int to) {
        items[to] = items[from];
        sequences[to] = sequences[from];
    }

    /**
     * Removes the elements the filter selects, keeping the others in order, in two passes: the first
     * only asks the filter (so a filter that throws leaves the queue as it was), the second compacts
     * the survivors towards the head.
     */
    private boolean removeMatching(Predicate<? super E> filter) {
        lock.lock();
        try {
            int size = count;
            long sequenceBefore = nextSequence;
            boolean[] doomed = null;
            int removed = 0;
            for (int offset = 0; offset < size; offset++) {
                if (filter.test(elementAt(slotAt(offset)))) {
                    if (doomed == null) {
                        doomed = new boolean[size];
                    }
                    doomed[offset] = true;
                    removed++;
                }
            }
            if (count != size || nextSequence != sequenceBefore) {
                // Every insertion advances nextSequence and every removal lowers count, so these two
                // are unchanged exactly when the (reentrant) filter left the queue alone.
                throw new ConcurrentModificationException("the filter modified the queue");
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

    /** Wakes up to {@code slotsFreed} producers, one for each slot freed (invariant 4). */
    private void signalNotFull(int slotsFreed) {
        for (int signal = 0; signal < slotsFreed; signal++) {
            notFull.signal();
        }
    }

    /** Copies the elements, in FIFO order, to the start of {@code target}, which is large enough. */
    private void copyElementsTo(Object[] target) {
        int firstPart = Math.min(count, items.length - takeIndex);
        System.arraycopy(items, takeIndex, target, 0, firstPart);
        System.arraycopy(items, 0, target, firstPart, count - firstPart);
    }

    /**
     * The offset from the head of the first element whose sequence number is greater than
     * {@code sequence}, or {@code count} if there is none: a binary search, since the numbers
     * increase from the head (invariant 3). The caller holds the lock.
     */
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

    /** The slot at {@code offset} from the head, {@code 0 <= offset <= capacity}. */
    private int slotAt(int offset) {
        int slot = takeIndex + offset;
        return slot >= items.length ? slot - items.length : slot;
    }

    /** The slot after {@code slot}, around the ring. */
    private int next(int slot) {
        return slot + 1 == items.length ? 0 : slot + 1;
    }

    /** The slot before {@code slot}, around the ring. */
    private int previous(int slot) {
        return slot == 0 ? items.length - 1 : slot - 1;
    }

    /** The element in {@code slot}, or null if the slot is empty. */
    @SuppressWarnings("unchecked") // only elements of type E are ever stored in items.
    private E elementAt(int slot) {
        return (E) items[slot];
    }

    // ---- The iterator ----------------------------------------------------------------------------

    /**
     * The weakly consistent iterator: it knows elements by their sequence numbers, never by slots
     * (see "Interior removal and iterators" in the class notes). Its own fields are plain: an iterator
     * is used by one thread at a time.
     */
    private final class SequenceIterator implements Iterator<E> {

        /** The element the next call of next() returns, or null when the iteration is over. */
        private E nextElement;

        /** The sequence number of {@code nextElement}. */
        private long nextElementSequence;

        /** The sequence number of the element next() returned last, or NO_SEQUENCE after remove(). */
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
                // The first element after the one we return, wherever interior removals moved it.
                int offset = firstOffsetAfter(nextElementSequence);
                if (offset < count) {
                    int slot = slotAt(offset);
                    nextElement = elementAt(slot);
                    nextElementSequence = sequences[slot];
                } else {
                    nextElement = null; // the end: later insertions are not seen (weakly consistent).
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
                    removeAt(offset); // the very same occurrence: sequence numbers are never reused.
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
