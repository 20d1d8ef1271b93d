/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.sync;

import dev.interlock.sync.CountDownLatch;
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
 * {@link CountDownLatch} against its peer, {@link java.util.concurrent.CountDownLatch}.
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>{@code awaitReleased}: one thread, {@code await()} on a latch at zero: the path of every thread
 *       that arrives after the release. Allocation must be 0.</li>
 *   <li>{@code countDown}: a group of two threads lowering one latch's count at once (a count that does
 *       not reach zero within an iteration): the contended CAS of {@code countDown()}, with
 *       {@code getCount()} read by the same threads each time round.</li>
 *   <li>{@code oneShot}: one thread creates a latch of one, counts it down and awaits it: a latch's
 *       whole life, allocation included.</li>
 * </ul>
 * The wake-up of a parked waiter is {@link EventBenchmark}'s {@code pingPong}: a latch cannot be reset,
 * and it waits on an event inside.
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.LatchBenchmark\.' -prof gc
 * </pre>
 * The groups set the thread counts; do not pass {@code -t}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class LatchBenchmark {

    /** The latch under test. */
    @Param({"CountDownLatch", "java.util.concurrent.CountDownLatch"})
    public String implementation;

    private CountDownLatch ours;
    private java.util.concurrent.CountDownLatch jdk;
    private boolean isOurs;

    @Setup(Level.Iteration)
    public void setUp() {
        isOurs = switch (implementation) {
            case "CountDownLatch" -> true;
            case "java.util.concurrent.CountDownLatch" -> false;
            default -> throw new IllegalArgumentException("unknown latch: " + implementation);
        };
        ours = new CountDownLatch(Integer.MAX_VALUE);
        jdk = new java.util.concurrent.CountDownLatch(Integer.MAX_VALUE);
    }

    /** A latch at zero, per thread. */
    @State(Scope.Thread)
    public static class Released {
        CountDownLatch ours = new CountDownLatch(0);
        java.util.concurrent.CountDownLatch jdk = new java.util.concurrent.CountDownLatch(0);
    }

    @Benchmark
    @Group("awaitReleased")
    @GroupThreads(1)
    public void awaitReleased(Released released) throws InterruptedException {
        if (isOurs) {
            released.ours.await();
        } else {
            released.jdk.await();
        }
    }

    @Benchmark
    @Group("countDown")
    @GroupThreads(2)
    public long countDown() {
        if (isOurs) {
            ours.countDown();
            return ours.getCount();
        }
        jdk.countDown();
        return jdk.getCount();
    }

    @Benchmark
    @Group("oneShot")
    @GroupThreads(1)
    public long oneShot() throws InterruptedException {
        if (isOurs) {
            CountDownLatch latch = new CountDownLatch(1);
            latch.countDown();
            latch.await();
            return latch.getCount();
        }
        java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);
        latch.countDown();
        latch.await();
        return latch.getCount();
    }
}
