/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.queues;

import java.util.Queue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of a queue's operations with no contention: one thread offers an element and polls it
 * back. Interlock's five queues ({@code LockingArrayQueue}, {@code TwoLockLinkedQueue},
 * {@code LockFreeLinkedQueue}, Interlock's {@code MpmcArrayQueue}, {@code SpscArrayQueue}) against the JDK's
 * {@code ArrayBlockingQueue}, {@code LinkedBlockingQueue} and {@code ConcurrentLinkedQueue}, and
 * JCTools' {@code MpmcArrayQueue} and {@code SpscArrayQueue}.
 *
 * <h2>What is measured</h2>
 * One operation is one {@code offer} and one {@code poll}, on a queue that holds {@link #backlog}
 * elements before it, so that an array queue's offer and poll touch different slots (as they do in
 * use) and a linked queue's head and tail are different nodes. Bounded queues have capacity
 * {@value Queues#CAPACITY}. The element is one preallocated {@code Integer}, so
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) is the queue's own allocation: 0 B/op for an
 * array queue, one node per offer (about 24 B with compressed pointers) for a linked one.
 *
 * <p>This is the floor of each queue's cost: the price of its memory ordering (a CAS, a lock, or a
 * release store) without any contention. It runs with {@code -t 1} only; more threads on this
 * benchmark would measure contention on one queue by offerers that are also pollers, which
 * {@link QueueTransferBenchmark} measures properly, with one producer and one consumer.
 *
 * <h2>How to run</h2>
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.QueueBenchmark\.' -t 1 -prof gc
 * </pre>
 * {@code benchmarks/run-queues.sh DIR} runs this and {@link QueueTransferBenchmark} with JSON output
 * and records the environment; {@code python3 benchmarks/format-results.py DIR} makes the table.
 * Never use {@code -f 0}: each fork must see one queue class (see {@link Queues}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Thread)
public class QueueBenchmark {

    /** The queue under test. */
    @Param({"LockingArrayQueue", "TwoLockLinkedQueue", "LockFreeLinkedQueue", "MpmcArrayQueue",
            "SpscArrayQueue", "ArrayBlockingQueue", "LinkedBlockingQueue", "ConcurrentLinkedQueue",
            "JCToolsMpmcArrayQueue", "JCToolsSpscArrayQueue"})
    public String implementation;

    /** Elements already in the queue when the measurement starts. */
    @Param({"32"})
    public int backlog;

    private Queue<Integer> queue;
    private final Integer element = 12_345;

    @Setup
    public void setUp() {
        queue = Queues.create(implementation);
        for (int i = 0; i < backlog; i++) {
            queue.offer(element);
        }
    }

    @Benchmark
    public Integer offerPoll() {
        queue.offer(element);
        return queue.poll();
    }
}
