/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.queues;

import dev.interlock.queues.MpmcArrayQueue;
import dev.interlock.queues.LockFreeLinkedQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.SpscArrayQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The queues the benchmarks compare, by the name of the {@code implementation} parameter. Each name
 * creates only its own class, so a forked JVM sees one queue class behind the {@link Queue} call sites
 * and the JIT inlines it (see the note on forks in {@code CounterBenchmark}).
 */
final class Queues {

    /** Capacity of every bounded queue; the linked blocking queues are bounded to it too. */
    static final int CAPACITY = 1_024;

    private Queues() {
    }

    /**
     * @param implementation the parameter value
     * @return whether the queue has no bound (the transfer benchmark then keeps the producer at most
     *         {@link #CAPACITY} elements ahead by itself)
     */
    static boolean unbounded(String implementation) {
        return implementation.equals("LockFreeLinkedQueue") || implementation.equals("ConcurrentLinkedQueue");
    }

    static Queue<Integer> create(String implementation) {
        switch (implementation) {
            case "LockingArrayQueue":
                return new LockingArrayQueue<>(CAPACITY);
            case "TwoLockLinkedQueue":
                return new TwoLockLinkedQueue<>(CAPACITY);
            case "LockFreeLinkedQueue":
                return new LockFreeLinkedQueue<>();
            case "MpmcArrayQueue":
                return new MpmcArrayQueue<>(CAPACITY);
            case "SpscArrayQueue":
                return new SpscArrayQueue<>(CAPACITY);
            case "ArrayBlockingQueue":
                return new ArrayBlockingQueue<>(CAPACITY);
            case "LinkedBlockingQueue":
                return new LinkedBlockingQueue<>(CAPACITY);
            case "ConcurrentLinkedQueue":
                return new ConcurrentLinkedQueue<>();
            case "JCToolsMpmcArrayQueue":
                return new org.jctools.queues.MpmcArrayQueue<>(CAPACITY);
            case "JCToolsSpscArrayQueue":
                return new org.jctools.queues.SpscArrayQueue<>(CAPACITY);
            default:
                throw new IllegalArgumentException("unknown implementation: " + implementation);
        }
    }
}
