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
 * A bounded, multi-producer, multi-consumer FIFO queue on a ring of slots, each slot with a sequence
 * number: Dmitry Vyukov's bounded MPMC queue, with linearizable {@code offer}, {@code poll},
 * {@code peek} and {@code size}, and non-waiting relaxed variants.
 *
 * <p>Any number of threads may offer and poll at once. Null elements are refused with a
 * {@link NullPointerException}. The queue holds at most {@link #capacity()} elements; {@link #offer}
 * returns false when it is full and {@link #add} throws {@link IllegalStateException}.
 *
 * <p><b>Note:</b> the capacity is rounded up to a power of two: {@code new LockFreeArrayQueue<>(5)}
 * holds 8 elements. {@link #capacity()} tells the real capacity. A requested capacity below 1 or above
 * 2<sup>30</sup> is refused with an {@link IllegalArgumentException}.
 *
 * <p><b>Linearizable operations.</b> {@link #offer}, {@link #poll}, {@link #peek}, {@link #size} and
 * {@link #isEmpty} are linearizable: each appears to take effect at one instant during its call.
 * {@code poll} and {@code peek} return null only if the queue was empty at that instant, never because
 * another producer is in the middle of its {@code offer}; {@code offer} returns false only if the queue
 * was full, never because a consumer is in the middle of its {@code poll}. To keep that promise they
 * <em>wait</em> for the other thread (see Progress). {@link #size()} is exact: the number of elements
 * at one instant during the call (but see {@link #fill} for a supplier that fails).
 *
 * <p><b>Relaxed operations.</b> {@link #relaxedOffer}, {@link #relaxedPoll} and {@link #relaxedPeek}
 * never wait for another thread. <b>Note:</b> they may return false (or null) while a concurrent
 * {@code poll} (or {@code offer}) is mid-flight, even if the queue was never full (or never empty)
 * during the call. A false or null from them means "no slot is ready now", not "full" or
 * "empty"; a true or an element means the same as from the linearizable methods.
 *
 * <p><b>Progress.</b> The relaxed methods are lock-free: a thread retries only when another thread's
 * CAS succeeded, so some thread always completes its operation. {@code size()} and {@code isEmpty()}
 * are lock-free too (they retry only when a consumer has moved the consumer index). The linearizable
 * {@code offer}, {@code poll} and {@code peek}, {@link #drain}, {@link #fill} and the iterator are
 * <em>not</em> lock-free: they are blocking in the sense of progress theory, though they never park and
 * never return a wrong answer. Precisely:
 * <ul>
 *   <li>A producer that is stalled (preempted, suspended, or running a slow {@link #fill} supplier)
 *       after it has claimed index <i>i</i> and before it has published slot <i>i</i> makes every
 *       {@code poll} and {@code peek} that reaches index <i>i</i> (that is, finds <i>i</i> at the head
 *       of the queue) wait until that producer resumes and publishes. The elements behind it, even
 *       those already published by other producers, cannot be polled before it, because the queue is
 *       FIFO in index order. Other producers go on until the ring is full (index <i>i</i> +
 *       {@code capacity()}); from then on their {@code offer} returns false, which is right: the
 *       stalled producer's offer has taken effect, and its element counts as in the queue.</li>
 *   <li>Likewise a consumer stalled after it has claimed index <i>c</i> and before it has freed slot
 *       <i>c</i> makes the {@code offer} at index <i>c</i> + {@code capacity()}, one lap later, wait
 *       until it resumes; consumers are not held up by it.</li>
 *   <li>The relaxed methods in the same situations return false or null at once.</li>
 * </ul>
 * A waiting thread spins with {@link Thread#onSpinWait()}, then {@link Thread#yield() yields}: the
 * thread it waits for needs only processor time to finish a few instructions, so it never parks.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread prior
 * to placing an object into the queue ({@code offer}, {@code relaxedOffer}, {@code fill}) happen-before
 * actions subsequent to the access or removal of that element from the queue ({@code peek},
 * {@code poll}, their relaxed variants, {@code drain}, the iterator) in another thread.
 *
 * <p><b>Iterators</b> are weakly consistent: they return the elements in FIFO order, each element that
 * was in the queue when the iterator was created and has not been polled since exactly once, and may or
 * may not return elements offered after that; they never throw
 * {@link java.util.ConcurrentModificationException}. Like {@code poll}, an iterator waits for a producer
 * stalled mid-offer. {@code contains}, {@code toArray} and {@code toString} work through the iterator, so
 * they are weakly consistent too.
 *
 * <p><b>No interior removal:</b> {@link #remove(Object)}, {@link Iterator#remove()},
 * {@link #removeAll}, {@link #retainAll} and {@link #removeIf} throw
 * {@link UnsupportedOperationException} and change nothing: a slot in the middle of the ring cannot be
 * emptied without breaking the sequence numbers that order the slots. {@link #clear()} works: it polls
 * until the queue is empty.
 *
 * <h2>Implementation notes</h2>
 * <b>State.</b> A ring of {@code R = capacity()} slots, a power of two so that index {@code i} maps to
 * slot {@code i & (R - 1)}. Two arrays hold it: {@code elements[slot]} and {@code sequences[slot]} (a
 * {@code long}). Two 64-bit indices count operations: {@code producerIndex}, the number of offers that
 * have claimed a slot, and {@code consumerIndex}, the number of polls that have. Both only grow, each by
 * a CAS from {@code i} to {@code i + 1}. The queue holds the elements of indices
 * {@code consumerIndex .. producerIndex - 1}.
 *
 * <p><b>Slot states.</b> The sequence of a slot tells which operation may touch it next, and for which
 * index. It is {@code 2 * i} when the slot waits for the producer of index {@code i}, and
 * {@code 2 * i + 1} when it holds the element of index {@code i}: the low bit says full, the rest says
 * which index. (Vyukov's original uses {@code i} and {@code i + 1}; then the state "full with the
 * element of {@code i}", {@code i + 1}, and the state "free for the producer of {@code i + R}",
 * {@code i + R}, are the same number when {@code R == 1}, and a ring of one slot breaks. Doubling
 * costs one shift and keeps every capacity, 1 included.)
 * <table>
 *   <caption>The sequence number of the slot of index {@code i} (R is the ring size)</caption>
 *   <tr><th>sequence</th><th>state</th><th>who moves it on</th></tr>
 *   <tr><td>{@code 2i}</td><td>free for the producer of index {@code i}; once that producer's CAS on
 *       {@code producerIndex} has succeeded, claimed but not yet published</td>
 *       <td>that producer, after writing the element: release {@code 2i + 1}</td></tr>
 *   <tr><td>{@code 2i + 1}</td><td>full: holds the element of index {@code i}; once the consumer's CAS
 *       on {@code consumerIndex} has succeeded, claimed but not yet freed</td>
 *       <td>that consumer, after reading and clearing the element: release {@code 2(i + R)}</td></tr>
 *   <tr><td>{@code 2(i + R)}</td><td>free for the producer of index {@code i + R} (the next lap)</td>
 *       <td>the first row again, one lap on</td></tr>
 * </table>
 * So a producer at index {@code i} finds {@code 2i} (go), less (the previous lap's element is still
 * there, or being polled: full, or wait for that consumer) or more (its reading of
 * {@code producerIndex} was stale: retry). A consumer at index {@code c} finds {@code 2c + 1} (go), less
 * (not yet published: empty, or wait for that producer) or more (stale: retry).
 *
 * <p><b>offer</b> at index {@code i}: if the slot's sequence is {@code 2i}, CAS {@code producerIndex}
 * from {@code i} to {@code i + 1} (the linearization point of a successful offer), write the element,
 * then publish the sequence {@code 2i + 1} with release. If the sequence is less, read
 * {@code consumerIndex}: if {@code i - consumerIndex >= R} the queue is full, and that read is the
 * linearization point of the failed offer (at that instant {@code producerIndex} is still {@code i}:
 * moving it past {@code i} needs the slot freed, which needs a consumer's CAS past {@code i - R}, which
 * the read would have seen); otherwise a consumer has claimed index {@code i - R} and not yet freed the
 * slot, and the offer waits for it. <b>poll</b> at index {@code c} mirrors it: if the sequence is
 * {@code 2c + 1}, CAS {@code consumerIndex} (the linearization point), read the element, clear the
 * slot, and release the sequence {@code 2(c + R)}; if it is less, read {@code producerIndex}: equal to
 * {@code c} means empty (the linearization point of a null poll, by the mirror argument), greater means
 * that a producer has claimed {@code c} and not yet published it, and the poll waits. <b>peek</b> reads
 * the element of a full head slot without claiming it, then re-reads {@code consumerIndex}: if it is
 * still {@code c}, that re-read is the linearization point. <b>size</b> reads {@code consumerIndex},
 * {@code producerIndex}, {@code consumerIndex} again until the two consumer readings agree; the
 * consumer index only grows, so it had that value throughout, and the read of {@code producerIndex} is
 * an instant at which both indices had the values read: it is the linearization point.
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>{@code consumerIndex <= producerIndex <= consumerIndex + R} at every instant: a consumer claims
 *       only a published index, a producer only a slot that the previous lap's consumer has freed.</li>
 *   <li>Each slot's sequence only grows, through the states of the table, in steps of {@code +1}
 *       (publish) and {@code +2R - 1} (free).</li>
 *   <li>Between its successful CAS and its release of the sequence, a thread owns its slot: no other
 *       thread writes the element, so the element accesses there need no atomicity.</li>
 *   <li>Every index is claimed by exactly one producer and then exactly one consumer, so no element
 *       is lost or duplicated, and elements leave in the order of their producer indices (FIFO).</li>
 * </ol>
 *
 * <p><b>Access modes</b> (the words of {@code docs/memory-ordering.md}). The indices are volatile
 * fields advanced by CAS: the full/empty arguments above compare two indices read one after the
 * other, and need the single order of volatile accesses. The sequences are read with acquire and
 * written with release: they carry the element from producer to consumer (publication) and the freed
 * slot from consumer to the next producer. The consumer's element read and clearing write are plain:
 * it owns the slot (invariant 3). The relaxed methods read the indices volatile too: on x86-64 a
 * volatile read is an ordinary load, and the relaxed methods' successes are the same CAS as the
 * linearizable ones'. The producer's element write is a release, not plain, for the
 * benefit of {@code peek} and the iterator, which read an element (with acquire) without claiming its
 * slot and then validate; a release write is what orders a later lap's element after the poll that
 * freed the slot, so that validation catches it. On x86-64 a release write is an ordinary store; on
 * ARM it costs little here, as the sequence's release store follows at once anyway.
 *
 * <p><b>Padding.</b> Producers hammer {@code producerIndex} and consumers {@code consumerIndex}; if
 * both shared a cache line, every offer would invalidate the consumers' copy and vice versa. Each
 * index therefore lives in an object of its own, {@code PaddedIndex}, with 128 bytes of padding on
 * either side, laid out by the same three-class hierarchy as {@code dev.interlock.counters.PaddedLong}
 * (HotSpot lays superclass fields first). Separate objects rather than padding superclasses of this
 * class, as JCTools has: those would have to sit between {@code AbstractInterlockQueue} and this class as
 * top-level classes of the package (a class cannot extend its own nested class). The cost is one load
 * of a final field, which stays in every core's cache because nothing writes it.
 *
 * <p><b>Two arrays rather than an array of slot objects:</b> no indirection, no object header per slot
 * (a {@code long} and a reference are 12 bytes a slot with compressed references, against about 32 for
 * a slot object), and the layout cannot be scattered by the garbage collector. The price is that an
 * operation touches two cache lines (the sequence and the element) where Vyukov's C array of structs
 * touches one; JCTools' {@code MpmcArrayQueue} makes the same choice.
 *
 * <p><b>No ABA.</b> A CAS on an index succeeds only if no other thread has moved it: the indices never
 * repeat a value, because 64-bit counters advanced by one would need 2<sup>63</sup> operations to wrap.
 * The sequences, twice the indices, grow with them, so a stale reading of a sequence is always
 * recognised as stale; they would wrap after 2<sup>62</sup> operations on one queue, about 146 years at
 * a billion operations per second.
 *
 * <p><b>Skipped slots.</b> When a {@link #fill} supplier fails after its slot was claimed, the slot is
 * published holding a private marker instead of an element, so that consumers do not wait forever for
 * it; consumers ({@code poll}, {@code peek}, their relaxed variants, the iterator) pass over it, and
 * {@code peek} consumes it. Until then it counts in {@code size()}.
 *
 * <p>References: Dmitry Vyukov, "Bounded MPMC queue", 1024cores.net (2010); JCTools'
 * {@code MpmcArrayQueue}, the same design in Java; Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i>, 2nd ed., ch. 3 (linearizability, progress conditions) and ch. 10 (bounded
 * concurrent queues). Evidence: {@code LockFreeArrayQueueTest} (the {@code QueueContract}, relaxed methods,
 * drain and fill, a producer stalled mid-offer, many laps), {@code LockFreeArrayQueueLincheckTest}
 * (offer, poll, peek, isEmpty, size), the {@code dev.interlock.stress.queues.Queues_*} jcstress tests,
 * and the negative control {@code BrokenEarlySequenceArrayQueue}, which publishes the sequence before
 * the element and is rejected by {@code ArrayQueueNegativeControlTest}.
 *
 * @param <E> the type of the elements
 */
public final class LockFreeArrayQueue<E> extends AbstractInterlockQueue<E> implements Queue<E> {

    /** The largest capacity: 2<sup>30</sup>, the largest power of two an {@code int} array can have. */
    static final int MAX_CAPACITY = 1 << 30;

    /** How many times a waiting thread spins with {@link Thread#onSpinWait()} before it yields. */
    static final int SPINS_BEFORE_YIELD = 128;

    /** What the claim methods return when they claimed nothing. Real indices are never negative. */
    private static final long NO_INDEX = -1;

    /** The marker of a slot whose {@link #fill} supplier failed: consumers pass over it. */
    private static final Object SKIPPED = new Object();

    /** {@code capacity() - 1}: index {@code i} lives in slot {@code i & mask}. */
    private final int mask;

    /** The elements; null in a free slot. Written with release by producers, plain by consumers. */
    private final Object[] elements;

    /** The sequence number of each slot (see the table in the class comment). Acquire and release. */
    private final long[] sequences;

    /** How many offers have claimed a slot. Advanced by CAS. */
    private final PaddedIndex producerIndex = new PaddedIndex();

    /** How many polls have claimed a slot. Advanced by CAS. */
    private final PaddedIndex consumerIndex = new PaddedIndex();

    /**
     * Creates an empty queue that holds at least {@code capacity} elements.
     *
     * <p><b>Note:</b> the capacity is rounded up to the next power of two; see {@link #capacity()}.
     *
     * @param capacity the least number of elements the queue must hold, from 1 to 2<sup>30</sup>
     * @throws IllegalArgumentException if {@code capacity} is less than 1 or more than 2<sup>30</sup>
     */
    public LockFreeArrayQueue(int capacity) {
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
     * Returns the number of elements the queue holds when full: the requested capacity rounded up to
     * a power of two.
     *
     * @return the capacity, a power of two
     */
    public int capacity() {
        return mask + 1;
    }

    // ---------------------------------------------------------------------------------------------
    // Linearizable operations

    /**
     * Inserts the element at the tail if the queue is not full. Returns false only if the queue was
     * full at the instant the offer took effect; if a consumer has claimed the slot this offer needs
     * and not yet freed it, the offer waits for that consumer.
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
     * Removes and returns the head of the queue, or returns null if the queue was empty at the instant
     * the poll took effect. If a producer has claimed the head's slot and not yet published its
     * element, the poll waits for that producer.
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
            // A slot whose fill supplier failed holds no element: the next index may.
        }
    }

    /**
     * Returns the head of the queue without removing it, or null if the queue was empty at the instant
     * the peek took effect. Like {@link #poll()}, it waits for a producer that has claimed the head's
     * slot and not yet published its element.
     *
     * @return the head of the queue, or null if the queue is empty
     */
    @Override
    public E peek() {
        return cast(peekElement(true));
    }

    /**
     * Returns the number of elements in the queue: exact, the number at one instant during the call.
     * <b>Note:</b> a slot whose {@link #fill} supplier failed counts until a consumer passes it.
     *
     * @return the number of elements, from 0 to {@link #capacity()}
     */
    @Override
    public int size() {
        while (true) {
            long consumed = consumerIndex.value; // volatile read
            long produced = producerIndex.value; // volatile read: the linearization point, once confirmed below.
            if (consumerIndex.value == consumed) {
                // The consumer index only grows, so it was `consumed` when `produced` was read.
                return (int) (produced - consumed);
            }
        }
    }

    /**
     * Returns whether the queue is empty, exactly: at one instant during the call, as {@link #size()}.
     *
     * @return true if the queue holds no element
     */
    @Override
    public boolean isEmpty() {
        while (true) {
            long consumed = consumerIndex.value; // volatile read
            long produced = producerIndex.value; // volatile read: the linearization point, once confirmed below.
            if (consumerIndex.value == consumed) {
                return produced == consumed;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Relaxed operations

    /**
     * Inserts the element if the slot at the tail is free now; never waits. Lock-free.
     *
     * <p><b>Note:</b> returns false when the queue is full, and also when the consumer of the slot one
     * lap back has claimed it and not yet freed it, although the queue is then not full.
     *
     * @param element the element to add
     * @return true if the element was added; false if the queue was full or its tail slot not yet free
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
     * Removes and returns the head if its element has been published; never waits. Lock-free.
     *
     * <p><b>Note:</b> returns null when the queue is empty, and also when the producer of the head has
     * claimed its slot and not yet published the element, although the queue is then not empty.
     *
     * @return the head of the queue, or null if the queue is empty or its head not yet published
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
     * Returns the head without removing it if its element has been published; never waits. Lock-free.
     *
     * <p><b>Note:</b> returns null when the queue is empty, and also when the producer of the head has
     * claimed its slot and not yet published the element, although the queue is then not empty.
     *
     * @return the head of the queue, or null if the queue is empty or its head not yet published
     */
    public E relaxedPeek() {
        return cast(peekElement(false));
    }

    // ---------------------------------------------------------------------------------------------
    // Bulk operations

    /**
     * Removes up to {@code limit} elements, as by repeated {@link #poll()}, and passes each to
     * {@code consumer}, in FIFO order; stops early when the queue is empty. Not atomic: other threads may
     * offer and poll in between. Blocking in the same sense as {@code poll}.
     *
     * <p>If {@code consumer} throws, the element it was given has already been removed from the queue
     * and is not put back; the exception propagates, and the elements after it stay in the queue.
     *
     * @param consumer receives each element removed
     * @param limit the most elements to remove
     * @return the number of elements removed and passed to {@code consumer}
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
     * Adds up to {@code limit} elements from {@code supplier}, as by repeated {@link #offer}; stops early
     * when the queue is full. The supplier is called only once a slot has been claimed for its element,
     * so no supplied element is ever dropped for want of room. Not atomic: other threads may offer and
     * poll in between. Blocking in the same sense as {@code offer}.
     *
     * <p>The supplier runs while its slot is claimed and not yet published, like a producer stalled
     * mid-offer: consumers that reach that slot wait until it returns. Keep it short, and never let it
     * read or remove from this queue ({@code peek}, {@code poll}, {@code drain}, the iterator,
     * {@code contains}, {@code toString}): such a call that reaches the claimed slot waits for it to be
     * published, which only the supplier's own return can do, and so waits for ever.
     *
     * <p>If the supplier returns null or throws, its slot is published as skipped, so that no consumer
     * waits for it, and then {@code fill} throws: a {@link NullPointerException} for a null, the
     * supplier's own exception otherwise. The elements supplied before stay in the queue. <b>Note:</b>
     * until a consumer passes the skipped slot, {@link #size()} counts it and {@link #isEmpty()} says
     * false; {@code poll}, {@code peek}, their relaxed variants and the iterator never return it.
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
            Object element = SKIPPED;
            try {
                element = Objects.requireNonNull(supplier.get(), "the supplier returned null");
            } finally {
                // Published whatever happened: a consumer may already be waiting for this slot.
                publish(index, element);
            }
            filled++;
        }
        return filled;
    }

    // ---------------------------------------------------------------------------------------------
    // Collection methods

    /**
     * Returns a weakly consistent iterator over the elements, head first. It does not support
     * {@link Iterator#remove()}. It waits for a producer that has claimed a slot in the range it
     * traverses and not yet published it, as {@link #poll()} does.
     *
     * @return an iterator over the elements in FIFO order
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }

    /**
     * Not supported: the queue cannot remove an element from the middle of its ring.
     *
     * @param element ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object element) {
        throw new UnsupportedOperationException("LockFreeArrayQueue cannot remove an interior element");
    }

    /**
     * Not supported: the queue cannot remove an element from the middle of its ring.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeAll(Collection<?> elements) {
        throw new UnsupportedOperationException("LockFreeArrayQueue cannot remove an interior element");
    }

    /**
     * Not supported: the queue cannot remove an element from the middle of its ring.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean retainAll(Collection<?> elements) {
        throw new UnsupportedOperationException("LockFreeArrayQueue cannot remove an interior element");
    }

    /**
     * Not supported: the queue cannot remove an element from the middle of its ring.
     *
     * @param filter ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw new UnsupportedOperationException("LockFreeArrayQueue cannot remove an interior element");
    }

    // ---------------------------------------------------------------------------------------------
    // The algorithm

    /**
     * Claims the next producer index, whose slot is then owned by the caller until {@link #publish}.
     *
     * @param waitForConsumer whether to wait for a consumer that has claimed the slot one lap back and
     *        not yet freed it (linearizable), or give up (relaxed)
     * @return the claimed index, or {@link #NO_INDEX} if the queue was full (or, relaxed, not ready)
     */
    private long claimProducerIndex(boolean waitForConsumer) {
        int attempts = 0;
        while (true) {
            long index = producerIndex.value; // volatile read
            // acquire: pairs with the release that freed the slot, so that consumer's read and clearing
            // of the old element happen-before our write of the new one.
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot(index));
            long free = freeFor(index);
            if (sequence == free) {
                if (INDEX.compareAndSet(producerIndex, index, index + 1)) {
                    return index; // the successful CAS is the linearization point.
                }
                // Another producer claimed this index: it made progress; try the next one.
            } else if (sequence < free) {
                // The slot still holds the element of index - R, or its consumer is still freeing it.
                if (!waitForConsumer) {
                    return NO_INDEX;
                }
                // volatile read: a failed offer's linearization point. If the queue looks full, the
                // producer index is still `index` now (see the class comment), so it is full now.
                long consumed = consumerIndex.value;
                if (index - consumed >= capacity()) {
                    return NO_INDEX;
                }
                attempts = waitForOtherThread(attempts); // a consumer has claimed index - R: wait for it.
            }
            // sequence > free: our reading of producerIndex was stale; read it again.
        }
    }

    /**
     * Writes the element into the claimed slot and publishes it to consumers.
     *
     * @param index an index claimed by {@link #claimProducerIndex}
     * @param element the element, or {@link #SKIPPED}
     */
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

    /**
     * Claims the next consumer index, whose slot is then owned by the caller until {@link #take}.
     *
     * @param waitForProducer whether to wait for a producer that has claimed the head's slot and not yet
     *        published it (linearizable), or give up (relaxed)
     * @return the claimed index, or {@link #NO_INDEX} if the queue was empty (or, relaxed, not ready)
     */
    private long claimConsumerIndex(boolean waitForProducer) {
        int attempts = 0;
        while (true) {
            long index = consumerIndex.value; // volatile read
            // acquire: pairs with the producer's release in publish(), so the element is visible.
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot(index));
            long published = fullWith(index);
            if (sequence == published) {
                if (INDEX.compareAndSet(consumerIndex, index, index + 1)) {
                    return index; // the successful CAS is the linearization point.
                }
                // Another consumer claimed this index: it made progress; try the next one.
            } else if (sequence < published) {
                // The element of this index is not published yet.
                if (!waitForProducer) {
                    return NO_INDEX;
                }
                // volatile read: a null poll's linearization point. If no producer has claimed this
                // index, the consumer index is still `index` now, so the queue is empty now.
                long produced = producerIndex.value;
                if (produced == index) {
                    return NO_INDEX;
                }
                attempts = waitForOtherThread(attempts); // a producer has claimed index: wait for it.
            }
            // sequence > published: our reading of consumerIndex was stale; read it again.
        }
    }

    /**
     * Reads and clears the element of a claimed slot, then frees the slot for the next lap.
     *
     * @param index an index claimed by {@link #claimConsumerIndex}
     * @return the element, or {@link #SKIPPED}
     */
    private Object take(long index) {
        int slot = slot(index);
        // plain: we own the slot (invariant 3); the acquire read of its sequence in claimConsumerIndex
        // ordered this read after the producer's write.
        Object element = elements[slot];
        // plain: the release below publishes the cleared slot to the next lap's producer.
        elements[slot] = null;
        // release: frees the slot for index + R. Pairs with that producer's acquire read, so our read
        // and clearing of the element happen-before its write.
        SEQUENCE.setRelease(sequences, slot, freeFor(index + capacity()));
        return element;
    }

    /**
     * The element at the head without removing it. A skipped slot at the head is consumed on the way.
     *
     * @param waitForProducer as in {@link #claimConsumerIndex}
     * @return the head element, or null if the queue is empty (or, relaxed, its head not yet published)
     */
    private Object peekElement(boolean waitForProducer) {
        int attempts = 0;
        while (true) {
            long index = consumerIndex.value; // volatile read
            int slot = slot(index);
            // acquire: pairs with the producer's release in publish(), so the element is visible.
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            long published = fullWith(index);
            if (sequence == published) {
                // acquire: keeps the validating re-read of consumerIndex after this read. It cannot be an
                // older lap's element (its sequence was freed only after the clearing write), and if it
                // is a later lap's, the release that wrote it makes the re-read see the index moved.
                Object element = ELEMENT.getAcquire(elements, slot);
                // volatile read: if the head is still `index`, this is the linearization point.
                if (element != null && consumerIndex.value == index) {
                    if (element != SKIPPED) {
                        return element;
                    }
                    if (INDEX.compareAndSet(consumerIndex, index, index + 1)) {
                        take(index); // consume the skipped slot, then look at the next head.
                    }
                }
                // The head was polled meanwhile: look again.
            } else if (sequence < published) {
                if (!waitForProducer) {
                    return null;
                }
                long produced = producerIndex.value; // volatile read: an empty peek's linearization point.
                if (produced == index) {
                    return null;
                }
                attempts = waitForOtherThread(attempts); // a producer has claimed index: wait for it.
            }
            // sequence > published: our reading of consumerIndex was stale; read it again.
        }
    }

    /**
     * One step of waiting for another thread to finish the few instructions between its CAS and its
     * release of a slot's sequence: spin at first, then yield, so that on a machine with more threads
     * than cores the thread we wait for gets the core. No park: nobody would unpark us.
     *
     * @param attempts how many steps the caller has waited so far
     * @return {@code attempts + 1}
     */
    private static int waitForOtherThread(int attempts) {
        if (attempts < SPINS_BEFORE_YIELD) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
        }
        return attempts + 1;
    }

    /**
     * The sequence of a slot that is free for the producer of {@code index}: {@code 2 * index}.
     *
     * @param index a producer index
     * @return the sequence that lets that producer claim the slot
     */
    private static long freeFor(long index) {
        return index << 1;
    }

    /**
     * The sequence of a slot that holds the element of {@code index}: {@code 2 * index + 1}.
     *
     * @param index a consumer index
     * @return the sequence that lets that consumer claim the slot
     */
    private static long fullWith(long index) {
        return (index << 1) | 1;
    }

    private int slot(long index) {
        return (int) index & mask;
    }

    @SuppressWarnings("unchecked") // every element stored is an E, except SKIPPED, which never gets here
    private static <E> E cast(Object element) {
        return (E) element;
    }

    /**
     * A weakly consistent iterator: it walks the indices from the head, skips those polled meanwhile,
     * reads each element without claiming its slot and validates it by re-reading the slot's sequence.
     */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        /** The next index to look at. */
        private long cursor = consumerIndex.value; // volatile read

        /** The element {@link #next()} returns next, or null at the end. */
        private E nextElement;

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
         * Not supported: the queue cannot remove an element from the middle of its ring.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public void remove() {
            throw new UnsupportedOperationException("LockFreeArrayQueue cannot remove an interior element");
        }

        private void advance() {
            int attempts = 0;
            while (true) {
                long head = consumerIndex.value; // volatile read
                if (cursor < head) {
                    cursor = head; // the elements before the head have been polled.
                }
                if (cursor >= producerIndex.value) { // volatile read
                    nextElement = null;
                    return;
                }
                int slot = slot(cursor);
                long published = fullWith(cursor);
                // acquire: pairs with the producer's release in publish(), so the element is visible.
                long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
                if (sequence == published) {
                    // acquire: keeps the validating read below after this one (as in peekElement).
                    Object element = ELEMENT.getAcquire(elements, slot);
                    // acquire: validation. Still `published`: the slot has not been freed, so the
                    // element read is this index's (or null, if its consumer has already cleared it).
                    long validation = (long) SEQUENCE.getAcquire(sequences, slot);
                    cursor++;
                    if (validation == published && element != null && element != SKIPPED) {
                        nextElement = cast(element);
                        return;
                    }
                    // Polled meanwhile, or a skipped slot: go on to the next index.
                } else if (sequence < published) {
                    // The producer of `cursor` has claimed it (cursor < producerIndex) and not yet
                    // published it: the element was in the queue; wait for it, as poll does.
                    attempts = waitForOtherThread(attempts);
                } else {
                    cursor++; // the slot has been freed: its element was polled.
                }
            }
        }
    }

    /**
     * Padding before the index: 128 bytes that keep the fields of the object before it in memory off
     * the index's cache line (two lines, for the adjacent-line prefetcher). See the class comment.
     */
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

    /** The index itself, between the paddings: HotSpot lays out a superclass's fields first. */
    abstract static class IndexValue extends IndexLeftPadding {
        /** Volatile: a plain Java read or write of it is a volatile access; CAS through {@link #INDEX}. */
        volatile long value;
    }

    /** A padded index: 128 bytes after it keep the object after it in memory off its cache line. */
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

    /** CAS on {@link IndexValue#value}. */
    private static final VarHandle INDEX;
    /** Acquire reads and release writes of {@link #sequences}' elements. */
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    /** Release writes and acquire reads of {@link #elements}' elements. */
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            INDEX = MethodHandles.lookup().findVarHandle(IndexValue.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
