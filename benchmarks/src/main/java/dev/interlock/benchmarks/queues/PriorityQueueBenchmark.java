/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.queues;

import dev.interlock.queues.LockingPriorityQueue;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
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
 * A priority queue's offer and poll: {@code LockingPriorityQueue} against the JDK's
 * {@code PriorityBlockingQueue}, both unbounded and in natural order.
 *
 * <h2>What is measured</h2>
 * One operation is one {@code poll} of the least element and one {@code offer}, on a queue that holds
 * {@link #backlog} elements, so each costs about log2(backlog) comparisons and moves. The queues allocate
 * nothing once the backlog is in. Two kinds of keys:
 * <ul>
 *   <li>{@code distinct}: the hold model of event simulation (Jones, CACM 1986): the element offered is
 *       the one polled plus a random step, so the queue holds a moving window of times and ties are rare.
 *       Each new time is a new {@code Long}: {@code gc.alloc.rate.norm} ({@code -prof gc}) shows its
 *       24 B/op for both queues;</li>
 *   <li>{@code sixteen}: one of 16 priorities at random, so almost every element ties with hundreds of
 *       others. Here stability has a price: an element must sink below every equal element that came
 *       before it, where an unstable heap stops at the first equal one.</li>
 * </ul>
 * The queue is shared by every thread: {@code -t 1} measures the uncontended cost, {@code -t 2} two
 * threads contending for the one lock (on 2 cores, contention), and more threads oversubscription.
 *
 * <h2>How to run</h2>
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/interlock-benchmarks.jar '\\.PriorityQueueBenchmark\\.' -t 2 -f 3 -prof gc
 * </pre>
 * {@code benchmarks/run-priority-queues.sh DIR} runs it at 1 and 2 threads with JSON output and records
 * the environment.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class PriorityQueueBenchmark {

    /** The mean step of the hold model, as a multiple of the backlog. */
    static final int MEAN_STEP = 64;

    /** How many random steps each thread cycles through: a power of two. */
    static final int STEPS = 1 << 12;

    /** The queue under test. */
    @Param({"LockingPriorityQueue", "java.util.concurrent.PriorityBlockingQueue"})
    public String implementation;

    /** The keys: {@code distinct} or {@code sixteen} (see the class comment). */
    @Param({"distinct", "sixteen"})
    public String keys;

    /** Elements already in the queue when the measurement starts. */
    @Param({"1000"})
    public int backlog;

    private BlockingQueue<Long> queue;

    /** The sixteen priorities, preallocated. */
    private final Long[] priorities = new Long[16];

    /** The random steps (distinct) or the random priorities (sixteen). */
    private final int[] steps = new int[STEPS];

    private boolean distinct;

    /** Each thread's place in {@link #steps}. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        @Setup
        public void setUp() {
            next = (int) Thread.currentThread().getId() * 997;
        }
    }

    @Setup
    public void setUp() {
        queue = "LockingPriorityQueue".equals(implementation) ? new LockingPriorityQueue<>()
                : new PriorityBlockingQueue<>();
        distinct = "distinct".equals(keys);
        for (int i = 0; i < priorities.length; i++) {
            priorities[i] = (long) i;
        }
        Random random = new Random(42);
        for (int i = 0; i < STEPS; i++) {
            steps[i] = distinct ? 1 + random.nextInt(2 * MEAN_STEP * backlog) : random.nextInt(16);
        }
        for (int i = 0; i < backlog; i++) {
            queue.offer(distinct ? Long.valueOf(random.nextInt(MEAN_STEP * backlog)) : priorities[random.nextInt(16)]);
        }
    }

    @Benchmark
    public Long pollOffer(Cursor cursor) {
        Long head = queue.poll();
        int step = steps[cursor.next++ & (STEPS - 1)];
        queue.offer(distinct ? Long.valueOf(head + step) : priorities[step]);
        return head;
    }
}
