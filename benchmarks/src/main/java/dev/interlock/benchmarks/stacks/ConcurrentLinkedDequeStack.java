/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.stacks;

import dev.interlock.stacks.ConcurrentStack;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The JDK's lock-free {@link ConcurrentLinkedDeque} used as a stack, at its head: {@code push} is
 * {@link ConcurrentLinkedDeque#addFirst(Object)} and {@code pop} is
 * {@link ConcurrentLinkedDeque#pollFirst()}, as {@link java.util.Deque} documents for a stack. A
 * benchmark peer, not part of the library. Each method makes one call to the deque; a fork sees only
 * this class behind its {@link ConcurrentStack} call sites, so the JIT inlines them (see
 * {@link Stacks}).
 *
 * <p>Like every linked structure, it allocates a node per push (24 bytes with compressed pointers).
 * Its {@code size()} walks the deque: O(n), and not exact under concurrent updates.
 *
 * @param <E> the type of the elements
 */
final class ConcurrentLinkedDequeStack<E> implements ConcurrentStack<E> {

    private final ConcurrentLinkedDeque<E> deque = new ConcurrentLinkedDeque<>();

    @Override
    public void push(E element) {
        deque.addFirst(element); // NullPointerException for null, as the interface requires
    }

    @Override
    public E pop() {
        return deque.pollFirst();
    }

    @Override
    public E peek() {
        return deque.peekFirst();
    }

    @Override
    public boolean isEmpty() {
        return deque.isEmpty();
    }

    @Override
    public int size() {
        return deque.size();
    }
}
