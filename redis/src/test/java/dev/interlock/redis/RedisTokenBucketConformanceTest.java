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
 * window of the history against the tokens the ideal bucket held at its start. The level the script
 * reports must never exceed the capacity.
 *
 * <p>Two negative controls, with the same threads, connections, bucket and run time (the first without
 * waiters, whose calls would need a client clock too), must be caught by the same checker:
 * <ul>
 *   <li>the script computing on the <em>clients'</em> clocks, which drift apart (up to
 *       {@value #FASTEST_CLIENT_CLOCK} times real time, so that a short run shows it): the bucket follows
 *       the fastest clock and hands out tokens before the server's time has produced them. Clocks that
 *       differ only by a constant offset over-admit once, when the leading client first follows a lagging
 *       one, by its lead times the rate, and not at all if the bucket is full then: a short run may not
 *       show that, so these clocks drift;</li>
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
        History history = run(server, "conformance", SCRIPT_AS_SHIPPED, THREADS, true, false, (bucket, connection, out) -> {
            Reply reply = bucket.call(Operation.TAKE, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
            synchronized (levels) {
                levels.add(reply.level);
            }
            if (reply.status == RedisTokenBucket.GRANTED) {
                out.add(reply.nowMicros + reply.lag);                  // the state's time, if the clock stepped back
            }
        });
        assertNull(history.violation());
        assertTrue(history.grants.length > CAPACITY, "the run granted tokens beyond the first burst: " + history.grants.length);
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
        History history = run(server, "client-clock", clientClock, THREADS, false, true, (bucket, connection, out) -> {
            Reply reply = bucket.call(Operation.TAKE, 1, "", "", clientNow(connection));
            if (reply.status == RedisTokenBucket.GRANTED) {
                out.add(reply.nowMicros);                              // the server's time: the truth
            }
        });
        assertNotNull(history.violation(), "a bucket on the clients' clocks must over-admit, and the checker must see it");
    }

    @Test
    void theCheckerCatchesACheckAndAWriteInTwoCalls(RedisServer server) throws Exception {
        RedisCommands<String, String> write = server.connect(Duration.ofSeconds(10)).sync();
        History history = run(server, "two-calls", SCRIPT_AS_SHIPPED, THREADS, true, false, twoCalls(write));
        assertNotNull(history.violation(),
                "a read, then a write, lets two clients take one token; the checker must see it");
    }

    /** The same two calls on one thread keep the bound: the control fails by its race, not by its writes. */
    @Test
    void theTwoCallsOnOneThreadKeepTheBound(RedisServer server) throws Exception {
        RedisCommands<String, String> write = server.connect(Duration.ofSeconds(10)).sync();
        History history = run(server, "two-calls-alone", SCRIPT_AS_SHIPPED, 1, false, false, twoCalls(write));
        assertNull(history.violation());
        assertTrue(history.grants.length > CAPACITY, "the run granted tokens beyond the first burst: " + history.grants.length);
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
        assertNull(ConformanceChecker.violation(new long[] {0, 0, 1_000, 2_000}, 2, 1, step, 0, 2));
        assertNull(ConformanceChecker.violation(new long[] {2_000, 1_000, 0, 0}, 2, 1, step, 0, 2), "in any order");
        assertNotNull(ConformanceChecker.violation(new long[] {0, 0, 999, 2_000}, 2, 1, step, 0, 2),
                "a token is produced when its whole step has passed, not before");
        assertNotNull(ConformanceChecker.violation(new long[] {0, 0, 0}, 2, 1, step, 0, 2));
        assertNotNull(ConformanceChecker.violation(new long[] {5_000, 0, 0, 1, 2, 1_000}, 2, 1, step, 0, 2));
        assertNotNull(ConformanceChecker.violation(new long[] {500}, 2, 1, step, 0, 0), "created empty: nothing to grant yet");
        assertNull(ConformanceChecker.violation(new long[] {1_500, 2_500}, 2, 1, step, 500, 0), "the grid starts at the epoch");
        assertNotNull(ConformanceChecker.violation(new long[] {1_000}, 2, 1, step, 500, 0), "not at zero");
        assertNull(ConformanceChecker.violation(new long[] {10_000, 10_000, 11_000}, 2, 1, step, 0, 0),
                "full after 2 ms; the tokens of the next 8 are lost to the cap");
        assertNotNull(ConformanceChecker.violation(new long[] {10_000, 10_000, 10_000}, 2, 1, step, 0, 0),
                "never more than the capacity held");
        assertNotNull(ConformanceChecker.violation(new long[] {0, 1_000, 1_000}, 20, 1, step, 0, 1),
                "the tokens held at a window's start are the replayed ones, not the capacity");
        assertNotNull(ConformanceChecker.violation(new long[] {-1}, 1, 1, step, 0, 1), "before the bucket existed");
        assertEquals(null, ConformanceChecker.violation(new long[0], 1, 1, step, 0, 1));
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
     * script returned, its grant recorded at the time the token is produced. The bucket is created first,
     * by one take on connection 0's clock. Returns every grant's server time, and the creation's.
     */
    private static History run(RedisServer server, String name, String script, int threadCount, boolean waiters,
            boolean clientClocks, Attempt attempt) throws Exception {
        String bucketName = name + "-" + System.nanoTime();
        List<RedisTokenBucket> buckets = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            buckets.add(configuration().build(server.executor(), bucketName).withScript(script));
        }
        String clock = clientClocks ? clientNow(0) : RedisTokenBucket.SERVER_CLOCK;
        // The bucket's creation, by a take: a full bucket's key expires at once, and a new one has a new epoch.
        Reply created = buckets.get(0).call(Operation.TAKE, 1, "", "", clock);
        assertEquals(CAPACITY - 1, created.level, "a new bucket, created full, then one taken");
        ConcurrentLinkedQueue<Long> grants = new ConcurrentLinkedQueue<>(List.of(created.nowMicros));
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
        return new History(grants.stream().mapToLong(Long::longValue).toArray(), created.nowMicros);
    }

    /** The server times of a run's grants, and of its bucket's creation. */
    private record History(long[] grants, long originMicros) {
        String violation() {
            return ConformanceChecker.violation(grants, CAPACITY, rate(), step(), originMicros, CAPACITY);
        }
    }

    /** Connection {@code c}'s clock, in microseconds: it runs at 1 + c/3 times real time (see the class notes). */
    private static String clientNow(int connection) {
        double speed = 1.0 + (FASTEST_CLIENT_CLOCK - 1.0) * connection / (CONNECTIONS - 1);
        return Long.toString(CLIENT_CLOCK_ORIGIN_MICROS + (long) ((System.nanoTime() - CLIENT_CLOCK_ORIGIN_NANOS) / 1000L * speed));
    }

    /** acquire(1), as RedisTokenBucket does it, recording the time the token is produced. */
    private static void reserveAndWait(RedisTokenBucket bucket, ConcurrentLinkedQueue<Long> grants) {
        Reply reply = bucket.call(Operation.RESERVE, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
        if (reply.status == RedisTokenBucket.GRANTED) {
            grants.add(reply.nowMicros + reply.lag);                   // the state's time, as for a take
            return;
        }
        long dueMicros = reply.dueMicros(1);
        grants.add(dueMicros);
        LockSupport.parkNanos((dueMicros - reply.nowMicros) * 1000L);
    }
}
