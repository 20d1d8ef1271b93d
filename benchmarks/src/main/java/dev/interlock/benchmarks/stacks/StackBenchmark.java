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
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Throughput of a shared stack when every thread pushes and pops.
 *
 * <h2>What is measured</h2>
 * All the benchmark threads of a trial share one stack, chosen by the {@code implementation}
 * parameter, which holds {@link #prefill} elements before the measurement starts. One operation,
 * {@link #pushPop}, is a push of the thread's own element followed by a pop; the popped element goes
 * to a {@link Blackhole}. The score is push-pop pairs per microsecond, summed over all threads. The
 * thread count is chosen on the command line with {@code -t}, as for {@code LockBenchmark}:
 * <ul>
 *   <li>{@code -t 1}: <b>uncontended</b>: the cost of the stack's memory ordering (a CAS or a lock)
 *       with the top of the stack always in the one core's cache.</li>
 *   <li>{@code -t 2}: <b>contended</b>, one thread per core on a 2-core machine: both threads
 *       compete for the one top of the stack, and it moves between the cores.</li>
 *   <li>{@code -t 4}: <b>oversubscribed</b>, two threads per core on a 2-core machine: a thread can
 *       be preempted in the middle of an operation (holding a lock, or between its read of the top
 *       and its CAS). Shown to illustrate that, not as a scaling claim
 *       ({@code docs/benchmarks/README.md}).</li>
 * </ul>
 *
 * <h2>Proof that it measured what it says</h2>
 * Two {@link AuxCounters} count, per thread, the pops that did not return the thread's own element
 * (rates, in operations per microsecond, like the score):
 * <ul>
 *   <li>{@code pushPop:emptyPops}, the pops that returned {@code null}. It must be <b>0</b> at every
 *       thread count, for any correct stack: a thread pops only after its own push, and between its
 *       push and its pop every thread has pushed at least as often as it has popped, so the stack
 *       holds at least the thread's own element at the instant of the pop (and {@link #prefill} more;
 *       see below). A non-zero count is a bug in the stack or in this benchmark.</li>
 *   <li>{@code pushPop:foreignPops}, the pops that returned an element other than the thread's own
 *       (another thread's, or a pre-filled one). With {@code -t 1} it must be 0: a stack returns the
 *       element just pushed (last in, first out). With more threads it shows how often the threads'
 *       operations really interleaved: a lock that lets its holder take it again at once lets a thread
 *       run many pairs in a row on its own element, and scores high without contention in the usual
 *       sense. Read the score of {@code -t 2} and {@code -t 4} together with this share. A smoke run
 *       on a busy 2-core machine showed under 0.001% with {@code -t 2}: the two threads were hardly
 *       ever running at the same time, and such a score says nothing about contention.</li>
 * </ul>
 * A trial also fails (an exception from the tear-down) if the stack does not hold exactly
 * {@link #prefill} elements at the end: nothing was lost or duplicated, by count.
 *
 * <p><b>Why pre-fill.</b> Empty pops are impossible even without it (see above), so the pre-fill is
 * not what prevents them. It keeps the stack away from its empty state, where some implementations
 * take other paths (in a linked deque the first node is then also the last), as a stack in use is
 * usually not empty. The stack then holds
 * between {@link #prefill} and {@link #prefill} plus the thread count elements at any time: JMH lets
 * every call finish at the end of an iteration, so the stack never grows.
 *
 * <h2>Allocation</h2>
 * The elements are preallocated (one object per thread, one for the pre-fill), so
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) is the stack's own allocation per push-pop pair:
 * about 24 B for the linked stacks, which allocate a node per push ({@code TreiberStack},
 * {@code ConcurrentLinkedDeque}, and {@code EliminationBackoffStack} on its stack path), and about
 * 0 for the arrays ({@code LockingStack}, {@code SynchronizedArrayDeque}), which grow to the
 * largest size reached and then allocate nothing.
 * {@code EliminationBackoffStack} may also allocate when it uses its elimination array (under
 * contention only).
 *
 * <h2>How to run</h2>
 * From the repository root:
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.StackBenchmark\.' -t 1 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.StackBenchmark\.' -t 2 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.StackBenchmark\.' -t 4 -prof gc
 * </pre>
 * {@code benchmarks/run-stacks.sh DIR} runs the three thread counts and {@link StackTransferBenchmark}
 * with JSON output, records the environment, and writes the results page {@code DIR.md} with
 * {@code benchmarks/format-results.py}. Add {@code -p implementation=TreiberStack,ConcurrentLinkedDeque}
 * to run a subset. Never use {@code -f 0}: each fork must see one stack class (see {@link Stacks}).
 *
 * <h2>How to read the results</h2>
 * Compare within one run, with the ratios to {@code ConcurrentLinkedDeque} and
 * {@code SynchronizedArrayDeque}. On a 2-core machine, {@code -t 2} and {@code -t 4} are noisy:
 * anything else that runs preempts a benchmark thread.
 *
 * <p><b>Lock coarsening.</b> {@code SynchronizedArrayDeque}'s push releases its monitor and its pop
 * takes the same monitor at once. If C2 can prove that both calls go to the same object, it merges
 * the two critical sections into one, and the peer then pays one lock per pair where the others pay
 * for two operations. {@link #pushPop} therefore reads the {@link #stack} field before each call:
 * the monitor exit is a memory barrier for C2, so the second read is a new load that it cannot prove
 * equal to the first. This was checked on JDK 17.0.15 with
 * {@code -jvmArgsAppend "-XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,*StackBenchmark_pushPop_jmhTest::pushPop_thrpt_jmhStub"}
 * (no disassembler needed): the C2 code of the measurement loop has a
 * {@code _complete_monitor_locking_Java} slow path for both {@code push} and {@code pop}. With the
 * field read once into a local variable, only {@code push}'s remained: the locks had been
 * coarsened. {@code LockingStack}'s {@code ReentrantMutex} is a CAS on a field, which C2 does not
 * merge.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class StackBenchmark {

    /** The stack under test; Interlock's first, then the peers. */
    @Param({
        "TreiberStack",
        "EliminationBackoffStack",
        "LockingStack",
        "ConcurrentLinkedDeque",
        "SynchronizedArrayDeque",
    })
    public String implementation;

    /** Elements in the stack before the measurement starts. */
    @Param({"64"})
    public int prefill;

    /** The stack shared by all threads of the trial. Written once in {@link #setUp()}. */
    private ConcurrentStack<Object> stack;

    /** Creates the benchmark state; JMH calls this, then {@link #setUp()}. */
    public StackBenchmark() {
    }

    /** Creates the stack that {@link #implementation} names and pushes {@link #prefill} elements. */
    @Setup(Level.Trial)
    public void setUp() {
        if (prefill < 0) {
            throw new IllegalArgumentException("prefill must not be negative: " + prefill);
        }
        stack = Stacks.create(implementation);
        Object filler = new Object();
        for (int i = 0; i < prefill; i++) {
            stack.push(filler);
        }
    }

    /**
     * Checks that the stack holds exactly {@link #prefill} elements after the trial: every thread
     * popped as often as it pushed.
     *
     * @throws IllegalStateException if it does not
     */
    @TearDown(Level.Trial)
    public void checkSize() {
        int size = stack.size();
        if (size != prefill) {
            throw new IllegalStateException(implementation + " holds " + size + " elements after the trial, not "
                    + prefill + ": elements were lost or duplicated");
        }
    }

    /** The element a thread pushes: its own, so that its pop can tell whether it got it back. */
    @State(Scope.Thread)
    public static class Own {

        /** This thread's element. */
        final Object element = new Object();

        /** Creates the thread's element; JMH calls this. */
        public Own() {
        }
    }

    /** The pops that did not return the thread's own element, per iteration (see the class comment). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class PopCounts {

        /** Pops that returned {@code null}: must stay 0. */
        public long emptyPops;

        /** Pops that returned another thread's element or a pre-filled one. */
        public long foreignPops;

        /** Creates the counters; JMH calls this. */
        public PopCounts() {
        }

        /** Starts every iteration at zero. */
        @Setup(Level.Iteration)
        public void reset() {
            emptyPops = 0;
            foreignPops = 0;
        }
    }

    /**
     * One operation: push the thread's element, then pop.
     *
     * @param own the thread's element
     * @param counts the pops that did not return it
     * @param blackhole takes the popped element, so that the pop is not dead code
     */
    @Benchmark
    public void pushPop(Own own, PopCounts counts, Blackhole blackhole) {
        Object mine = own.element;
        // Read the field for each call, never once into a local: see "Lock coarsening" above.
        stack.push(mine);
        Object popped = stack.pop();
        if (popped != mine) {
            if (popped == null) {
                counts.emptyPops++;
            } else {
                counts.foreignPops++;
            }
        }
        blackhole.consume(popped);
    }
}
