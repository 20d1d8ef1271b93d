/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.sync;

import dev.interlock.sync.Barrier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link Barrier} against its peer, {@link CyclicBarrier}: generations per microsecond.
 *
 * <h2>What is measured</h2>
 * One benchmark thread calls {@code await()}; the other {@code parties - 1} parties are helper threads,
 * started for the trial, that call {@code await()} in a loop. So every operation is one generation, and
 * a thread is always on its way to the barrier: JMH's own threads never wait for one another at the end
 * of an iteration, which would hang. The helpers are not measured, but they run, so {@code parties}
 * threads share the machine:
 * <ul>
 *   <li>{@code parties = 1}: no helper; every {@code await()} trips at once: the arrival path alone.
 *       Ours reuses a generation nobody waited at, so allocation must be 0; the JDK's allocates one per
 *       trip.</li>
 *   <li>{@code parties = 2}: one helper: each generation parks one thread and wakes it, on 2 cores.</li>
 *   <li>{@code parties = 4}: three helpers: more threads than cores (oversubscription), so each trip
 *       wakes several parked threads, where the JDK's re-acquire its lock one after another.</li>
 * </ul>
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.BarrierBenchmark\.' -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@Threads(1)
@State(Scope.Benchmark)
public class BarrierBenchmark {

    /** The barrier under test. */
    @Param({"Barrier", "java.util.concurrent.CyclicBarrier"})
    public String implementation;

    /** The parties: the benchmark thread and {@code parties - 1} helpers. */
    @Param({"1", "2", "4"})
    public int parties;

    /** One party's wait at either barrier. */
    interface Arrival {
        int await() throws InterruptedException, BrokenBarrierException;
    }

    private Arrival arrival;
    private Runnable breakIt;
    private final List<Thread> helpers = new ArrayList<>();
    private volatile boolean stopped;

    @Setup(Level.Trial)
    public void setUp() {
        switch (implementation) {
            case "Barrier" -> {
                Barrier barrier = new Barrier(parties);
                arrival = barrier::await;
                breakIt = barrier::abort;
            }
            case "java.util.concurrent.CyclicBarrier" -> {
                CyclicBarrier barrier = new CyclicBarrier(parties);
                arrival = barrier::await;
                breakIt = barrier::reset;
            }
            default -> throw new IllegalArgumentException("unknown barrier: " + implementation);
        }
        for (int i = 1; i < parties; i++) {
            Thread helper = new Thread(this::helpUntilStopped, "barrier-helper-" + i);
            helper.setDaemon(true);
            helper.start();
            helpers.add(helper);
        }
    }

    private void helpUntilStopped() {
        while (!stopped) {
            try {
                arrival.await();
            } catch (InterruptedException | BrokenBarrierException e) {
                return; // the trial is over
            }
        }
    }

    /** Breaks the barrier until every helper has left (the JDK's reset() starts a generation they may join). */
    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        stopped = true;
        for (Thread helper : helpers) {
            while (helper.isAlive()) {
                breakIt.run();
                helper.join(10);
            }
        }
        helpers.clear();
    }

    @Benchmark
    public int await() throws InterruptedException, BrokenBarrierException {
        return arrival.await();
    }
}
