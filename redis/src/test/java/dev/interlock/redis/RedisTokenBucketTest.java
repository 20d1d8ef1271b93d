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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.redis.RedisTokenBucket.Operation;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The contract of {@link RedisTokenBucket}, on a real {@code redis-server} and its clock: each test uses
 * keys of its own. Time-dependent tests use rates slow enough that a loaded machine cannot make the
 * bucket refill between two calls, or assert bounds in the direction the server's clock guarantees.
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(60)
class RedisTokenBucketTest {
    private RedisScriptExecutor redis;
    private RedisCommands<String, String> commands;
    private String name;

    @BeforeEach
    void connect(RedisServer server, TestInfo test) {
        redis = server.executor();
        commands = server.connect(Duration.ofSeconds(10)).sync();
        name = test.getTestMethod().orElseThrow().getName() + "-" + System.nanoTime();
    }

    private RedisTokenBucket.Builder slow(long capacity) {
        return RedisTokenBucket.builder().capacity(capacity).refill(1, Duration.ofHours(1));
    }

    // ---- The model

    @Test
    void aNewBucketHoldsItsCapacityUnlessInitialTokensAreSet() {
        RedisTokenBucket full = slow(5).build(redis, name);
        for (int i = 0; i < 5; i++) {
            assertTrue(full.tryAcquire(), "token " + i);
        }
        assertFalse(full.tryAcquire());
        RedisTokenBucket empty = slow(5).initialTokens(2).build(redis, name + "-two");
        assertEquals(2, empty.availableTokens());
        assertTrue(empty.tryAcquire(2));
        assertFalse(empty.tryAcquire());
    }

    @Test
    void aRequestForMoreThanTheBucketHoldsTakesNothing() {
        RedisTokenBucket bucket = slow(5).build(redis, name);
        assertTrue(bucket.tryAcquire(3));
        assertFalse(bucket.tryAcquire(3));
        assertEquals(2, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(2));
    }

