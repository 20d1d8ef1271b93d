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
import io.lettuce.core.RestoreArgs;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
        onTestTime = (sha1, script, keys, arguments) -> {
            String[] timed = arguments.clone();
            timed[4] = Long.toString(serverMicros.get());              // ARGV[5]: the server's clock, ours
            calls.incrementAndGet();
            return real.evaluate(sha1, script, keys, timed);
        };
        bucket = RedisTokenBucket.builder().capacity(5).refill(1, Duration.ofSeconds(1)).initialTokens(0)
                .timeSource(clientClock).build(onTestTime, test.getTestMethod().orElseThrow().getName() + System.nanoTime());
        commands = server.connect(Duration.ofSeconds(10)).sync();
    }

    private RedisCommands<String, String> commands;
    private RedisScriptExecutor onTestTime;
    private final AtomicInteger calls = new AtomicInteger();

    private RedisTokenBucket confirming(String name) {
        return RedisTokenBucket.builder().capacity(5).refill(3, Duration.ofSeconds(1)) // 2 tokens: 666,666.7 us
                .initialTokens(0).timeSource(clientClock).confirmReservations().build(onTestTime, name + System.nanoTime());
    }

    /** Waits until the waiter reserved again (the key's level, read without a peek, which would create it) and parks. */
    private void awaitReservedAgain(String expectedLevel, Thread waiter, CompletableFuture<Object> outcome)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!expectedLevel.equals(commands.hget(bucket.key(), "l"))) {
            assertFalse(outcome.isDone(), "a lost reservation is not honoured: " + outcome.getNow(null));
            assertTrue(System.nanoTime() - deadline < 0, "never reserved again");
            Thread.sleep(1);
        }
        while (LockSupport.getBlocker(waiter) != bucket) {
            assertFalse(outcome.isDone(), "a lost reservation is not honoured: " + outcome.getNow(null));
            Thread.onSpinWait();
        }
    }

    /** At its due the waiter finds its reservation lost, reserves again (to this level), and is granted at the new due. */
    private void atItsDueItReservesAgainAndIsGranted(String expectedLevel, Thread waiter, CompletableFuture<Object> outcome)
            throws Exception {
        clientClock.advance(2_000_000_000L);
        awaitReservedAgain(expectedLevel, waiter, outcome);
        clientClock.advance(2_000_000_000L);
        assertEquals("granted", outcome.get(10, TimeUnit.SECONDS));
    }

    /**
     * A waiter reserves 2; then the state goes back to a copy taken before (a failover to a replica behind, a
     * restore), which knew neither the reservation nor its mark, and makes a reservation of 1 with the lost one's
     * number, n = 1. Returns the waiter's outcome.
     */
    private CompletableFuture<Object> reserveThenRollBack(Thread[] thread) {
        assertEquals(0, level());                                      // the state a replica copied
        byte[] copy = commands.dump(bucket.key());
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals("OK", commands.restore(bucket.key(), copy, RestoreArgs.Builder.ttl(0).replace()));
        assertEquals(1L, commands.del(bucket.key() + ":reservations"), "the copy knew neither");
        serverMicros.incrementAndGet();
        assertEquals(RedisTokenBucket.RESERVED, bucket.call(RedisTokenBucket.Operation.RESERVE, 1, "", "",
                Long.toString(serverMicros.get())).status, "a new reservation with the lost one's number");
        return outcome;
    }

    @Test
    void aConfirmingWaiterWhoseStateWasLostReservesAgain() throws Exception {
        bucket = confirming("lost");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals(2L, commands.del(bucket.key(), bucket.key() + ":reservations"), "a restart without persistence");
        atItsDueItReservesAgainAndIsGranted("-2", thread[0], outcome);     // no mark
    }

    @Test
    void aConfirmingWaiterWhoseBucketAloneWasLostReservesAgain() throws Exception {
        bucket = confirming("evicted");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals(1L, commands.del(bucket.key()), "evicted, or deleted to reset it: the marks stay");
        serverMicros.incrementAndGet();                                // a new bucket, a new epoch
        assertEquals(0, level());
        atItsDueItReservesAgainAndIsGranted("-2", thread[0], outcome);     // its mark, not its bucket
    }

    @Test
    void aConfirmingWaiterWhoseStateWasRolledBackReservesAgain() throws Exception {
        bucket = confirming("rolled-back");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = reserveThenRollBack(thread);
        atItsDueItReservesAgainAndIsGranted("-3", thread[0], outcome);     // its mark is not the new one's
    }

    @Test
    void aConfirmingWaiterInterruptedAfterItsStateWasRolledBackGivesNothingBack() throws Exception {
        bucket = confirming("rolled-back-refund");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = reserveThenRollBack(thread);
        thread[0].interrupt();                                         // before its due: it gives its tokens back
        assertInstanceOf(InterruptedException.class, outcome.get(10, TimeUnit.SECONDS));
        assertEquals("-1", commands.hget(bucket.key(), "l"), "this state never reserved them: nothing is given back");
    }

    @Test
    void aConfirmationCostsOneCallAndWritesNoBucket() throws Exception {
        bucket = confirming("stands");
        Thread[] thread = new Thread[1];
        CompletableFuture<Object> outcome = acquireInThread(2, thread);
        assertEquals(1L, commands.zcard(bucket.key() + ":reservations"), "the reservation's mark");
        int reserved = calls.get();
        serverMicros.addAndGet(500_000);                               // a write would move the base
        clientClock.advance(2_000_000_000L);
        assertEquals("granted", outcome.get(10, TimeUnit.SECONDS));
        assertEquals(reserved + 1, calls.get(), "one confirmation");
        assertEquals(Long.toString(START), commands.hget(bucket.key(), "b"), "the bucket was not written");
        assertEquals(0L, commands.zcard(bucket.key() + ":reservations"), "the mark is taken: it lets one waiter through");
    }

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
