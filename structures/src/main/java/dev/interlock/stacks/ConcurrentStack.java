/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

/**
 * A last-in, first-out stack that any number of threads may use at once.
 *
 * <pre>{@code
 * ConcurrentStack<Buffer> pool = new TreiberStack<>();
 * pool.push(buffer);
 * Buffer reused = pool.pop();          // null when the stack is empty
 * }</pre>
 *
 * <p>Every operation is atomic: {@link #push(Object)}, {@link #pop()}, {@link #peek()} and
 * {@link #isEmpty()} are linearizable in every implementation, so a history of concurrent calls has
 * the same results as some sequence of the calls, one at a time, that respects real time. How exact
 * {@link #size()} is differs by implementation; each says so. No element is ever lost or returned
 * twice: every element pushed is popped at most once, and is popped unless it stays in the stack.
 *
 * <p>Null elements are refused with {@link NullPointerException}, because {@link #pop()} and
 * {@link #peek()} return null to mean "empty". A refused call changes nothing.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to pushing an element happen-before
 * actions subsequent to the pop or peek of that element in another thread.
 *
 * <p>The implementations, their progress guarantees and "which stack should I pick" are in
 * {@code docs/stacks.md}; {@link LockingStack} adds the blocking and bounded operations of a blocking
 * queue ({@code put}, {@code take}, {@code offer}, {@code poll}, with and without a timeout).
 *
 * @param <E> the type of the elements
 */
public interface ConcurrentStack<E> {

    /**
     * Pushes the element on top of the stack.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     * @throws IllegalStateException if the stack is bounded and full (only {@link LockingStack} is);
     *         nothing was pushed
     */
    void push(E element);

    /**
     * Removes and returns the top element, or returns {@code null} if the stack is empty; never waits.
     *
     * @return the element most recently pushed and not yet popped, or {@code null}
     */
    E pop();

    /**
     * Returns the top element without removing it, or {@code null} if the stack is empty.
     *
     * @return the element {@link #pop()} would return now, or {@code null}
     */
    E peek();

    /**
     * Returns whether the stack holds no element.
     *
     * @return {@code true} if the stack is empty at the instant of the call
     */
    boolean isEmpty();

    /**
     * Returns the number of elements. Each implementation documents how exact this is; in every
     * implementation, a stack that no thread modifies during the call reports its exact size, and a
     * stack with more than {@link Integer#MAX_VALUE} elements reports {@link Integer#MAX_VALUE}.
     *
     * @return the number of elements
     */
    int size();
}
