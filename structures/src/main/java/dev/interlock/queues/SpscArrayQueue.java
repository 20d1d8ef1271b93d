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
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A bounded, wait-free, single-producer single-consumer FIFO queue backed by a ring buffer: the fastest
 * way to hand elements from one thread to one other thread.
 *
 * <p><b>One producer and one consumer.</b> The insertion methods ({@link #offer offer}, {@link #add add},
 * {@link #addAll addAll}, {@link #fill fill}) may be called by one producer thread at a time, and the
 * removal methods ({@link #poll poll}, {@link #peek peek}, {@link #element element}, {@link #remove()
 * remove()}, {@link #drain drain}, {@link #clear clear}) by one consumer thread at a time. The same
 * thread may be both. "One at a time" means that any two calls on the same side are ordered by
 * happens-before: the producer (or consumer) may change from one thread to another if the hand-over
 * establishes happens-before, for example through a lock, a volatile write and read, or
 * {@link Thread#start()} and {@link Thread#join()}. If two threads insert (or two threads remove)
 * concurrently, the behaviour is undefined: elements may be lost or duplicated, and the queue may stay
 * corrupted afterwards. Nothing checks the contract, because checking it would cost what the queue saves.
 *
 * <p>Any thread may call the observers at any time: {@link #size()}, {@link #isEmpty()} and
 * {@link #capacity()}, and, as weakly consistent observers, {@link #iterator()}, {@link #contains
 * contains}, {@link #toArray()}, {@link #toArray(Object[])} and {@link #toString()}.
 *
 * <p><b>Capacity.</b> The queue holds at most {@link #capacity()} elements; {@link #offer offer} returns
 * {@code false} when it is full. <b>Note:</b> the capacity is the requested one rounded up to a power
 * of two (so that a position maps to its slot with a mask, not a division): {@code new
 * SpscArrayQueue<>(1000)} holds 1,024 elements. Null elements are not permitted.
 *
 * <p><b>Removal by value is not supported.</b> {@link #remove(Object)}, {@link #removeAll removeAll},
 * {@link #retainAll retainAll}, {@link #removeIf removeIf} and the iterator's {@code remove()} throw
 * {@link UnsupportedOperationException} and change nothing: removal from the middle would make the
 * producer and the consumer write the same slots, which is what the design avoids.
 *
 * <p><b>Size.</b> {@link #size()} and {@link #isEmpty()} are exact: each returns the state of the queue
 * at one instant during the call (they are linearizable), not an estimate; see the implementation
 * notes for the proof and its one caveat.
 *
 * <p><b>Iterators</b> are <i>weakly consistent</i>: they never throw
 * {@link java.util.ConcurrentModificationException}, they return, in FIFO order, elements that were in
 * the queue when the iterator was created, every one of those that the consumer has not removed by the
 * time the iterator reaches it, and nothing inserted later.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread prior
 * to placing an object into the queue happen-before actions subsequent to the access or removal of that
 * element from the queue in another thread.
 *
 * <p><b>Progress:</b> {@link #offer offer}, {@link #poll poll}, {@link #peek peek}, {@link #isEmpty()},
 * {@link #drain drain}, {@link #fill fill} and {@link #clear()} are wait-free: each finishes in a
 * bounded number of its own steps, whatever the other threads do, with no CAS and no retry loop (drain
 * and fill take at most {@code limit} elements). {@link #size()} is lock-free: it retries only while
 * the consumer keeps removing elements (so it is wait-free when the consumer calls it). Each step of
 * an iterator is wait-free.
 *
 * <h2>Implementation notes</h2>
 * <b>Algorithm.</b> Lamport's queue (1983): a ring buffer of {@code capacity} slots and two indices
 * that only grow, {@code producerIndex} (the number of elements ever inserted) and
 * {@code consumerIndex} (the number ever removed). The element at position {@code i} lives in slot
 * {@code i & mask}. The producer writes the slot at {@code producerIndex}, then advances
 * {@code producerIndex} with a release write; the consumer reads {@code producerIndex} with an acquire
 * read to learn that slots are full, reads and clears them, then advances {@code consumerIndex} with a
 * release write; the producer reads {@code consumerIndex} with an acquire read to learn that slots are
 * free. Each index has exactly one writer, so a release write is enough and no CAS is needed: a CAS
 * arbitrates between writers, and here there is never more than one (this is the wait-free
 * two-thread queue of Herlihy and Shavit, ch. 3.6.1).
 *
 * <p><b>Cached limits</b> (FastFlow, Torquati 2010; JCTools' {@code SpscArrayQueue}, Nitsan Wakart):
 * reading the other side's index is the expensive part, because its cache line is being written by
 * the other core. So each side keeps a private {@code limit}: the producer remembers
 * {@code consumerIndex + capacity} as it last saw it, and may fill every position below that limit
 * without looking again; the consumer remembers {@code producerIndex}, and may take every position
 * below it. A side re-reads the other's index only when it reaches its limit, once per batch instead of
 * once per element. A limit is always safe because the other side's index only grows: the room (or the
 * supply) it promises can only have grown since.
 *
 * <p><b>Why the indices, not the elements, say which slots are full.</b> FastFlow and JCTools let the
 * consumer test the slot itself (non-null means full) and never read {@code producerIndex} in
 * {@code poll}. That saves the consumer's read of the producer's cache line, but the indices then lag
 * the slots, so {@code size()} and {@code isEmpty()} can disagree with {@code peek()}. Here the indices
 * are the truth: an element is in the queue exactly when its position lies in
 * {@code [consumerIndex, producerIndex)}, which makes {@code size()} and {@code isEmpty()}
 * linearizable, and the consumer's cached limit keeps its reads of {@code producerIndex} rare.
 *
 * <p><b>Invariants</b> (P is {@code producerIndex}, the field {@code producer.index}; C is
 * {@code consumerIndex}, {@code consumer.index}; the limits are {@code producer.limit} and
 * {@code consumer.limit}).
 * <ol>
 *   <li>{@code 0 <= C <= P <= C + capacity}. Only the producer writes P, only the consumer writes C,
 *       and each only adds one.</li>
 *   <li>The queue's elements, head first, are those at positions {@code C, C+1, ..., P-1}; by 1 they
 *       occupy distinct slots.</li>
 *   <li>{@code producer.limit <= C + capacity} and {@code consumer.limit <= P}: a cached limit never
 *       promises more than the other side has released.</li>
 *   <li>The producer writes the slot of position {@code i} only when {@code P == i < producer.limit},
 *       that is after the consumer released position {@code i - capacity}; the consumer reads and
 *       clears the slot of position {@code i} only when {@code C == i < consumer.limit}, that is after
 *       the producer released position {@code i}. Each slot is thus handed back and forth by a release
 *       of one index and an acquire of it on the other side: its writes never race with each other.</li>
 *   <li>Every slot outside {@code [C, P)} is null, except the slot of position P while an insertion
 *       is in progress (written, P not yet advanced).</li>
 * </ol>
 *
 * <p><b>Linearization points.</b> A successful insertion: the release write of P. A successful
 * removal: the release write of C. An {@code offer} that returns {@code false}: the acquire read of C
 * that shows {@code P == C + capacity} (the queue is full then). A {@code poll} or {@code peek} that
 * returns null: the acquire read of P that shows {@code P == C}. A {@code peek} that returns an element:
 * any instant of the call, since only the caller itself can remove the head.
 *
 * <p><b>{@code size()} is exact.</b> It reads C, then P, then C again, each with an acquire read (so
 * in that order), until both reads of C agree, and returns {@code P - C}. C only grows, so if it has the
 * same value before and after the read of P, it had that value at the instant P was read: the result
 * is the size at that instant. {@code isEmpty()} reads C, then P once: if they are equal, then at the
 * read of P, C was at least the value read and at most P, so C equalled P and the queue was empty; if
 * P is larger, either the queue was non-empty at the read of C, or a removal happened in between, and
 * just before any removal the queue is non-empty. Both arguments treat the index accesses as one total
 * order, as Lincheck's model checker does. The caveat: the indices are written with release, not
 * volatile, writes, and the memory model does not make two threads agree on the order of release
 * writes by two other threads (the IRIW shape): two observers could see a concurrent insertion and
 * removal in different orders and report sizes that no single order explains. Multi-copy atomic
 * hardware (x86-64, ARMv8) never shows this; POWER may. Each result is still a size the queue had, in
 * this observer's view, between 0 and the capacity, and no element is affected. Volatile index writes
 * would close the gap at the price of a full fence per operation.
 *
 * <p><b>The weakly consistent observers</b> read the slots while both sides run. The producer therefore
 * writes each element with a release write, and an iterator reads it with an acquire read: an element
 * an iterator returns is always safely published, even one from a later lap. After reading the slot of
 * position {@code i}, the iterator reads C (acquire) and returns the element only if {@code C <= i}:
 * the slot cannot have been reused then, because the producer writes the slot for position
 * {@code i + capacity} only after it has seen {@code C > i}, and that write, seen through the
 * release/acquire pair on the element, would make {@code C > i} visible too. So the iterator returns a
 * subsequence of the queue at its creation, in order, and never an element twice.
 *
 * <p><b>False sharing.</b> The producer's fields (P and its limit) and the consumer's (C and its limit)
 * live in two {@code Cursor} objects, each padded with 128 bytes on both sides by the same class
 * hierarchy as {@code dev.interlock.counters.PaddedLong} (HotSpot lays a superclass's fields out before
 * a subclass's; 128 bytes because Intel prefetches cache lines in pairs). The producer's writes to P
 * thus never invalidate the line holding C, and the consumer's never the line holding P. The queue's
 * own fields are final and only read. The slots themselves are shared by design: when the queue is
 * nearly empty, producer and consumer work on neighbouring slots.
 *
 * <p>References: Leslie Lamport, "Specifying Concurrent Program Modules", ACM TOPLAS 5(2), 1983 (the
 * two-index ring); Massimo Torquati, "Single-Producer/Single-Consumer Queues on Shared Cache
 * Multi-Core Systems", 2010 (FastFlow; cached indices); Herlihy and Shavit, <i>The Art of
 * Multiprocessor Programming</i>, ch. 3.6.1 (the wait-free two-thread queue and its linearizability).
 * Evidence: the contract test {@code SpscArrayQueueTest}, the Lincheck test
 * {@code SpscArrayQueueLincheckTest} (the producer's and consumer's operations each in their own
 * thread, {@code size} and {@code isEmpty} from any thread), and the jcstress tests
 * {@code dev.interlock.stress.queues.Queues_*}. The memory-ordering words follow
 * {@code docs/memory-ordering.md}.
 *
 * @param <E> the type of the elements
 */
public final class SpscArrayQueue<E> extends AbstractInterlockQueue<E> implements Queue<E> {

    /** The largest capacity: the largest power of two an {@code int} array index can hold. */
    public static final int MAX_CAPACITY = 1 << 30;

    /** The ring. Slot {@code i & mask} holds the element at position {@code i}. */
    private final Object[] slots;

    /** {@code capacity - 1}: a position's slot is {@code position & mask}. */
    private final int mask;

    /** The producer's side: P ({@code producer.index}) and its cached limit. */
    private final Cursor producer = new Cursor();

    /** The consumer's side: C ({@code consumer.index}) and its cached limit. */
    private final Cursor consumer = new Cursor();

    /**
     * Creates an empty queue that holds at least {@code capacity} elements. <b>Note:</b> the capacity is
     * rounded up to the next power of two; {@link #capacity()} returns the rounded value.
     *
     * @param capacity the least number of elements the queue must hold
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or greater than
     *         {@link #MAX_CAPACITY} (2<sup>30</sup>)
     */
    public SpscArrayQueue(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be between 1 and " + MAX_CAPACITY + " (2^30), but was " + capacity);
        }
        int rounded = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1;
        this.slots = new Object[rounded];
        this.mask = rounded - 1;
        // Both cursors start at index 0. The producer's limit starts at capacity (C = 0), the consumer's
        // at 0 (P = 0). The final fields publish all of this with the queue (JLS 17.5).
        this.producer.limit = rounded;
    }

    /**
     * Returns the number of elements the queue can hold: the requested capacity rounded up to a power
     * of two. Any thread may call it; it never changes.
     *
     * @return the capacity
     */
    public int capacity() {
        return mask + 1;
    }

    // ---- Producer side -------------------------------------------------------------------------

    /**
     * Inserts the element at the tail if the queue is not full. Wait-free.
     *
     * <p><b>Producer only:</b> calls of the insertion methods must be ordered by happens-before (one
     * producer at a time); concurrent insertions may lose or duplicate elements. See the class
     * documentation.
     *
     * @param element the element to insert
     * @return {@code true} if it was inserted, {@code false} if the queue was full (and nothing changed)
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
     * Inserts the element at the tail, or throws if the queue is full. Wait-free.
     *
     * <p><b>Producer only</b>, like {@link #offer offer}.
     *
     * @param element the element to insert
     * @return {@code true} (as specified by {@link Collection#add})
     * @throws IllegalStateException if the queue is full (then nothing changed)
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
     * Inserts every element of the collection, in its iteration order, with {@link #add add}.
     *
     * <p><b>Producer only</b>, like {@link #offer offer}. <b>Note:</b> not atomic: if the queue fills up
     * (or the collection holds a null) part way, the elements before stay in the queue.
     *
     * @param elements the elements to insert
     * @return {@code true} if the queue changed
     * @throws IllegalStateException if the queue becomes full
     * @throws NullPointerException if {@code elements} is null or holds a null
     * @throws IllegalArgumentException if {@code elements} is this queue
     */
    @Override
    public boolean addAll(Collection<? extends E> elements) {
        return super.addAll(elements);
    }

    /**
     * Inserts up to {@code limit} elements taken from the supplier, stopping early when the queue is
     * full. The supplier is called only when a free slot is ready for its element, so no element it
     * supplies is ever dropped. Each element is published to the consumer as soon as it is inserted.
     * Wait-free as far as the queue is concerned (at most {@code limit} steps plus the supplier's).
     *
     * <p><b>Producer only</b>, like {@link #offer offer}.
     *
     * @param supplier supplies the elements; called at most {@code limit} times
     * @param limit the most elements to insert
     * @return the number of elements inserted
     * @throws IllegalArgumentException if {@code limit} is negative (then nothing changed)
     * @throws NullPointerException if {@code supplier} is null, or if it returns null; the elements it
     *         supplied before the null stay in the queue, and nothing is inserted for the null
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

    /**
     * Refreshes the producer's limit from C, after the producer reached it. Producer only.
     *
     * @param index the producer's index P
     * @return whether the slot of position {@code index} is free
     */
    private boolean hasRoomAfterRefresh(long index) {
        // acquire: pairs with the consumer's release of C, so the consumer's reads and clearing of the
        // slots below C happen-before the producer reuses them (invariant 4). If it shows the queue
        // full, this read is the linearization point of the failed offer.
        long consumerIndex = (long) INDEX.getAcquire(consumer);
        long limit = consumerIndex + slots.length;
        producer.limit = limit; // plain: the producer's private cache of C + capacity.
        return index < limit;
    }

    /** Writes the element at position {@code index} (= P, a free slot) and advances P. Producer only. */
    private void publish(long index, E element) {
        // release: the consumer does not need it (it reads the slot after its acquire of P), but the
        // weakly consistent observers read slots directly, with acquire, and must see the element's
        // fields as they were when it was inserted.
        SLOT.setRelease(slots, slotOf(index), element);
        // release: the element (and everything the producer did before) is visible to whoever reads
        // this P with acquire. The linearization point of a successful insertion.
        INDEX.setRelease(producer, index + 1);
    }

    // ---- Consumer side -------------------------------------------------------------------------

    /**
     * Removes and returns the head of the queue, or returns null if it is empty. Wait-free.
     *
     * <p><b>Consumer only:</b> calls of the removal methods ({@code poll}, {@code peek},
     * {@code element}, {@code remove()}, {@code drain}, {@code clear}) must be ordered by happens-before
     * (one consumer at a time); concurrent removals may lose or duplicate elements. See the class
     * documentation.
     *
     * @return the head, or null if the queue is empty
     */
    @Override
    public E poll() {
        Cursor consumer = this.consumer;
        // plain: only the consumer writes C, and earlier consumer calls happen-before this one.
        long index = (long) INDEX.get(consumer);
        if (index >= consumer.limit && !hasElementAfterRefresh(index)) {
            return null;
        }
        return take(index);
    }

    /**
     * Returns the head of the queue without removing it, or null if it is empty. Wait-free.
     *
     * <p><b>Consumer only</b>, like {@link #poll poll}: the head is stable only for the thread that
     * removes it.
     *
     * @return the head, or null if the queue is empty
     */
    @Override
    public E peek() {
        Cursor consumer = this.consumer;
        // plain: only the consumer writes C (see poll).
        long index = (long) INDEX.get(consumer);
        if (index >= consumer.limit && !hasElementAfterRefresh(index)) {
            return null;
        }
        // plain: the acquire of P (now or by an earlier consumer call) made the element visible, and
        // the producer does not write this slot again before the consumer releases it (invariant 4).
        @SuppressWarnings("unchecked") // only E is ever stored in the slots
        E head = (E) slots[slotOf(index)];
        return head;
    }

    /**
     * Returns the head of the queue without removing it. Wait-free.
     *
     * <p><b>Consumer only</b>, like {@link #poll poll}.
     *
     * @return the head
     * @throws NoSuchElementException if the queue is empty
     */
    @Override
    public E element() {
        return super.element();
    }

    /**
     * Removes and returns the head of the queue. Wait-free.
     *
     * <p><b>Consumer only</b>, like {@link #poll poll}.
     *
     * @return the head
     * @throws NoSuchElementException if the queue is empty
     */
    @Override
    public E remove() {
        return super.remove();
    }

    /**
     * Removes up to {@code limit} elements, head first, and hands each to the action, after it has been
     * removed. Wait-free as far as the queue is concerned (at most {@code limit} steps plus the
     * action's). Each removal is made visible to the producer at once, so the producer can reuse the
     * slot while the drain goes on.
     *
     * <p><b>Consumer only</b>, like {@link #poll poll}. If the action throws, the exception propagates:
     * the element it was given has been removed, and the elements after it stay in the queue.
     *
     * @param action receives the removed elements, in FIFO order
     * @param limit the most elements to remove
     * @return the number of elements removed
     * @throws IllegalArgumentException if {@code limit} is negative (then nothing changed)
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
     * Removes the elements that are in the queue when it starts, as {@link #poll poll} would one by
     * one. <b>Note:</b> elements the producer inserts meanwhile may remain, so that a producer that
     * keeps up cannot keep the consumer here forever: wait-free.
     *
     * <p><b>Consumer only</b>, like {@link #poll poll}.
     */
    @Override
    public void clear() {
        // size() from the consumer reads C, its own index, which cannot change meanwhile: one pass.
        drain(element -> { }, size());
    }

    /**
     * Refreshes the consumer's limit from P, after the consumer reached it. Consumer only.
     *
     * @param index the consumer's index C
     * @return whether position {@code index} holds an element
     */
    private boolean hasElementAfterRefresh(long index) {
        // acquire: pairs with the producer's release of P, so the elements below P are visible
        // (invariant 4). If it shows the queue empty, this read is the linearization point of the
        // poll or peek that returns null.
        long producerIndex = (long) INDEX.getAcquire(producer);
        consumer.limit = producerIndex; // plain: the consumer's private cache of P.
        return index < producerIndex;
    }

    /** Removes and returns the element at position {@code index} (= C, a full slot). Consumer only. */
    private E take(long index) {
        int slot = slotOf(index);
        // plain: made visible by the acquire of P (invariant 4); the producer does not write this slot
        // until the release of C below.
        @SuppressWarnings("unchecked") // only E is ever stored in the slots
        E element = (E) slots[slot];
        // plain: clears the slot for the garbage collector; the release of C below orders it before
        // the producer's reuse of the slot. An observer reading it concurrently just skips the slot.
        SLOT.set(slots, slot, null);
        // release: the read and the clearing of the slot happen-before the producer's acquire of C
        // that lets it reuse the slot. The linearization point of a successful removal.
        INDEX.setRelease(consumer, index + 1);
        return element;
    }

    // ---- Observers (any thread) ----------------------------------------------------------------

    /**
     * Returns the number of elements in the queue. Exact: the result is the size at one instant during
     * the call (see the class documentation for the proof and its caveat). Any thread may call it.
     * Lock-free: it retries only while the consumer removes elements concurrently.
     *
     * @return the number of elements, between 0 and {@link #capacity()}
     */
    @Override
    public int size() {
        while (true) {
            // acquire (all three reads): keeps them in program order, C before P before C. No data is
            // read under them; the order is what makes the snapshot consistent.
            long consumed = (long) INDEX.getAcquire(consumer);
            long produced = (long) INDEX.getAcquire(producer); // acquire: as above.
            if ((long) INDEX.getAcquire(consumer) == consumed) { // acquire: as above.
                // C did not change around the read of P, so (P, C) held at that instant.
                return (int) (produced - consumed);
            }
        }
    }

    /**
     * Returns whether the queue is empty. Exact: the answer held at one instant during the call (see the
     * class documentation). Any thread may call it. Wait-free.
     *
     * @return {@code true} if the queue holds no element
     */
    @Override
    public boolean isEmpty() {
        // acquire: C is read before P (the order the proof needs).
        long consumed = (long) INDEX.getAcquire(consumer);
        // acquire: like every read of P by another thread; the result needs only its value.
        long produced = (long) INDEX.getAcquire(producer);
        return produced == consumed;
    }

    /**
     * Returns a weakly consistent iterator over the elements, head first: it returns elements that were
     * in the queue when it was created, in FIFO order, each at most once; every one of them the
     * consumer has not removed by the time the iterator reaches it; and none inserted later. It never
     * throws {@link java.util.ConcurrentModificationException}. Any thread may use it; each step is
     * wait-free. Its {@code remove()} throws {@link UnsupportedOperationException}.
     *
     * @return an iterator over the elements
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }

    /**
     * Returns whether the queue holds an element equal to {@code object}, by a weakly consistent
     * traversal (see {@link #iterator()}). Any thread may call it.
     *
     * @param object the object to look for
     * @return {@code true} if the traversal found it; always {@code false} for null
     */
    @Override
    public boolean contains(Object object) {
        return super.contains(object);
    }

    /**
     * Returns the elements in an array, head first, by a weakly consistent traversal (see
     * {@link #iterator()}). Any thread may call it.
     *
     * @return a new array of the elements
     */
    @Override
    public Object[] toArray() {
        return super.toArray();
    }

    /**
     * Returns the elements in an array of the given type, head first, by a weakly consistent traversal
     * (see {@link #iterator()}), as {@link Collection#toArray(Object[])} specifies. Any thread may call it.
     *
     * @param array the array to fill if it is large enough (then the slot after the last element is
     *        set to null), or whose type the new array takes
     * @param <T> the component type of the array
     * @return the array of the elements
     * @throws ArrayStoreException if an element is not an instance of the array's component type
     * @throws NullPointerException if {@code array} is null
     */
    @Override
    public <T> T[] toArray(T[] array) {
        return super.toArray(array);
    }

    /**
     * Returns the elements as {@code "[e1, e2, ...]"}, head first, by a weakly consistent traversal (see
     * {@link #iterator()}). Any thread may call it.
     *
     * @return the string form of the queue
     */
    @Override
    public String toString() {
        return super.toString();
    }

    // ---- Unsupported removals ------------------------------------------------------------------

    /**
     * Not supported: removal from the middle of the ring would make the producer and the consumer write
     * the same slots. Changes nothing.
     *
     * @param object ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object object) {
        throw new UnsupportedOperationException("SpscArrayQueue does not support remove(Object)");
    }

    /**
     * Not supported, like {@link #remove(Object)}. Changes nothing.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeAll(Collection<?> elements) {
        throw new UnsupportedOperationException("SpscArrayQueue does not support removeAll");
    }

    /**
     * Not supported, like {@link #remove(Object)}. Changes nothing.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean retainAll(Collection<?> elements) {
        throw new UnsupportedOperationException("SpscArrayQueue does not support retainAll");
    }

    /**
     * Not supported, like {@link #remove(Object)}. Changes nothing.
     *
     * @param filter ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw new UnsupportedOperationException("SpscArrayQueue does not support removeIf");
    }

    // ---- Internals -----------------------------------------------------------------------------

    /** The slot of a position. */
    private int slotOf(long position) {
        return (int) position & mask;
    }

    /**
     * The weakly consistent iterator: walks the positions {@code [C, P)} as read at its creation, and
     * looks one element ahead, so that {@code hasNext()} never promises what {@code next()} cannot give.
     */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        /** The next position to look at. */
        private long position;

        /** P at creation: positions from here on were inserted later, and are not returned. */
        private final long end;

        /** The element {@code next()} returns, or null if there is none. */
        private E nextElement;

        WeaklyConsistentIterator() {
            // acquire: C before P, and the elements below P are visible.
            this.position = (long) INDEX.getAcquire(consumer);
            this.end = (long) INDEX.getAcquire(producer); // acquire: as above.
            advance();
        }

        /** Finds the next element at or after {@link #position} that is still in the queue. */
        private void advance() {
            nextElement = null;
            while (position < end) {
                long current = position++;
                // acquire: pairs with the producer's release write of the element, so whatever element
                // this reads is safely published, even one from a later lap.
                @SuppressWarnings("unchecked") // only E is ever stored in the slots
                E element = (E) SLOT.getAcquire(slots, slotOf(current)); // acquire: see above.
                // acquire (the read above already keeps this after it): has the consumer passed this
                // position? If not, the slot still holds the element of this position (see the class
                // notes), or null if it was cleared just now.
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
            throw new UnsupportedOperationException("SpscArrayQueue's iterator does not support remove");
        }
    }

    /** The padding before a cursor's fields; see {@link Cursor}. */
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

    /** One side's index and its cached limit; see {@link Cursor}. */
    abstract static class CursorFields extends CursorLeftPadding {

        /**
         * The side's index (P or C): written only by its side, with release; read by its side plain, by
         * the other side and the observers with acquire. Declared volatile, so a plain Java access of
         * it would be volatile; every access goes through {@link SpscArrayQueue#INDEX} with its mode.
         */
        volatile long index;

        /**
         * The side's private cache of how far it may go without looking at the other side: for the
         * producer C + capacity, for the consumer P. Plain: only its side reads or writes it.
         */
        long limit;
    }

    /**
     * The fields of one side of the queue, with 128 bytes of padding on each side, so that the
     * producer's writes and the consumer's writes land on different cache lines. The padding is a class
     * hierarchy (left padding, fields, right padding) because HotSpot lays out a superclass's fields
     * before its subclass's, but may reorder the fields within a class; see
     * {@code dev.interlock.counters.PaddedLongLeftPadding}.
     */
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

    /** {@link CursorFields#index} of either side, for its release writes and acquire and plain reads. */
    private static final VarHandle INDEX;

    /** The slots, for the release writes and acquire reads of elements and the plain clearing. */
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            INDEX = MethodHandles.lookup().findVarHandle(CursorFields.class, "index", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
