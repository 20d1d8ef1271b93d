/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.ratelimit;

import com.google.common.util.concurrent.RateLimiter;
import dev.interlock.ratelimit.TokenBucket;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.SynchronizationStrategy;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of asking a rate limiter for one permit without waiting: Interlock's {@link TokenBucket}
 * against Bucket4j's local bucket and Guava's {@link RateLimiter}.
 *
 * <h2>What is measured</h2>
 * All the benchmark threads share one limiter, chosen by {@code implementation}; each operation is
 * one non-blocking {@code tryAcquire} of one permit. Two states of the bucket, by {@code bucket}:
 * <ul>
 *   <li>{@code available}: a rate so high (10<sup>9</sup> a second, the largest {@link TokenBucket}
 *       accepts) and a capacity so large that no request is ever refused. This is the hot path of a
 *       limiter that is not limiting: read the clock, refill, take, publish.</li>
 *   <li>{@code empty}: one token an hour and a capacity of 1, so that after the first request every
 *       request is refused. This is the path of a limiter under attack, the one a server runs to
 *       answer 429: it must be at least as cheap as the first, and allocate nothing.</li>
 * </ul>
 * The score is operations per microsecond, summed over the threads. {@code -prof gc} reports the
 * allocation per operation: {@link TokenBucket#tryAcquire()} allocates nothing.
 *
 * <h2>The peers</h2>
 * <ul>
 *   <li>{@code Bucket4j}: {@code Bucket.builder()}, which is lock-free (a CAS on an immutable state
 *       object, copied on each change) and, by default, reads the time in milliseconds
 *       ({@code System.currentTimeMillis()});</li>
 *   <li>{@code Bucket4jNanos}: the same with {@code withNanosecondPrecision()}, which reads
 *       {@code System.nanoTime()}, as {@link TokenBucket} does;</li>
 *   <li>{@code Bucket4jSynchronized}: the same, nanosecond precision, with the
 *       {@code SYNCHRONIZED} strategy, which updates its state in place under a lock;</li>
 *   <li>{@code Guava}: {@code RateLimiter.create(permitsPerSecond)}, a {@code synchronized} smooth
 *       limiter whose {@code tryAcquire()} never waits. Guava has no capacity parameter (it stores
 *       one second of permits) and starts empty but grants its first request at once.</li>
 * </ul>
 *
 * <h2>How to run</h2>
 * <pre>
 * ./mvnw -B -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.RateLimiterBenchmark\.' -t 1 -prof gc
 * java -jar benchmarks/target/interlock-benchmarks.jar '\.RateLimiterBenchmark\.' -t 2 -prof gc
 * </pre>
 * or {@code benchmarks/run-ratelimit.sh DIR}, which records the environment and both thread counts,
 * and {@code python3 benchmarks/format-results.py DIR} for the table with ratios to Bucket4j and
 * Guava. As in the other benchmarks, each implementation runs in forks of its own, so the
 * {@link Limiter} call site is monomorphic; never use {@code -f 0}. With 2 threads on a 2-core
 * machine, expect wide error bars: read the ratios within one run.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(2)
@Warmup(iterations = 3, time = 1, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 1, timeUnit = TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class RateLimiterBenchmark {

    /** The limiter under test, by name. */
    @Param({"TokenBucket", "Bucket4j", "Bucket4jNanos", "Bucket4jSynchronized", "Guava"})
    public String implementation;

    /** The state of the bucket: never empty, or always empty (see the class comment). */
    @Param({"available", "empty"})
    public String bucket;

    private Limiter limiter;

    /** One permit, without waiting: what each implementation is asked. */
    interface Limiter {
        boolean tryAcquire();
    }

    @Setup
    public void setUp() {
        boolean available = bucket.equals("available");
        long capacity = available ? TokenBucket.MAX_CAPACITY : 1L;
        long tokens = available ? 1_000_000_000L : 1L;
        Duration period = available ? Duration.ofSeconds(1) : Duration.ofHours(1);
        long initial = available ? capacity : 0L;
        limiter = create(implementation, capacity, tokens, period, initial);
        limiter.tryAcquire(); // Guava grants the first request of an empty limiter: spend it here
    }

    static Limiter create(String implementation, long capacity, long tokens, Duration period, long initial) {
        switch (implementation) {
            case "TokenBucket": {
                TokenBucket bucket = TokenBucket.builder().capacity(capacity).refill(tokens, period).initialTokens(initial).build();
                return bucket::tryAcquire;
            }
            case "Bucket4j": {
                Bucket bucket = Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period).initialTokens(initial))
                        .build();
                return () -> bucket.tryConsume(1);
            }
            case "Bucket4jNanos": {
                Bucket bucket = Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period).initialTokens(initial))
                        .withNanosecondPrecision()
                        .build();
                return () -> bucket.tryConsume(1);
            }
            case "Bucket4jSynchronized": {
                Bucket bucket = Bucket.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(tokens, period).initialTokens(initial))
                        .withNanosecondPrecision()
                        .withSynchronizationStrategy(SynchronizationStrategy.SYNCHRONIZED)
                        .build();
                return () -> bucket.tryConsume(1);
            }
            case "Guava": {
                double perSecond = (double) tokens / period.toNanos() * 1e9;
                RateLimiter rateLimiter = RateLimiter.create(perSecond);
                return rateLimiter::tryAcquire;
            }
            default:
                throw new IllegalArgumentException("unknown implementation: " + implementation);
        }
    }

    @Benchmark
    public boolean tryAcquire() {
        return limiter.tryAcquire();
    }
}
