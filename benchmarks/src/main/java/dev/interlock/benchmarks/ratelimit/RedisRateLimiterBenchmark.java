/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.benchmarks.ratelimit;

import dev.interlock.redis.LettuceScriptExecutor;
import dev.interlock.redis.RedisTokenBucket;
import dev.interlock.redis.RedisTokenBucketFamily;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.github.bucket4j.redis.lettuce.cas.LettuceBasedProxyManager;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.Redisson;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A cluster-wide rate limiter's one question, "may this request pass?", asked of a real Redis: Interlock's
 * {@link RedisTokenBucket} against Bucket4j's Redis bucket on the same client library (Lettuce), and
 * Redisson's {@code RRateLimiter} on its own client.
 *
 * <h2>What is measured</h2>
 * Each fork starts its own {@code redis-server} on a loopback port ({@code redis-server} on the
 * {@code PATH}, or {@code $INTERLOCK_REDIS_SERVER}; no persistence), and every benchmark thread of the
 * trial shares one client. Each operation is one non-blocking {@code tryAcquire} of one token, and every
 * request is granted: the path that writes. The token buckets hold a million tokens and refill one every
 * 100 seconds, so that they never fill up again and their keys never expire during a trial (a bucket
 * refilled a billion a second is full, and its key expires, a moment after each call, which made
 * Interlock re-create keys in an earlier run); a fork's trial takes well under a million. Redisson's
 * limiter allows a billion a second: its sliding log keeps every permit of the last second, about as
 * many entries as the operations of a second. {@code keys}: {@code hot}, every thread on one key (the contention a popular API key
 * makes); {@code many}, each request on one of 10,000 keys at random (per-user limits).
 * The score is operations per millisecond, summed over the threads; {@code -prof gc} gives the client's
 * allocation per operation.
 *
 * <p>At the end of each trial the benchmark prints the server's {@code INFO commandstats} divided by the
 * operations counted: the commands per operation, those the client sent and those its script ran.
 *
 * <h2>The peers</h2>
 * <ul>
 *   <li>{@code Interlock}: {@link RedisTokenBucketFamily} on {@link LettuceScriptExecutor}: one
 *       {@code EVALSHA} per request.</li>
 *   <li>{@code Bucket4jLettuce}: {@code Bucket4jLettuce.casBasedBuilder(redisClient)}: its proxy reads the
 *       state ({@code GET}), computes in the JVM, and writes it back with a compare-and-swap script,
 *       retrying when another client wrote first.</li>
 *   <li>{@code RedissonRRateLimiter}: {@code RRateLimiter.tryAcquire()} on a {@code RedissonClient} with
 *       its default configuration: a script that trims and appends to a sorted set of permits.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RedisRateLimiterBenchmark {
    static final int KEYS = 10_000;
    static final long TOKENS = 1_000_000L;
    static final Duration ONE_TOKEN_EVERY = Duration.ofSeconds(100);
    static final long REDISSON_RATE_PER_SECOND = 1_000_000_000L;

    @Param({"Interlock", "Bucket4jLettuce", "RedissonRRateLimiter"})
    public String implementation;

    @Param({"hot", "many"})
    public String keys;

    private Process server;
    private RedisClient client;
    private RedissonClient redisson;
    private RedisCommands<String, String> admin;
    private Limiter limiter;
    private final LongAdder operations = new LongAdder();

    /** One limiter's buckets, by key index. */
    interface Limiter {
        boolean tryAcquire(int key);
    }

    /** Each thread's choice of key. */
    @State(Scope.Thread)
    public static class Keys {
        final SplittableRandom random = new SplittableRandom();
    }

    @Setup(Level.Trial)
    public void startServer() throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        server = new ProcessBuilder(redisServer().toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--loglevel", "warning")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port)
                .withTimeout(Duration.ofSeconds(10)).build());
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            try {
                admin = client.connect().sync();
                break;
            } catch (RuntimeException notYet) {
                if (System.nanoTime() - deadline > 0) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
        int count = keys.equals("hot") ? 1 : KEYS;
        limiter = switch (implementation) {
            case "Interlock" -> interlock(count);
            case "Bucket4jLettuce" -> bucket4j(count);
            case "RedissonRRateLimiter" -> redisson(port, count);
            default -> throw new IllegalArgumentException(implementation);
        };
        for (int key = 0; key < count; key++) {
            limiter.tryAcquire(key);                                   // the scripts are loaded, the keys made
        }
        admin.configResetstat();
        operations.reset();
    }

    private Limiter interlock(int count) {
        RedisTokenBucketFamily family = RedisTokenBucket.builder().capacity(TOKENS).refill(1, ONE_TOKEN_EVERY)
                .initialTokens(TOKENS).buildFamily(LettuceScriptExecutor.of(client.connect()), "bench");
        List<RedisTokenBucket> buckets = new ArrayList<>(count);
        for (int key = 0; key < count; key++) {
            buckets.add(family.bucket(Integer.toString(key)));
        }
        return key -> buckets.get(key).tryAcquire();
    }

    private Limiter bucket4j(int count) {
        LettuceBasedProxyManager<byte[]> proxies = Bucket4jLettuce.casBasedBuilder(client).build();
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(TOKENS).refillGreedy(1, ONE_TOKEN_EVERY).initialTokens(TOKENS))
                .build();
        List<BucketProxy> buckets = new ArrayList<>(count);
        for (int key = 0; key < count; key++) {
            buckets.add(proxies.builder().build(("bench:" + key).getBytes(StandardCharsets.UTF_8), () -> configuration));
        }
        return key -> buckets.get(key).tryConsume(1);
    }

    private Limiter redisson(int port, int count) {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + port);
        redisson = Redisson.create(config);
        List<RRateLimiter> limiters = new ArrayList<>(count);
        for (int key = 0; key < count; key++) {
            RRateLimiter limiter = redisson.getRateLimiter("bench:" + key);
            limiter.trySetRate(RateType.OVERALL, REDISSON_RATE_PER_SECOND, Duration.ofSeconds(1));
            limiters.add(limiter);
        }
        return key -> limiters.get(key).tryAcquire();
    }

    @Benchmark
    public boolean tryAcquire(Keys thread) {
        operations.increment();
        return limiter.tryAcquire(keys.equals("hot") ? 0 : thread.random.nextInt(KEYS));
    }

    @TearDown(Level.Trial)
    public void stopServer() throws InterruptedException {
        long done = operations.sum();
        Map<String, Double> perOperation = new TreeMap<>();
        for (String line : admin.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                long calls = Long.parseLong(line.replaceAll("^[^:]*:calls=(\\d+),.*", "$1"));
                if (!name.equals("info") && !name.equals("config|resetstat")) {
                    perOperation.put(name, (double) calls / Math.max(1, done));
                }
            }
        }
        System.out.println();
        System.out.println("commands per operation (" + implementation + ", " + keys + ", " + done + " operations): "
                + perOperation);
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        if (redisson != null) {
            redisson.shutdown();
        }
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }

    private static Path redisServer() {
        String configured = System.getenv("INTERLOCK_REDIS_SERVER");
        if (configured != null && !configured.isEmpty()) {
            return Path.of(configured);
        }
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no redis-server on the PATH (Debian: apt-get install -y redis-server)");
    }
}
