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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.ratelimit.ManualTimeSource;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis unavailable: a server that stops answering ({@code CLIENT PAUSE}) gives the caller
 * {@link RedisUnavailableException} and grants nothing twice; and each {@link UnavailablePolicy}, with the
 * outage made by an executor that can be switched off between calls to the real server.
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(60)
class RedisTokenBucketUnavailableTest {
    private RedisServer server;
    private Switchable redis;
    private String name;

    @BeforeEach
    void connect(RedisServer server, TestInfo test) {
        this.server = server;
        this.redis = new Switchable(server.executor());
        this.name = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    private RedisTokenBucket.Builder slow(long capacity) {
        return RedisTokenBucket.builder().capacity(capacity).refill(1, Duration.ofHours(1));
    }

    @Test
    void aPausedServerTimesTheCallOutAndGrantsNothingTwice() throws InterruptedException {
        RedisCommands<String, String> admin = server.connect(Duration.ofSeconds(10)).sync();
        RedisTokenBucket bucket = slow(3).build(LettuceScriptExecutor.of(server.connect(Duration.ofMillis(200))), name);
        assertTrue(bucket.tryAcquire());
        assertEquals("OK", admin.clientPause(1_000));
        long start = System.nanoTime();
        assertThrows(RedisUnavailableException.class, bucket::tryAcquire);
        assertTrue(System.nanoTime() - start < 900_000_000L, "the connection's 200 ms timeout, not the pause");
        Thread.sleep(1_200);                                           // the pause ends; the sent call runs
        long left = slow(3).build(server.executor(), name).availableTokens();
        assertTrue(left == 1 || left == 2, "the timed-out call took its token or none, never two: " + left);
    }

    /** A confirmation that Redis does not answer is decided by the policy, as a new call would be. */
    @Test
    void aConfirmationThatFindsRedisDownFollowsThePolicy() throws Exception {
        ManualTimeSource clock = new ManualTimeSource();               // the waiters wake when the test says
        RedisTokenBucket.Builder confirming = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofMillis(300))
                .initialTokens(0).timeSource(clock).confirmReservations();
        RedisTokenBucket closed = confirming.build(redis, name + "-closed");
        RedisTokenBucket local = confirming.whenUnavailable(UnavailablePolicy.localBucket(1, 1, Duration.ofHours(1)))
                .build(redis, name + "-local");
        CompletableFuture<Object> closedOutcome = acquireInThread(closed);
        CompletableFuture<Object> localOutcome = acquireInThread(local);
        redis.down = true;                                             // after their reservations, before their due
        clock.advance(1_000_000_000L);
        assertInstanceOf(RedisUnavailableException.class, closedOutcome.get(10, TimeUnit.SECONDS), "fail closed");
        assertEquals("granted", localOutcome.get(10, TimeUnit.SECONDS), "the local bucket, created full, answers");
        assertEquals(2, redis.refused.get(), "one confirmation each, then the policy: no second call to Redis");
    }

    /** Starts {@code bucket.acquire(1)} and returns once it waits; its outcome, or its throwable. */
    private static CompletableFuture<Object> acquireInThread(RedisTokenBucket bucket) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                bucket.acquire(1);
                outcome.complete("granted");
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        while (LockSupport.getBlocker(thread) != bucket) {
            assertFalse(outcome.isDone(), "granted at once: " + outcome.getNow(null));
            Thread.onSpinWait();
        }
        return outcome;
    }

    @Test
    void failClosedThrows() {
        RedisTokenBucket bucket = slow(3).build(redis, name);
        redis.down = true;
        assertThrows(RedisUnavailableException.class, bucket::tryAcquire);
        assertThrows(RedisUnavailableException.class, () -> bucket.tryAcquireAndProbe(1));
        assertThrows(RedisUnavailableException.class, bucket::availableTokens);
        assertThrows(RedisUnavailableException.class, bucket::acquire);
        assertThrows(RedisUnavailableException.class, () -> bucket.tryAcquire(1, Duration.ofSeconds(1)));
    }

    @Test
    void failOpenGrantsEverything() throws InterruptedException {
        RedisTokenBucket bucket = slow(3).whenUnavailable(UnavailablePolicy.failOpen()).build(redis, name);
        redis.down = true;
        for (int i = 0; i < 10; i++) {
            assertTrue(bucket.tryAcquire(3));
        }
        assertTrue(bucket.tryAcquireAndProbe(1).granted());
        assertEquals(3, bucket.availableTokens());
        bucket.acquire(3);
        assertTrue(bucket.tryAcquire(3, Duration.ofSeconds(1)));
    }

    @Test
    void aLocalBucketLimitsEachProcessDuringTheOutageAndIsDroppedAfterIt() throws InterruptedException {
        RedisTokenBucketFamily family = slow(10).whenUnavailable(UnavailablePolicy.localBucket(2, 1, Duration.ofHours(1)))
                .buildFamily(redis, name);
        assertTrue(family.bucket("a").tryAcquire(10), "Redis answers: its bucket decides");
        redis.down = true;
        assertTrue(family.bucket("a").tryAcquire(2), "the local bucket starts full");
        assertFalse(family.bucket("a").tryAcquire(), "and is shared by the member's bucket objects");
        assertTrue(family.bucket("b").tryAcquire(), "each member has a local bucket of its own");
        assertFalse(family.bucket("a").tryAcquire(1, Duration.ofMillis(10)));
        assertThrows(RedisUnavailableException.class, () -> family.bucket("c").tryAcquire(3),
                "more than the local bucket could ever hold: fail closed for that call");
        redis.down = false;
        assertFalse(family.bucket("a").tryAcquire(), "Redis answers again: its bucket is empty");
        redis.down = true;
        assertTrue(family.bucket("a").tryAcquire(2), "a new outage starts the local buckets full again");
    }

    @Test
    void anInterruptedWaiterWhoseRefundFindsRedisDownIsStillInterrupted() throws Exception {
        RedisTokenBucket bucket = slow(1).initialTokens(0).build(redis, name);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, bucket::acquire, "interrupted before: nothing asked");
        Thread waiter = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (bucket.tryAcquireAndProbe(1).nanosToWait() < Duration.ofMinutes(90).toNanos()
                    && System.nanoTime() - deadline < 0) {
                Thread.onSpinWait();                                   // until the reservation shows
            }
            redis.down = true;
            waiter.interrupt();
        });
        interrupter.setDaemon(true);
        interrupter.start();
        InterruptedException interrupted = assertThrows(InterruptedException.class, bucket::acquire);
        interrupter.join();
        assertEquals(1, interrupted.getSuppressed().length);
        assertTrue(interrupted.getSuppressed()[0] instanceof RedisUnavailableException);
    }

    /** The real server's executor, or an outage: {@code down} makes every call throw as a lost connection would. */
    private static final class Switchable implements RedisScriptExecutor {
        private final RedisScriptExecutor real;
        volatile boolean down;
        final AtomicInteger refused = new AtomicInteger();

        Switchable(RedisScriptExecutor real) {
            this.real = real;
        }

        @Override
        public long[] evaluate(String sha1, String script, String[] keys, String... arguments) {
            if (down) {
                refused.incrementAndGet();
                throw new RedisUnavailableException("switched off", null);
            }
            return real.evaluate(sha1, script, keys, arguments);
        }
    }
}
