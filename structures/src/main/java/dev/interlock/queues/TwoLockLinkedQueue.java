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
 * An optionally bounded blocking FIFO queue on a singly linked list, with one lock for producers and
 * another for consumers, so that a put and a take proceed in parallel: the two-lock queue of Michael
 * and Scott, with the blocking of {@link java.util.concurrent.LinkedBlockingQueue}.
 *
 * <p>The queue holds at most {@link #capacity()} elements: the capacity given to the constructor, or
 * {@link Integer#MAX_VALUE} for the no-argument constructor ("unbounded", as LinkedBlockingQueue).
 * Elements come out in the order they went in. Null elements are refused with
 * {@link NullPointerException}; bad input changes nothing.
 *
 * <p><b>Methods.</b> {@link #offer(Object)} and {@link #poll()} never wait for room or for an
 * element: they return {@code false} or {@code null}. {@link #put(Object)} and {@link #take()} wait
 * as long as it takes; {@link #offer(Object, long, TimeUnit)} and {@link #poll(long, TimeUnit)} wait
 * at most the given time, and a time of zero or less does not wait at all. The waiting methods are
 * interruptible exactly as {@link BlockingQueue} says: interrupted before or while waiting, they throw
 * {@link InterruptedException}, clear the interrupt status, and have inserted or removed nothing. A
 * timed-out offer inserts nothing. (A waiter woken by a put or a take at the moment it is interrupted
 * may complete normally instead, with its interrupt status set again; it never does both.)
 *
 * <p><b>Linearizability.</b> Every public method is linearizable except the bulk ones that
 * {@link java.util.AbstractCollection} builds from single steps ({@code addAll}, {@code removeAll},
 * {@code retainAll}, {@code removeIf}, {@code containsAll}), which are sequences of linearizable
 * steps, and the iterator, which is weakly consistent. {@link #size()} is <em>exact</em>: it is the
 * number of elements at the instant it reads the count (a single volatile read), not an estimate.
 * {@link #contains(Object)}, {@link #remove(Object)}, {@link #clear()}, {@link #toArray()} and
 * {@link #toString()} take both locks, in a fixed order (the put lock, then the take lock), so they
 * see and change the queue atomically. {@link #drainTo(Collection, int)} takes both too, and lets
 * producers go on as soon as it knows it will move {@code maxElements} elements (not all of them).
 *
 * <p><b>Iterators</b> are <em>weakly consistent</em>: they never throw
 * {@link java.util.ConcurrentModificationException}, return elements in FIFO order, return every
 * element that is in the queue for the whole iteration exactly once, never return an element twice,
 * and may or may not return elements added or removed during the iteration. An element is returned
 * if it was present when the iterator reached it, even if it is removed before {@code next()} hands it
 * out. {@link Iterator#remove()} removes the last returned element if it is still in the queue.
 * {@link #spliterator()} is built on the iterator and has the same guarantees.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread
 * prior to placing an object into the queue happen-before actions subsequent to the access or removal
 * of that element from the queue in another thread.
 *
 * <p><b>Progress:</b> blocking. Every method takes one lock or both, and waits for them; a thread
 * that waits for room or for an element parks. Producers contend only with producers, and consumers
 * only with consumers, except in the methods above that take both locks; a producer and a consumer
 * meet only on the element count (one atomic read-modify-write each) and in the rare hand-off of a
 * wake-up (when the queue goes from empty to not empty, or from full to not full).
 *
 * <h2>Implementation notes</h2>
 * <b>Algorithm.</b> The list starts at a dummy node, {@code head}, whose successor holds the first
 * element; {@code last} is the last node. {@code offer} links a new node after {@code last} under the
 * put lock; {@code poll} advances {@code head} to its successor under the take lock, takes that node's
 * item and makes it the new dummy. With the dummy node, an enqueue touches only {@code last} and a
 * dequeue only {@code head}, so the two need no common lock even when the queue is empty (Michael and
 * Scott, 1996, their two-lock queue). To this we add, as LinkedBlockingQueue does, a count of the
 * elements, updated atomically by both sides, which makes the queue bounded, makes {@code size()}
 * exact, and tells each side when the other may be waiting.
 *
 * <p><b>Why two locks.</b> A single lock would serialise producers with consumers. With two, a put
 * and a take hold different locks and touch different ends of the list: they run in parallel. The
 * price is that neither side can read the other side's state under its own lock, hence the count.
 *
 * <p><b>Why the count is atomic.</b> Producers increment it under the put lock, consumers decrement it
 * under the take lock: two writers that hold no common lock, so each change is one read-modify-write
 * ({@code getAndAdd} through a {@link VarHandle}), and the value it returns (the count just before)
 * tells the writer whether it was the one that made the queue non-empty or non-full, and must wake
 * the other side. The count is also how the two sides pass the elements' links: the RMW that counts a
 * node is a volatile write, and a consumer's read of the count is a volatile read. The read may return
 * a later change than the producer's (another consumer's decrement), but a volatile write
 * synchronizes-with every volatile read of the same variable that follows it in the synchronization
 * order (JLS 17.4.4), so the consumer still sees every link and item written before the nodes it finds
 * counted. That is why the node fields are plain.
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>{@code head} is the dummy node: {@code head.item == null}. The nodes after it, up to
 *       {@code last}, hold the elements in FIFO order, none null; {@code last.next == null}.</li>
 *   <li>{@code head} is written only under the take lock, {@code last} only under the put lock (or
 *       both locks, for {@code remove} and {@code clear}).</li>
 *   <li>Every node is linked (under the put lock) before it is counted (by the same producer, under
 *       the same lock), and nodes are counted in the order they are linked. So with both locks free,
 *       {@code count} equals the number of element nodes. With the put lock held by another thread,
 *       at most one more node, the producer's, may be linked but not yet counted; with the take lock
 *       held, the first nodes may be unlinked but not yet uncounted (by {@code poll} or {@code drainTo}).
 *       </li>
 *   <li>{@code 0 <= count <= capacity}. Only a producer, under the put lock, raises the count; it
 *       is lowered only under the take lock (by a consumer, or under both locks).</li>
 *   <li>A node leaves the list in one of two recognisable ways. A dequeued dummy links to itself
 *       ({@code next == node}); a node unlinked by {@code remove} has a null item and keeps its
 *       {@code next}. Either way its item is null, and no live node's {@code next} leads back to it.
 *       </li>
 * </ol>
 *
 * <p><b>Linearization points.</b> A successful {@code offer} (and {@code put}) takes effect at its
 * increment of the count; a failed one at its read of a full count (the queue is full at that
 * instant). The increment follows a read of a non-full count under the put lock, and only a producer,
 * holding that lock, raises the count: so at the increment there is room. A successful {@code poll}
 * (and {@code take}) takes effect at its decrement of the count; a failed one at its read of a zero
 * count (symmetrically, at the decrement the dequeued node is the first counted one). {@code peek}
 * takes effect at its read of the count: if it is zero the queue is empty; if not, the first node
 * after {@code head} is counted (invariant 3), and it stays first until we release the take lock.
 * {@code size}, {@code isEmpty} and {@code remainingCapacity} take effect at their read of the count.
 * {@code contains} takes effect anywhere while it holds both locks: with the put lock held, every
 * linked node is counted (invariant 3), so the list and the count agree; {@code remove(Object)} and
 * {@code clear} at their RMW of the count, under both locks. {@code drainTo} takes effect at its single
 * RMW of the count, which removes all the nodes it unlinked at once: it reads the count under both locks
 * and moves that many nodes, or {@code maxElements} if fewer. In the first case it keeps the put lock
 * until the RMW, so at that instant the queue holds exactly the nodes it moved, and it took them all. In
 * the second it releases the put lock at once: producers may add behind, but at the RMW the queue holds
 * at least {@code maxElements} elements, and it took the first {@code maxElements}, as it should. (With
 * only the take lock throughout, as LinkedBlockingQueue does, an element added during a full drain is
 * left in the queue although the drain takes effect after it: a history that no sequential queue
 * explains, found by {@code TwoLockLinkedQueueLincheckTest}.) These points are mutually
 * consistent because each side sees the other <em>only</em> through the count: an element linked but not
 * yet counted is invisible to every consumer ({@code poll}, {@code peek}, {@code drainTo} read the count
 * first and then at most that many nodes), and an element unlinked but not yet uncounted only makes a
 * producer see the queue a little fuller, as it still is at that instant.
 *
 * <p><b>Signalling.</b> Consumers wait on {@code notEmpty}, a condition of the take lock; producers on
 * {@code notFull}, of the put lock. A producer whose increment returned 0 made the queue non-empty: after
 * releasing the put lock it takes the take lock and signals {@code notEmpty}. A consumer whose decrement
 * started from {@code capacity} made it non-full: after releasing the take lock it takes the put lock and
 * signals {@code notFull}. Each signal wakes one waiter, so the woken ones pass it on ("cascading"): a
 * producer that leaves room signals {@code notFull}, a consumer that leaves elements signals
 * {@code notEmpty}. {@code remove}, {@code clear} and {@code drainTo} signal {@code notFull} when they free
 * a full queue. No thread ever holds the take lock while it acquires the put lock, and both-lock
 * methods take the put lock first: so there is no deadlock.
 *
 * <p>To keep the two sides apart when nobody waits, a thread that may wait first <em>announces</em>
 * itself: a consumer increments {@code waitingTakers} (under the take lock) before its last read of the
 * count, and decrements it only after it has stopped waiting; producers likewise in {@code waitingPutters}.
 * A producer that made the queue non-empty reads {@code waitingTakers} after its RMW of the count, and
 * takes the take lock to signal only if it is positive (mirrored for consumers). All four accesses are
 * volatile, hence in one total order (Dekker's pattern, as in {@code ReentrantMutex}'s wake-up): either the
 * consumer's read of the count comes after the producer's RMW and sees the element, so it does not wait,
 * or the producer's read comes after the announcement and sees it, so it signals. A queue used only with
 * {@code offer} and {@code poll} then never makes a producer take the take lock, nor a consumer the put
 * lock.
 *
 * <p><b>No wake-up is lost.</b> The proof for {@code notEmpty} (that for {@code notFull} is its mirror,
 * with "room" for "element"). Call a thread a <em>carrier</em> if it is a producer whose increment
 * returned 0, that read {@code waitingTakers > 0} and has not yet signalled, or a consumer that was
 * signalled (the signal's CAS on its wait node won, see {@code ConditionQueue}) and has not yet re-checked
 * the count under the take lock. Claim: whenever the take lock is free, if {@code count > 0} and some
 * consumer waits on {@code notEmpty} (its wait node still {@code CONDITION}), then a carrier exists. Each
 * carrier ends in a finite number of its own steps by taking the take lock, so a waiting consumer is
 * woken. The claim holds initially and is kept by every step:
 * <ol type="a">
 *   <li>A consumer W starts waiting only after announcing itself and then reading {@code count == 0} under
 *       the take lock, and it joins the wait set before releasing the lock. If the count is now positive,
 *       some increment returned 0 after W's read; by the Dekker argument above its producer read
 *       {@code waitingTakers} after W's announcement, which W keeps while it waits: so that producer
 *       became a carrier. Its signal needs the take lock, so it comes after W joined the wait set.</li>
 *   <li>The count leaves 0 only by an increment that returns 0. If its producer then reads
 *       {@code waitingTakers == 0}, nobody was announced at that read, so nobody waited, and every
 *       consumer that announces itself later reads the count after this increment: it cannot start waiting
 *       while this element is counted. Otherwise the producer is a carrier.</li>
 *   <li>A carrier producer signals: if a waiter is still {@code CONDITION}, the signal's CAS makes it a
 *       carrier; if none is, nobody waits, and the claim holds vacuously.</li>
 *   <li>A carrier consumer re-checks the count under the take lock. If it is 0, the claim holds vacuously
 *       (and stays so until an increment from 0, step b). If not, it dequeues, and if it left elements
 *       (its decrement returned more than 1) and consumers are announced, it signals, which makes a new
 *       carrier if anyone waits. <b>It re-checks even if it was interrupted or timed out after the
 *       signal:</b> {@code ConditionQueue} then returns normally (with the interrupt status set again, or
 *       a positive remaining time), and our wait loops test the count before anything else. A waiter
 *       whose interrupt or timeout won the CAS is cancelled, no longer waits, and was never a carrier:
 *       the signal skipped it for the next waiter.</li>
 *   <li>Other steps only lower the count ({@code poll} that was not signalled, {@code drainTo},
 *       {@code remove}, {@code clear}) or do not change it, and create no waiter except by step (a):
 *       they neither remove a carrier nor make the claim false.</li>
 * </ol>
 * The signalling thread takes the other side's lock <em>uninterruptibly</em> and after it has
 * committed its insertion or removal, so a carrier can neither be interrupted out of its duty nor
 * fail after changing the queue.
 *
 * <p><b>Dequeued nodes link to themselves.</b> A dequeued dummy's {@code next} is set to itself. This
 * lets an iterator that holds it recognise it (and restart from {@code head}), and it lets the garbage
 * collector reclaim dequeued nodes even when one of them is in an old generation: without it, a tenured
 * dead node would keep every node enqueued after it reachable until a full collection (the "nepotism"
 * problem of generational collectors).
 *
 * <p><b>Iteration.</b> An iterator holds the node of the next element and that element (so it can hand
 * it out even if it is removed meanwhile); it advances under both locks, skipping nodes whose item is
 * null (removed), and from a self-linked node it restarts at {@code head}, which is past every node it
 * has already visited. Links only point forward in FIFO order, so it never returns an element twice.
 *
 * <p>References: M. M. Michael and M. L. Scott, "Simple, Fast, and Practical Non-Blocking and Blocking
 * Concurrent Queue Algorithms", PODC 1996 (the two-lock queue); M. Herlihy and N. Shavit, <i>The Art of
 * Multiprocessor Programming</i>, 2nd ed., ch. 10.3 (a bounded partial queue); Doug Lea's
 * {@code java.util.concurrent.LinkedBlockingQueue} (the count, the cascading signals, the self-link).
 * Evidence: the contract test {@code TwoLockLinkedQueueTest} (and {@code UnboundedTwoLockLinkedQueueTest}),
 * the Lincheck test {@code TwoLockLinkedQueueLincheckTest} (offer, poll, peek, isEmpty, size, contains,
 * remove, remainingCapacity and drainTo together), and the jcstress tests
 * {@code dev.interlock.stress.queues.Queues_*}. Lost wake-ups, which Lincheck cannot show, are covered by
 * the contract's waiter and interrupt tests and jcstress's Termination tests.
 *
 * @param <E> the type of the elements
 */
public final class TwoLockLinkedQueue<E> extends AbstractInterlockQueue<E> implements BlockingQueue<E> {

    /** The most elements the queue holds. */
    private final int capacity;

    /**
     * The number of elements. Volatile; changed only by RMW ({@code getAndAdd}, {@code getAndSet}):
     * raised under the put lock, lowered under the take lock (invariant 4).
     */
    private volatile int count;

    /** The dummy node. Plain: read and written only under the take lock (invariant 2). */
    private Node<E> head;

    /** The last node. Plain: read and written only under the put lock (invariant 2). */
    private Node<E> last;

    /**
     * The number of producers that wait, or may be about to wait, for room on {@code notFull}.
     * Volatile; written only under the put lock. A consumer that frees a full queue reads it after its
     * RMW of the count, and skips the put lock when it is 0 (see "No lost wake-up").
     */
    private volatile int waitingPutters;

    /**
     * The number of consumers that wait, or may be about to wait, for an element on {@code notEmpty}.
     * Volatile; written only under the take lock. Read by a producer that fills an empty queue, after its
     * RMW of the count.
     */
    private volatile int waitingTakers;

    /** Held by offer, put and the other insertions. Taken first by the methods that take both. */
    private final ReentrantMutex putLock = new ReentrantMutex(false);

    /** Producers wait here for room. */
    private final Condition notFull = putLock.newCondition();

    /** Held by poll, take, peek and drainTo. Taken second by the methods that take both. */
    private final ReentrantMutex takeLock = new ReentrantMutex(false);

    /** Consumers wait here for an element. */
    private final Condition notEmpty = takeLock.newCondition();

    /** Creates an empty queue with a capacity of {@link Integer#MAX_VALUE}, in effect unbounded. */
    public TwoLockLinkedQueue() {
        this(Integer.MAX_VALUE);
    }

    /**
     * Creates an empty queue that holds at most {@code capacity} elements.
     *
     * @param capacity the most elements the queue holds
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
        // Plain writes: like any object with non-final fields, the queue must be published safely (a
        // volatile field, a final field, a lock, Thread.start...) before other threads use it.
    }

    /**
     * Returns the most elements this queue holds: the capacity given to the constructor, or
     * {@link Integer#MAX_VALUE}.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    // ---- Insertion --------------------------------------------------------------------------------

    /**
     * Inserts {@code element} at the tail if there is room, without waiting for room.
     *
     * @param element the element to add
     * @return {@code true} if it was added; {@code false} if the queue is full
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        if (count == capacity) { // volatile read: a full queue fails fast, without the lock.
            return false; // linearization point: the read of a full count.
        }
        Node<E> node = new Node<>(element); // allocated outside the lock, to keep it short.
        int countBefore;
        putLock.lock();
        try {
            if (count == capacity) { // volatile read, under the put lock: no one else can raise it.
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
     * Inserts {@code element} at the tail, waiting as long as it takes for room.
     *
     * @param element the element to add
     * @throws InterruptedException if the current thread is interrupted before or while waiting; then
     *         nothing was inserted
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
     * Inserts {@code element} at the tail, waiting at most the given time for room. A time of zero or
     * less does not wait.
     *
     * @param element the element to add
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if it was added; {@code false} if the time ran out first, and then nothing
     *         was inserted
     * @throws InterruptedException if the current thread is interrupted before or while waiting; then
     *         nothing was inserted
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

    /**
     * Links {@code node} after {@code last} and counts it; the caller holds the put lock and has seen
     * room. Signals another producer if room is left (the cascade). Returns the count before.
     */
    private int enqueueAndCount(Node<E> node) {
        last.next = node; // plain: published to consumers by the RMW below (a release).
        last = node; // plain: only under the put lock.
        int countBefore = (int) COUNT.getAndAdd(this, 1); // the RMW is the linearization point of the insertion.
        if (countBefore + 1 < capacity && waitingPutters > 0) { // volatile read; exact: written under our lock.
            notFull.signal(); // room is left: pass the wake-up on to another producer.
        }
        return countBefore;
    }

    /**
     * Waits, holding the put lock, until the queue is not full. Announces the wait in
     * {@code waitingPutters} for as long as it may wait (see "No lost wake-up").
     */
    private void awaitRoom() throws InterruptedException {
        if (count != capacity) { // volatile read
            return;
        }
        waitingPutters = waitingPutters + 1; // volatile write, then the volatile read of count: Dekker.
        try {
            while (count == capacity) { // volatile read: re-checked after every wake-up (No lost wake-up, d).
                notFull.await();
            }
        } finally {
            waitingPutters = waitingPutters - 1; // volatile write; only under the put lock, so no update is lost.
        }
    }

    /**
     * Waits, holding the put lock, at most {@code nanos} until the queue is not full; returns whether it
     * is not full. A time of zero or less does not wait.
     */
    private boolean awaitRoom(long nanos) throws InterruptedException {
        if (count != capacity) { // volatile read
            return true;
        }
        if (nanos <= 0L) {
            return false;
        }
        waitingPutters = waitingPutters + 1; // volatile write, then the volatile read of count: Dekker.
        try {
            long remainingNanos = nanos;
            while (count == capacity) { // volatile read: checked before the time, so a signal is never dropped.
                if (remainingNanos <= 0L) {
                    return false;
                }
                remainingNanos = notFull.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            waitingPutters = waitingPutters - 1; // volatile write; only under the put lock.
        }
    }

    /**
     * Wakes a consumer, if one may wait: the caller took the count from 0. Called without the put lock
     * (lock order).
     */
    private void signalNotEmpty() {
        if (waitingTakers == 0) { // volatile read, after our RMW of count: Dekker with awaitElement.
            return; // no consumer waits, and any that announces itself from now on will see our element.
        }
        takeLock.lock(); // uninterruptible: this thread carries the wake-up, and the insertion is done.
        try {
            notEmpty.signal();
        } finally {
            takeLock.unlock();
        }
    }

    // ---- Removal ----------------------------------------------------------------------------------

    /**
     * Removes and returns the head of the queue, without waiting for an element.
     *
     * @return the head, or {@code null} if the queue is empty
     */
    @Override
    public E poll() {
        if (count == 0) { // volatile read: an empty queue fails fast, without the lock.
            return null; // linearization point: the read of a zero count.
        }
        E element;
        int countBefore;
        takeLock.lock();
        try {
            if (count == 0) { // volatile read, under the take lock: no one else can lower it.
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
     * Removes and returns the head of the queue, waiting as long as it takes for an element.
     *
     * @return the head
     * @throws InterruptedException if the current thread is interrupted before or while waiting; then
     *         nothing was removed
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
     * Removes and returns the head of the queue, waiting at most the given time for an element. A time
     * of zero or less does not wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the head, or {@code null} if the time ran out first, and then nothing was removed
     * @throws InterruptedException if the current thread is interrupted before or while waiting; then
     *         nothing was removed
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

    /**
     * Unlinks the first element node, which becomes the new dummy, and returns its item. The caller
     * holds the take lock and has read a positive count, so that node is linked and counted
     * (invariant 3), and its link and item are visible (the count's acquire).
     */
    private E dequeue() {
        Node<E> oldHead = head;
        Node<E> first = oldHead.next; // plain: visible through the volatile read of the count.
        oldHead.next = oldHead; // plain: the self-link (invariant 5); oldHead is not last, so no producer writes it.
        head = first; // plain: only under the take lock.
        E element = first.item; // plain: written before the node was counted.
        first.item = null; // plain: the new dummy holds no item (invariant 1).
        return element;
    }

    /**
     * Uncounts the element just dequeued; the caller holds the take lock. Signals another consumer if
     * elements are left (the cascade). Returns the count before.
     */
    private int uncountOne() {
        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point of the removal.
        if (countBefore > 1 && waitingTakers > 0) { // volatile read; exact: written under our lock.
            notEmpty.signal(); // elements are left: pass the wake-up on to another consumer.
        }
        return countBefore;
    }

    /**
     * Waits, holding the take lock, until the queue is not empty. Announces the wait in
     * {@code waitingTakers} for as long as it may wait (see "No lost wake-up").
     */
    private void awaitElement() throws InterruptedException {
        if (count != 0) { // volatile read
            return;
        }
        waitingTakers = waitingTakers + 1; // volatile write, then the volatile read of count: Dekker.
        try {
            while (count == 0) { // volatile read: re-checked after every wake-up (No lost wake-up, d).
                notEmpty.await();
            }
        } finally {
            waitingTakers = waitingTakers - 1; // volatile write; only under the take lock, so no update is lost.
        }
    }

    /**
     * Waits, holding the take lock, at most {@code nanos} until the queue is not empty; returns whether
     * it is not empty. A time of zero or less does not wait.
     */
    private boolean awaitElement(long nanos) throws InterruptedException {
        if (count != 0) { // volatile read
            return true;
        }
        if (nanos <= 0L) {
            return false;
        }
        waitingTakers = waitingTakers + 1; // volatile write, then the volatile read of count: Dekker.
        try {
            long remainingNanos = nanos;
            while (count == 0) { // volatile read: checked before the time, so a signal is never dropped.
                if (remainingNanos <= 0L) {
                    return false;
                }
                remainingNanos = notEmpty.awaitNanos(remainingNanos);
            }
            return true;
        } finally {
            waitingTakers = waitingTakers - 1; // volatile write; only under the take lock.
        }
    }

    /**
     * Wakes a producer, if one may wait: the caller freed a full queue. Called without the take lock
     * (lock order).
     */
    private void signalNotFull() {
        if (waitingPutters == 0) { // volatile read, after our RMW of count: Dekker with awaitRoom.
            return; // no producer waits, and any that announces itself from now on will see the room.
        }
        putLock.lock(); // uninterruptible: this thread carries the wake-up, and the removal is done.
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
        if (count == 0) { // volatile read: an empty queue fails fast, without the lock.
            return null; // linearization point: the read of a zero count.
        }
        takeLock.lock();
        try {
            // Read the count first: the first node may be linked but not yet counted (invariant 3), and
            // returning it would show an element whose offer has not taken effect.
            if (count == 0) { // volatile read: the linearization point.
                return null;
            }
            return head.next.item; // plain: counted, so visible; and first until we release the lock.
        } finally {
            takeLock.unlock();
        }
    }

    /**
     * Removes every element and adds it, in FIFO order, to {@code sink}.
     *
     * @param sink the collection to add the elements to
     * @return the number of elements moved
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code sink} is this queue
     * @throws RuntimeException whatever {@code sink.add} throws; the elements moved before it stay in
     *         {@code sink}, and that element and the ones after it stay in the queue, so none is lost or
     *         duplicated
     */
    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    /**
     * Removes at most {@code maxElements} elements from the head and adds them, in FIFO order, to
     * {@code sink}. A {@code maxElements} of zero or less moves nothing. Linearizable: it takes both
     * locks, and releases the put lock at once if the queue holds at least {@code maxElements} elements;
     * otherwise producers wait until it has moved every element (including the calls to
     * {@code sink.add}). The elements are in {@code sink} when it returns. {@code sink.add} runs under
     * this queue's take lock, and must not call this queue: an {@code offer} from it would take the put
     * lock while the take lock is held, against the lock order, and could deadlock.
     *
     * @param sink the collection to add the elements to
     * @param maxElements the most elements to move
     * @return the number of elements moved
     * @throws NullPointerException if {@code sink} is null
     * @throws IllegalArgumentException if {@code sink} is this queue
     * @throws RuntimeException whatever {@code sink.add} throws; the elements moved before it stay in
     *         {@code sink}, and that element and the ones after it stay in the queue, so none is lost or
     *         duplicated
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
            int toMove = Math.min(maxElements, count); // volatile read: the first toMove nodes are visible.
            if (toMove == maxElements) {
                // We move exactly maxElements whatever producers add now, so they may go on (see
                // "Linearization points"). Otherwise we move every element, and must keep them out until
                // our RMW, or one they add meanwhile would be neither moved nor counted as left behind.
                putLock.unlock();
                holdingPutLock = false;
            }
            Node<E> newHead = head;
            try {
                while (moved < toMove) {
                    Node<E> first = newHead.next; // plain: counted, so visible.
                    sink.add(first.item); // may throw: then first stays in the queue, as the next element.
                    first.item = null; // plain: first becomes the dummy (or a dequeued node).
                    newHead.next = newHead; // plain: the self-link (invariant 5).
                    newHead = first;
                    moved++;
                }
            } finally {
                // Even if sink.add threw: the moved nodes are out of the list, and uncounted at once.
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
            // In this finally too, so that a sink.add that throws after some elements moved still wakes
            // a producer waiting on the queue those elements made non-full.
            if (moved > 0 && countBefore == capacity) {
                signalNotFull();
            }
        }
        return moved;
    }

    // ---- Size -------------------------------------------------------------------------------------

    /**
     * Returns the number of elements. Exact: one volatile read of the count, so the value is the size at
     * that instant (linearizable), though it may have changed by the time the caller looks at it.
     *
     * @return the number of elements
     */
    @Override
    public int size() {
        return count; // volatile read: the linearization point.
    }

    /**
     * Returns whether the queue is empty, exactly, at the instant it reads the count.
     *
     * @return {@code true} if there is no element
     */
    @Override
    public boolean isEmpty() {
        return count == 0; // volatile read: the linearization point.
    }

    /**
     * Returns how many more elements the queue can take without waiting: {@code capacity() - size()},
     * exact at the instant it reads the count; for an unbounded queue it is {@link Integer#MAX_VALUE}
     * minus the size.
     *
     * @return the remaining capacity
     */
    @Override
    public int remainingCapacity() {
        return capacity - count; // volatile read: the linearization point.
    }

    // ---- Whole-queue operations (both locks) ------------------------------------------------------

    /** Takes both locks, always in this order: put lock, then take lock. */
    private void lockBoth() {
        putLock.lock();
        takeLock.lock();
    }

    /** Releases both locks, in the reverse order. */
    private void unlockBoth() {
        takeLock.unlock();
        putLock.unlock();
    }

    /**
     * Returns whether the queue contains an element equal to {@code object}. Takes both locks, so the
     * answer is exact at one instant (linearizable); {@code equals} is called under them.
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
            // Linearization point: anywhere here; with the put lock held every linked node is counted.
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
     * Removes the first element equal to {@code object}, if any. Takes both locks, so it is
     * linearizable; {@code equals} is called under them.
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

    /**
     * Unlinks {@code node}, an element node, from after {@code predecessor}; the caller holds both locks.
     * The node keeps its {@code next}, so an iterator standing on it can go on (invariant 5).
     */
    private void unlink(Node<E> node, Node<E> predecessor) {
        node.item = null; // plain: under both locks; marks the node removed (invariant 5).
        predecessor.next = node.next; // plain: under both locks.
        if (last == node) {
            last = predecessor; // plain: under both locks.
        }
        int countBefore = (int) COUNT.getAndAdd(this, -1); // the RMW is the linearization point.
        if (countBefore == capacity) {
            notFull.signal(); // we hold the put lock: wake a producer directly.
        }
    }

    /** Removes every element. Takes both locks, so it is linearizable. */
    @Override
    public void clear() {
        lockBoth();
        try {
            Node<E> dummy = head;
            Node<E> node = dummy.next;
            while (node != null) { // plain reads and writes: under both locks.
                Node<E> next = node.next;
                dummy.next = dummy; // the self-link (invariant 5): iterators standing here restart at head.
                node.item = null;
                dummy = node;
                node = next;
            }
            head = dummy; // now head == last, the list is empty.
            int countBefore = (int) COUNT.getAndSet(this, 0); // the RMW is the linearization point.
            if (countBefore == capacity) {
                notFull.signal(); // we hold the put lock; the woken producer cascades to the others.
            }
        } finally {
            unlockBoth();
        }
    }

    /**
     * Returns the elements, in FIFO order, in a new array: a snapshot taken under both locks.
     *
     * @return an array of the elements
     */
    @Override
    public Object[] toArray() {
        lockBoth();
        try {
            Object[] elements = new Object[count]; // volatile read: with both locks held, the exact size.
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
     * Returns the elements, in FIFO order, in {@code array} if they fit (followed by a null if there is
     * room), or else in a new array of its runtime type: a snapshot taken under both locks.
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
        System.arraycopy(snapshot, 0, result, 0, snapshot.length); // checks each store: ArrayStoreException.
        if (result.length > snapshot.length) {
            result[snapshot.length] = null;
        }
        return result;
    }

    /**
     * Returns the elements in FIFO order, as {@code [a, b, c]}: a snapshot taken under both locks. The
     * elements' {@code toString} is called after the locks are released.
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

    // ---- Iteration --------------------------------------------------------------------------------

    /**
     * Returns a weakly consistent iterator over the elements, in FIFO order (see the class
     * documentation). It supports {@link Iterator#remove()}.
     *
     * @return an iterator over the elements
     */
    @Override
    public Iterator<E> iterator() {
        return new Itr();
    }

    /**
     * Returns a weakly consistent spliterator over the elements, in FIFO order, built on
     * {@link #iterator()}: {@link Spliterator#CONCURRENT}, {@link Spliterator#NONNULL} and
     * {@link Spliterator#ORDERED}, and not {@link Spliterator#SIZED}, because the size may change
     * while it runs.
     *
     * @return a spliterator over the elements
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.CONCURRENT | Spliterator.NONNULL | Spliterator.ORDERED);
    }

    /**
     * The iterator. Its fields are plain: an iterator is used by one thread. Every read of the list is
     * under both locks.
     */
    private final class Itr implements Iterator<E> {

        /** The node of the element that {@code next()} returns next, or null at the end. */
        private Node<E> nextNode;

        /** That element: kept, so that it is returned even if it is removed meanwhile. */
        private E nextElement;

        /** The node of the element last returned, for {@code remove()}; null if there is none. */
        private Node<E> lastReturned;

        /**
         * A node before {@code lastReturned} in the list, found by the last {@code remove()}, so that a
         * loop that removes every element takes linear time, not quadratic. Null if none yet.
         */
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

    /**
     * The node after {@code node} in a walk that may stand on a node no longer in the list; the caller
     * holds both locks. A self-linked node was dequeued: everything before {@code head} is gone, so the
     * walk resumes at the first node after {@code head}.
     */
    private Node<E> successor(Node<E> node) {
        Node<E> next = node.next;
        return next == node ? head.next : next;
    }

    // ---- Nodes and handles ------------------------------------------------------------------------

    /**
     * A node of the list. Its fields are plain: they are written under the put lock before the count's
     * RMW publishes the node, or under the take lock, or under both, and read under the take lock after a
     * volatile read of the count, or under both locks.
     */
    static final class Node<E> {
        /** The element; null in the dummy and in removed or dequeued nodes. */
        E item;
        /** The next node; null in the last; the node itself once dequeued (invariant 5). */
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
