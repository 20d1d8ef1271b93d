/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A bounded, wait-free, single-producer single-consumer FIFO queue on a ring buffer.
 *
 * <p><b>One producer and one consumer.</b> The insertion methods ({@link #offer}, {@link #add},
 * {@link #addAll}, {@link #fill}) may be called by one producer thread at a time, the removal methods
 * ({@link #poll}, {@link #peek}, {@link #element}, {@link #remove()}, {@link #drain}, {@link #clear}) by
 * one consumer thread at a time; one thread may be both. "One at a time": calls on the same side are
 * ordered by happens-before, so a side may change threads. Otherwise elements may be lost or
 * duplicated for good; nothing checks the contract.
 *
 * <p>Any thread may call {@link #capacity()}, {@link #size()} and {@link #isEmpty()}, which are exact,
 * and the weakly consistent {@link #iterator()}, {@code contains}, {@code toArray} and {@code toString}:
 * in FIFO order, without {@link java.util.ConcurrentModificationException}, they return the elements
 * present at the iterator's creation that the consumer has not removed when it reaches them.
 *
 * <p>Null elements are refused with {@link NullPointerException}. <b>Note:</b> the capacity is rounded
 * up to a power of two. It removes only at its head: {@link #remove(Object)}, the bulk removals and the
 * iterator's {@code remove()} throw {@link UnsupportedOperationException}.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to placing an object into the queue
 * happen-before actions subsequent to the access or removal of that element from the queue in another
 * thread.
 *
 * <p><b>Progress:</b> the insertion and removal methods, {@code isEmpty} and each step of an iterator
 * are wait-free: no CAS, no retry. {@code size} is lock-free: it retries while the consumer removes.
 *
 * @param <E> the type of the elements
 */
public final class SpscArrayQueue<E> extends AbstractPollOnlyQueue<E> implements Queue<E> {
    /*
     * Implementation notes.
     *
     * Lamport's ring (Herlihy and Shavit, ch. 3.6.1): two indices that only grow, P = producer.index
     * (elements ever inserted) and C = consumer.index (ever removed); position i is in slot i & mask.
     * Each index has one writer, so no CAS is needed and release writes suffice: the producer writes the
     * slot of P, then releases P + 1; the consumer acquires P, takes the slot, then releases C + 1; the
     * producer acquires C to learn which slots are free. Each side caches the other's index in its limit
     * (C + capacity, or P) and reads the other's cache line only on reaching it (FastFlow, JCTools); a
     * stale limit is safe, as indices only grow. The indices, not null slots, say what is full, which
     * makes size and isEmpty exact.
     *
     * Invariants:
     * 1. 0 <= C <= P <= C + capacity; the elements, head first, are at positions C to P - 1.
     * 2. producer.limit <= C + capacity and consumer.limit <= P.
     * 3. The producer writes the slot of i (= P) only after the consumer released i - capacity, and the
     *    consumer takes it (at C) only after the producer released i: each slot passes by a release and
     *    an acquire, so no write races.
     * 4. Every slot outside [C, P) is null, except the slot of P during an insertion.
     *
     * Linearization points: an insertion, its release of P; a removal, its release of C; a refused offer,
     * its acquire of C showing P == C + capacity; a null poll or peek, its acquire of P showing P == C; a
     * peek that returns an element, any instant (only the caller can remove the head). size reads C, P,
     * C (acquire: in order) until both C agree; C only grows, so it held at the read of P. isEmpty reads
     * C, then P: if equal, C equalled P at the read of P; if not, the queue was non-empty at the read of
     * C, or just before a removal in between. This takes the index accesses as one total order, as
     * Lincheck does; release writes do not guarantee it to two observers (IRIW), volatile ones would, for
     * a full fence per operation.
     *
     * Observers: the iterator reads elements with acquire, pairing with their release, so one from a
     * later lap is safely published too; it returns the element of i only if C <= i after that read, as
     * the producer rewrites the slot only after seeing C > i, and its release would make C > i visible.
     *
     * False sharing: each side's index and limit live in a Cursor padded by 128 bytes (two lines) on both
     * sides by a class hierarchy (HotSpot lays out superclass fields first).
     *
     * References: Lamport, ACM TOPLAS 5(2), 1983; Torquati (FastFlow), 2010. Evidence:
     * SpscArrayQueueTest, SpscArrayQueueLincheckTest (a thread per side),
     * and jcstress Queues_01 to Queues_05.
     */

    /** The largest capacity, 2<sup>30</sup>. */
    public static final int MAX_CAPACITY = 1 << 30;

    private final Object[] slots;

    private final int mask;

    private final Cursor producer = new Cursor();

    private final Cursor consumer = new Cursor();

    /**
     * Creates an empty queue that holds at least {@code capacity} elements, rounded up to a power of two.
     *
     * @param capacity the least capacity
     * @throws IllegalArgumentException if {@code capacity} is below 1 or above {@link #MAX_CAPACITY}
     */
    public SpscArrayQueue(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be between 1 and " + MAX_CAPACITY + " (2^30), but was " + capacity);
        }
        int rounded = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Object[rounded];
        this.mask = rounded - 1;
        // plain: published with the final fields (JLS 17.5).
        this.producer.limit = rounded;
    }

    /**
     * Returns the capacity, a power of two.
     *
     * @return the capacity
     */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Inserts the element if the queue is not full. <b>Producer only.</b>
     *
     * @param element the element to insert
     * @return whether it was inserted
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        Cursor producer = this.producer;
        // plain: only the producer writes P, and earlier producer calls happen-before this one.
        long index = (long) INDEX.get(producer);
        if (index >= producer.limit && !hasRoomAfterRefresh(index)) {
            return false;
        }
        publish(index, element);
        return true;
    }

    /**
     * Inserts the element, or throws if the queue is full. <b>Producer only.</b>
     *
     * @param element the element to insert
     * @return {@code true}
     * @throws IllegalStateException if the queue is full
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean add(E element) {
        if (offer(element)) {
            return true;
        }
        throw new IllegalStateException("queue full (capacity " + capacity() + ")");
    }

    /**
     * Inserts the elements with {@link #add add}; not atomic. <b>Producer only.</b>
     *
     * @param elements the elements to insert
     * @return whether the queue changed
     * @throws IllegalStateException if the queue becomes full
     * @throws NullPointerException if {@code elements} is or holds null
     * @throws IllegalArgumentException if {@code elements} is this queue
     */
    @Override
    public boolean addAll(Collection<? extends E> elements) {
        return super.addAll(elements);
    }

    /**
     * Inserts up to {@code limit} supplied elements until the queue is full, calling the supplier only
     * for a free slot. <b>Producer only.</b>
     *
     * @param supplier supplies the elements
     * @param limit the most elements to insert
     * @return the number of elements inserted
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws NullPointerException if {@code supplier} is null or returns null
     */
    public int fill(Supplier<? extends E> supplier, int limit) {
        Objects.requireNonNull(supplier, "supplier");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, but was " + limit);
        }
        Cursor producer = this.producer;
        // plain: only the producer writes P (see offer).
        long index = (long) INDEX.get(producer);
        int inserted = 0;
        while (inserted < limit && (index < producer.limit || hasRoomAfterRefresh(index))) {
            E element = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            publish(index, element);
            index++;
            inserted++;
        }
        return inserted;
    }

    /** Refreshes the producer's limit; returns whether the slot of index is free. */
    private boolean hasRoomAfterRefresh(long index) {
        // acquire: pairs with the release of C (invariant 3). Linearization point if it shows full.
        long consumerIndex = (long) INDEX.getAcquire(consumer);
        long limit = consumerIndex + slots.length;
        producer.limit = limit; // plain: the producer's own.
        return index < limit;
    }

    /** Writes the element at position index (= P) and advances P. */
    private void publish(long index, E element) {
        // release: the consumer does not need it (it reads the slot after its acquire of P), but the
        // weakly consistent observers read slots directly, with acquire, and must see the element's
        // fields as they were when it was inserted.
        SLOT.setRelease(slots, slotOf(index), element);
        // release: the element (and everything the producer did before) is visible to whoever reads
        // this P with acquire. The linearization point of a successful insertion.
        INDEX.setRelease(producer, index + 1);
    }

    /**
     * Removes and returns the head, or returns null if the queue is empty. <b>Consumer only.</b>
     *
     * @return the head, or null
     */
    @Override
    public E poll() {
        Cursor consumer = this.consumer;
        // plain: only the consumer writes C (see offer).
        long index = (long) INDEX.get(consumer);
        if (index >= consumer.limit && !hasElementAfterRefresh(index)) {
            return null;
        }
        return take(index);
    }

    /**
     * Returns the head without removing it, or null if the queue is empty. <b>Consumer only.</b>
     *
     * @return the head, or null
     */
    @Override
    public E peek() {
        Cursor consumer = this.consumer;
        // plain: only the consumer writes C (see poll).
        long index = (long) INDEX.get(consumer);
        if (index >= consumer.limit && !hasElementAfterRefresh(index)) {
            return null;
        }
        // plain: see invariant 3.
        @SuppressWarnings("unchecked") // only E is stored
        E head = (E) slots[slotOf(index)];
        return head;
    }

    /**
     * Returns the head without removing it. <b>Consumer only.</b>
     *
     * @return the head
     * @throws NoSuchElementException if the queue is empty
     */
    @Override
    public E element() {
        return super.element();
    }

    /**
     * Removes and returns the head. <b>Consumer only.</b>
     *
     * @return the head
     * @throws NoSuchElementException if the queue is empty
     */
    @Override
    public E remove() {
        return super.remove();
    }

    /**
     * Removes up to {@code limit} elements, passing each to the action once removed. <b>Consumer
     * only.</b> If the action throws, the elements after its element stay queued.
     *
     * @param action receives the removed elements
     * @param limit the most elements to remove
     * @return the number of elements removed
     * @throws IllegalArgumentException if {@code limit} is negative
     * @throws NullPointerException if {@code action} is null
     */
    public int drain(Consumer<? super E> action, int limit) {
        Objects.requireNonNull(action, "action");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, but was " + limit);
        }
        Cursor consumer = this.consumer;
        // plain: only the consumer writes C (see poll).
        long index = (long) INDEX.get(consumer);
        int removed = 0;
        while (removed < limit && (index < consumer.limit || hasElementAfterRefresh(index))) {
            E element = take(index);
            index++;
            removed++;
            action.accept(element);
        }
        return removed;
    }

    /**
     * Removes the elements present when it starts; <b>Note:</b> not those inserted meanwhile (so it is
     * wait-free). <b>Consumer only.</b>
     */
    @Override
    public void clear() {
        drain(element -> { }, size());
    }

    /** Refreshes the consumer's limit; returns whether position index holds an element. */
    private boolean hasElementAfterRefresh(long index) {
        // acquire: pairs with the release of P (invariant 3). Linearization point if it shows empty.
        long producerIndex = (long) INDEX.getAcquire(producer);
        consumer.limit = producerIndex; // plain: the consumer's own.
        return index < producerIndex;
    }

    /** Removes and returns the element at position index (= C). */
    private E take(long index) {
        int slot = slotOf(index);
        // plain: see invariant 3.
        @SuppressWarnings("unchecked") // only E is stored
        E element = (E) slots[slot];
        // plain: the release of C orders it before the slot's reuse.
        SLOT.set(slots, slot, null);
        // release: pairs with the producer's acquire of C. The linearization point of a removal.
        INDEX.setRelease(consumer, index + 1);
        return element;
    }

    /**
     * Returns the number of elements at one instant during the call. <b>Note:</b> on hardware that is
     * not multi-copy atomic (POWER, not x86-64 or ARMv8) two threads may order a concurrent insertion
     * and removal differently.
     *
     * @return the number of elements, between 0 and {@link #capacity()}
     */
    @Override
    public int size() {
        while (true) {
            // acquire (all three reads): keeps them in order, C before P before C.
            long consumed = (long) INDEX.getAcquire(consumer);
            long produced = (long) INDEX.getAcquire(producer); // acquire: as above.
            if ((long) INDEX.getAcquire(consumer) == consumed) { // acquire: as above.
                return (int) (produced - consumed);
            }
        }
    }

    /**
     * Returns whether the queue is empty at one instant during the call.
     *
     * @return {@code true} if the queue holds no element
     */
    @Override
    public boolean isEmpty() {
        // acquire: C is read before P.
        long consumed = (long) INDEX.getAcquire(consumer);
        // acquire: as above.
        long produced = (long) INDEX.getAcquire(producer);
        return produced == consumed;
    }

    /**
     * Returns a weakly consistent iterator, without {@code remove()}.
     *
     * @return the iterator
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }









    private int slotOf(long position) {
        return (int) position & mask;
    }

    /** Looks one element ahead, so that hasNext() keeps its promise. */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        private long position;

        private final long end; // P at creation

        private E nextElement; // null: none

        WeaklyConsistentIterator() {
            // acquire: C before P, and the elements below P are visible.
            this.position = (long) INDEX.getAcquire(consumer);
            this.end = (long) INDEX.getAcquire(producer); // acquire: as above.
            advance();
        }

        private void advance() {
            nextElement = null;
            while (position < end) {
                long current = position++;
                // acquire: see Observers.
                @SuppressWarnings("unchecked") // only E is stored
                E element = (E) SLOT.getAcquire(slots, slotOf(current)); // acquire: see above.
                // acquire: see Observers.
                long consumed = (long) INDEX.getAcquire(consumer);
                if (consumed > current) {
                    position = Math.max(position, consumed); // removed: skip what the consumer took
                } else if (element != null) {
                    nextElement = element;
                    return;
                }
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
            advance();
            return element;
        }

        @Override
        public void remove() {
            throw removalUnsupported("the iterator's remove");
        }
    }

    abstract static class CursorLeftPadding {
        long p00;
        long p01;
        long p02;
        long p03;
        long p04;
        long p05;
        long p06;
        long p07;
        long p08;
        long p09;
        long p10;
        long p11;
        long p12;
        long p13;
        long p14;
        long p15;
    }

    abstract static class CursorFields extends CursorLeftPadding {

        /** P or C: its side writes it with release and reads it plain; others read it with acquire. */
        volatile long index;

        /** The cached limit. Plain: its side's alone. */
        long limit;
    }

    /** One side's fields, padded (see False sharing). */
    static final class Cursor extends CursorFields {
        long q00;
        long q01;
        long q02;
        long q03;
        long q04;
        long q05;
        long q06;
        long q07;
        long q08;
        long q09;
        long q10;
        long q11;
        long q12;
        long q13;
        long q14;
        long q15;
    }

    private static final VarHandle INDEX;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            INDEX = MethodHandles.lookup().findVarHandle(CursorFields.class, "index", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
