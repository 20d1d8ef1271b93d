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
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Queue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * <b>Negative control: deliberately broken.</b> {@link MpmcArrayQueue} with one bug, in
 * {@code fill()}: when the supplier throws or returns null, the slot it claimed is never published,
 * as an element or as skipped, so consumers stop at it: every element offered after it is stuck,
 * and a poll that reaches it waits for ever (a refund missing on the failure path).
 *
 * <p>Generated from {@code MpmcArrayQueue.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenFailedFillMpmcArrayQueue<E> extends AbstractPollOnlyQueue<E> implements Queue<E> {
    /*
     * Implementation notes.
     *
     * State: a ring of R = capacity() slots (index i in slot i & (R - 1)) in two arrays, elements and
     * sequences, and two 64-bit indices advanced only by CAS from i to i + 1: producerIndex counts the
     * offers that have claimed a slot, consumerIndex the polls. The queue holds the elements of indices
     * consumerIndex to producerIndex - 1.
     *
     * Slot states: a slot's sequence says which operation may touch it next, and for which index.
     * - 2i: free for the producer of i, which writes the element and releases 2i + 1.
     * - 2i + 1: full with the element of i, which its consumer reads and clears, then releases 2(i + R).
     * (Vyukov's i and i + 1 would make "full with i" and "free for i + R" equal when R == 1.)
     * A producer at i finds 2i (go), less (the last lap's element is there or being polled: full, or
     * wait) or more (stale index: retry); a consumer at c finds 2c + 1 (go), less (not yet published:
     * empty, or wait) or more (stale: retry).
     *
     * Linearization points. A successful offer or poll: its CAS of the index. A refused offer: its read
     * of consumerIndex showing i - consumerIndex >= R (producerIndex is still i then: moving it past i
     * needs a consumer's CAS past i - R, which that read would have seen); if less, it waits. A null
     * poll: by the mirror argument, its read of producerIndex equal to c (greater: wait). peek: its
     * re-read of consumerIndex, still c, after reading a full head slot. size: its read of producerIndex
     * between two equal reads of consumerIndex, which only grows.
     *
     * Invariants:
     * 1. consumerIndex <= producerIndex <= consumerIndex + R.
     * 2. A slot's sequence only grows, by +1 (publish) and +2R - 1 (free).
     * 3. Between its CAS and its release of the sequence, a thread owns its slot.
     * 4. Each index is claimed by one producer, then one consumer: nothing is lost or duplicated, and
     *    elements leave in index order.
     *
     * Access modes. The indices are volatile and advance by CAS: the full and empty arguments compare two
     * indices read one after the other, which needs the single order of volatile accesses. Sequences are
     * read acquire and written release: they carry the element to the consumer and the freed slot to the
     * next producer.
     * The consumer's element read and clearing write are plain: it owns the slot (invariant 3). The
     * producer's element write is a release for peek and the iterator, which read an element (acquire)
     * without owning its slot and then validate: the release orders a later lap's element after the
     * poll that freed the slot, so the validation catches it.
     *
     * Padding: each index has its own PaddedIndex, 128 bytes (two lines, for the adjacent-line
     * prefetcher) on either side, by a class hierarchy (HotSpot lays out superclass fields first).
     *
     * No ABA: the indices never repeat a value, nor do the sequences, twice the indices (2^62 operations:
     * 146 years at 10^9 a second), so a stale reading is always recognised as stale.
     *
     * Skipped slots: fill publishes a slot whose supplier failed as SKIPPED, so none waits for it; a
     * consumer passes over it, and peek removes it.
     *
     * References: Dmitry Vyukov, "Bounded MPMC queue", 1024cores.net, 2010; JCTools' BrokenFailedFillMpmcArrayQueue;
     * Herlihy and Shavit, ch. 3 and 10. Evidence: MpmcArrayQueueTest, MpmcArrayQueueLincheckTest,
     * jcstress Queues_01-05 and 07; the control BrokenEarlySequenceArrayQueue (sequence published
     * before element) is caught by ArrayQueueNegativeControlTest and Queues_01.
     */

    /** The largest capacity: the largest power of two an int array can have. */
    static final int MAX_CAPACITY = 1 << 30;

    /** How many times a waiting thread spins before it yields. */
    static final int SPINS_BEFORE_YIELD = 128;

    /** What the claim methods return when they claimed nothing. */
    private static final long NO_INDEX = -1;

    /** The element of a slot whose fill supplier failed: consumers pass over it. */
    private static final Object SKIPPED = new Object();

    private final int mask;

    /** Null in a free slot. Written with release by producers, plain by consumers. */
    private final Object[] elements;

    /** Each slot's sequence (see Slot states). Acquire and release. */
    private final long[] sequences;

    private final PaddedIndex producerIndex = new PaddedIndex();

    private final PaddedIndex consumerIndex = new PaddedIndex();

    /**
     * Creates an empty queue that holds at least {@code capacity} elements (rounded up to a power of two).
     *
     * @param capacity the least number of elements the queue must hold
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or more than 2<sup>30</sup>
     */
    public BrokenFailedFillMpmcArrayQueue(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException(
                    "capacity must be between 1 and 2^30 (" + MAX_CAPACITY + "), but was " + capacity);
        }
        int ringSize = capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1; // the next power of two
        this.mask = ringSize - 1;
        this.elements = new Object[ringSize];
        this.sequences = new long[ringSize];
        for (int slot = 0; slot < ringSize; slot++) {
            // plain: the final fields publish the arrays' contents with the queue (JLS 17.5).
            sequences[slot] = freeFor(slot);
        }
    }

    /**
     * Returns the capacity: the requested one rounded up to a power of two.
     *
     * @return the capacity
     */
    public int capacity() {
        return mask + 1;
    }

    /**
     * Inserts the element at the tail unless the queue is full; may wait (see Progress).
     *
     * @param element the element to add
     * @return true if the element was added, false if the queue was full
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        long index = claimProducerIndex(true);
        if (index == NO_INDEX) {
            return false;
        }
        publish(index, element);
        return true;
    }

    /**
     * Removes and returns the head, or returns null if the queue is empty; may wait (see Progress).
     *
     * @return the head of the queue, or null if the queue is empty
     */
    @Override
    public E poll() {
        while (true) {
            long index = claimConsumerIndex(true);
            if (index == NO_INDEX) {
                return null;
            }
            Object element = take(index);
            if (element != SKIPPED) {
                return cast(element);
            }
        }
    }

    /**
     * Returns the head without removing it, or null if the queue is empty; may wait, as {@link #poll()}.
     *
     * @return the head of the queue, or null if the queue is empty
     */
    @Override
    public E peek() {
        return cast(peekElement(true));
    }

    /**
     * Returns the exact number of elements. <b>Note:</b> a slot whose {@link #fill} supplier failed
     * counts until a consumer passes it.
     *
     * @return the number of elements, from 0 to {@link #capacity()}
     */
    @Override
    public int size() {
        while (true) {
            long consumed = consumerIndex.value;
            long produced = producerIndex.value; // linearization point, once confirmed below.
            if (consumerIndex.value == consumed) {
                return (int) (produced - consumed);
            }
        }
    }

    /**
     * Returns whether the queue is empty, exactly, as {@link #size()}.
     *
     * @return true if the queue holds no element
     */
    @Override
    public boolean isEmpty() {
        while (true) {
            long consumed = consumerIndex.value;
            long produced = producerIndex.value; // linearization point, once confirmed below.
            if (consumerIndex.value == consumed) {
                return produced == consumed;
            }
        }
    }

    /**
     * Inserts the element if the tail slot is ready now; never waits.
     *
     * @param element the element to add
     * @return true if added; false if the queue was full or its tail slot not yet free
     * @throws NullPointerException if {@code element} is null
     */
    public boolean relaxedOffer(E element) {
        Objects.requireNonNull(element, "element");
        long index = claimProducerIndex(false);
        if (index == NO_INDEX) {
            return false;
        }
        publish(index, element);
        return true;
    }

    /**
     * Removes and returns the head if it has been published; never waits.
     *
     * @return the head, or null if the queue is empty or its head not yet published
     */
    public E relaxedPoll() {
        while (true) {
            long index = claimConsumerIndex(false);
            if (index == NO_INDEX) {
                return null;
            }
            Object element = take(index);
            if (element != SKIPPED) {
                return cast(element);
            }
        }
    }

    /**
     * Returns the head without removing it if it has been published; never waits.
     *
     * @return the head of the queue, or null if the queue is empty or its head not yet published
     */
    public E relaxedPeek() {
        return cast(peekElement(false));
    }

    /**
     * Removes up to {@code limit} elements, as by {@link #poll()}, and passes each to {@code consumer};
     * not atomic. If it throws, the element it was given stays removed, the ones after it queued.
     *
     * @param consumer receives each element removed
     * @param limit the most elements to remove
     * @return the number of elements removed
     * @throws NullPointerException if {@code consumer} is null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public int drain(Consumer<? super E> consumer, int limit) {
        Objects.requireNonNull(consumer, "consumer");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, but was " + limit);
        }
        int drained = 0;
        while (drained < limit) {
            E element = poll();
            if (element == null) {
                break;
            }
            drained++;
            consumer.accept(element);
        }
        return drained;
    }

    /**
     * Adds up to {@code limit} elements from {@code supplier} until the queue is full; not atomic. The
     * supplier is called once a slot is claimed for its element, so none is dropped for want of room.
     * <b>Note:</b> consumers that reach the slot wait while the supplier runs: keep it short, and never
     * let it read or remove from this queue (it would wait for itself).
     *
     * <p>If the supplier returns null or throws, its slot is published as skipped and {@code fill}
     * throws; the elements supplied before stay. <b>Note:</b> until a consumer passes the skipped slot,
     * {@link #size()} counts it and {@link #isEmpty()} says false; no method returns it.
     *
     * @param supplier supplies the elements; called at most {@code limit} times
     * @param limit the most elements to add
     * @return the number of elements added
     * @throws NullPointerException if {@code supplier} is null, or returns null
     * @throws IllegalArgumentException if {@code limit} is negative
     */
    public int fill(Supplier<? extends E> supplier, int limit) {
        Objects.requireNonNull(supplier, "supplier");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, but was " + limit);
        }
        int filled = 0;
        while (filled < limit) {
            long index = claimProducerIndex(true);
            if (index == NO_INDEX) {
                break;
            }
            // THE BUG: was Object element = SKIPPED; try { element = Objects.requireNonNull(supplier.get(), "the supplier returned null"); } finally { publish(index, element); }
            Object element = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            publish(index, element);
            filled++;
        }
        return filled;
    }

    /**
     * Returns a weakly consistent iterator, without {@link Iterator#remove()}; it may wait, as
     * {@link #poll()}.
     *
     * @return the iterator
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }





    /** Claims a producer index (or NO_INDEX: full or, relaxed, not ready); the caller owns its slot. */
    private long claimProducerIndex(boolean waitForConsumer) {
        int attempts = 0;
        while (true) {
            long index = producerIndex.value;
            // acquire: pairs with the release that freed the slot (see Access modes).
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot(index));
            long free = freeFor(index);
            if (sequence == free) {
                if (INDEX.compareAndSet(producerIndex, index, index + 1)) {
                    return index; // the successful CAS is the linearization point.
                }
            } else if (sequence < free) {
                if (!waitForConsumer) {
                    return NO_INDEX;
                }
                // linearization point of a refused offer.
                long consumed = consumerIndex.value;
                if (index - consumed >= capacity()) {
                    return NO_INDEX;
                }
                attempts = waitForOtherThread(attempts); // a consumer has claimed index - R.
            }
        }
    }

    /** Writes the element (or SKIPPED) into the claimed slot and publishes it. */
    private void publish(long index, Object element) {
        int slot = slot(index);
        // release: a peek or iterator that reads this element without owning the slot then validates
        // it; the release makes the consumer that freed the slot happen-before that read, so the
        // validation sees the slot has moved on (see "Access modes" in the class comment).
        ELEMENT.setRelease(elements, slot, element);
        // release: publication. Pairs with the consumer's acquire read of the sequence, which then sees
        // the element and everything this producer did before offering it.
        SEQUENCE.setRelease(sequences, slot, fullWith(index));
    }

    /** Claims a consumer index (or NO_INDEX: empty or, relaxed, not ready); the caller owns its slot. */
    private long claimConsumerIndex(boolean waitForProducer) {
        int attempts = 0;
        while (true) {
            long index = consumerIndex.value;
            // acquire: pairs with the release in publish().
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot(index));
            long published = fullWith(index);
            if (sequence == published) {
                if (INDEX.compareAndSet(consumerIndex, index, index + 1)) {
                    return index; // the successful CAS is the linearization point.
                }
            } else if (sequence < published) {
                if (!waitForProducer) {
                    return NO_INDEX;
                }
                // linearization point of a null poll.
                long produced = producerIndex.value;
                if (produced == index) {
                    return NO_INDEX;
                }
                attempts = waitForOtherThread(attempts); // a producer has claimed index.
            }
        }
    }

    /** Reads and clears the element of a claimed slot, then frees the slot for the next lap. */
    private Object take(long index) {
        int slot = slot(index);
        // plain: we own the slot (invariant 3; see Access modes).
        Object element = elements[slot];
        // plain: published by the release below.
        elements[slot] = null;
        // release: frees the slot for index + R; pairs with that producer's acquire.
        SEQUENCE.setRelease(sequences, slot, freeFor(index + capacity()));
        return element;
    }

    /** The head element without removing it (a skipped head is consumed on the way), or null. */
    private Object peekElement(boolean waitForProducer) {
        int attempts = 0;
        while (true) {
            long index = consumerIndex.value;
            int slot = slot(index);
            // acquire: pairs with the release in publish().
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            long published = fullWith(index);
            if (sequence == published) {
                // acquire: orders the validating re-read below after it; see Access modes.
                Object element = ELEMENT.getAcquire(elements, slot);
                // linearization point: this re-read, if the head is still index.
                if (element != null && consumerIndex.value == index) {
                    if (element != SKIPPED) {
                        return element;
                    }
                    if (INDEX.compareAndSet(consumerIndex, index, index + 1)) {
                        take(index);
                    }
                }
            } else if (sequence < published) {
                if (!waitForProducer) {
                    return null;
                }
                long produced = producerIndex.value; // linearization point of an empty peek.
                if (produced == index) {
                    return null;
                }
                attempts = waitForOtherThread(attempts);
            }
        }
    }

    /** Spins, then yields (no park: nobody would unpark us); returns attempts + 1. */
    private static int waitForOtherThread(int attempts) {
        if (attempts < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return attempts + 1;
    }

    private static long freeFor(long index) {
        return index << 1;
    }

    private static long fullWith(long index) {
        return (index << 1) | 1;
    }

    private int slot(long index) {
        return (int) index & mask;
    }

    @SuppressWarnings("unchecked") // only E is stored, and SKIPPED never gets here
    private static <E> E cast(Object element) {
        return (E) element;
    }

    /** Reads each element without claiming its slot, then validates it. */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        private long cursor = consumerIndex.value;

        private E nextElement; // null at the end

        WeaklyConsistentIterator() {
            advance();
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

        /**
         * Not supported.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public void remove() {
            throw removalUnsupported("the iterator's remove");
        }

        private void advance() {
            int attempts = 0;
            while (true) {
                long head = consumerIndex.value;
                if (cursor < head) {
                    cursor = head; // polled meanwhile.
                }
                if (cursor >= producerIndex.value) {
                    nextElement = null;
                    return;
                }
                int slot = slot(cursor);
                long published = fullWith(cursor);
                // acquire: pairs with the release in publish().
                long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
                if (sequence == published) {
                    // acquire: keeps the validating read below after this one (as in peekElement).
                    Object element = ELEMENT.getAcquire(elements, slot);
                    // acquire: validation. Still published: the element read is this index's (or null).
                    long validation = (long) SEQUENCE.getAcquire(sequences, slot);
                    cursor++;
                    if (validation == published && element != null && element != SKIPPED) {
                        nextElement = cast(element);
                        return;
                    }
                } else if (sequence < published) {
                    // claimed, not yet published: the element is in the queue; wait, as poll does.
                    attempts = waitForOtherThread(attempts);
                } else {
                    cursor++; // freed: its element was polled.
                }
            }
        }
    }

    abstract static class IndexLeftPadding {
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

    abstract static class IndexValue extends IndexLeftPadding {
        /** Volatile: a plain Java access is volatile; CAS through INDEX. */
        volatile long value;
    }

    static final class PaddedIndex extends IndexValue {
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
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            INDEX = MethodHandles.lookup().findVarHandle(IndexValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
