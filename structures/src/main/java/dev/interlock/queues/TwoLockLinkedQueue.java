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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * An optionally bounded blocking FIFO queue on a linked list, with one lock for producers and another for
 * consumers, so that a put and a take proceed in parallel: the two-lock queue of Michael and Scott, with the
 * blocking of {@link java.util.concurrent.LinkedBlockingQueue}.
 *
 * <p>The capacity is given to the constructor, or {@link Integer#MAX_VALUE} ("unbounded"). Null elements
 * are refused with {@link NullPointerException}; bad input changes nothing. A waiting method interrupted
 * before or while waiting throws {@link InterruptedException}, clears the interrupt status and has inserted
 * or removed nothing, as has one that timed out. A waiter woken at the moment it is interrupted may
 * complete instead, with its interrupt status set again; never both.
 *
 * <p><b>Linearizability.</b> Every public method is linearizable except the iterator and the bulk methods
 * that {@link java.util.AbstractCollection} builds from single steps ({@code addAll}, {@code removeAll},
 * {@code retainAll}, {@code removeIf}, {@code containsAll}). {@link #size()} is exact.
 *
 * <p><b>Iterators</b> are weakly consistent: they never throw
 * {@link java.util.ConcurrentModificationException}; they return elements in FIFO order, every element
 * present for the whole iteration exactly once and none twice, and may or may not return elements added or
 * removed meanwhile. An element present when the iterator reached it is returned even if removed before
 * {@code next()} hands it out. {@link Iterator#remove()} removes the last returned element if it is still
 * in the queue.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread prior to
 * placing an object into the queue happen-before actions subsequent to the access or removal of that
 * element from the queue in another thread.
 *
 * <p><b>Progress:</b> blocking. Producers contend only with producers, and consumers with consumers, except
 * in the methods that take both locks; a producer and a consumer meet only on the element count (one atomic
 * update each) and when one must wake the other.
 *
 * @param <E> the type of the elements
 */
public final class TwoLockLinkedQueue<E> extends AbstractInterlockQueue<E> implements BlockingQueue<E> {
    /*
     * Implementation notes.
     *
     * Michael and Scott's two-lock queue: the list starts at a dummy node, head; last is the last node. offer
     * links a node after last under the put lock; poll advances head under the take lock, making the first
     * node the dummy. So the two sides share no lock, even on an empty queue. As in LinkedBlockingQueue, a
     * count changed by both sides with an atomic RMW bounds the queue and makes size() exact; the value it
     * returns tells the writer whether it made the queue non-empty or non-full.
     *
     * Publication. A producer links its node (plain writes), then counts it (a volatile RMW); a consumer
     * reads the count (volatile) before any node. A volatile write synchronizes-with every later volatile
     * read of the variable (JLS 17.4.4), even one that returns a later change, so the consumer sees every
     * node it finds counted. So node fields are plain, as are head and last, each under its lock.
     *
     * Invariants:
     * 1. head.item == null; the nodes after head, up to last, hold the elements in FIFO order, non-null;
     *    last.next == null.
     * 2. head is written only under the take lock, last only under the put lock (or both).
     * 3. A producer links, then counts, its node under the put lock. With both locks free, count is the
     *    number of element nodes; while the put lock is held, one more may be linked, uncounted; while the
     *    take lock is held, the first nodes may be unlinked, not yet uncounted.
     * 4. 0 <= count <= capacity; only the put lock's holder raises it, only the take lock's lowers it.
     * 5. A dequeued dummy links to itself; a node unlinked by remove keeps its next. Either way its item is
     *    null, and no live node leads to it.
     *
     * Linearization points. offer, poll: their RMW of the count (only their own side moves it towards the
     * limit they checked under their lock). Refusals, peek, size, isEmpty, remainingCapacity: their read of
     * the count. contains: anywhere under both locks (invariant 3). remove, clear, drainTo: their one RMW. A
     * drainTo that will move every element keeps the put lock until then, so the queue holds exactly what it
     * moved; one that moves maxElements releases it at once, as additions go behind (holding the take lock
     * only, as LinkedBlockingQueue does, failed TwoLockLinkedQueueLincheckTest). Consumers read the count
     * before the list, so a linked, uncounted node is unseen; an unlinked, uncounted one only shows producers
     * the queue as full as it still is.
     *
     * Signalling. Consumers wait on notEmpty (take lock), producers on notFull (put lock). A producer whose
     * increment returned 0 signals notEmpty, and a consumer whose decrement started from capacity signals
     * notFull, after releasing its own lock; remove, clear and drainTo signal notFull when they free a full
     * queue. Woken threads cascade: a producer that leaves room signals notFull, a consumer that leaves
     * elements notEmpty. No thread takes the put lock while holding the take lock, and both-lock methods
     * take the put lock first: no deadlock.
     *
     * Announcing. A thread that may wait increments waitingTakers (or waitingPutters) under its lock before
     * its last read of the count, and decrements it when done. The signaller reads it after its RMW and
     * takes the other lock only if it is positive. All four accesses are volatile, so totally ordered
     * (Dekker): the waiter's read of the count sees the RMW, or the signaller's read sees the announcement.
     * So offer and poll alone never take the other side's lock.
     *
     * No lost wake-up (notEmpty; notFull mirrors it). Claim: whenever the take lock is free, count > 0 and a
     * consumer waits, a carrier exists, which will take the take lock: a producer that took the count from 0
     * and read waitingTakers > 0 (by Dekker, any increment from 0 after an announced consumer's read of zero
     * does), or a consumer whose signal won the CAS on its wait node (ConditionQueue). That consumer
     * re-checks the count under the take lock even if interrupted or timed out after the signal (the wait
     * then returns normally, and the loops test the count first), and signals in turn if it leaves elements
     * and consumers are announced. A waiter whose interrupt or timeout won the CAS is skipped by the signal.
     * Other steps only lower the count. A signaller takes the other lock uninterruptibly, after committing
     * its change, so a carrier can neither be interrupted out of its duty nor fail after changing the queue.
     *
     * Self-links let an iterator on a dequeued node restart at head, and keep a tenured dead node from
     * holding later nodes reachable until a full collection (GC "nepotism"). An iterator holds its next node
     * and element, advances under both locks past null items, and from a self-linked node restarts at head,
     * past all it visited; links point forward, so no element is returned twice.
     *
     * References: M. M. Michael and M. L. Scott, "Simple, Fast, and Practical Non-Blocking and Blocking
     * Concurrent Queue Algorithms", PODC 1996; Herlihy and Shavit, The Art of Multiprocessor Programming,
     * 2nd ed., ch. 10.3; Doug Lea's LinkedBlockingQueue (the count, the cascade, the self-link). Evidence:
     * TwoLockLinkedQueueTest, UnboundedTwoLockLinkedQueueTest, TwoLockLinkedQueueLincheckTest, jcstress
     * Queues_*; for lost wake-ups, the contract's waiter tests, PassOnWakeUpNegativeControlTest and
     * jcstress's Termination tests.
     */

    private final int capacity;

    /** Changed only by RMW (invariant 4). */
    private volatile int count;

    /** The dummy. Plain: only under the take lock. */
    private Node<E> head;

    /** Plain: only under the put lock. */
    private Node<E> last;

    /** Announced producers (see Announcing). Written only under the put lock. */
    private volatile int waitingPutters;

    /** Announced consumers. Written only under the take lock. */
    private volatile int waitingTakers;

    private final ReentrantMutex putLock = new ReentrantMutex(false);

    private final Condition notFull = putLock.newCondition();

    private final ReentrantMutex takeLock = new ReentrantMutex(false);

    private final Condition notEmpty = takeLock.newCondition();

    /** Creates an empty queue with a capacity of {@link Integer#MAX_VALUE}, in effect unbounded. */
    public TwoLockLinkedQueue() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Creates an empty queue that holds at most {@code capacity} elements.
     *
     * @param capacity the capacity
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public TwoLockLinkedQueue(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be at least 1, but was " + capacity);
        }
        this.capacity = capacity;
        Node<E> dummy = new Node<>(null);
        this.head = dummy;
        this.last = dummy;
        // Plain writes: the queue must be published safely, like any object with non-final fields.
    }

    /**
     * Returns the capacity.
     *
     * @return the capacity given to the constructor, or {@link Integer#MAX_VALUE}
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Inserts {@code element} at the tail if there is room; never waits.
     *
     * @param element the element to add
     * @return {@code true} if it was added; {@code false} if the queue is full
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        if (count == capacity) {
            return false; // linearization point: the read of a full count.
        }
        Node<E> node = new Node<>(element);
        int countBefore;
        putLock.lock();
        try {
            if (count == capacity) { // under the put lock: no one else can raise it.
                return false; // linearization point: the read of a full count.
            }
            countBefore = enqueueAndCount(node);
        } finally {
            putLock.unlock();
        }
        if (countBefore == 0) {
            signalNotEmpty();
        }
        return true;
    }

    /**
     * Inserts {@code element} at the tail, waiting for room.
     *
     * @param element the element to add
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void put(E element) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        Node<E> node = new Node<>(element);
        int countBefore;
        putLock.lockInterruptibly();
        try {
            awaitRoom();
            countBefore = enqueueAndCount(node);
        } finally {
            putLock.unlock();
        }
        if (countBefore == 0) {
            signalNotEmpty();
        }
    }

    /**
     * Inserts {@code element} at the tail, waiting at most the given time for room; zero or less does not
     * wait.
     *
     * @param element the element to add
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if it was added; {@code false} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} or {@code unit} is null
     */
    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        long remainingNanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        Node<E> node = new Node<>(element);
        int countBefore;
        putLock.lockInterruptibly();
        try {
            if (!awaitRoom(remainingNanos)) {
                return false; // linearization point: the last read of a full count.
            }
            countBefore = enqueueAndCount(node);
        } finally {
            putLock.unlock();
        }
        if (countBefore == 0) {
            signalNotEmpty();
        }
        return true;
    }

    /** The caller holds the put lock and has seen room. Returns the count before. */
    private int enqueueAndCount(Node<E> node) {
        last.next = node; // plain: published to consumers by the RMW below (a release).
        last = node; // plain: only under the put lock.
        int countBefore = (int) COUNT.getAndAdd(this, 1); // the RMW is the linearization point of the insertion.
        if (countBefore + 1 < capacity && waitingPutters > 0) { // volatile read; exact: written under our lock.
            notFull.signal(); // room is left: pass the wake-up on to another producer.
        }
        return countBefore;
    }

    /** Waits, holding the put lock, until the queue is not full. */
    private void awaitRoom() throws InterruptedException {
        if (count != capacity) {
            return;
        }
        waitingPutters = waitingPutters + 1; // volatile write, then the read of count: see Announcing.
        try {
            while (count == capacity) { // see No lost wake-up.
                notFull.await();
            }
        } finally {
            waitingPutters = waitingPutters - 1; // only under the put lock, so no update is lost.
        }
    }

    /** As awaitRoom(), for at most nanos; returns whether there is room. */
    private boolean awaitRoom(long nanos) throws InterruptedException {
        if (count != capacity) {
            return true;
        }
        if (nanos <= 0L) {
            return false;
        }
        waitingPutters = waitingPutters + 1; // volatile write, then the read of count: see Announcing.
        try {
            long remainingNanos = nanos;
            while (count == capacity) { // before the time: see No lost wake-up.
                if (remainingNanos <= 0L) {
                    return false;
                }
                remainingNanos = notFull.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            waitingPutters = waitingPutters - 1; // only under the put lock.
        }
    }

    /** Wakes a consumer, if one may wait; the caller took the count from 0 and holds no lock. */
    private void signalNotEmpty() {
        if (waitingTakers == 0) { // volatile read, after our RMW of count: see Announcing.
            return;
        }
        takeLock.lock(); // uninterruptible: see No lost wake-up.
        try {
            notEmpty.signal();
        } finally {
            takeLock.unlock();
        }
    }

    /**
     * Removes and returns the head of the queue; never waits.
     *
     * @return the head, or {@code null} if the queue is empty
     */
    @Override
    public E poll() {
        if (count == 0) {
            return null; // linearization point: the read of a zero count.
        }
        E element;
        int countBefore;
        takeLock.lock();
        try {
            if (count == 0) { // under the take lock: no one else can lower it.
                return null; // linearization point: the read of a zero count.
            }
            element = dequeue();
            countBefore = uncountOne();
        } finally {
            takeLock.unlock();
        }
        if (countBefore == capacity) {
            signalNotFull();
        }
        return element;
    }

    /**
     * Removes and returns the head of the queue, waiting for an element.
     *
     * @return the head
     * @throws InterruptedException if interrupted
     */
    @Override
    public E take() throws InterruptedException {
        E element;
        int countBefore;
        takeLock.lockInterruptibly();
        try {
            awaitElement();
            element = dequeue();
            countBefore = uncountOne();
        } finally {
            takeLock.unlock();
        }
        if (countBefore == capacity) {
            signalNotFull();
        }
        return element;
    }

    /**
     * Removes and returns the head of the queue, waiting at most the given time for an element; zero or less
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
        long remainingNanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        E element;
        int countBefore;
        takeLock.lockInterruptibly();
        try {
            if (!awaitElement(remainingNanos)) {
                return null; // linearization point: the last read of a zero count.
            }
            element = dequeue();
            countBefore = uncountOne();
        } finally {
            takeLock.unlock();
        }
        if (countBefore == capacity) {
            signalNotFull();
        }
        return element;
    }

    /** Unlinks the first element node, the new dummy; the caller holds the take lock and read a positive count. */
    private E dequeue() {
        Node<E> oldHead = head;
        Node<E> first = oldHead.next; // plain: see Publication.
        oldHead.next = oldHead; // plain: the self-link; oldHead is not last, so no producer writes it.
        head = first; // plain: only under the take lock.
        E element = first.item; // plain: see Publication.
        first.item = null; // plain: the new dummy (invariant 1).
        return element;
    }

    /** The caller holds the take lock and has dequeued. Returns the count before. */
    private int uncountOne() {
        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point of the removal.
        if (countBefore > 1 && waitingTakers > 0) { // volatile read; exact: written under our lock.
            notEmpty.signal(); // elements are left: pass the wake-up on to another consumer.
        }
        return countBefore;
    }

    /** Waits, holding the take lock, until the queue is not empty. */
    private void awaitElement() throws InterruptedException {
        if (count != 0) {
            return;
        }
        waitingTakers = waitingTakers + 1; // volatile write, then the read of count: see Announcing.
        try {
            while (count == 0) { // see No lost wake-up.
                notEmpty.await();
            }
        } finally {
            waitingTakers = waitingTakers - 1; // only under the take lock, so no update is lost.
        }
    }

    /** As awaitElement(), for at most nanos; returns whether there is an element. */
    private boolean awaitElement(long nanos) throws InterruptedException {
        if (count != 0) {
            return true;
        }
        if (nanos <= 0L) {
            return false;
        }
        waitingTakers = waitingTakers + 1; // volatile write, then the read of count: see Announcing.
        try {
            long remainingNanos = nanos;
            while (count == 0) { // before the time: see No lost wake-up.
                if (remainingNanos <= 0L) {
                    return false;
                }
                remainingNanos = notEmpty.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            waitingTakers = waitingTakers - 1; // only under the take lock.
        }
    }

    /** Wakes a producer, if one may wait; the caller freed a full queue and holds no lock. */
    private void signalNotFull() {
        if (waitingPutters == 0) { // volatile read, after our RMW of count: see Announcing.
            return;
        }
        putLock.lock(); // uninterruptible: see No lost wake-up.
        try {
            notFull.signal();
        } finally {
            putLock.unlock();
        }
    }

    /**
     * Returns the head of the queue without removing it.
     *
     * @return the head, or {@code null} if the queue is empty
     */
    @Override
    public E peek() {
        if (count == 0) {
            return null; // linearization point: the read of a zero count.
        }
        takeLock.lock();
        try {
            if (count == 0) { // the linearization point (invariant 3).
                return null;
            }
            return head.next.item; // plain: counted, so visible; and first until we release the lock.
        } finally {
            takeLock.unlock();
        }
    }

    /**
     * Removes every element and adds it, in FIFO order, to {@code sink}; see
     * {@link #drainTo(Collection, int)}.
     *
     * @param sink the collection to add the elements to
     * @return the number of elements moved
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code sink} is this queue
     * @throws RuntimeException whatever {@code sink.add} throws
     */
    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    /**
     * Removes at most {@code maxElements} elements from the head and adds them, in FIFO order, to
     * {@code sink}; zero or less moves nothing. Linearizable: under both locks (producers wait unless the
     * queue holds at least {@code maxElements}). If {@code sink.add} throws, the elements moved before stay
     * in {@code sink}, the rest in the queue. {@code sink.add} runs under the take lock and must not call
     * this queue (an {@code offer} could deadlock).
     *
     * @param sink the collection to add the elements to
     * @param maxElements the most elements to move
     * @return the number of elements moved
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code sink} is this queue
     * @throws RuntimeException whatever {@code sink.add} throws
     */
    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        Objects.requireNonNull(sink, "sink");
        if (sink == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        if (maxElements <= 0) {
            return 0;
        }
        int moved = 0;
        int countBefore = 0;
        boolean holdingPutLock = true;
        lockBoth();
        try {
            int toMove = Math.min(maxElements, count); // see Publication.
            if (toMove == maxElements) {
                // Producers may go on: see Linearization points.
                putLock.unlock();
                holdingPutLock = false;
            }
            Node<E> newHead = head;
            try {
                while (moved < toMove) {
                    Node<E> first = newHead.next; // plain: counted, so visible.
                    sink.add(first.item); // may throw: then first stays in the queue.
                    first.item = null; // plain: first becomes the dummy.
                    newHead.next = newHead; // plain: the self-link.
                    newHead = first;
                    moved++;
                }
            } finally {
                // even if sink.add threw.
                if (moved > 0) {
                    head = newHead; // plain: only under the take lock.
                    countBefore = (int) COUNT.getAndAdd(this, -moved); // the RMW is the linearization point.
                }
            }
        } finally {
            takeLock.unlock();
            if (holdingPutLock) {
                putLock.unlock();
            }
            // even if sink.add threw.
            if (moved > 0 && countBefore == capacity) {
                signalNotFull();
            }
        }
        return moved;
    }

    /**
     * Returns the number of elements; exact.
     *
     * @return the number of elements
     */
    @Override
    public int size() {
        return count; // linearization point.
    }

    /**
     * Returns whether the queue is empty; exact.
     *
     * @return {@code true} if there is no element
     */
    @Override
    public boolean isEmpty() {
        return count == 0; // linearization point.
    }

    /**
     * Returns {@code capacity() - size()}; exact.
     *
     * @return the remaining capacity
     */
    @Override
    public int remainingCapacity() {
        return capacity - count; // linearization point.
    }

    /** Always in this order: put lock, then take lock. */
    private void lockBoth() {
        putLock.lock();
        takeLock.lock();
    }

    private void unlockBoth() {
        takeLock.unlock();
        putLock.unlock();
    }

    /**
     * Returns whether an element equals {@code object}; exact, under both locks (where {@code equals}
     * runs).
     *
     * @param object the object to look for
     * @return {@code true} if some element equals it; {@code false} if none does or {@code object} is null
     */
    @Override
    public boolean contains(Object object) {
        if (object == null) {
            return false;
        }
        lockBoth();
        try {
            // Linearization point: anywhere here (invariant 3).
            for (Node<E> node = head.next; node != null; node = node.next) { // plain: under both locks.
                if (object.equals(node.item)) {
                    return true;
                }
            }
            return false;
        } finally {
            unlockBoth();
        }
    }

    /**
     * Removes the first element equal to {@code object}, if any; linearizable, under both locks (where
     * {@code equals} runs).
     *
     * @param object the object to remove
     * @return {@code true} if an element was removed; {@code false} if none equals it or {@code object}
     *         is null
     */
    @Override
    public boolean remove(Object object) {
        if (object == null) {
            return false;
        }
        lockBoth();
        try {
            for (Node<E> predecessor = head, node = head.next; node != null;
                    predecessor = node, node = node.next) { // plain: under both locks.
                if (object.equals(node.item)) {
                    unlink(node, predecessor);
                    return true;
                }
            }
            return false;
        } finally {
            unlockBoth();
        }
    }

    /** The caller holds both locks. The node keeps its next, for iterators (invariant 5). */
    private void unlink(Node<E> node, Node<E> predecessor) {
        node.item = null; // plain: under both locks; marks the node removed.
        predecessor.next = node.next; // plain: under both locks.
        if (last == node) {
            last = predecessor; // plain: under both locks.
        }
        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point.
        if (countBefore == capacity) {
            notFull.signal(); // we hold the put lock.
        }
    }

    /** Removes every element; linearizable, under both locks. */
    @Override
    public void clear() {
        lockBoth();
        try {
            Node<E> dummy = head;
            Node<E> node = dummy.next;
            while (node != null) { // plain reads and writes: under both locks.
                Node<E> next = node.next;
                dummy.next = dummy; // the self-link: iterators standing here restart at head.
                node.item = null;
                dummy = node;
                node = next;
            }
            head = dummy; // now head == last, the list is empty.
            int countBefore = (int) COUNT.getAndSet(this, 0); // the RMW is the linearization point.
            if (countBefore == capacity) {
                notFull.signal(); // we hold the put lock; the woken producer cascades.
            }
        } finally {
            unlockBoth();
        }
    }

    /**
     * Returns the elements in FIFO order, in a new array, taken under both locks.
     *
     * @return an array of the elements
     */
    @Override
    public Object[] toArray() {
        lockBoth();
        try {
            Object[] elements = new Object[count]; // with both locks held, the exact size.
            int index = 0;
            for (Node<E> node = head.next; node != null; node = node.next) { // plain: under both locks.
                elements[index++] = node.item;
            }
            return elements;
        } finally {
            unlockBoth();
        }
    }

    /**
     * Returns the elements in FIFO order, in {@code array} if they fit (followed by a null if there is room),
     * otherwise in a new array of its runtime type.
     *
     * @param array the array to fill, if it is big enough
     * @param <T> the component type of the array
     * @return an array of the elements
     * @throws ArrayStoreException if an element is not an instance of the array's component type
     * @throws NullPointerException if {@code array} is null
     */
    @Override
    public <T> T[] toArray(T[] array) {
        Objects.requireNonNull(array, "array");
        Object[] snapshot = toArray();
        T[] result = array.length >= snapshot.length ? array : Arrays.copyOf(array, snapshot.length);
        System.arraycopy(snapshot, 0, result, 0, snapshot.length);
        if (result.length > snapshot.length) {
            result[snapshot.length] = null;
        }
        return result;
    }

    /**
     * Returns the elements in FIFO order, as {@code [a, b, c]}, taken under both locks; their
     * {@code toString} is called after the locks are released.
     *
     * @return a description of the contents
     */
    @Override
    public String toString() {
        Object[] snapshot = toArray();
        StringBuilder text = new StringBuilder(2 + 4 * snapshot.length).append('[');
        for (int index = 0; index < snapshot.length; index++) {
            if (index > 0) {
                text.append(", ");
            }
            Object element = snapshot[index];
            text.append(element == this ? "(this Collection)" : String.valueOf(element));
        }
        return text.append(']').toString();
    }

    /**
     * Returns a weakly consistent iterator in FIFO order (see the class documentation), which supports
     * {@link Iterator#remove()}.
     *
     * @return an iterator over the elements
     */
    @Override
    public Iterator<E> iterator() {
        return new Itr();
    }

    /**
     * Returns a weakly consistent spliterator in FIFO order, built on {@link #iterator()}, reporting
     * {@link Spliterator#CONCURRENT}, {@link Spliterator#NONNULL} and {@link Spliterator#ORDERED}.
     *
     * @return a spliterator over the elements
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.CONCURRENT | Spliterator.NONNULL | Spliterator.ORDERED);
    }

    /** Plain fields: an iterator is used by one thread. It reads the list under both locks. */
    private final class Itr implements Iterator<E> {

        /** Null at the end. */
        private Node<E> nextNode;

        /** Kept, to be returned even if removed meanwhile. */
        private E nextElement;

        /** For remove(); null if none. */
        private Node<E> lastReturned;

        /** Before lastReturned, from the last remove(): removing all is linear. */
        private Node<E> ancestor;

        Itr() {
            lockBoth();
            try {
                nextNode = head.next; // with the put lock held, every linked node is counted.
                if (nextNode != null) {
                    nextElement = nextNode.item;
                }
            } finally {
                unlockBoth();
            }
        }

        @Override
        public boolean hasNext() {
            return nextNode != null;
        }

        @Override
        public E next() {
            Node<E> current = nextNode;
            if (current == null) {
                throw new NoSuchElementException();
            }
            E element = nextElement;
            lastReturned = current;
            lockBoth();
            try {
                Node<E> node = current.next;
                E item = null;
                while (node != null) {
                    item = node.item;
                    if (item != null) {
                        break; // a live element node.
                    }
                    node = successor(node); // removed or dequeued: skip it.
                }
                nextNode = node;
                nextElement = item;
            } finally {
                unlockBoth();
            }
            return element;
        }

        @Override
        public void remove() {
            Node<E> node = lastReturned;
            if (node == null) {
                throw new IllegalStateException("next() has not been called since the last remove()");
            }
            lastReturned = null;
            lockBoth();
            try {
                if (node.item != null) { // still in the queue (invariant 5): unlink this very node.
                    Node<E> start = ancestor == null || ancestor.item == null ? head : ancestor;
                    Node<E> predecessor = start;
                    while (predecessor.next != node) { // node is live and after start: this ends.
                        predecessor = predecessor.next;
                    }
                    ancestor = predecessor;
                    unlink(node, predecessor);
                }
            } finally {
                unlockBoth();
            }
        }
    }

    /** The caller holds both locks. From a self-linked (dequeued) node, resume after head. */
    private Node<E> successor(Node<E> node) {
        Node<E> next = node.next;
        return next == node ? head.next : next;
    }

    /** Plain fields: see Publication. */
    static final class Node<E> {
        /** Null in the dummy and in removed or dequeued nodes. */
        E item;
        /** Null in the last; the node itself once dequeued. */
        Node<E> next;

        Node(E item) {
            this.item = item;
        }
    }

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(TwoLockLinkedQueue.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
