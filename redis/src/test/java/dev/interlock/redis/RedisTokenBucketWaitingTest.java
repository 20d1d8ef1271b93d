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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.ratelimit.ManualTimeSource;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public waiting methods, {@code acquire} and the timed {@code tryAcquire}, with both clocks in the
 * test's hands: the server's (an executor that gives the script a test time instead of {@code TIME}) and
 * the waiting thread's (a {@link ManualTimeSource}). So the test can let the server's time pass a
 * waiter's due while the waiter still parks, and step the server's clock back, and check what the
 * waiter then does: its deadline, its refund, and what it returns or throws.
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(60)
class RedisTokenBucketWaitingTest {
    private static final long START = 1_765_000_000_000_000L;          // microseconds

    private final AtomicLong serverMicros = new AtomicLong(START);
    private final ManualTimeSource clientClock = new ManualTimeSource();
    private RedisTokenBucket bucket;

    @BeforeEach
    void build(RedisServer server, TestInfo test) {
        RedisScriptExecutor real = server.executor();
        RedisScriptExecutor onTestTime = (sha1, script, keys, arguments) -> {
            String[] timed = arguments.clone();
            timed[4] = Long.toString(serverMicros.get());              // ARGV[5]: the server's clock, ours
            return real.evaluate(sha1, script, keys, timed);
        };
        bucket = RedisTokenBucket.builder().capacity(5).refill(1, Duration.ofSeconds(1)).initialTokens(0)
                .timeSource(clientClock).build(onTestTime, test.getTestMethod().orElseThrow().getName() + System.nanoTime());
        commands = server.connect(Duration.ofSeconds(10)).sync();
    }

    private RedisCommands<String, String> commands;

    /**
     * What a restart without persistence does to a waiter: its reservation is lost with the key, and it
     * still takes its tokens at its due time, as promised when it reserved. It never asks again (one
     * round trip), so a new bucket made meanwhile over-admits by its initial tokens plus this debt
     * (docs/distributed-rate-limiting.md).
     */
    @Test
    void aWaiterIsGrantedAtItsDueEvenIfTheKeyWasLostMeanwhile() throws Exception {
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals(1L, commands.del(bucket.key()), "the key is lost, as in a restart without persistence");
        clientClock.advance(2_000_000_000L);
        assertEquals("granted", outcome.get(10, TimeUnit.SECONDS));
        assertEquals(0L, commands.exists(bucket.key()), "it did not ask again: no key was made");
    }

    private long level() {
        return bucket.call(RedisTokenBucket.Operation.PEEK, 1, "", "", Long.toString(serverMicros.get())).level;
    }

    /** Starts {@code acquire(permits)} and waits until it parks on the client's clock; its outcome, or its throwable. */
    private CompletableFuture<Object> acquireInThread(long permits, Thread[] thread) {
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        thread[0] = new Thread(() -> {
            try {
                bucket.acquire(permits);
                outcome.complete(Thread.currentThread().isInterrupted() ? "granted, interrupt kept" : "granted");
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        thread[0].setDaemon(true);
        thread[0].start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!outcome.isDone() && LockSupport.getBlocker(thread[0]) != bucket) {
            assertTrue(System.nanoTime() - deadline < 0, "the waiter neither returned nor parked");
            Thread.onSpinWait();
        }
        return outcome;
    }

    @Test
    void aWaiterParksForTheExactWaitAndIsGrantedAtItsDue() throws Exception {
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals(-2, level());
        clientClock.advance(1_999_999_999L);                           // two tokens take 2 s; 1 ns short
        Thread.sleep(50);
        assertFalse(outcome.isDone(), "not before its due");
        clientClock.advance(1L);
        assertEquals("granted", outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aWaiterInterruptedBeforeItsDueGivesItsTokensBack() throws Exception {
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        serverMicros.addAndGet(1_999_999);                             // the server too: 1 us before the due
        thread[0].interrupt();
        assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals(1, level(), "given back: the token produced meanwhile is free");
    }

    @Test
    void aWaiterInterruptedAfterTheServersDueKeepsItsTokensAndItsInterrupt() throws Exception {
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        serverMicros.addAndGet(2_000_000);                             // the server has produced them; the waiter parks on
        thread[0].interrupt();
        assertEquals("granted, interrupt kept", outcome.get(10, TimeUnit.SECONDS));
        assertEquals(0, level(), "the tokens are the waiter's, not given back");
    }

    @Test
    void aServerClockThatSteppedBackLengthensTheWaitByItsLag() throws Exception {
        assertEquals(0, level());                                      // the key, at START
        serverMicros.addAndGet(-500_000);                              // the server's clock steps back 0.5 s
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(1, thread);
        clientClock.advance(1_499_999_999L);                           // one token's 1 s, plus the 0.5 s lag, 1 ns short
        Thread.sleep(50);
        assertFalse(outcome.isDone(), "the lag is waited for");
        clientClock.advance(1L);
        assertEquals("granted", outcome.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aTimedTryCountsTheLagAgainstItsTimeout() throws Exception {
        assertEquals(0, level());
        serverMicros.addAndGet(-500_000);
        assertFalse(bucket.tryAcquire(1, Duration.ofMillis(1_499)), "1 s for the token and 0.5 s of lag: too late");
        assertEquals(0, level(), "and nothing reserved");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        thread[0] = new Thread(() -> {
            try {
                outcome.complete(bucket.tryAcquire(1, Duration.ofMillis(1_500)));
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        thread[0].setDaemon(true);
        thread[0].start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (LockSupport.getBlocker(thread[0]) != bucket) {
            assertNull(outcome.getNow(null), "reserved and parked, not returned");
            assertTrue(System.nanoTime() - deadline < 0, "the waiter never parked");
            Thread.onSpinWait();
        }
        clientClock.advance(1_500_000_000L);
        assertEquals(Boolean.TRUE, outcome.get(10, TimeUnit.SECONDS));
    }
}
