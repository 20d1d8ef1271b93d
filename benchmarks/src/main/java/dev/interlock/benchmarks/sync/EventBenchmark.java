/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.sync;

import dev.interlock.sync.Event;
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
 * {@link Event} against the event a JDK user writes, {@link LockConditionEvent} (a flag, a
 * {@code ReentrantLock} and a condition; the JDK has no event of its own).
 *
 * <h2>What is measured</h2>
 * <ul>
 *   <li>{@code awaitSet}: one thread, a timed {@code await} on an event that is set: the path of a
 *       thread that finds the flag already up. Allocation must be 0.</li>
 *   <li>{@code setClear}: one thread, {@code set()} then {@code clear()} with nobody waiting: the cost of
 *       raising and lowering the flag. Allocation must be 0.</li>
 *   <li>{@code pingPong}: a group of two threads passing a turn back and forth through two events: each
 *       waits for its own event, clears it and sets the other's. Every turn wakes a thread that is
 *       spinning or parked, so this is the cost of a wake-up. The score to read is
 *       {@code pingPong:turns}, the turns per microsecond counted by both threads; a turn's await is
 *       timed (1 ms), because at the end of an iteration one thread stops first and the other would
 *       wait for ever; {@code pingPong:timedOut} counts those.</li>
 * </ul>
 *
 * <h2>How to run</h2>
 * <pre>
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.EventBenchmark\.' -prof gc
 * </pre>
 * {@code pingPong}'s group sets its thread count; do not pass {@code -t}. Its two threads need both cores
 * of a 2-core machine.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(3)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Group)
public class EventBenchmark {

    /** The event under test. */
    @Param({"Event", "LockConditionEvent"})
    public String implementation;

    private Waitable first;
    private Waitable second;

    /** The two implementations behind one interface, so that one benchmark method serves both. */
    interface Waitable {
        void set();

        void clear();

        boolean await(long timeout, TimeUnit unit) throws InterruptedException;
    }

    @Setup(Level.Iteration)
    public void setUp() {
        first = create();
        second = create();
        first.set();
    }

    private Waitable create() {
        switch (implementation) {
            case "Event": {
                Event event = new Event();
                return new Waitable() {
                    @Override
                    public void set() {
                        event.set();
                    }

                    @Override
                    public void clear() {
                        event.clear();
                    }

                    @Override
                    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
                        return event.await(timeout, unit);
                    }
                };
            }
            case "LockConditionEvent": {
                LockConditionEvent event = new LockConditionEvent();
                return new Waitable() {
                    @Override
                    public void set() {
                        event.set();
                    }

                    @Override
                    public void clear() {
                        event.clear();
                    }

                    @Override
                    public boolean await(long timeout, TimeUnit unit) throws InterruptedException {
                        return event.await(timeout, unit);
                    }
                };
            }
            default:
                throw new IllegalArgumentException("unknown event: " + implementation);
        }
    }

    @Benchmark
    @Group("awaitSet")
    @GroupThreads(1)
    public boolean awaitSet() throws InterruptedException {
        return first.await(1, TimeUnit.MILLISECONDS);
    }

    @Benchmark
    @Group("setClear")
    @GroupThreads(1)
    public void setClear() {
        second.set();
        second.clear();
    }

    /** Each thread's turns and timed-out waits, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Turns {
        public long turns;
        public long timedOut;

        @Setup(Level.Iteration)
        public void reset() {
            turns = 0;
            timedOut = 0;
        }
    }

    @Benchmark
    @Group("pingPong")
    @GroupThreads(1)
    public void ping(Turns counts) throws InterruptedException {
        turn(first, second, counts);
    }

    @Benchmark
    @Group("pingPong")
    @GroupThreads(1)
    public void pong(Turns counts) throws InterruptedException {
        turn(second, first, counts);
    }

    private static void turn(Waitable mine, Waitable theirs, Turns counts) throws InterruptedException {
        if (mine.await(1, TimeUnit.MILLISECONDS)) {
            mine.clear();
            theirs.set();
            counts.turns++;
        } else {
            counts.timedOut++;
        }
    }
}
