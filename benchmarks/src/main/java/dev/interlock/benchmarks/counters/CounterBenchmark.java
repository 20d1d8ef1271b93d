/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.counters;

import dev.interlock.counters.AtomicCounter;
import dev.interlock.counters.Counter;
import dev.interlock.counters.LockedCounter;
import dev.interlock.counters.StripedCounter;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jctools.counters.CountersFactory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of a shared counter: Interlock's {@link AtomicCounter}, {@link StripedCounter} and
 * {@link LockedCounter} against the JDK's {@link AtomicLong} and {@link LongAdder} and JCTools'
 * fixed-size striped counter.
 *
 * <h2>What is measured</h2>
 * All the benchmark threads of a trial share one counter, chosen by the {@code implementation}
 * parameter. Two workloads:
 * <ul>
 *   <li>{@link #increment()}: every operation is an increment. This is the case a striped counter is
 *       built for (statistics, metrics), and the worst case for a single hot cache line.</li>
 *   <li>{@link #mixed(OpSequence)}: 90% increments, 10% reads. Each thread reads on every tenth of its
 *       own operations, so the mix is exact and the same in every run (no random numbers in the loop).
 *       A read costs a striped counter a sum over its cells, and costs a single-line counter a cache
 *       miss when another core has just written the line: this workload shows whether the cheaper
 *       increments pay for the dearer reads.</li>
 * </ul>
 * One operation is one increment or one read. The score is operations per microsecond, summed over
 * all threads: with {@code -t 2}, a score twice the {@code -t 1} score means perfect scaling.
 *
 * <h2>Why</h2>
 * {@code docs/counters.md} advises {@link AtomicCounter} when reads must be exact and
 * {@link StripedCounter} when many threads update and few read. These numbers are the evidence, or
 * the counter-evidence; {@link LockedCounter} is the floor that any lock-free counter must beat, and
 * the peers say whether our counters are competitive with what a user would otherwise pick.
 *
 * <h2>How to run</h2>
 * From the repository root (the thread count is chosen on the command line, not by annotation):
 * <pre>
 * ./mvnw -B -pl benchmarks package
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.CounterBenchmark\.' -t 1 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.CounterBenchmark\.' -t 2 -prof gc
 * </pre>
 * On JDK 24 and later, add {@code --sun-misc-unsafe-memory-access=allow} right after {@code java}
 * (the forks inherit it) to silence the warning about JMH's and JCTools' use of
 * {@code sun.misc.Unsafe}; JDK 17 refuses that flag. The annotations below give the defaults of the
 * full measurement: 2 forks, 3 warm-up and 5 measurement iterations of 1 s.
 * {@code benchmarks/run-counters.sh DIR} runs both thread counts with JSON output and records the
 * environment, and {@code python3 benchmarks/format-results.py DIR} turns the JSON into a Markdown
 * table with ratios against {@code AtomicLong} and {@code LongAdder}. Add
 * {@code -p implementation=StripedCounter,LongAdder} to run a subset. Never use {@code -f 0}: see the
 * note on forks below.
 *
 * <h2>How to read the results</h2>
 * <ul>
 *   <li><b>Compare within one run.</b> Read the ratios to {@code AtomicLong} and {@code LongAdder}
 *       measured in the same run, on the same machine, rather than absolute numbers across machines or
 *       days.</li>
 *   <li><b>{@code -t 1}</b> measures the uncontended cost of each operation. {@link LongAdder} and
 *       {@link StripedCounter} then never leave their {@code base} field, so this measures their fast
 *       path, not their striping; JCTools' counter has no base and always updates a stripe.</li>
 *   <li><b>{@code -t 2} on a 2-core machine is noisy.</b> The two benchmark threads then need every
 *       core, so anything else that runs (JMH's own control thread, the JIT and GC threads, the
 *       operating system, another process) preempts one of them. A preempted lock holder stalls the
 *       other thread, so {@link LockedCounter} suffers most. Expect error bars from a fraction of the
 *       score up to several times the score; treat two scores as different only when their error
 *       intervals do not overlap, and repeat the run before believing a surprise. On a virtual
 *       machine the two CPUs may also be two hyper-threads of one physical core, which share their
 *       caches and so make contention on one cache line look cheaper than it is on two real cores.
 *       Two threads show the direction of the effect of striping, not how it scales: LongAdder's lead
 *       over AtomicLong grows with the number of cores.</li>
 *   <li><b>JCTools' counter may differ from fork to fork with {@code -t 2}.</b> It maps each thread
 *       to a stripe by the thread's {@link java.util.concurrent.ThreadLocalRandom} probe and, unlike
 *       LongAdder and {@link StripedCounter}, never moves a thread to another stripe when two threads
 *       collide. The probes depend on the order in which the JVM's threads first used
 *       {@code ThreadLocalRandom}, so in some forks the two threads may share one stripe for the whole
 *       fork. If its forks disagree, this is the first suspect; run more forks ({@code -f 6}) to
 *       see how often.</li>
 *   <li><b>{@code gc.alloc.rate.norm} should be about 0 B/op for every counter.</b>
 *       {@link LongAdder} and {@link StripedCounter} allocate their cells once, at the first
 *       contention, and JCTools' counter when it is created; spread over millions of operations that
 *       is about 0. A steady non-zero value is a bug (boxing, a capturing lambda, a per-operation
 *       allocation) and is worth a look with an allocation profiler.</li>
 * </ul>
 *
 * <p><b>Note on forks and call sites:</b> the benchmark methods call the counter through the
 * Interlock {@link Counter} interface, and the JDK and JCTools counters are wrapped in small adapter
 * classes that implement it. That interface call costs nothing only if it is monomorphic, that is if
 * a JVM only ever sees one implementation behind it. JMH runs each value of the
 * {@code implementation} parameter in fresh forked JVMs, and {@link #createCounter(String)} loads and
 * instantiates only the class it is asked for, so every fork sees exactly one implementation and the
 * JIT inlines it. With {@code -f 0} all implementations would run in one JVM, the call sites would
 * become megamorphic, and the numbers would be wrong.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class CounterBenchmark {

    /** A read on every {@code READ_EVERY}-th operation of a thread: 10% reads, 90% increments. */
    static final int READ_EVERY = 10;

    /**
     * The counter under test, by name; Interlock's three first, then the peers. Each value runs in
     * its own forks (see the class comment).
     */
    @Param({
        "AtomicCounter",
        "StripedCounter",
        "LockedCounter",
        "AtomicLong",
        "LongAdder",
        "JCToolsStripedCounter",
    })
    public String implementation;

    /** The counter shared by all threads of the trial. Written once in {@link #setUp()}. */
    private Counter counter;

    /** Creates the benchmark state; JMH calls this, then {@link #setUp()}. */
    public CounterBenchmark() {
    }

    /** Creates the counter that {@link #implementation} names. */
    @Setup(Level.Trial)
    public void setUp() {
        counter = createCounter(implementation);
    }

    /**
     * Every operation increments.
     */
    @Benchmark
    public void increment() {
        counter.increment();
    }

    /**
     * 90% increments and 10% reads, in a fixed per-thread order.
     *
     * @param ops this thread's position in its sequence of operations
     * @return the value read, or 0 after an increment; JMH consumes it, so the read is not dead code
     */
    @Benchmark
    public long mixed(OpSequence ops) {
        if (ops.nextIsRead()) {
            return counter.get();
        }
        counter.increment();
        return 0L;
    }

    /**
     * Each thread's position in the repeating sequence of nine increments and one read. Thread-scoped,
     * so it is never shared and its field is plain; JMH pads state objects against false sharing.
     */
    @State(Scope.Thread)
    public static class OpSequence {

        /** The operations done since the last read, 0 to {@code READ_EVERY - 1}. Plain: one thread. */
        private int sinceLastRead;

        /** Creates a sequence that starts with nine increments. */
        public OpSequence() {
        }

        /**
         * Advances the sequence by one operation.
         *
         * @return {@code true} if this operation is a read, which is the case once every
         *         {@link #READ_EVERY} operations
         */
        boolean nextIsRead() {
            int done = sinceLastRead + 1;
            if (done == READ_EVERY) {
                sinceLastRead = 0;
                return true;
            }
            sinceLastRead = done;
            return false;
        }
    }

    /**
     * Creates the counter named {@code name}. Only the branch taken creates an object, and a class is
     * loaded only when it is first instantiated, so the other implementations and adapters stay
     * unloaded in this fork.
     *
     * @param name one of the {@link #implementation} values
     * @return a new counter with value zero
     * @throws IllegalArgumentException if the name is unknown
     */
    static Counter createCounter(String name) {
        switch (name) {
            case "AtomicCounter":
                return new AtomicCounter();
            case "StripedCounter":
                return new StripedCounter();
            case "LockedCounter":
                return new LockedCounter();
            case "AtomicLong":
                return new AtomicLongAdapter();
            case "LongAdder":
                return new LongAdderAdapter();
            case "JCToolsStripedCounter":
                return new JCToolsAdapter(jctoolsStripes(Runtime.getRuntime().availableProcessors()));
            default:
                throw new IllegalArgumentException("unknown implementation: " + name);
        }
    }

    /**
     * The stripe count for JCTools' counter: the processor count rounded up to a power of two, which
     * JCTools requires (it would round it up itself; doing it here makes the count visible).
     *
     * @param processors the number of available processors, at least 1
     * @return the smallest power of two at least {@code processors}
     */
    static int jctoolsStripes(int processors) {
        return processors <= 1 ? 1 : Integer.highestOneBit(processors - 1) << 1;
    }

    // ---- Adapters: each forwards to one peer and adds nothing else. -----------------------------
    // They are final and tiny, so that the JIT inlines them into the monomorphic call site.

    /** {@link AtomicLong} as a {@link Counter}. */
    private static final class AtomicLongAdapter implements Counter {
        private final AtomicLong delegate = new AtomicLong();

        @Override
        public void increment() {
            delegate.incrementAndGet();
        }

        @Override
        public void decrement() {
            delegate.decrementAndGet();
        }

        @Override
        public void add(long delta) {
            delegate.addAndGet(delta);
        }

        @Override
        public long get() {
            return delegate.get();
        }
    }

    /** {@link LongAdder} as a {@link Counter}; {@link #get()} is {@link LongAdder#sum()}. */
    private static final class LongAdderAdapter implements Counter {
        private final LongAdder delegate = new LongAdder();

        @Override
        public void increment() {
            delegate.increment();
        }

        @Override
        public void decrement() {
            delegate.decrement();
        }

        @Override
        public void add(long delta) {
            delegate.add(delta);
        }

        @Override
        public long get() {
            return delegate.sum();
        }
    }

    /**
     * JCTools' fixed-size striped counter ({@link CountersFactory#createFixedSizeStripedCounter(int)})
     * as a {@link Counter}; {@code get()} sums the stripes, as ours does.
     */
    private static final class JCToolsAdapter implements Counter {
        private final org.jctools.counters.Counter delegate;

        JCToolsAdapter(int stripes) {
            delegate = CountersFactory.createFixedSizeStripedCounter(stripes);
        }

        @Override
        public void increment() {
            delegate.inc();
        }

        @Override
        public void decrement() {
            delegate.inc(-1L);
        }

        @Override
        public void add(long delta) {
            delegate.inc(delta);
        }

        @Override
        public long get() {
            return delegate.get();
        }
    }
}
