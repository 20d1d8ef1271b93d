/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.sync;

import dev.interlock.sync.Semaphore;
import java.util.concurrent.TimeUnit;
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
 * {@link Semaphore} against its peer, {@link java.util.concurrent.Semaphore}, each non-fair and fair.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>{@code uncontended}: one thread, {@code tryAcquire()} then {@code release()} on a semaphore of one
 *       permit: the fast path, a CAS each. Allocation must be 0.</li>
 *   <li>{@code enoughPermits}: a group of two threads, each {@code acquire()} then {@code release()} on a
 *       semaphore of two permits: never a wait, but the two CASes contend.</li>
 *   <li>{@code handOff}: a group of two threads, each {@code acquire()} then {@code release()} on a
 *       semaphore of one permit: one of them usually waits, so this measures queueing, parking and the
 *       release that wakes the waiter (ours hands the permit over; the JDK's wakes the waiter to compete).</li>
 * </ul>
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.SemaphoreBenchmark\.' -prof gc
 * </pre>
 * The groups set the thread counts; do not pass {@code -t}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class SemaphoreBenchmark {

    /** The semaphore under test. */
    @Param({"Semaphore", "java.util.concurrent.Semaphore"})
    public String implementation;

    /** Whether the semaphore is fair. */
    @Param({"false", "true"})
    public boolean fair;

    private Semaphore oursOne;
    private Semaphore oursTwo;
    private java.util.concurrent.Semaphore jdkOne;
    private java.util.concurrent.Semaphore jdkTwo;
    private boolean isOurs;

    @Setup(Level.Iteration)
    public void setUp() {
        isOurs = switch (implementation) {
            case "Semaphore" -> true;
            case "java.util.concurrent.Semaphore" -> false;
            default -> throw new IllegalArgumentException("unknown semaphore: " + implementation);
        };
        oursOne = new Semaphore(1, fair);
        oursTwo = new Semaphore(2, fair);
        jdkOne = new java.util.concurrent.Semaphore(1, fair);
        jdkTwo = new java.util.concurrent.Semaphore(2, fair);
    }

    @Benchmark
    @Group("uncontended")
    @GroupThreads(1)
    public boolean uncontended() {
        if (isOurs) {
            boolean taken = oursOne.tryAcquire();
            oursOne.release();
            return taken;
        }
        boolean taken = jdkOne.tryAcquire();
        jdkOne.release();
        return taken;
    }

    @Benchmark
    @Group("enoughPermits")
    @GroupThreads(2)
    public int enoughPermits() throws InterruptedException {
        if (isOurs) {
            oursTwo.acquire();
            oursTwo.release();
            return oursTwo.availablePermits();
        }
        jdkTwo.acquire();
        jdkTwo.release();
        return jdkTwo.availablePermits();
    }

    @Benchmark
    @Group("handOff")
    @GroupThreads(2)
    public int handOff() throws InterruptedException {
        if (isOurs) {
            oursOne.acquire();
            oursOne.release();
            return oursOne.availablePermits();
        }
        jdkOne.acquire();
        jdkOne.release();
        return jdkOne.availablePermits();
    }
}
