/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import dev.interlock.locks.ReentrantMutex;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * <b>Negative control: deliberately broken.</b> {@link LockingStack} with one bug, in
 * {@code offer(E element)}: it compares the count with the capacity less one, so it refuses the
 * last free slot and reports the stack full when it is not (an off-by-one at the capacity edge).
 *
 * <p>Generated from {@code LockingStack.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenCapacityLockingStack<E> implements ConcurrentStack<E> {
    /*
     * Implementation notes.
     *
     * The bounded-buffer monitor (Hoare, CACM 1974; Herlihy and Shavit, The Art of Multiprocessor
     * Programming, 2nd ed., ch. 8.2), as in LockingArrayQueue but on a growable array; one lock, as pushes
     * and pops meet at the same end. Consumers wait on notEmpty while count == 0, producers on notFull while
     * count == capacity. Every field is plain: the lock orders every access. Each operation linearizes at
     * its write of count, or at its read for a read or a refusal.
     *
     * Invariants, whenever the lock is free:
     * 1. 0 <= count <= elements.length <= capacity; elements.length >= min(capacity, INITIAL_LENGTH).
     * 2. elements[0 .. count) are non-null, bottom first; later slots are null.
     * 3. Each push signals notEmpty once, each pop notFull once; clear() signals all producers if it removed any.
     *
     * Growth doubles the array, to at most the capacity (and to SOFT_MAX_LENGTH, the largest array every
     * JVM allocates, before the capacity itself), before any field changes, so an OutOfMemoryError changes
     * nothing; that push holds the lock for O(n). No shrinking: O(n) copies on pops would save only
     * reference slots, in stacks that often refill.
     *
     * No lost wake-up: waiters re-test their predicate under the lock in a loop. ReentrantMutex's
     * conditions decide a signal racing an interrupt or timeout by one CAS on the waiter's status: if the
     * interrupt or timeout wins, signal passes to the next waiter; if the signal wins, the wait returns
     * normally and the waiter re-tests.
     *
     * Evidence: LockingStackTest, FairLockingStackTest and LockingStackLincheckTest.
     */

    private static final int INITIAL_LENGTH = 16;

    private static final int SOFT_MAX_LENGTH = Integer.MAX_VALUE - 8;

    private final int capacity;

    private final ReentrantMutex lock;

    private final Condition notEmpty;

    private final Condition notFull;

    // plain: guarded by lock.
    private Object[] elements;
    private int count;

    /** Creates an empty, non-fair stack of capacity {@link Integer#MAX_VALUE}. */
    public BrokenCapacityLockingStack() {
        this(Integer.MAX_VALUE, false);
    }

    /**
     * Creates an empty, non-fair stack.
     *
     * @param capacity the capacity
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public BrokenCapacityLockingStack(int capacity) {
        this(capacity, false);
    }

    /**
     * Creates an empty stack with the given capacity and fairness.
     *
     * @param capacity the capacity
     * @param fair {@code true} to grant the lock to waiting threads in arrival order
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public BrokenCapacityLockingStack(int capacity, boolean fair) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        this.capacity = capacity;
        this.elements = new Object[initialLength(capacity)];
        this.lock = new ReentrantMutex(fair);
        this.notEmpty = lock.newCondition();
        this.notFull = lock.newCondition();
    }

    /**
     * Returns the capacity.
     *
     * @return the capacity, fixed at construction
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Returns whether the stack is fair.
     *
     * @return {@code true} if fair
     */
    public boolean isFair() {
        return lock.isFair();
    }

    /**
     * Pushes the element if the stack is not full; never waits.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     * @throws IllegalStateException with the message {@code "Stack full"} if the stack is full
     */
    @Override
    public void push(E element) {
        if (!offer(element)) {
            throw new IllegalStateException("Stack full");
        }
    }

    /**
     * Pushes the element if the stack is not full; never waits.
     *
     * @param element the element to push
     * @return {@code true} if pushed, {@code false} if the stack was full
     * @throws NullPointerException if {@code element} is null
     */
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        lock.lock();
        try {
            if (count == capacity - 1 /* THE BUG: was count == capacity */) {
                return false; // plain read under the lock: linearization point of a refusal.
            }
            pushOnTop(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes the element, waiting while the stack is full.
     *
     * @param element the element to push
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} is null
     */
    public void put(E element) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                notFull.await();
            }
            pushOnTop(element);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes the element, waiting at most the given time for space; zero or less does not wait.
     *
     * @param element the element to push
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if pushed, {@code false} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code element} or {@code unit} is null
     */
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                if (nanos <= 0L) {
                    return false; // linearization point of a timeout.
                }
                nanos = notFull.awaitNanos(nanos);
            }
            pushOnTop(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the top element; never waits.
     *
     * @return the top element, or {@code null} if the stack is empty
     */
    @Override
    public E pop() {
        lock.lock();
        try {
            return count == 0 ? null : popTop(); // linearization point of null.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the top element, waiting while the stack is empty.
     *
     * @return the top element
     * @throws InterruptedException if interrupted
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await();
            }
            return popTop();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the top element, waiting at most the given time for one; zero or less does not
     * wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the top element, or {@code null} if the time ran out
     * @throws InterruptedException if interrupted
     * @throws NullPointerException if {@code unit} is null
     */
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
            return popTop();
        } finally {
            lock.unlock();
        }
    }

    /** Removes every element, atomically, wakes waiting producers and resets the array. */
    public void clear() {
        lock.lock();
        try {
            int removed = count;
            int initialLength = initialLength(capacity);
            if (elements.length > initialLength) {
                elements = new Object[initialLength];
            } else {
                Arrays.fill(elements, 0, removed, null); // invariant 2.
            }
            count = 0; // linearization point.
            if (removed > 0) {
                notFull.signalAll(); // invariant 3: up to `removed` producers can proceed now.
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the top element without removing it.
     *
     * @return the top element, or {@code null} if the stack is empty
     */
    @Override
    public E peek() {
        lock.lock();
        try {
            return count == 0 ? null : elementAt(count - 1); // plain: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns whether the stack is empty; exact.
     *
     * @return {@code true} if the stack is empty
     */
    @Override
    public boolean isEmpty() {
        lock.lock();
        try {
            return count == 0; // plain: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of elements; exact.
     *
     * @return the number of elements
     */
    @Override
    public int size() {
        lock.lock();
        try {
            return count; // plain: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the capacity minus the size; exact.
     *
     * @return the remaining capacity
     */
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity - count; // plain: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements, top first, as {@code "[c, b, a]"}, copied at one instant; their {@code toString}
     * runs outside the lock.
     *
     * @return a description of the elements
     */
    @Override
    public String toString() {
        Object[] snapshot;
        lock.lock();
        try {
            snapshot = Arrays.copyOf(elements, count);
        } finally {
            lock.unlock();
        }
        StringBuilder text = new StringBuilder().append('[');
        for (int index = snapshot.length - 1; index >= 0; index--) {
            text.append(snapshot[index] == this ? "(this Stack)" : String.valueOf(snapshot[index]));
            if (index > 0) {
                text.append(", ");
            }
        }
        return text.append(']').toString();
    }

    /** The caller holds the lock; the stack is not full. */
    private void pushOnTop(E element) {
        int top = count;
        if (top == elements.length) {
            elements = Arrays.copyOf(elements, grownLength(elements.length));
        }
        elements[top] = element; // plain, under the lock.
        count = top + 1; // linearization point of the push.
        notEmpty.signal(); // invariant 3.
    }

    /** The caller holds the lock; the stack is not empty. */
    private E popTop() {
        int top = count - 1;
        E element = elementAt(top);
        elements[top] = null; // invariant 2.
        count = top; // linearization point of the pop.
        notFull.signal(); // invariant 3.
        return element;
    }

    /** See Growth. */
    private int grownLength(int length) {
        int doubled = length <= SOFT_MAX_LENGTH / 2 ? length * 2 : SOFT_MAX_LENGTH;
        int grown = doubled > length ? doubled : length + 1;
        return Math.min(grown, capacity);
    }

    @SuppressWarnings("unchecked") // only Es are stored.
    private E elementAt(int slot) {
        return (E) elements[slot];
    }

    private static int initialLength(int capacity) {
        return Math.min(capacity, INITIAL_LENGTH);
    }
}
