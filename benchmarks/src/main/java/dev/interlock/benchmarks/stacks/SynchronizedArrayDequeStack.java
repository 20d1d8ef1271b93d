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
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * A plain {@link ArrayDeque} behind the {@code synchronized} monitor of this object: the stack a
 * user writes without a concurrency library. A benchmark peer, not part of the library.
 *
 * <p>Every method holds the monitor for one deque call. The deque is an array that grows when full
 * and never shrinks, so once it has grown to the largest size the benchmark reaches, push and pop
 * allocate nothing.
 *
 * <p>Benchmark trap: a {@code push} followed at once by a {@code pop} on the same object is an
 * unlock followed by a lock of the same monitor, and C2 may merge the two critical sections into
 * one ("lock coarsening"), which a lock-free stack cannot do. {@code StackBenchmark} says how it
 * keeps that from happening.
 *
 * @param <E> the type of the elements
 */
final class SynchronizedArrayDequeStack<E> implements ConcurrentStack<E> {

    private final ArrayDeque<E> deque = new ArrayDeque<>();

    @Override
    public synchronized void push(E element) {
        deque.push(Objects.requireNonNull(element, "element")); // ArrayDeque refuses null too
    }

    @Override
    public synchronized E pop() {
        return deque.pollFirst();
    }

    @Override
    public synchronized E peek() {
        return deque.peekFirst();
    }

    @Override
    public synchronized boolean isEmpty() {
        return deque.isEmpty();
    }

    @Override
    public synchronized int size() {
        return deque.size();
    }
}
