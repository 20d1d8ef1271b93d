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
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One producer and one consumer, on two cores: how many elements a second each queue moves from
 * one thread to the other. The same ten queues as {@link QueueBenchmark}.
 *
 * <h2>What is measured</h2>
 * A JMH group of two threads shares one queue: the producer calls {@code offer} in a loop, the
 * consumer {@code poll}. A refused offer (full queue) or an empty poll is a failed attempt, and
 * counts for nothing: the score to read is {@code transfer:polled}, the elements that the consumer
 * received per microsecond (an {@link AuxCounters} counter), not the raw {@code transfer} score,
 * which counts attempts. {@code transfer:offered} should equal it within the error.
 *
 * <p>Unbounded queues ({@code LockFreeLinkedQueue}, {@code ConcurrentLinkedQueue}) would let a faster
 * producer run ahead without limit and fill the heap. For them only, the producer counts what it has
 * offered and the consumer what it has polled (two volatile fields, each written by one side only
 * and read by the other), and the producer skips its offer while it is
 * {@value Queues#CAPACITY} elements ahead, the capacity of the bounded queues. That costs the
 * unbounded queues one read of the other side's count and one volatile write per element on each
 * side; the results page says so beside their rows. The linked blocking queues are bounded to the
 * same capacity.
 *
 * <p>Allocation: array queues allocate nothing; linked queues allocate a node per element, which
 * shows as {@code gc.alloc.rate.norm} per attempt.
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.QueueTransferBenchmark\.' -prof gc
 * </pre>
 * The group sets the thread count (one producer, one consumer); do not pass {@code -t}. On this
 * 2-core machine, the two threads need both cores, so anything else running preempts one of them:
 * expect wide error bars, and compare only within one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class QueueTransferBenchmark {

    /** The queue under test. */
    @Param({"LockingArrayQueue", "TwoLockLinkedQueue", "LockFreeLinkedQueue", "MpmcArrayQueue",
            "SpscArrayQueue", "ArrayBlockingQueue", "LinkedBlockingQueue", "ConcurrentLinkedQueue",
            "JCToolsMpmcArrayQueue", "JCToolsSpscArrayQueue"})
    public String implementation;

    private Queue<Integer> queue;
    private boolean unbounded;
    private final Integer element = 12_345;

    /** What the producer has offered, for the bound of the unbounded queues. */
    private volatile long offeredTotal;
    /** What the consumer has polled, for the bound of the unbounded queues. */
    private volatile long polledTotal;

    @Setup
    public void setUp() {
        queue = Queues.create(implementation);
        unbounded = Queues.unbounded(implementation);
    }

    /** The producer's successful offers, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ProducerCounts {
        public long offered;

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
        }
    }

    /** The consumer's successful polls, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class ConsumerCounts {
        public long polled;

        @Setup(Level.Iteration)
        public void reset() {
            polled = 0;
        }
    }

    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void producer(ProducerCounts counts) {
        if (unbounded) {
            long offered = offeredTotal;
            if (offered - polledTotal >= Queues.CAPACITY) {
                return;
            }
            queue.offer(element);
            offeredTotal = offered + 1; // one writer: a volatile write, no read-modify-write needed
            counts.offered++;
        } else if (queue.offer(element)) {
            counts.offered++;
        }
    }

    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public Integer consumer(ConsumerCounts counts) {
        Integer polled = queue.poll();
        if (polled != null) {
            counts.polled++;
            if (unbounded) {
                polledTotal = polledTotal + 1; // one writer
            }
        }
        return polled;
    }
}
