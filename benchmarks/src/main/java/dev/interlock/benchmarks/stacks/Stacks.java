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
import dev.interlock.stacks.EliminationBackoffStack;
import dev.interlock.stacks.LockingStack;
import dev.interlock.stacks.TreiberStack;

/**
 * The stacks the benchmarks compare, by the name of the {@code implementation} parameter. Each name
 * creates only its own class, so a forked JVM sees one stack class behind the
 * {@link ConcurrentStack} call sites and the JIT inlines it (see the note on forks in
 * {@code CounterBenchmark}). Every stack is unbounded.
 */
final class Stacks {

    private Stacks() {
    }

    /**
     * @param implementation the parameter value
     * @param <E> the type of the elements
     * @return a new, empty stack of that implementation
     * @throws IllegalArgumentException if the name is unknown
     */
    static <E> ConcurrentStack<E> create(String implementation) {
        switch (implementation) {
            case "TreiberStack":
                return new TreiberStack<>();
            case "EliminationBackoffStack":
                return new EliminationBackoffStack<>();
            case "LockingStack":
                return new LockingStack<>(); // unbounded, non-fair: on ReentrantMutex
            case "ConcurrentLinkedDeque":
                return new ConcurrentLinkedDequeStack<>();
            case "SynchronizedArrayDeque":
                return new SynchronizedArrayDequeStack<>();
            default:
                throw new IllegalArgumentException("unknown implementation: " + implementation);
        }
    }
}
