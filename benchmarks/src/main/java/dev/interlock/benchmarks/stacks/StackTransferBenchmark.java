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
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One pusher and one popper, on two cores: how many elements a second each stack moves from one
 * thread to the other. The same stacks as {@link StackBenchmark}.
 *
 * <h2>What it shows that {@link StackBenchmark} does not</h2>
 * In {@link StackBenchmark} every thread pops right after its own push, and often gets its own
 * element back. Here the popper never pushes, so every element it pops crosses from the other core,
 * and every collision of the two threads is a push against a pop: the case an elimination stack is
 * built for ({@code EliminationBackoffStack} can hand the element over in its elimination array
 * without touching the top of the stack), and the pattern of a stack used as a pool or a hand-off
 * between a producer and a consumer.
 *
 * <h2>What is measured</h2>
 * A JMH group of two threads shares one stack, empty at the start: the pusher calls {@code push} in
 * a loop, the popper {@code pop}. The score to read is {@code transfer:popped}, the elements that the
 * popper received per microsecond (an {@link AuxCounters} counter), not the raw {@code transfer}
 * score, which counts attempts of both threads. {@code transfer:pushed} should equal it within the
 * error. {@code transfer:emptyPops} counts the pops that found the stack empty: the popper was
 * faster than the pusher; those attempts count for nothing.
 *
 * <p>Every stack here is unbounded, and a pusher faster than the popper would fill the heap. So the
 * pusher stays at most {@value #BOUND} elements ahead of the popper: the popper publishes its count
 * of pops with a release store after each successful pop, and the pusher reads it (an acquire load)
 * only when it has used up the credit of its last read; while it has no credit it skips its push,
 * which counts as an attempt and as nothing else. The pusher publishes its own count the same way,
 * for the size check at the end. The two counts sit in a padded array, away from each other and
 * from the stack. All stacks pay this equally: each thread a release store (a plain store on x86)
 * per element to a line of its own, and the pusher one read of the popper's line per refill of its
 * credit, not per push. When the popper is the slower side, the pusher spends its time skipping,
 * as a producer on a full bounded queue would; when the pusher is, the popper finds the stack empty.
 * Either way {@code transfer:popped} is the rate of the slower side.
 *
 * <p>A trial fails (an exception from the tear-down) if the stack does not hold exactly the pushes
 * minus the pops at the end: nothing was lost or duplicated, by count.
 *
 * <p>Allocation: the linked stacks allocate a node per element, which shows as
 * {@code gc.alloc.rate.norm} per attempt (of either thread), so about half of the node's size when
 * few attempts fail.
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.StackTransferBenchmark\.' -prof gc
 * </pre>
 * The group sets the thread count (one pusher, one popper); do not pass {@code -t}. On this 2-core
 * machine the two threads need both cores, so anything else running preempts one of them: expect
 * wide error bars, and compare only within one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class StackTransferBenchmark {

    /** How far the pusher may run ahead of the popper, in elements. */
    static final int BOUND = 1_024;

    /** Index of the pusher's count of pushes in {@link #totals}: 128 bytes from the array's header. */
    private static final int PUSHED = 16;
    /** Index of the popper's count of pops in {@link #totals}: 128 bytes from either neighbour. */
    private static final int POPPED = 32;
    private static final VarHandle TOTALS = MethodHandles.arrayElementVarHandle(long[].class);

    /** The stack under test; Interlock's first, then the peers. */
    @Param({
        "TreiberStack",
        "EliminationBackoffStack",
        "LockingStack",
        "ConcurrentLinkedDeque",
        "SynchronizedArrayDeque",
    })
    public String implementation;

    private ConcurrentStack<Object> stack;
    private final Object element = new Object();

    /**
     * The pusher's total pushes at {@link #PUSHED} and the popper's total pops at {@link #POPPED},
     * since the trial began; each written by its thread only, with padding around both.
     */
    private final long[] totals = new long[POPPED + 16];

    /** Creates the benchmark state; JMH calls this, then {@link #setUp()}. */
    public StackTransferBenchmark() {
    }

    /** Creates the stack that {@link #implementation} names. */
    @Setup(Level.Trial)
    public void setUp() {
        stack = Stacks.create(implementation);
    }

    /**
     * Checks that the stack holds exactly the pushes minus the pops after the trial.
     *
     * @throws IllegalStateException if it does not
     */
    @TearDown(Level.Trial)
    public void checkSize() {
        long pushed = (long) TOTALS.getAcquire(totals, PUSHED);
        long popped = (long) TOTALS.getAcquire(totals, POPPED);
        int size = stack.size();
        if (size != pushed - popped) {
            throw new IllegalStateException(implementation + " holds " + size + " elements after " + pushed
                    + " pushes and " + popped + " pops: elements were lost or duplicated");
        }
    }

    /** The pusher's successful pushes, per iteration, and its credit (not a counter). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PusherCounts {

        /** Successful pushes. */
        public long pushed;

        /** The pusher's total pushes may grow up to this; refilled from the popper's count. */
        long limit;

        /** Creates the counters; JMH calls this. */
        public PusherCounts() {
        }

        /** Starts every iteration at zero (the credit carries over). */
        @Setup(Level.Iteration)
        public void reset() {
            pushed = 0;
        }
    }

    /** The popper's successful and empty pops, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PopperCounts {

        /** Pops that returned an element. */
        public long popped;

        /** Pops that found the stack empty. */
        public long emptyPops;

        /** Creates the counters; JMH calls this. */
        public PopperCounts() {
        }

        /** Starts every iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            popped = 0;
            emptyPops = 0;
        }
    }

    /**
     * The pusher: pushes, unless it is {@value #BOUND} elements ahead of the popper.
     *
     * @param counts its counters and credit
     */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void pusher(PusherCounts counts) {
        long pushedTotal = totals[PUSHED]; // this thread is the only writer
        if (pushedTotal >= counts.limit) {
            counts.limit = (long) TOTALS.getAcquire(totals, POPPED) + BOUND;
            if (pushedTotal >= counts.limit) {
                return;
            }
        }
        stack.push(element);
        TOTALS.setRelease(totals, PUSHED, pushedTotal + 1);
        counts.pushed++;
    }

    /**
     * The popper: pops, and publishes its count of pops for the pusher's bound.
     *
     * @param counts its counters
     * @param blackhole takes the popped element, so that the pop is not dead code
     */
    @Benchmark
    @Group("transfer")
    @GroupThreads(1)
    public void popper(PopperCounts counts, Blackhole blackhole) {
        Object popped = stack.pop();
        if (popped == null) {
            counts.emptyPops++;
        } else {
            TOTALS.setRelease(totals, POPPED, totals[POPPED] + 1); // this thread is the only writer
            counts.popped++;
        }
        blackhole.consume(popped);
    }
}