    @Test
    void tokensComeBackAtTheRateOnTheServersClock() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(3).refill(3, Duration.ofSeconds(3))
                .build(redis, name);
        assertTrue(bucket.tryAcquire(3));
        assertFalse(bucket.tryAcquire());
        Thread.sleep(1_500);                                           // one token's time and a half
        long produced = peekLevel(bucket);
        assertTrue(produced == 1 || produced == 2, "one token a second, before the bucket is full: " + produced);
    }

    @Test
    void aDeniedProbeSaysHowLongToWait() {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofSeconds(10))
                .build(redis, name);
        assertEquals(new TokenBucket.Probe(true, 0, 0), bucket.tryAcquireAndProbe(1));
        TokenBucket.Probe denied = bucket.tryAcquireAndProbe(1);
        assertFalse(denied.granted());
        assertEquals(0, denied.remainingTokens());
        assertTrue(denied.nanosToWait() > 9_000_000_000L && denied.nanosToWait() <= 10_000_000_000L,
                "waits about 10 s: " + denied.nanosToWait());
        assertEquals(10, denied.retryAfterSeconds());
    }

    @Test
    void aServerClockThatStepsBackAddsNoToken() {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(3).refill(1, Duration.ofSeconds(1))
                .initialTokens(0).build(redis, name);
        long start = 1_765_000_000_000_000L;                           // microseconds, on the test clock
        assertEquals(0, peek(bucket, start));
        assertEquals(2, peek(bucket, start + 2_000_000));
        assertEquals(RedisTokenBucket.GRANTED, bucket.call(Operation.TAKE, 2, "", "", Long.toString(start + 2_000_000)).status);
        assertEquals(0, peek(bucket, start + 1_000_000), "a second back: nothing produced twice");
        assertEquals(0, peek(bucket, start + 2_999_999));
        assertEquals(1, peek(bucket, start + 3_000_000));
    }

    private static long peek(RedisTokenBucket bucket, long micros) {
        return bucket.call(Operation.PEEK, 1, "", "", Long.toString(micros)).level;
    }

    // ---- Waiting

    @Test
    void acquireWaitsForTheTokensToBeProduced() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(10, Duration.ofSeconds(1))
                .initialTokens(0).build(redis, name);
        long start = System.nanoTime();
        bucket.acquire();
        bucket.acquire();
        bucket.acquire();
        long took = System.nanoTime() - start;
        assertTrue(took >= 290_000_000L, "three tokens at 10 a second take 300 ms from the bucket's creation: " + took);
        assertTrue(took < 10_000_000_000L, "but not much more: " + took);
    }

    @Test
    void aWaitersTokensCannotBeTakenByANewcomer() throws Exception {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofMillis(500))
                .initialTokens(0).build(redis, name);
        CompletableFuture<Long> waiter = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            try {
                bucket.acquire();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return System.nanoTime() - start;
        });
        while (peekLevel(bucket) >= 0 && !waiter.isDone()) {
            Thread.onSpinWait();                                       // until the waiter's reservation shows
        }
        assertFalse(bucket.tryAcquire(), "the token being produced is the waiter's");
        assertTrue(waiter.get(10, TimeUnit.SECONDS) > 0L, "and the waiter gets it");
    }

    @Test
    void anInterruptedWaiterGivesItsReservationBack() throws Exception {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofSeconds(10))
                .initialTokens(0).build(redis, name);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                bucket.acquire();
                outcome.set(new AssertionError("acquired"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        waiter.start();
        while (peekLevel(bucket) >= 0) {
            Thread.sleep(1);                                           // until the reservation shows: level -1
        }
        waiter.interrupt();
        waiter.join(10_000);
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertEquals(0, peekLevel(bucket), "given back, exactly once");
        long after = bucket.tryAcquireAndProbe(1).nanosToWait();
        assertTrue(after > 9_000_000_000L && after <= 10_000_000_000L, "one token's wait again: " + after);
    }

    @Test
    void aTimedTryAcquireThatCannotSucceedInTimeReturnsAtOnceHavingChangedNothing() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofSeconds(10))
                .initialTokens(0).build(redis, name);
        long before = bucket.tryAcquireAndProbe(1).nanosToWait();
        long start = System.nanoTime();
        assertFalse(bucket.tryAcquire(1, Duration.ofSeconds(5)));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "did not wait");
        assertTrue(bucket.tryAcquireAndProbe(1).nanosToWait() <= before, "reserved nothing");
    }

    @Test
    void aTimedTryAcquireWaitsWhenTheTokensComeInTime() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofSeconds(1))
                .initialTokens(0).build(redis, name);
        assertTrue(bucket.tryAcquire(1, 3, TimeUnit.SECONDS));
        assertFalse(bucket.tryAcquire(1, Duration.ZERO), "a zero timeout is one attempt");
    }

    // ---- The key

    @Test
    void theKeyExpiresWhenTheBucketIsFullAgain() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(2).refill(2, Duration.ofMillis(300))
                .build(redis, name);
        RedisTokenBucket.Reply taken = bucket.call(Operation.TAKE, 2, "", "", RedisTokenBucket.SERVER_CLOCK);
        assertEquals(RedisTokenBucket.GRANTED, taken.status);
        long full = (taken.nowMicros + 300_000 + 999) / 1_000;         // full again 300 ms on, rounded up to a ms
        assertEquals(full, commands.pexpiretime(bucket.key()), "expires exactly when the bucket is full again");
        Thread.sleep(400);
        assertEquals(0, commands.exists(bucket.key()));
        assertTrue(bucket.tryAcquire(2), "an expired key is a new, full bucket");
    }

    @Test
    void theKeysShareTheBucketsHashTag() {
        String key = slow(1).build(redis, name).key();
        assertEquals("interlock:token-bucket:{" + name + "}", key);
        assertEquals(SlotHash.getSlot(key), SlotHash.getSlot(key + ":refunds"), "the refund marks' key, on Redis Cluster");
        RedisTokenBucketFamily family = slow(1).buildFamily(redis, name);
        assertEquals("interlock:token-buckets:{" + name + ":user-7}", family.bucket("user-7").key());
        assertThrows(IllegalArgumentException.class, () -> slow(1).buildFamily(redis, "a:b"),
                "family a:b, member c would share family a, member b:c's key");
    }

    @Test
    void theMembersOfAFamilyHaveBucketsOfTheirOwn() {
        RedisTokenBucketFamily family = slow(1).buildFamily(redis, name);
        assertTrue(family.bucket("a").tryAcquire());
        assertFalse(family.bucket("a").tryAcquire());
        assertTrue(family.bucket("b").tryAcquire());
    }

    @Test
    void aKeyStoredWithAnotherConfigurationIsRefusedAndLeftAsItWas() {
        RedisTokenBucket first = slow(5).build(redis, name);
        assertTrue(first.tryAcquire(2));
        RedisTokenBucket other = slow(6).build(redis, name);
        IllegalStateException refused = assertThrows(IllegalStateException.class, other::tryAcquire);
        assertTrue(refused.getMessage().contains("INTERLOCK-CONFIG"), refused.getMessage());
        assertEquals(3, first.availableTokens());
    }

    @Test
    void migrateMovesTheKeyToTheNewConfigurationKeepingItsTokens() {
        RedisTokenBucket first = slow(5).build(redis, name);
        assertTrue(first.tryAcquire(3));
        RedisTokenBucket larger = slow(10).migrate().build(redis, name);
        assertEquals(2, larger.availableTokens(), "a larger capacity adds no token");
        assertThrows(IllegalStateException.class, first::tryAcquire, "the old configuration is refused now");
        RedisTokenBucket smaller = slow(1).migrate().build(redis, name);
        assertEquals(1, smaller.availableTokens(), "capped at the new capacity");
        long ttl = commands.pttl(smaller.key());
        assertTrue(ttl == -2 || (ttl >= 0 && ttl <= 1), "full, so the key expires at once: a new bucket: " + ttl);
    }

    @Test
    void aKeyThatOwesTokensToWaitersIsNotMigrated() {
        RedisTokenBucket first = slow(5).initialTokens(0).build(redis, name);
        assertEquals(RedisTokenBucket.RESERVED, first.call(Operation.RESERVE, 2, "", "", RedisTokenBucket.SERVER_CLOCK).status);
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> slow(50).migrate().build(redis, name).tryAcquire());
        assertTrue(refused.getMessage().contains("owes tokens"), refused.getMessage());
        assertEquals(-2, peekLevel(first));
    }

    @Test
    void eachCallIsOneRoundTrip() throws InterruptedException {
        RedisTokenBucket bucket = slow(120).build(redis, name);
        RedisTokenBucket waited = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofMillis(50)).initialTokens(0)
                .build(redis, name + "-waited");
        assertTrue(bucket.tryAcquire(), "loads the script, if no test has yet");
        assertEquals("OK", commands.configResetstat());
        for (int i = 0; i < 20; i++) {
            assertTrue(bucket.tryAcquire());
            assertTrue(bucket.tryAcquireAndProbe(2).granted());
            bucket.availableTokens();
            bucket.acquire(1);
            assertTrue(bucket.tryAcquire(1, Duration.ofSeconds(1)));
        }
        waited.acquire(1);                                             // reserves, parks about 50 ms, returns
        assertTrue(waited.tryAcquire(1, Duration.ofSeconds(10)), "the same with a timeout");
        String stats = commands.info("commandstats");
        assertTrue(stats.contains("cmdstat_evalsha:calls=102,"), "102 calls, 102 EVALSHA, waits included:\n" + stats);
        assertFalse(stats.contains("cmdstat_eval:"), "and nothing else from the client:\n" + stats);
    }

    /** A confirmation reaches the server after the due time: the key must still be there, however fast the bucket. */
    @Test
    void underConfirmationALateConfirmationStillFindsItsBucket() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1).refill(1, Duration.ofMillis(1)).initialTokens(0)
                .confirmReservations().build(redis, name);
        RedisTokenBucket.Reply reserved = bucket.call(Operation.RESERVE, 1, "", "", RedisTokenBucket.SERVER_CLOCK);
        assertEquals(RedisTokenBucket.RESERVED, reserved.status);
        Thread.sleep(20);                                              // due after 1 ms, full again after 2
        String mark = reserved.epoch + ":" + reserved.reservation + ":" + reserved.dueMicros(1);
        assertEquals(RedisTokenBucket.GRANTED, bucket.call(Operation.CONFIRM, 1, "", mark,
                RedisTokenBucket.SERVER_CLOCK).status, "the bucket outlives its marks");
        bucket.acquire(1);                                             // and a whole wait, confirmation included
    }

    /** Under confirmation, refunds must not let the key expire before a waiter behind them confirms. */
    @Test
    void underConfirmationARefundKeepsTheBucketUntilTheLatestMarksDueTime() {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(5).refill(5, Duration.ofSeconds(10)).initialTokens(0)
                .confirmReservations().build(redis, name);
        RedisTokenBucket.Reply[] reserved = new RedisTokenBucket.Reply[3];
        for (int i = 0; i < 3; i++) {
            reserved[i] = bucket.call(Operation.RESERVE, 5, "", "", RedisTokenBucket.SERVER_CLOCK);
            assertEquals(RedisTokenBucket.RESERVED, reserved[i].status);
        }
        for (int i = 0; i < 2; i++) {                                  // the first two waiters give up
            String refund = reserved[i].epoch + ":" + reserved[i].reservation + ":" + reserved[i].dueMicros(5);
            assertEquals(RedisTokenBucket.REFUNDED, bucket.call(Operation.REFUND, 5, "", refund,
                    RedisTokenBucket.SERVER_CLOCK).status);
        }
        long lastDueMillis = (reserved[2].dueMicros(5) + 999) / 1000;  // 30 s; full again after 20 s
        assertTrue(commands.pexpiretime(bucket.key()) >= lastDueMillis, "the third waiter still finds its bucket");
        assertTrue(commands.pexpiretime(bucket.key() + ":reservations") > lastDueMillis, "and its mark");
        assertTrue(commands.pexpiretime(bucket.key()) >= commands.pexpiretime(bucket.key() + ":reservations"),
                "the bucket outlives its marks");
    }

    @Test
    void theScriptIsSentAgainAfterTheServerForgetsIt() {
        RedisTokenBucket bucket = slow(3).build(redis, name);
        assertTrue(bucket.tryAcquire());
        assertEquals("OK", commands.scriptFlush());
        assertTrue(bucket.tryAcquire(), "NOSCRIPT falls back to EVAL: no failed request");
        assertTrue(bucket.tryAcquire());
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void aRefundIsAppliedOnceOnlyToTheBucketThatReservedAndOnlyBeforeItsTokensAreDue() {
        RedisTokenBucket bucket = slow(3).initialTokens(0).build(redis, name);
        RedisTokenBucket.Reply first = reserve(bucket, 1);
        RedisTokenBucket.Reply second = reserve(bucket, 1);
        assertEquals(-2, peekLevel(bucket));
        String due = Long.toString(first.nowMicros + 7_200_000_000L);
        assertEquals(RedisTokenBucket.REFUNDED, refund(bucket, first.epoch + ":" + first.reservation + ":" + due));
        long markExpiresIn = commands.pttl(bucket.key() + ":refunds");
        assertTrue(markExpiresIn > 7_200_000L + 590_000L && markExpiresIn <= 7_200_000L + 600_001L,
                "the mark expires 10 minutes after its due time: " + markExpiresIn + " ms");
        assertEquals(RedisTokenBucket.REFUND_IGNORED, refund(bucket, first.epoch + ":" + first.reservation + ":" + due),
                "a refund sent again (a client's replay) gives nothing twice");
        assertEquals(RedisTokenBucket.REFUND_IGNORED, refund(bucket, (first.epoch - 1) + ":" + second.reservation + ":" + due),
                "another bucket's reservation");
        assertEquals(RedisTokenBucket.REFUND_IGNORED, refund(bucket, first.epoch + ":" + (second.reservation + 1) + ":" + due),
                "a reservation this state has not seen (a restored, older state)");
        assertEquals(RedisTokenBucket.REFUND_TOO_LATE, refund(bucket, first.epoch + ":" + second.reservation + ":"
                + first.nowMicros), "the tokens are produced: the waiter has them");
        assertEquals(-1, peekLevel(bucket));
        commands.del(bucket.key());
        assertEquals(RedisTokenBucket.REFUND_IGNORED, refund(bucket, first.epoch + ":" + second.reservation + ":" + due),
                "no key, nothing to give back to");
        assertEquals(0, commands.exists(bucket.key()));
    }

    @Test
    void refundsAreRememberedTenMinutesPastTheirDueTimeSoTheMarksStayBounded() {
        RedisTokenBucket bucket = slow(100).initialTokens(0).build(redis, name);
        long start = 1_000_000_000_000L;                               // the test clock, in microseconds
        long minute = 60_000_000L;
        String[] refunds = new String[30];
        for (int i = 0; i < refunds.length; i++) {                     // one a minute, each due 2 minutes on
            String now = Long.toString(start + i * minute);
            RedisTokenBucket.Reply reply = bucket.call(Operation.RESERVE, 1, "", "", now);
            assertEquals(RedisTokenBucket.RESERVED, reply.status);
            refunds[i] = reply.epoch + ":" + reply.reservation + ":" + (start + (i + 2) * minute);
            assertEquals(RedisTokenBucket.REFUNDED, bucket.call(Operation.REFUND, 1, "", refunds[i], now).status);
        }
        String last = Long.toString(start + 29 * minute);
        assertEquals(13, commands.zcard(bucket.key() + ":refunds"),
                "at minute 29, the marks due from minute 19 on: those of minutes 17 to 29");
        assertEquals(RedisTokenBucket.REFUND_IGNORED, bucket.call(Operation.REFUND, 1, "", refunds[17], last).status,
                "a replay 10 minutes after the due time is still recognised");
        assertEquals(RedisTokenBucket.REFUND_TOO_LATE, bucket.call(Operation.REFUND, 1, "", refunds[16], last).status,
                "a mark older than that is forgotten, and its tokens are long produced");
        assertEquals(0, bucket.call(Operation.PEEK, 1, "", "", last).level, "every reservation was given back once");
    }

    private static RedisTokenBucket.Reply reserve(RedisTokenBucket bucket, long permits) {
        RedisTokenBucket.Reply reply = bucket.call(Operation.RESERVE, permits, "", "", RedisTokenBucket.SERVER_CLOCK);
        assertEquals(RedisTokenBucket.RESERVED, reply.status);
        return reply;
    }

    private static int refund(RedisTokenBucket bucket, String refund) {
        return bucket.call(Operation.REFUND, 1, "", refund, RedisTokenBucket.SERVER_CLOCK).status;
    }

    private static long peekLevel(RedisTokenBucket bucket) {
        return bucket.call(Operation.PEEK, 1, "", "", RedisTokenBucket.SERVER_CLOCK).level;
    }

    // ---- Bad input and limits

    @Test
    void badPermitsThrowAndChangeNothing() {
        RedisTokenBucket bucket = slow(5).build(redis, name);
        assertTrue(bucket.tryAcquire());
        assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(0));
        assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(-1));
        assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(6));
        assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquireAndProbe(6));
        assertThrows(IllegalArgumentException.class, () -> bucket.acquire(0));
        assertThrows(IllegalArgumentException.class, () -> bucket.tryAcquire(6, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> bucket.tryAcquire(1, null));
        assertThrows(NullPointerException.class, () -> bucket.tryAcquire(1, 1, null));
        assertEquals(4, bucket.availableTokens());
    }

    @Test
    void theBuilderRefusesWhatItCannotBuild() {
        assertThrows(IllegalStateException.class, () -> RedisTokenBucket.builder().refill(1, Duration.ofSeconds(1))
                .build(redis, name));
        assertThrows(IllegalStateException.class, () -> RedisTokenBucket.builder().capacity(1).build(redis, name));
        assertThrows(IllegalArgumentException.class, () -> slow(1).initialTokens(2).build(redis, name));
        assertThrows(IllegalArgumentException.class, () -> slow(1).build(redis, ""));
        assertThrows(IllegalArgumentException.class, () -> slow(1).build(redis, "a{b"));
        assertThrows(IllegalArgumentException.class, () -> slow(1).buildFamily(redis, name).bucket("}"));
        assertThrows(NullPointerException.class, () -> slow(1).build(null, name));
        assertThrows(IllegalArgumentException.class, () -> RedisTokenBucket.builder().capacity(0));
        assertThrows(IllegalArgumentException.class, () -> RedisTokenBucket.builder().refill(2, Duration.ofNanos(1)));
    }

    @Test
    void theBuilderRefusesAConfigurationTheScriptCannotCountExactly() {
        IllegalArgumentException tooFine = assertThrows(IllegalArgumentException.class, () -> RedisTokenBucket.builder()
                .capacity(10).refill(999_999_999_937L, Duration.ofNanos(999_999_999_989L)).build(redis, name));
        assertTrue(tooFine.getMessage().contains("2^52"), tooFine.getMessage());
        IllegalArgumentException tooLarge = assertThrows(IllegalArgumentException.class, () -> RedisTokenBucket.builder()
                .capacity(1_000_000_000L).refill(1, Duration.ofHours(1)).build(redis, name));
        assertTrue(tooLarge.getMessage().contains("2^51"), tooLarge.getMessage());
    }

    @Test
    void aReservationBeyondWhatTheScriptCanCountIsRefused() throws InterruptedException {
        RedisTokenBucket bucket = RedisTokenBucket.builder().capacity(1_000).refill(1, Duration.ofDays(1))
                .initialTokens(0).build(redis, name);
        RedisTokenBucket.Reply first = bucket.call(Operation.RESERVE, 1_000, "", "", RedisTokenBucket.SERVER_CLOCK);
        assertEquals(RedisTokenBucket.RESERVED, first.status);
        IllegalStateException refused = null;
        for (int i = 0; i < 100_000 && refused == null; i++) {
            try {
                bucket.call(Operation.RESERVE, 1_000, "", "", RedisTokenBucket.SERVER_CLOCK);
            } catch (IllegalStateException e) {
                refused = e;
            }
        }
        assertNotEquals(null, refused, "the debt limit is reached within 2^52 / (1000 * 8.64e10) reservations");
        assertTrue(refused.getMessage().contains("INTERLOCK-DEBT"), refused.getMessage());
        assertFalse(bucket.tryAcquire(1_000, Duration.ofSeconds(1)), "a timed try past the limit is just too late");
    }
}
