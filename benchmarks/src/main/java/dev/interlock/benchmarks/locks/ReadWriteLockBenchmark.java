/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.locks;

import dev.interlock.locks.ReadWriteMutex;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Throughput of a reader-writer lock under read-mostly mixes: Interlock's {@link ReadWriteMutex}
 * (writer-preferring, fair, and its optimistic read) against the JDK's
 * {@link ReentrantReadWriteLock} (non-fair and fair) and {@link StampedLock} (its read lock and its
 * optimistic read).
 *
 * <h2>What is measured</h2>
 * All the threads of a trial share one lock, chosen by {@code implementation}, guarding a pair of
 * plain {@code long}s. One operation, {@link #mixed(Ticker)}, is either a <b>read</b> (acquire the
 * read lock, read both halves, release; or, for the optimistic variants, take a stamp, read both,
 * validate, and fall back to the read lock when validation fails) or a <b>write</b> (acquire the
 * write lock, increment both halves, release). Each thread decides by its own counter, which walks
 * through 0..99 with a stride of 37, so that writes are spread evenly: {@code readPercent} of every
 * 100 operations of each thread are reads. The score is operations per microsecond, summed over all
 * threads; {@code -t 1}, {@code -t 2} and {@code -t 4} give the uncontended, contended and
 * oversubscribed cases on a 2-core machine, as for {@code LockBenchmark}.
 *
 * <h2>How to read it</h2>
 * <ul>
 *   <li>A read lock is still a write to shared memory: every read acquisition and release is an
 *       atomic update of the lock's state, so readers on two cores pass its cache line back and
 *       forth even when no writer ever comes. That is why the optimistic reads, which only read the
 *       state, are expected to win by a wide margin at 99% reads, and why a reader-writer lock does
 *       not scale like its name suggests for critical sections this short.</li>
 *   <li>Compare within one run, and only where the error intervals do not overlap; 2-thread and
 *       4-thread results on 2 cores are noisy (see {@code LockBenchmark} and
 *       {@code docs/benchmarks/README.md}).</li>
 *   <li>{@code gc.alloc.rate.norm} should be about 0 B/op: {@link ReadWriteMutex} allocates only
 *       when a thread has to queue (a ticket) and once per thread for its read-hold record.</li>
 * </ul>
 *
 * <h2>How to run</h2>
 * <pre>
 * ./mvnw -B -pl benchmarks package
 * benchmarks/run-locks.sh --class ReadWriteLockBenchmark DIR
 * python3 benchmarks/format-results.py DIR
 * </pre>
 * As for {@code LockBenchmark}, each implementation runs in its own forks, so that the
 * {@link Lock} and {@link Section} call sites stay monomorphic; never use {@code -f 0}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class ReadWriteLockBenchmark {

    /** The lock under test, by name; Interlock's first, then the peers. */
    @Param({
        "ReadWriteMutex",
        "ReadWriteMutexFair",
        "ReadWriteMutexOptimistic",
        "ReentrantReadWriteLock",
        "ReentrantReadWriteLockFair",
        "StampedLockRead",
        "StampedLockOptimistic",
    })
    public String implementation;

    /** Reads out of every 100 operations of each thread; the rest are writes. */
    @Param({"90", "99"})
    public int readPercent;

    /**
     * Tokens of {@link Blackhole#consumeCPU(long)} burnt inside each critical section, read or write (in an
     * optimistic read, between the data reads and the validation): 0 measures the lock alone.
     */
    @Param({"0"})
    public int csWork;

    /** The section shared by all threads of the trial. Written once in {@link #setUp()}. */
    private Section section;

    /** Creates the benchmark state; JMH calls this, then {@link #setUp()}. */
    public ReadWriteLockBenchmark() {
    }

    /** Creates the lock that {@link #implementation} names. */
    @Setup(Level.Trial)
    public void setUp() {
        if (readPercent < 0 || readPercent > 100) {
            throw new IllegalArgumentException("readPercent must be in 0..100: " + readPercent);
        }
        if (csWork < 0) {
            throw new IllegalArgumentException("csWork must not be negative: " + csWork);
        }
        section = createSection(implementation, csWork);
    }

    /** Each thread's position in its cycle of 100 operations. */
    @State(Scope.Thread)
    public static class Ticker {
        private static final int STRIDE = 37; // coprime with 100: visits every residue once per cycle.
        private int position;

        /** Creates a ticker; JMH calls this, then {@link #start(ThreadParams)}. */
        public Ticker() {
        }

        /**
         * Starts each thread at a different point of the cycle, so that their writes do not coincide.
         *
         * @param threads JMH's description of this thread
         */
        @Setup(Level.Trial)
        public void start(ThreadParams threads) {
            position = (threads.getThreadIndex() * 50) % 100;
        }

        int next() {
            position = (position + STRIDE) % 100;
            return position;
        }
    }

    /**
     * One operation: a read or a write, as the thread's ticker says.
     *
     * @param ticker this thread's position in its cycle
     * @return the value read or written; JMH consumes it
     */
    @Benchmark
    public long mixed(Ticker ticker) {
        return ticker.next() < readPercent ? section.read() : section.write();
    }

    /** A pair of {@code long}s under one reader-writer lock. */
    interface Section {
        /** Reads both halves, consistently; returns their sum. */
        long read();

        /** Increments both halves; returns the new first half. */
        long write();
    }

    static Section createSection(String name, long work) {
        switch (name) {
            case "ReadWriteMutex":
                return new ReadWriteLockSection(new ReadWriteMutex(), work);
            case "ReadWriteMutexFair":
                return new ReadWriteLockSection(new ReadWriteMutex(ReadWriteMutex.Policy.FAIR), work);
            case "ReadWriteMutexOptimistic":
                return new OptimisticMutexSection(new ReadWriteMutex(), work);
            case "ReentrantReadWriteLock":
                return new ReadWriteLockSection(new ReentrantReadWriteLock(), work);
            case "ReentrantReadWriteLockFair":
                return new ReadWriteLockSection(new ReentrantReadWriteLock(true), work);
            case "StampedLockRead":
                return new StampedReadSection(work);
            case "StampedLockOptimistic":
                return new StampedOptimisticSection(work);
            default:
                throw new IllegalArgumentException("unknown implementation: " + name);
        }
    }

    // ---- Sections. Final and tiny, so that the JIT inlines them; the pair is plain: the lock guards it.

    /** Read and write locks of any {@link ReadWriteLock}, used as their javadoc advises. */
    private static final class ReadWriteLockSection implements Section {
        private final Lock readLock;
        private final Lock writeLock;
        private long first; // guarded by the lock
        private long second;

        private final long work;

        ReadWriteLockSection(ReadWriteLock lock, long work) {
            this.work = work;
            this.readLock = lock.readLock();
            this.writeLock = lock.writeLock();
        }

        @Override
        public long read() {
            readLock.lock();
            try {
                Blackhole.consumeCPU(work);
                return first + second;
            } finally {
                readLock.unlock();
            }
        }

        @Override
        public long write() {
            writeLock.lock();
            try {
                Blackhole.consumeCPU(work);
                second++;
                return ++first;
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** {@link ReadWriteMutex}'s optimistic read, with the read lock as the fallback. */
    private static final class OptimisticMutexSection implements Section {
        private final ReadWriteMutex lock;
        private final Lock readLock;
        private final Lock writeLock;
        private long first; // guarded by the lock; read optimistically
        private long second;

        private final long work;

        OptimisticMutexSection(ReadWriteMutex lock, long work) {
            this.work = work;
            this.lock = lock;
            this.readLock = lock.readLock();
            this.writeLock = lock.writeLock();
        }

        @Override
        public long read() {
            long stamp = lock.tryOptimisticRead();
            long a = first;
            long b = second;
            Blackhole.consumeCPU(work);
            if (lock.validate(stamp)) {
                return a + b;
            }
            readLock.lock();
            try {
                Blackhole.consumeCPU(work);
                return first + second;
            } finally {
                readLock.unlock();
            }
        }

        @Override
        public long write() {
            writeLock.lock();
            try {
                Blackhole.consumeCPU(work);
                second++;
                return ++first;
            } finally {
                writeLock.unlock();
            }
        }
    }

    /** {@link StampedLock}'s read lock. */
    private static final class StampedReadSection implements Section {
        private final StampedLock lock = new StampedLock();
        private final long work;

        StampedReadSection(long work) {
            this.work = work;
        }

        private long first; // guarded by the lock
        private long second;

        @Override
        public long read() {
            long stamp = lock.readLock();
            try {
                Blackhole.consumeCPU(work);
                return first + second;
            } finally {
                lock.unlockRead(stamp);
            }
        }

        @Override
        public long write() {
            long stamp = lock.writeLock();
            try {
                Blackhole.consumeCPU(work);
                second++;
                return ++first;
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }

    /** {@link StampedLock}'s optimistic read, with its read lock as the fallback. */
    private static final class StampedOptimisticSection implements Section {
        private final StampedLock lock = new StampedLock();
        private final long work;

        StampedOptimisticSection(long work) {
            this.work = work;
        }

        private long first; // guarded by the lock; read optimistically
        private long second;

        @Override
        public long read() {
            long stamp = lock.tryOptimisticRead();
            long a = first;
            long b = second;
            Blackhole.consumeCPU(work);
            if (lock.validate(stamp)) {
                return a + b;
            }
            stamp = lock.readLock();
            try {
                Blackhole.consumeCPU(work);
                return first + second;
            } finally {
                lock.unlockRead(stamp);
            }
        }

        @Override
        public long write() {
            long stamp = lock.writeLock();
            try {
                Blackhole.consumeCPU(work);
                second++;
                return ++first;
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }
}
