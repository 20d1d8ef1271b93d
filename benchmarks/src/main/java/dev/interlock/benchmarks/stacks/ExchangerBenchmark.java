/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.stacks;

import dev.interlock.stacks.LockFreeExchanger;
import java.util.concurrent.Exchanger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
 * Two threads swapping values as fast as they can: {@link LockFreeExchanger} against its peer,
 * {@link java.util.concurrent.Exchanger}.
 *
 * <h2>What is measured</h2>
 * A JMH group of two threads shares one exchanger, and each thread calls the timed
 * {@code exchange(value, 1, MILLISECONDS)} in a loop. The score to read is {@code swap:exchanged},
 * the successful exchanges per microsecond counted by both threads (an {@link AuxCounters} counter;
 * each meeting counts twice, once per side). {@code swap:timedOut} counts exchanges that found no
 * partner within the millisecond, which happens only when one thread is descheduled, or at the end
 * of an iteration when the other thread has stopped. The timed form is used because an untimed
 * exchange would wait for ever at the end of an iteration, when its partner has already stopped.
 *
 * <p>Allocation: each exchange that has to wait allocates its offer ({@code LockFreeExchanger}) or
 * uses a per-thread node ({@code Exchanger}); {@code gc.alloc.rate.norm} shows it per exchange.
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.ExchangerBenchmark\.' -prof gc
 * </pre>
 * The group sets the thread count; do not pass {@code -t}. On this 2-core machine the two threads
 * need both cores: anything else running makes one wait for the other to be scheduled.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class ExchangerBenchmark {

    /** The exchanger under test. */
    @Param({"LockFreeExchanger", "Exchanger"})
    public String implementation;

    private LockFreeExchanger<Integer> lockFree;
    private Exchanger<Integer> jdk;

    @Setup
    public void setUp() {
        switch (implementation) {
            case "LockFreeExchanger" -> lockFree = new LockFreeExchanger<>();
            case "Exchanger" -> jdk = new Exchanger<>();
            default -> throw new IllegalArgumentException("unknown exchanger: " + implementation);
        }
    }

    /** Each thread's successful and timed-out exchanges, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long exchanged;
        public long timedOut;
        Integer mine;

        @Setup(Level.Iteration)
        public void reset() {
            exchanged = 0;
            timedOut = 0;
            mine = (int) Thread.currentThread().getId();
        }
    }

    @Benchmark
    @Group("swap")
    @GroupThreads(2)
    public Integer swap(Counts counts) throws InterruptedException {
        try {
            Integer received = lockFree != null
                    ? lockFree.exchange(counts.mine, 1, TimeUnit.MILLISECONDS)
                    : jdk.exchange(counts.mine, 1, TimeUnit.MILLISECONDS);
            counts.exchanged++;
            return received;
        } catch (TimeoutException noPartner) {
            counts.timedOut++;
            return null;
        }
    }
}
