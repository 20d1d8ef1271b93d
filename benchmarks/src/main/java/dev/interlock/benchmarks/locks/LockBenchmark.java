/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.locks;

import dev.interlock.locks.ReentrantMutex;
import dev.interlock.locks.spin.BackoffLock;
import dev.interlock.locks.spin.ClhLock;
import dev.interlock.locks.spin.McsLock;
import dev.interlock.locks.spin.TasLock;
import dev.interlock.locks.spin.TicketLock;
import dev.interlock.locks.spin.TtasLock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of a mutual-exclusion lock around a tiny critical section: Interlock's spin locks
 * ({@link TasLock}, {@link TtasLock}, {@link BackoffLock}, {@link TicketLock}, {@link ClhLock},
 * {@link McsLock}) and its parking {@link ReentrantMutex} (non-fair and fair), against the JDK's
 * {@link ReentrantLock} (non-fair and fair), the {@code synchronized} monitor, and the write lock of
 * {@link StampedLock}.
 *
 * <h2>What is measured</h2>
 * All the benchmark threads of a trial share one lock, chosen by the {@code implementation}
 * parameter, and one plain {@code long} that it guards. One operation, {@link #criticalSection()}, is
 * a whole critical section: acquire, increment the shared {@code long}, optionally burn
 * {@code csWork} tokens of {@link Blackhole#consumeCPU(long)} while holding the lock, release. The
 * score is critical sections per microsecond, summed over all threads. The thread count is chosen on
 * the command line with {@code -t}, as for {@code CounterBenchmark}:
 * <ul>
 *   <li>{@code -t 1}: <b>uncontended</b>. The cost of an acquire and a release that nobody competes
 *       for: the fast path (one CAS or exchange, or for the queue locks the queue operations), with
 *       the lock's cache line always in the one core's cache.</li>
 *   <li>{@code -t 2}: <b>contended</b>, one thread per core on a 2-core machine. Every release can
 *       hand the lock, and its cache line, to the other core.</li>
 *   <li>{@code -t 4}: <b>oversubscribed</b>, two threads per core on a 2-core machine. Now a lock
 *       holder can be preempted, and then every spinning waiter burns its time slice for nothing;
 *       with the FIFO spin locks ({@link TicketLock}, {@link ClhLock}, {@link McsLock}) the lock also
 *       stalls when the <em>next</em> thread in line is preempted, because nobody else may take it.
 *       This is where parking locks are expected to win by orders of magnitude; it is shown to
 *       illustrate that, not as a scaling claim (docs/benchmarks/README.md).</li>
 * </ul>
 * {@code csWork} sets the length of the critical section: with 0, the lock's own costs dominate;
 * with 50 tokens (about 0.1 µs on the machine used so far; compare the {@code -t 1} scores of
 * both values on yours), the time the lock is held starts to matter, and so does how fast a waiter
 * notices a release.
 *
 * <h2>Why</h2>
 * {@code docs/locks.md} says when to use each lock. These numbers are the evidence: that the spin
 * locks pay off only uncontended or with one thread per core, that the queue locks avoid the
 * coherence storm of TAS and TTAS, and that {@link ReentrantMutex} stays in the range of
 * {@link ReentrantLock}, the lock a user would otherwise pick.
 *
 * <h2>How to run</h2>
 * From the repository root:
 * <pre>
 * ./mvnw -B -pl benchmarks package
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.LockBenchmark\.' -t 1 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.LockBenchmark\.' -t 2 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.LockBenchmark\.' -t 4 -prof gc
 * </pre>
 * On JDK 24 and later, add {@code --sun-misc-unsafe-memory-access=allow} right after {@code java}
 * (JMH uses {@code sun.misc.Unsafe}); JDK 17 refuses that flag. The annotations below give the
 * defaults of the full measurement: 2 forks, 3 warm-up and 5 measurement iterations of 1 s.
 * {@code benchmarks/run-locks.sh DIR} runs the three thread counts with JSON output and records the
 * environment, and {@code python3 benchmarks/format-results.py DIR} turns the JSON into a Markdown
 * table with ratios against {@link ReentrantLock} and {@code synchronized}. Add
 * {@code -p implementation=McsLock,ReentrantLock -p csWork=0} to run a subset. Never use
 * {@code -f 0}: see the note on forks below.
 *
 * <h2>How to read the results</h2>
 * <ul>
 *   <li><b>Compare within one run.</b> Read the ratios to {@link ReentrantLock} and
 *       {@code synchronized} measured in the same run, rather than absolute numbers across machines
 *       or days.</li>
 *   <li><b>Throughput is not fairness.</b> With no work outside the critical section, a thread
 *       that releases the lock wants it back at once. A non-fair lock (TAS, TTAS, backoff, the
 *       non-fair mutexes, {@code synchronized}) often lets it take the lock again while its cache
 *       line is still local, and scores high while the other threads starve; a FIFO lock hands the
 *       lock, and the line, to another core on every release. A higher score for a non-fair lock
 *       here says nothing about its latency for the threads that waited. JMH reports only the sum
 *       over threads.</li>
 *   <li><b>{@code -t 2} and {@code -t 4} on a 2-core machine are noisy.</b> Anything else that runs
 *       (JMH's control thread, the JIT, GC, the operating system) preempts a benchmark thread, and a
 *       preempted holder stalls every waiter. Expect wide error bars, treat two scores as different
 *       only when their error intervals do not overlap, and repeat before believing a surprise. On a
 *       virtual machine the two CPUs may be two hyper-threads of one core, which makes handing a
 *       cache line over look cheaper than it is between real cores.</li>
 *   <li><b>{@code -t 4} scores of the FIFO spin locks can be 10,000 times lower</b> than the
 *       others, down to a handful of critical sections per scheduler time slice. That is the
 *       expected collapse, not a bug in the benchmark; the table prints such small scores with
 *       enough digits. The same collapse hits {@code -t 2} whenever anything else competes for the
 *       two cores, since the machine is then oversubscribed too: a smoke run on a busy 2-core
 *       machine showed it. So a {@code -t 2} result of a FIFO spin lock means something only from
 *       a quiet machine, and its error bars tell whether the run was quiet.</li>
 *   <li><b>{@code gc.alloc.rate.norm}</b> should be about 0 B/op for every lock, except where a lock
 *       allocates by design: {@link ClhLock} allocates a fresh 16-byte node per acquisition (its
 *       javadoc says why), and a parking lock may allocate a queue node when it has to wait (so only
 *       with {@code -t 2} and {@code -t 4}). In a row whose score has collapsed to a few hundred
 *       operations per second, JMH's own allocations, divided by so few operations, show as a few
 *       bytes per operation: read the allocation of such rows as noise. Anything else non-zero is
 *       worth a look with an allocation profiler.</li>
 *   <li><b>{@code synchronized} on JDK 17 and later has no biased locking</b> (disabled by default
 *       in JDK 15, removed in 18), so its uncontended cost is a CAS on the object header, comparable
 *       with the others. One trap remains: JMH inlines the benchmark method into its measurement
 *       loop, and C2 may merge ("coarsen") the monitor exit of one unrolled iteration with the enter
 *       of the next (Shipilëv, <i>JVM Anatomy Quark #1</i>). It cannot do that to the
 *       {@link Lock}-based sections, whose lock and unlock are atomic accesses, not monitors.
 *       Coarsening would show as a {@code -t 1} score of {@code synchronized} several times above
 *       the CAS-based locks; the smoke run showed none (it scored like the others), and
 *       {@code -prof perfasm} settles it for a given JVM.</li>
 * </ul>
 *
 * <p><b>Note on forks and call sites:</b> {@link #criticalSection()} calls
 * {@link CriticalSection#run()}, an interface, and the {@link Lock}-based section calls
 * {@link Lock#lock()} and {@link Lock#unlock()}, another interface. These calls cost nothing only if
 * they are monomorphic, that is if a JVM only ever sees one implementation behind each of them. JMH
 * runs each value of the {@code implementation} parameter in fresh forked JVMs, and
 * {@link #createSection(String, int)} loads and instantiates only the classes it is asked for, so
 * every fork sees exactly one implementation at each call site and the JIT inlines it. With
 * {@code -f 0} all implementations would run in one JVM, the call sites would become megamorphic, and
 * the numbers would be wrong. {@code synchronized} and {@link StampedLock} cannot be expressed as a
 * {@link Lock} (a monitor is a block, and a stamped write lock hands out a stamp that the release
 * needs), so each has a section of its own, with the same critical section inside: the benchmark
 * measures each primitive in the way a user would write it, not through an adapter that adds work.
 *
 * <p>Read-mostly mixes for reader-writer locks are in {@link ReadWriteLockBenchmark}; this class
 * measures exclusive locks only.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class LockBenchmark {

    /**
     * The lock under test, by name; Interlock's first, then the peers. Each value runs in its own
     * forks (see the class comment).
     */
    @Param({
        "TasLock",
        "TtasLock",
        "BackoffLock",
        "TicketLock",
        "ClhLock",
        "McsLock",
        "ReentrantMutex",
        "ReentrantMutexFair",
        "ReentrantLock",
        "ReentrantLockFair",
        "synchronized",
        "StampedLockWrite",
    })
    public String implementation;

    /**
     * The work done while holding the lock, in tokens of {@link Blackhole#consumeCPU(long)}, on top
     * of the increment of the shared counter. 0: the shortest critical section possible.
     */
    @Param({"0", "50"})
    public int csWork;

    /** The section shared by all threads of the trial. Written once in {@link #setUp()}. */
    private CriticalSection section;

    /** Creates the benchmark state; JMH calls this, then {@link #setUp()}. */
    public LockBenchmark() {
    }

    /** Creates the lock that {@link #implementation} names, and the section around it. */
    @Setup(Level.Trial)
    public void setUp() {
        section = createSection(implementation, csWork);
    }

    /**
     * One critical section: acquire, increment the shared counter, burn {@link #csWork} tokens,
     * release.
     *
     * @return the counter's value after the increment; JMH consumes it, so the increment is not dead
     *         code
     */
    @Benchmark
    public long criticalSection() {
        return section.run();
    }

    /**
     * A critical section around one shared, plain {@code long}: the one operation of this benchmark.
     * Each implementation holds its own lock and its own counter.
     */
    interface CriticalSection {

        /**
         * Acquires the lock, increments the counter, burns the configured work, releases the lock.
         *
         * @return the counter's value after the increment
         */
        long run();
    }

    /**
     * Creates the section for the lock named {@code name}. Only the branch taken creates an object,
     * and a class is loaded only when it is first instantiated, so the other locks and sections stay
     * unloaded in this fork.
     *
     * @param name one of the {@link #implementation} values
     * @param work the {@link #csWork} tokens to burn inside each critical section
     * @return a new section, with its own lock and a counter at zero
     * @throws IllegalArgumentException if the name is unknown or the work is negative
     */
    static CriticalSection createSection(String name, int work) {
        if (work < 0) {
            throw new IllegalArgumentException("csWork must not be negative: " + work);
        }
        switch (name) {
            case "TasLock":
                return new LockSection(new TasLock(), work);
            case "TtasLock":
                return new LockSection(new TtasLock(), work);
            case "BackoffLock":
                return new LockSection(new BackoffLock(), work);
            case "TicketLock":
                return new LockSection(new TicketLock(), work);
            case "ClhLock":
                return new LockSection(new ClhLock(), work);
            case "McsLock":
                return new LockSection(new McsLock(), work);
            case "ReentrantMutex":
                return new LockSection(new ReentrantMutex(), work);
            case "ReentrantMutexFair":
                return new LockSection(new ReentrantMutex(true), work);
            case "ReentrantLock":
                return new LockSection(new ReentrantLock(), work);
            case "ReentrantLockFair":
                return new LockSection(new ReentrantLock(true), work);
            case "synchronized":
                return new SynchronizedSection(work);
            case "StampedLockWrite":
                return new StampedWriteSection(work);
            default:
                throw new IllegalArgumentException("unknown implementation: " + name);
        }
    }

    // ---- Sections: the same critical section around each kind of lock. --------------------------
    // They are final and tiny, so that the JIT inlines them into the monomorphic call site. The
    // counter is plain: the lock guards it, and that is the point.

    /** The critical section around any {@link Lock}, written as the {@link Lock} javadoc advises. */
    private static final class LockSection implements CriticalSection {
        private final Lock lock;
        private final int work;
        private long count; // guarded by lock

        LockSection(Lock lock, int work) {
            this.lock = lock;
            this.work = work;
        }

        @Override
        public long run() {
            lock.lock();
            try {
                long value = ++count;
                if (work > 0) {
                    Blackhole.consumeCPU(work);
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }

    /** The critical section as a {@code synchronized} block on a private monitor. */
    private static final class SynchronizedSection implements CriticalSection {
        private final Object monitor = new Object();
        private final int work;
        private long count; // guarded by monitor

        SynchronizedSection(int work) {
            this.work = work;
        }

        @Override
        public long run() {
            synchronized (monitor) {
                long value = ++count;
                if (work > 0) {
                    Blackhole.consumeCPU(work);
                }
                return value;
            }
        }
    }

    /** The critical section under {@link StampedLock#writeLock()}, released with its stamp. */
    private static final class StampedWriteSection implements CriticalSection {
        private final StampedLock lock = new StampedLock();
        private final int work;
        private long count; // guarded by lock's write lock

        StampedWriteSection(int work) {
            this.work = work;
        }

        @Override
        public long run() {
            long stamp = lock.writeLock();
            try {
                long value = ++count;
                if (work > 0) {
                    Blackhole.consumeCPU(work);
                }
                return value;
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }
}
