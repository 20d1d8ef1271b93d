/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.redis.RedisTokenBucket.Operation;
import dev.interlock.redis.RedisTokenBucket.Reply;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The conformance bound under concurrency, on a real server: {@value #THREADS} threads over
 * {@value #CONNECTIONS} connections hammer one hot bucket for {@value #RUN_MILLIS} ms, a quarter of them
 * waiting in {@code acquire} and the rest trying; each grant is recorded with the server time the script
 * returns (a waiter's at the time its tokens are produced), and {@link ConformanceChecker} checks every
 * window of the history. The level the script reports must never exceed the capacity.
 *
 * <p>Two negative controls, with the same threads, connections, bucket and run time (the first without
 * waiters, whose calls would need a client clock too), must be caught by the same checker:
 * <ul>
 *   <li>the script computing on the <em>clients'</em> clocks, which drift apart (up to
 *       {@value #FASTEST_CLIENT_CLOCK} times real time, so that a short run shows it): the bucket follows
 *       the fastest clock and hands out tokens before the server's time has produced them. Clocks that
 *       differ only by a constant offset over-admit once, when the leading client first calls, by at most
 *       the capacity, which the checker's slack of one capacity cannot tell from a full bucket;</li>
 *   <li>the check and the write in two calls: read the level, decide in the client, write it back
 *       (two clients that read the same level both grant).</li>
 * </ul>
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(60)
class RedisTokenBucketConformanceTest {
    static final int THREADS = 8;
    static final int CONNECTIONS = 4;
    static final long RUN_MILLIS = 1_500;
    /** The clients' clocks run at 1, 4/3, 5/3 and 2 times real time: unsynchronized clocks drift, here fast. */
    static final double FASTEST_CLIENT_CLOCK = 2.0;
    private static final long CLIENT_CLOCK_ORIGIN_MICROS = System.currentTimeMillis() * 1000L;
    private static final long CLIENT_CLOCK_ORIGIN_NANOS = System.nanoTime();
    static final long CAPACITY = 20;

    /** One try at a grant by one thread: the server times of the tokens it got (none, or one). */
    private interface Attempt {
        void run(RedisTokenBucket bucket, int connection, ConcurrentLinkedQueue<Long> grants) throws Exception;
    }

    @Test
    void manyClientsOnOneHotBucketKeepTheConformanceBound(RedisServer server) throws Exception {
        List<Long> levels = new ArrayList<>();
        long[] grants = run(server, "conformance", SCRIPT_AS_SHIPPED, THREADS, true, (bucket, connection, out) -> {
            Reply reply = bucket.call(Operation.TAKE, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
            synchronized (levels) {
                levels.add(reply.level);
            }
            if (reply.status == RedisTokenBucket.GRANTED) {
                out.add(reply.nowMicros + reply.lag);                  // the state's time, if the clock stepped back
            }
        });
        assertNull(ConformanceChecker.violation(grants, CAPACITY, rate(), step()));
        assertTrue(grants.length > CAPACITY, "the run granted tokens beyond the first burst: " + grants.length);
        assertTrue(levels.stream().allMatch(level -> level <= CAPACITY), "never more than the capacity held");
    }

    @Test
    void theCheckerCatchesAScriptOnTheClientsClocks(RedisServer server) throws Exception {
        String clientClock = RedisTokenBucket.SCRIPT
                .replace("if ARGV[5] == '' then\n  local time = redis.call('TIME')",
                        "local time = redis.call('TIME')\nlocal serverNow = tonumber(time[1]) * 1000000 + tonumber(time[2])\n"
                                + "if false then")
                .replace("return {status, level, carry, now, epoch, reservation, lag}\n",
                        "return {status, level, carry, serverNow, epoch, reservation, lag}\n");
        assertTrue(clientClock.contains("serverNow, epoch, reservation") && clientClock.contains("if false then"),
                "the variant must apply to today's script");
        long[] grants = run(server, "client-clock", clientClock, THREADS, false, (bucket, connection, out) -> {
            double speed = 1.0 + (FASTEST_CLIENT_CLOCK - 1.0) * connection / (CONNECTIONS - 1);
            long clientNow = CLIENT_CLOCK_ORIGIN_MICROS + (long) ((System.nanoTime() - CLIENT_CLOCK_ORIGIN_NANOS) / 1000L * speed);
            Reply reply = bucket.call(Operation.TAKE, 1, "", "", Long.toString(clientNow));
            if (reply.status == RedisTokenBucket.GRANTED) {
                out.add(reply.nowMicros);                              // the server's time: the truth
            }
        });
        assertNotNull(ConformanceChecker.violation(grants, CAPACITY, rate(), step()),
                "a bucket on the clients' clocks must over-admit, and the checker must see it");
    }

    @Test
    void theCheckerCatchesACheckAndAWriteInTwoCalls(RedisServer server) throws Exception {
        RedisCommands<String, String> write = server.connect(Duration.ofSeconds(10)).sync();
        long[] grants = run(server, "two-calls", SCRIPT_AS_SHIPPED, THREADS, true, twoCalls(write));
        assertNotNull(ConformanceChecker.violation(grants, CAPACITY, rate(), step()),
                "a read, then a write, lets two clients take one token; the checker must see it");
    }

    /** The same two calls on one thread keep the bound: the control fails by its race, not by its writes. */
    @Test
    void theTwoCallsOnOneThreadKeepTheBound(RedisServer server) throws Exception {
        RedisCommands<String, String> write = server.connect(Duration.ofSeconds(10)).sync();
        long[] grants = run(server, "two-calls-alone", SCRIPT_AS_SHIPPED, 1, false, twoCalls(write));
        assertNull(ConformanceChecker.violation(grants, CAPACITY, rate(), step()));
        assertTrue(grants.length > CAPACITY, "the run granted tokens beyond the first burst: " + grants.length);
    }

    /**
     * Read the level with the script (a peek, at the server's clock), decide in the client, write the state
     * back whole (configuration, level, carry, base, epoch) and keep the key: a correct bucket, but not atomic.
     */
    private static Attempt twoCalls(RedisCommands<String, String> write) {
        return (bucket, connection, out) -> {
            Reply read = bucket.call(Operation.PEEK, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
            if (read.level >= 1) {
                synchronized (write) {
                    write.hset(bucket.key(), Map.of("c", bucket.configuration().encoded,
                            "l", Long.toString(read.level - 1), "r", Long.toString(read.carry),
                            "b", Long.toString(read.nowMicros + read.lag), "e", Long.toString(read.epoch)));
                    write.persist(bucket.key());
                }
                out.add(read.nowMicros + read.lag);
            }
        };
    }

    /** The checker itself, on histories made by hand. */
    @Test
    void theCheckerCountsEveryWindow() {
        long step = 1_000;                                             // a token a millisecond
        assertNull(ConformanceChecker.violation(new long[] {0, 0, 1_000, 2_000}, 2, 1, step));
        assertNull(ConformanceChecker.violation(new long[] {0, 0, 1, 2_000}, 2, 1, step), "1 us produces one, rounded up");
        assertNotNull(ConformanceChecker.violation(new long[] {0, 0, 0}, 2, 1, step));
        assertNotNull(ConformanceChecker.violation(new long[] {5_000, 0, 0, 1, 2, 1_000}, 2, 1, step));
        assertEquals(null, ConformanceChecker.violation(new long[0], 1, 1, step));
    }

    private static final String SCRIPT_AS_SHIPPED = RedisTokenBucket.SCRIPT;

    /** 200 tokens a second: one every 5 ms, so the run spans 300 tokens' time. */
    private static RedisTokenBucket.Builder configuration() {
        return RedisTokenBucket.builder().capacity(CAPACITY).refill(200, Duration.ofSeconds(1));
    }

    private static long rate() {
        return new RedisTokenBucket.Configuration(configuration()).rate;
    }

    private static long step() {
        return new RedisTokenBucket.Configuration(configuration()).step;
    }

    /**
     * Runs the threads against one new bucket: each calls {@code attempt} in a loop, except, with
     * {@code waiters}, one in four, which reserves with {@code acquire}'s call and parks for the wait the
     * script returned, its grant recorded at the time the token is produced. Returns every grant's
     * server time.
     */
    private static long[] run(RedisServer server, String name, String script, int threadCount, boolean waiters,
            Attempt attempt) throws Exception {
        String bucketName = name + "-" + System.nanoTime();
        List<RedisTokenBucket> buckets = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            buckets.add(configuration().build(server.executor(), bucketName).withScript(script));
        }
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        long end = System.nanoTime() + RUN_MILLIS * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < threadCount; t++) {
            int connection = t % CONNECTIONS;
            boolean waiter = waiters && t % 4 == 3;
            RedisTokenBucket bucket = buckets.get(connection);
            threads.add(new Thread(() -> {
                try {
                    while (System.nanoTime() - end < 0) {
                        if (waiter) {
                            reserveAndWait(bucket, grants);
                        } else {
                            attempt.run(bucket, connection, grants);
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, name + "-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("a client failed", failures.peek());
        }
        return grants.stream().mapToLong(Long::longValue).toArray();
    }

    /** acquire(1), as RedisTokenBucket does it, recording the time the token is produced. */
    private static void reserveAndWait(RedisTokenBucket bucket, ConcurrentLinkedQueue<Long> grants) {
        Reply reply = bucket.call(Operation.RESERVE, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
        if (reply.status == RedisTokenBucket.GRANTED) {
            grants.add(reply.nowMicros);
            return;
        }
        long dueMicros = reply.dueMicros(1);
        grants.add(dueMicros);
        LockSupport.parkNanos((dueMicros - reply.nowMicros) * 1000L);
    }
}
