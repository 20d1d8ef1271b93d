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
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.Objects;

/**
 * A negative control: {@link MpmcArrayQueue}'s algorithm with one bug. {@code offer} publishes the
 * slot's sequence <em>before</em> it writes the element, so a consumer can claim the slot and read
 * null (or, a lap later, the previous lap's element), and the element written afterwards is lost.
 * Lincheck ({@code ArrayQueueNegativeControlTest}) and jcstress ({@code dev.interlock.stress.queues})
 * must reject it; if they do not, their budgets are too small to prove anything about the real queue.
 *
 * <p>To make the window wide enough to hit with real threads on x86, the broken {@code offer} spins
 * {@value #DELAY_SPINS} times (by default) with {@link Thread#onSpinWait()} between the two writes: a
 * producer delayed right there, as a preemption would delay it. Lincheck's model checker needs no
 * delay (it switches threads at the shared accesses on either side of the window by itself) and must
 * not get one: it takes a loop that runs that long without touching shared memory for a hung thread,
 * and reports a livelock instead of the wrong results. So it is built with a delay of 0.
 *
 * <p>The sequences are {@code MpmcArrayQueue}'s: {@code 2i} free for the producer of index
 * {@code i}, {@code 2i + 1} full with its element. Only what the queue tests need: {@code offer}, {@code poll}, {@code peek}, {@code size} and
 * {@code isEmpty}, all waiting as the real ones do. No relaxed methods, no iterator.
 */
public final class BrokenEarlySequenceArrayQueue extends AbstractQueue<Integer> {

    /** The delay between the early publication and the element write. */
    static final int DELAY_SPINS = 64;

    private final int mask;
    private final int delaySpins;
    private final Object[] elements;
    private final long[] sequences;
    private volatile long producerIndex;
    private volatile long consumerIndex;

    /**
     * Creates an empty queue whose offers spin {@value #DELAY_SPINS} times between the two writes.
     *
     * @param capacity a power of two, at least 1
     */
    public BrokenEarlySequenceArrayQueue(int capacity) {
        this(capacity, DELAY_SPINS);
    }

    /**
     * Creates an empty queue.
     *
     * @param capacity a power of two, at least 1
     * @param delaySpins how many times an offer spins between publishing the sequence and writing the
     *        element; 0 for Lincheck's model checker
     */
    public BrokenEarlySequenceArrayQueue(int capacity, int delaySpins) {
        this.delaySpins = delaySpins;
        if (capacity < 1 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a positive power of two: " + capacity);
        }
        this.mask = capacity - 1;
        this.elements = new Object[capacity];
        this.sequences = new long[capacity];
        for (int slot = 0; slot < capacity; slot++) {
            sequences[slot] = (long) slot << 1;
        }
    }

    @Override
    public boolean offer(Integer element) {
        Objects.requireNonNull(element, "element");
        while (true) {
            long index = producerIndex;
            int slot = (int) index & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            if (sequence == index << 1) {
                if (PRODUCER_INDEX.compareAndSet(this, index, index + 1)) {
                    // THE BUG: the slot is published before its element is written.
                    SEQUENCE.setRelease(sequences, slot, (index << 1) | 1);
                    for (int spin = 0; spin < delaySpins; spin++) {
                        Thread.onSpinWait(); // a producer delayed between the two writes
                    }
                    ELEMENT.setRelease(elements, slot, element);
                    return true;
                }
            } else if (sequence < index << 1) {
                if (index - consumerIndex >= mask + 1) {
                    return false;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public Integer poll() {
        while (true) {
            long index = consumerIndex;
            int slot = (int) index & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            if (sequence == ((index << 1) | 1)) {
                if (CONSUMER_INDEX.compareAndSet(this, index, index + 1)) {
                    Object element = elements[slot];
                    elements[slot] = null;
                    SEQUENCE.setRelease(sequences, slot, (index + mask + 1) << 1);
                    return (Integer) element;
                }
            } else if (sequence < ((index << 1) | 1)) {
                if (producerIndex == index) {
                    return null;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public Integer peek() {
        while (true) {
            long index = consumerIndex;
            int slot = (int) index & mask;
            long sequence = (long) SEQUENCE.getAcquire(sequences, slot);
            if (sequence == ((index << 1) | 1)) {
                Object element = ELEMENT.getAcquire(elements, slot);
                if (consumerIndex == index) {
                    return (Integer) element; // may be null: the element is not written yet
                }
            } else if (sequence < ((index << 1) | 1)) {
                if (producerIndex == index) {
                    return null;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Override
    public int size() {
        while (true) {
            long consumed = consumerIndex;
            long produced = producerIndex;
            if (consumerIndex == consumed) {
                return (int) (produced - consumed);
            }
        }
    }

    @Override
    public boolean isEmpty() {
        return size() == 0;
    }

    /** Not needed by the tests. */
    @Override
    public Iterator<Integer> iterator() {
        throw new UnsupportedOperationException("BrokenEarlySequenceArrayQueue has no iterator");
    }

    private static final VarHandle PRODUCER_INDEX;
    private static final VarHandle CONSUMER_INDEX;
    private static final VarHandle SEQUENCE = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ELEMENT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PRODUCER_INDEX = lookup.findVarHandle(BrokenEarlySequenceArrayQueue.class, "producerIndex", long.class);
            CONSUMER_INDEX = lookup.findVarHandle(BrokenEarlySequenceArrayQueue.class, "consumerIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
