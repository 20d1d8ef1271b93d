/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.ratelimit.TokenBucketSpec;
import dev.interlock.redis.RedisTokenBucket.Reply;
import dev.interlock.testing.LincheckBudget;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lincheck's stress strategy on the Redis bucket: real threads, each on a connection of its own, to a real
 * {@code redis-server}, checked against the sequential model of the local bucket's Lincheck test,
 * {@link TokenBucketSpec} (a capacity of 3, 2 tokens every 3 time units, 1 initial token).
 *
 * <p>The clock is a key on the server, which {@code advance} increments and the script reads (a test
 * variant of the script, the one line that reads the clock changed), so that moving the clock is
 * linearized by the server like every other operation. A clock kept in the JVM would not be: a call
 * could read it, be overtaken by an {@code advance} and a later call, and reach the server with a
 * time already past. The bucket runs at 2 tokens every 3 microseconds, so one time unit is one
 * microsecond, and a denied probe's wait, which the bucket reports in nanoseconds, is compared in
 * microseconds, rounded up (the smallest whole wait, as the model counts it).
 *
 * <p>{@link Bucket} is the state Lincheck creates for each run of a scenario: a new key, and a new clock
 * key, on the server that this test's JUnit extension started.
 *
 * <p>Model checking does not apply: the operations are network calls, which Lincheck's model checker
 * cannot interleave. The negative control is a bucket that checks and writes in two calls, caught at
 * the full budget, of which the positive test runs a share ({@link LincheckBudget}).
 */
@ExtendWith(RedisServer.Extension.class)
@Tag("fresh-jvm")                                                     // see redis/pom.xml
@Timeout(300)
public class RedisTokenBucketLincheckTest {
    static final int ITERATIONS = 30;
    static final int INVOCATIONS = 100;

    /** The script, reading the clock from the key named by ARGV[5] instead of taking ARGV[5] as the time. */
    static final String CLOCK_IN_A_KEY = RedisTokenBucket.SCRIPT.replace(
            "  now = tonumber(ARGV[5])\n", "  now = tonumber(redis.call('GET', ARGV[5]))\n");

    private static volatile int port;
    private static volatile boolean checkAndWriteInTwoCalls;

    /** One bucket on the server, its clock in a key, and the operations Lincheck calls on them. */
    public static class Bucket {
        private static final AtomicLong NAMES = new AtomicLong();
        /** Each thread's own connection (see {@link SocketRedisClient} for why not Lettuce). */
        private static final ThreadLocal<SocketRedisClient> CONNECTION =
                ThreadLocal.withInitial(() -> new SocketRedisClient(port));

        private final String clockKey;
        private final RedisTokenBucket bucket;

        public Bucket() {
            String name = "lincheck-" + NAMES.incrementAndGet();
            clockKey = "interlock:lincheck-clock:{" + name + "}";
            CONNECTION.get().command(List.of("SET", clockKey, "1000000000000"));
            RedisScriptExecutor onTheClockKey = (sha1, script, keys, arguments) -> {
                String[] clocked = arguments.clone();
                clocked[4] = clockKey;                                 // ARGV[5]: the clock's key
                return CONNECTION.get().evaluate(sha1, script, keys, clocked);
            };
            bucket = RedisTokenBucket.builder()
                    .capacity(3).refill(2, Duration.ofNanos(3_000)).initialTokens(1)   // the model's, in microseconds
                    .build(onTheClockKey, name).withScript(CLOCK_IN_A_KEY);
            call(RedisTokenBucket.Operation.PEEK, 1);                  // the bucket begins now, as the model's does
        }

        private Reply call(RedisTokenBucket.Operation operation, long permits) {
            return bucket.call(operation, permits, "", "", "the clock key");
        }

        @Operation
        public boolean tryAcquire(@Param(gen = IntGen.class, conf = "1:3") int permits) {
            if (checkAndWriteInTwoCalls) {
                return takeInTwoCalls(permits);
            }
            return call(RedisTokenBucket.Operation.TAKE, permits).status == RedisTokenBucket.GRANTED;
        }

        /** A probe as the model gives it: a grant's remaining tokens are -1 there, as for the local bucket. */
        @Operation
        public TokenBucket.Probe tryAcquireAndProbe(@Param(gen = IntGen.class, conf = "1:3") int permits) {
            Reply reply = call(RedisTokenBucket.Operation.TAKE, permits);
            if (reply.status == RedisTokenBucket.GRANTED) {
                return new TokenBucket.Probe(true, -1L, 0L);
            }
            long nanos = bucket.nanosToWait(reply.shortfall(permits));
            return new TokenBucket.Probe(false, reply.level, (nanos + 999L) / 1000L);
        }

        @Operation
        public long availableTokens() {
            return Math.max(0L, call(RedisTokenBucket.Operation.PEEK, 1).level);
        }

        @Operation
        public void advance(@Param(gen = IntGen.class, conf = "1:3") int micros) {
            CONNECTION.get().command(List.of("INCRBY", clockKey, Integer.toString(micros)));
        }

        /**
         * The negative control's take: read the level with a peek, decide here, then write the state
         * back. A millisecond between the two calls, as a slower network or a preempted client would
         * leave, makes the two takes of {@link #lastTokenRace()} overlap.
         */
        private boolean takeInTwoCalls(int permits) {
            Reply read = call(RedisTokenBucket.Operation.PEEK, 1);
            if (read.level < permits) {
                return false;
            }
            try {
                Thread.sleep(1);                                       // the window, widened as a slow network would
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            CONNECTION.get().command(List.of("HSET", bucket.key(), "l", Long.toString(read.level - permits),
                    "r", Long.toString(read.carry), "b", Long.toString(read.nowMicros + read.lag)));
            return true;
        }
    }

    /** Two threads race for the bucket's one token: at most one may win, at the server's one instant. */
    static ExecutionScenario lastTokenRace() {
        try {
            Actor take = new Actor(Bucket.class.getMethod("tryAcquire", int.class), List.of(1));
            return new ExecutionScenario(List.of(), List.of(List.of(take), List.of(take)), List.of(), null);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The random scenarios, and {@link #lastTokenRace()}, each run {@link #INVOCATIONS} times. */
    static StressOptions stress() {
        return LincheckBudget.failHangsFast(new StressOptions())
                .addCustomScenario(lastTokenRace())
                .iterations(ITERATIONS)
                .invocationsPerIteration(INVOCATIONS)
                .actorsBefore(2)                                       // short scenarios: each actor is a round trip
                .actorsPerThread(3)
                .actorsAfter(2)
                .sequentialSpecification(TokenBucketSpec.class);
    }

    private static void connect(RedisServer server) {
        assertTrue(CLOCK_IN_A_KEY.contains("redis.call('GET', ARGV[5])"), "the variant must apply to today's script");
        port = server.port();
    }

    @Test
    void linearizableUnderStress(RedisServer server) {
        connect(server);
        checkAndWriteInTwoCalls = false;
        stress().iterations(LincheckBudget.scenarios(ITERATIONS)).check(Bucket.class);
    }

    @Test
    void theStressTestCatchesACheckAndAWriteInTwoCalls(RedisServer server) {
        connect(server);
        checkAndWriteInTwoCalls = true;
        try {
            AssertionError caught = assertThrows(AssertionError.class, () -> stress().check(Bucket.class),
                    "a read, then a write, lets two threads take one token; Lincheck must see it");
            assertTrue(caught.getMessage().contains("Invalid execution results"),
                    "caught for its results, not for an exception: " + caught.getMessage());
        } finally {
            checkAndWriteInTwoCalls = false;
        }
    }
}
