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
 * A blocking, optionally bounded last-in, first-out stack guarded by one lock: the LIFO counterpart
 * of a blocking queue (as Python's {@code queue.LifoQueue} is of its {@code Queue}), built on
 * {@link ReentrantMutex}.
 *
 * <pre>{@code
 * LockingStack<Buffer> pool = new LockingStack<>(64);
 * pool.put(buffer);                                  // waits while the stack is full
 * Buffer recent = pool.take();                       // waits while it is empty; the most recent first
 * boolean kept = pool.offer(buffer);                 // false at once if full
 * Buffer maybe = pool.poll(10, TimeUnit.MILLISECONDS);
 * }</pre>
 *
 * <p>The stack holds at most {@link #capacity()} elements, fixed at construction;
 * {@link #LockingStack()} makes an unbounded one (capacity {@link Integer#MAX_VALUE}). The methods
 * come in the four forms of a blocking queue: {@link #push(Object)} throws
 * ({@link IllegalStateException} {@code "Stack full"}) when the stack is full; {@link #offer(Object)}
 * returns {@code false} and {@link #pop()} returns {@code null} at once; {@link #put(Object)} and
 * {@link #take()} wait as long as it takes; the timed {@link #offer(Object, long, TimeUnit)} and
 * {@link #poll(long, TimeUnit)} wait at most the given time, and a time of zero or less does not wait.
 * Null elements and null time units are refused with {@link NullPointerException} before anything
 * else happens.
 *
 * <p><b>Interrupts and timeouts.</b> The waiting methods throw {@link InterruptedException}, and clear
 * the interrupt status, if the thread is interrupted on entry (even if they would not have had to
 * wait) or while it waits; they then have changed nothing: an interrupted {@code put} or timed
 * {@code offer} pushed nothing, an interrupted {@code take} or timed {@code poll} popped nothing, and
 * one that timed out likewise. A waiter that has been woken to proceed and is interrupted in the same
 * instant completes its operation and returns with its interrupt status set, as {@link Condition}
 * specifies; either way no element is lost or duplicated and no wake-up is lost (see the
 * implementation notes). The non-waiting methods ignore the interrupt status. Waiting threads park, so
 * a waiting virtual thread unmounts from its carrier.
 *
 * <p><b>Fairness.</b> A stack built with {@code fair = true} uses a fair {@link ReentrantMutex}: the
 * lock is granted to waiting threads in arrival order, including threads returning from a wait on the
 * stack, and the two wait sets wake their waiters in the order they began to wait (each consumer takes
 * the top element at its turn: fairness orders the threads, the stack still orders the elements
 * last-in, first-out). The cost is throughput under contention: every hand-off of the lock goes
 * through a park and an unpark.
 * <b>Note:</b> even a fair stack does not complete blocked threads strictly in the order they blocked.
 * A signalled waiter joins the lock's queue only when it runs; a thread that arrives in between finds
 * the lock free, takes it (fairly: no one is queued yet) and with it the slot or the element the
 * signal announced, and the woken waiter then waits again, behind the waiters that blocked after it.
 * ({@code ArrayBlockingQueue}'s fair mode avoids this because its condition's {@code signal} moves the
 * waiter into the lock's queue at once; {@link ReentrantMutex}'s conditions do not, yet.) The default, non-fair stack lets a running thread take a free
 * lock at once ("barging"), and with it an element or a slot that a woken waiter was about to take;
 * the waiter then waits again, so a waiter may be overtaken any number of times.
 *
 * <p><b>Size.</b> {@link #size()}, {@link #isEmpty()}, {@link #remainingCapacity()} and {@link #peek()}
 * are exact: each reads the stack under the lock, at one instant. {@link #toString()} copies the
 * elements under the lock, at one instant.
 *
 * <p><b>Memory.</b> The elements live in an array that starts small (16 slots,
 * or the capacity if smaller) and doubles when full, never beyond the capacity, so a stack with a
 * large capacity costs only what it holds. A popped slot is cleared at once, so the stack keeps no
 * popped element reachable. The array does not shrink when elements are popped; {@link #clear()}
 * returns it to its initial size.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to pushing an element (by any of the
 * insertion methods) happen-before actions subsequent to the pop, take, poll or peek of that element
 * in another thread. More strongly, every method but {@link #capacity()} and {@link #isFair()} (which
 * read final fields) takes the stack's lock, so each such call happens-before every call that takes
 * the lock after it.
 *
 * <p><b>Progress:</b> blocking, for every method: each takes one lock. A thread descheduled while it
 * holds the lock delays every other thread's operation until it runs again.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is the bounded buffer monitor (Hoare, "Monitors: an operating system
 * structuring concept", CACM 1974; Herlihy and Shavit, <i>The Art of Multiprocessor Programming</i>,
 * 2nd ed., ch. 8.2) with a stack in place of the ring: an array {@code elements} whose first
 * {@code count} slots hold the stack, bottom first, so the top is {@code elements[count - 1]}, guarded
 * by one lock, with two conditions: {@code notEmpty}, where consumers wait while {@code count == 0},
 * and {@code notFull}, where producers wait while {@code count == capacity}. Each push signals
 * {@code notEmpty} once and each pop signals {@code notFull} once. Every field is plain: the lock
 * orders every access, its acquire and release giving the happens-before edges. Each operation's
 * linearization point is inside its critical section, and is named at the write of {@code count} (or,
 * for a read or a refusal, at the read).
 *
 * <p><b>Invariants</b>, true whenever the lock is free:
 * <ol>
 *   <li>{@code 0 <= count <= elements.length <= capacity}, and
 *       {@code elements.length >= min(capacity, INITIAL_LENGTH)}.</li>
 *   <li>{@code elements[0 .. count)} hold the elements, non-null, in the order they were pushed (the
 *       top last); every slot from {@code count} on is null, so the stack keeps no popped element
 *       reachable.</li>
 *   <li>Every pop signals {@code notFull} once and every push signals {@code notEmpty} once, under the
 *       lock; {@code clear()} signals every waiting producer if it removed anything.</li>
 * </ol>
 *
 * <p><b>Growth.</b> A push that finds the array full (and {@code count < capacity}) first copies the
 * elements into an array of twice the length, at most the capacity (and at most
 * {@code Integer.MAX_VALUE - 8}, the largest array every JVM allocates, before it tries the capacity
 * itself). The copy happens before any field changes, so if the allocation fails with
 * {@link OutOfMemoryError} the stack is unchanged. Doubling makes the copying O(1) amortized per push;
 * the copy runs under the lock, so the push that grows a large stack holds the lock for O(n).
 * <b>Why no shrinking:</b> shrinking on pop (halve when a quarter full, say) would put an O(n) copy on
 * the pop path too, with hysteresis to tune, to save only the reference slots (4 or 8 bytes each, the
 * popped elements themselves are already unreachable); a stack's size often returns to its high-water
 * mark (a pool of buffers, a work stack), where the array would have to grow again. So the array
 * keeps its high-water length, like {@link java.util.ArrayList}'s and {@link java.util.ArrayDeque}'s,
 * and {@link #clear()} is the way to give it back.
 *
 * <p><b>No lost wake-up.</b> Every waiter waits in a loop that re-tests its predicate under the lock
 * ({@code count == capacity} for producers, {@code count == 0} for consumers), so a waiter that wakes
 * to find the slot or element taken by a barger simply waits again. The subtle case is a waiter that
 * is signalled and interrupted (or times out) at the same time: if it threw away the signal, another
 * waiter that could proceed might sleep forever. {@link ReentrantMutex}'s conditions decide that race
 * once, by a CAS on the waiter's status: if the interrupt or the timeout wins, the waiter is cancelled
 * before the signal reaches it, and {@code signal} passes over it to the next waiter, so the signal is
 * not consumed; if the signal wins, the wait returns normally (with the interrupt status set again,
 * and {@code awaitNanos} reporting a positive time left even if the time ran out), and the waiter
 * re-tests its predicate under the lock. It then either proceeds, which uses the slot or the element
 * the signal announced, or finds the predicate false, which means another thread used it and no other
 * waiter on the same condition could proceed either; only then may it throw (its next wait sees the
 * interrupt) or report a timeout. So whenever the lock is free and a waiter sleeps, its predicate was
 * false at its last test or a signal is on its way to a waiter whose predicate it made true.
 * {@code clear()} frees many slots at once and signals all waiting producers: those that find no room
 * (others refilled the stack first) wait again.
 *
 * <p>This is {@code LockingArrayQueue}'s design with the ring replaced by a growable array; see that
 * class for why one lock (rather than two) suits an array. A stack has even less reason for two: its
 * pushes and pops meet at the same end.
 *
 * <p>Evidence: {@code LockingStackTest} and {@code FairLockingStackTest} (the {@code StackContract} and
 * {@code BlockingStackContract} tests: LIFO order, nothing lost or duplicated under concurrency,
 * interrupts and timeouts, every waiter woken; and this stack's construction, growth, clear and
 * toString), and {@code LockingStackLincheckTest} (push, offer, pop, peek, isEmpty, size and
 * remainingCapacity are linearizable).
 *
 * @param <E> the type of the elements
 */
public final class LockingStack<E> implements ConcurrentStack<E> {

    /** The length of the array a new or cleared stack starts with, unless its capacity is smaller. */
    private static final int INITIAL_LENGTH = 16;

    /**
     * The largest array length every JVM allocates (some reserve header words in the array); growth
     * stops here before it tries the capacity itself, as {@code ArrayList}'s does.
     */
    private static final int SOFT_MAX_LENGTH = Integer.MAX_VALUE - 8;

    /** The most elements the stack holds. */
    private final int capacity;

    /** Guards every field below, and the contents of {@code elements}. */
    private final ReentrantMutex lock;

    /** Consumers wait here while the stack is empty. */
    private final Condition notEmpty;

    /** Producers wait here while the stack is full. */
    private final Condition notFull;

    /**
     * The elements, bottom first, in slots 0 to {@code count - 1}; null elsewhere (invariant 2).
     * Plain: guarded by {@code lock}; replaced when the stack grows or is cleared.
     */
    private Object[] elements;

    /** The number of elements. Plain: guarded by {@code lock}. */
    private int count;

    /** Creates an empty, non-fair, unbounded stack: its capacity is {@link Integer#MAX_VALUE}. */
    public LockingStack() {
        this(Integer.MAX_VALUE, false);
    }

    /**
     * Creates an empty, non-fair stack that holds at most {@code capacity} elements. No memory is
     * reserved for them up front.
     *
     * @param capacity the capacity of the stack
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public LockingStack(int capacity) {
        this(capacity, false);
    }

    /**
     * Creates an empty stack that holds at most {@code capacity} elements, with the given fairness (see
     * the class documentation for what fairness does and costs). No memory is reserved for the
     * elements up front.
     *
     * @param capacity the capacity of the stack
     * @param fair {@code true} to grant the stack's lock to waiting threads in arrival order
     * @throws IllegalArgumentException if {@code capacity} is not positive
     */
    public LockingStack(int capacity, boolean fair) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive, but was " + capacity);
        }
        this.capacity = capacity;
        this.elements = new Object[initialLength(capacity)];
        this.lock = new ReentrantMutex(fair);
        this.notEmpty = lock.newCondition();
        this.notFull = lock.newCondition();
    }

    // ---- Accessors -------------------------------------------------------------------------------

    /**
     * Returns the capacity: the most elements the stack holds, fixed at construction
     * ({@link Integer#MAX_VALUE} for an unbounded stack).
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity; // final: no lock needed.
    }

    /**
     * Returns whether the stack is fair (see the class documentation).
     *
     * @return {@code true} if the stack's lock is granted to waiting threads in arrival order
     */
    public boolean isFair() {
        return lock.isFair();
    }

    // ---- Insertion -------------------------------------------------------------------------------

    /**
     * Pushes the element on top of the stack if it is not full; never waits.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     * @throws IllegalStateException with the message {@code "Stack full"} if the stack is full;
     *         nothing was pushed
     */
    @Override
    public void push(E element) {
        if (!offer(element)) {
            throw new IllegalStateException("Stack full");
        }
    }

    /**
     * Pushes the element on top of the stack if it is not full; never waits.
     *
     * @param element the element to push
     * @return {@code true} if pushed, {@code false} if the stack was full
     * @throws NullPointerException if {@code element} is null
     */
    public boolean offer(E element) {
        Objects.requireNonNull(element, "element");
        lock.lock();
        try {
            if (count == capacity) {
                return false; // plain read under the lock: linearization point of a refusal.
            }
            pushOnTop(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes the element on top of the stack, waiting while the stack is full.
     *
     * @param element the element to push
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the element
     *         was not pushed
     * @throws NullPointerException if {@code element} is null
     */
    public void put(E element) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                notFull.await(); // re-test after every wake-up: a barger may have taken the slot.
            }
            pushOnTop(element);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pushes the element on top of the stack, waiting at most the given time for space. A time of zero
     * or less does not wait.
     *
     * @param element the element to push
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return {@code true} if pushed, {@code false} if the time ran out first (nothing was pushed)
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the element
     *         was not pushed
     * @throws NullPointerException if {@code element} or {@code unit} is null
     */
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        Objects.requireNonNull(element, "element");
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (count == capacity) {
                if (nanos <= 0L) {
                    return false; // read of count under the lock: linearization point of a timeout.
                }
                nanos = notFull.awaitNanos(nanos); // positive if signalled, even when time ran out.
            }
            pushOnTop(element);
            return true;
        } finally {
            lock.unlock();
        }
    }

    // ---- Removal ---------------------------------------------------------------------------------

    /**
     * Removes and returns the top element, or returns {@code null} if the stack is empty; never waits.
     *
     * @return the element most recently pushed and not yet popped, or {@code null}
     */
    @Override
    public E pop() {
        lock.lock();
        try {
            return count == 0 ? null : popTop(); // an empty read is the linearization point of null.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the top element, waiting while the stack is empty.
     *
     * @return the element most recently pushed and not yet popped
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing was
     *         popped
     */
    public E take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (count == 0) {
                notEmpty.await(); // re-test after every wake-up: a barger may have taken the element.
            }
            return popTop();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes and returns the top element, waiting at most the given time for one. A time of zero or
     * less does not wait.
     *
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the element most recently pushed and not yet popped, or {@code null} if the time ran out
     *         first (nothing was popped)
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; nothing was
     *         popped
     * @throws NullPointerException if {@code unit} is null
     */
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
            return popTop();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Removes every element, atomically, and returns the array to its initial size. Waiting producers
     * are woken.
     */
    public void clear() {
        lock.lock();
        try {
            int removed = count;
            int initialLength = initialLength(capacity);
            if (elements.length > initialLength) {
                elements = new Object[initialLength]; // give the grown array back (see "Growth").
            } else {
                Arrays.fill(elements, 0, removed, null); // invariant 2: keep nothing reachable.
            }
            count = 0; // linearization point.
            if (removed > 0) {
                notFull.signalAll(); // invariant 3: up to `removed` producers can proceed now.
            }
        } finally {
            lock.unlock();
        }
    }

    // ---- Inspection ------------------------------------------------------------------------------

    /**
     * Returns the top element without removing it, or {@code null} if the stack is empty.
     *
     * @return the element {@link #pop()} would return now, or {@code null}
     */
    @Override
    public E peek() {
        lock.lock();
        try {
            return count == 0 ? null : elementAt(count - 1); // read under the lock: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns whether the stack holds no element; exact.
     *
     * @return {@code true} if the stack is empty
     */
    @Override
    public boolean isEmpty() {
        lock.lock();
        try {
            return count == 0; // plain read under the lock: linearization point.
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
            return count; // plain read under the lock: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns how many more elements the stack would accept now without waiting: the capacity minus
     * the size; exact. For an unbounded stack that is {@code Integer.MAX_VALUE - size()}.
     *
     * @return the remaining capacity
     */
    public int remainingCapacity() {
        lock.lock();
        try {
            return capacity - count; // plain read under the lock: linearization point.
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the elements, top first, as {@code "[c, b, a]"} for a stack to which {@code a}, {@code b}
     * and {@code c} were pushed in that order. The elements are copied under the lock, at one instant;
     * their {@code toString} runs after the lock is released.
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

    // ---- The array, under the lock ---------------------------------------------------------------

    /** Pushes onto the top. The caller holds the lock and has checked that {@code count < capacity}. */
    private void pushOnTop(E element) {
        int top = count;
        if (top == elements.length) {
            // Grow first: if the allocation throws OutOfMemoryError, nothing has changed yet.
            elements = Arrays.copyOf(elements, grownLength(elements.length));
        }
        elements[top] = element; // plain, under the lock, like every access to the array.
        count = top + 1; // linearization point of the push.
        notEmpty.signal(); // invariant 3.
    }

    /** Pops the top. The caller holds the lock and has checked that the stack is not empty. */
    private E popTop() {
        int top = count - 1;
        E element = elementAt(top);
        elements[top] = null; // invariant 2: keep nothing reachable.
        count = top; // linearization point of the pop.
        notFull.signal(); // invariant 3.
        return element;
    }

    /**
     * The length to grow a full array of {@code length < capacity} slots to: twice as long, at most
     * the capacity, and at most {@link #SOFT_MAX_LENGTH} unless the array is already that long (then
     * one slot more, which the JVM may refuse).
     */
    private int grownLength(int length) {
        int doubled = length <= SOFT_MAX_LENGTH / 2 ? length * 2 : SOFT_MAX_LENGTH;
        int grown = doubled > length ? doubled : length + 1;
        return Math.min(grown, capacity);
    }

    /** The element in {@code slot}, which holds one. */
    @SuppressWarnings("unchecked") // only elements of type E are ever stored in elements.
    private E elementAt(int slot) {
        return (E) elements[slot];
    }

    /** The length of a new array: {@link #INITIAL_LENGTH}, or the capacity if smaller. */
    private static int initialLength(int capacity) {
        return Math.min(capacity, INITIAL_LENGTH);
    }
}
