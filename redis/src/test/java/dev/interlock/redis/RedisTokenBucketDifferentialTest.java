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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.redis.RedisTokenBucket.Operation;
import dev.interlock.redis.RedisTokenBucket.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The script against {@link TokenBucket}: both are driven through the same random operations at the
 * same times, the script on a test clock (microseconds passed to it instead of the server's
 * {@code TIME}), the local bucket on a {@link ManualTimeSource} at the same instants in nanoseconds,
 * and every answer must be identical: each {@code tryAcquire}, each probe (granted, tokens left,
 * nanoseconds to wait) and each {@code availableTokens}; and a timed {@code tryAcquire} aimed at the exact
 * wait (one nanosecond short, exact, one over), which must reserve, or refuse as too late, on both,
 * and a waiter interrupted on both, whose tokens go back on both, or are granted on both if due.
 *
 * <p>Thirteen configurations, from one token a day to a prime rate near a token a nanosecond, and one
 * with step (rate + 1) just under 2^52, each with 1,000 operations: 13,000 in all. The clock stands still for a third of the steps, moves by up to a
 * few tokens' time for most, and now and then jumps by days, which the script must absorb without
 * leaving the range where its doubles are exact. The random seed is printed, and a failure names
 * the step; {@code -Dextra.jvm.args=-Dinterlock.seed=S} replays seed S.
 */
@ExtendWith(RedisServer.Extension.class)
@Timeout(180)
class RedisTokenBucketDifferentialTest {
    private static final long OPERATIONS_PER_CONFIGURATION = 1_000;
    /** How often each of the script's statuses was compared, by status. */
    private static final int[] OUTCOMES = new int[8];
    /** Reservations outstanding at once, so that the debt stays within the script's 2^52 steps. */
    private static final int MAX_WAITERS = 3;
    /** Where the test clock starts, in microseconds: about the server clock's magnitude today. */
    private static final long START_MICROS = 1_765_000_000_000_000L;

    private record Config(long capacity, long tokens, Duration period, long initial) {
    }

    private static List<Config> configurations() {
        List<Config> all = new ArrayList<>();
        all.add(new Config(1, 1, Duration.ofSeconds(1), 0));
        all.add(new Config(20, 10, Duration.ofSeconds(1), 20));
        all.add(new Config(7, 3, Duration.ofMillis(7), 2));
        all.add(new Config(1_000, 1_000, Duration.ofMinutes(1), 0));
        all.add(new Config(5, 1, Duration.ofDays(1), 5));
        all.add(new Config(100, 1, Duration.ofNanos(1), 100));            // the fastest rate: a token a nanosecond
        all.add(new Config(50, 13, Duration.ofNanos(17), 0));             // 13 000 tokens every 17 us
        all.add(new Config(2_000_000_000L, 999_999_937L, Duration.ofSeconds(1), 0)); // a prime rate: no reduction
        all.add(new Config(3, 2, Duration.ofNanos(3_333_333), 1));        // the carry never vanishes
        all.add(new Config(1_000_000, 1, Duration.ofMillis(1), 1_000_000));
        all.add(new Config(250, 1, Duration.ofDays(100), 0));             // near the capacity * step limit
        all.add(new Config(64, 64, Duration.ofNanos(1_024_000), 64));
        all.add(new Config(10_000_000, 59_999_999, Duration.ofSeconds(75), 0)); // step (rate + 1) = 2^52 - 3.6e12
        return all;
    }

    @Test
    void theScriptAnswersExactlyAsTokenBucketDoes(RedisServer server) {
        RedisScriptExecutor redis = server.executor();
        long seed = Long.getLong("interlock.seed", new SplittableRandom().nextLong());
        System.out.println("RedisTokenBucketDifferentialTest seed: " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int index = 0;
        for (Config config : configurations()) {
            compare(redis, config, "differential-" + seed + "-" + index++, random);
        }
        System.out.println("RedisTokenBucketDifferentialTest: timed tries reserved " + OUTCOMES[RedisTokenBucket.RESERVED]
                + ", too late " + OUTCOMES[RedisTokenBucket.TOO_LATE] + "; interrupted waiters refunded "
                + OUTCOMES[RedisTokenBucket.REFUNDED] + ", granted first " + OUTCOMES[RedisTokenBucket.REFUND_TOO_LATE]);
        for (int outcome : new int[] {RedisTokenBucket.RESERVED, RedisTokenBucket.TOO_LATE, RedisTokenBucket.REFUNDED,
                RedisTokenBucket.REFUND_TOO_LATE}) {
            assertTrue(OUTCOMES[outcome] > 0, "the run reached outcome " + outcome + " at least once");
        }
    }

    private static void compare(RedisScriptExecutor redis, Config config, String name, SplittableRandom random) {
        ManualTimeSource time = new ManualTimeSource();
        TokenBucket local = TokenBucket.builder().capacity(config.capacity).refill(config.tokens, config.period)
                .initialTokens(config.initial).timeSource(time).build();
        RedisTokenBucket remote = RedisTokenBucket.builder().capacity(config.capacity).refill(config.tokens, config.period)
                .initialTokens(config.initial).build(redis, name);
        long tokenMicros = Math.max(1L, config.period.toNanos() / config.tokens / 1000L);
        long micros = 0L;
        List<Waiter> waiters = new ArrayList<>();
        // Both buckets begin now: the local one was built, the script's is created by its first call.
        assertEquals(local.availableTokens(), remote.call(Operation.PEEK, 1L, "", "", Long.toString(START_MICROS)).level);
        for (int step = 0; step < OPERATIONS_PER_CONFIGURATION; step++) {
            String where = config + " step " + step + " at " + micros + " us";
            long permits = random.nextInt(4) == 0 ? random.nextLong(1, config.capacity + 1)
                    : random.nextLong(1, Math.min(config.capacity, 3) + 1);
            String now = Long.toString(START_MICROS + micros);
            int op = random.nextInt(5);
            switch (op) {
                case 0 -> assertEquals(local.tryAcquire(permits),
                        remote.call(Operation.TAKE, permits, "", "", now).status == RedisTokenBucket.GRANTED, where);
                case 1 -> assertEquals(local.tryAcquireAndProbe(permits), remote.probe(permits, now), where);
                case 2 -> assertEquals(local.availableTokens(),
                        Math.max(0L, remote.call(Operation.PEEK, 1L, "", "", now).level), where);
                case 3 -> reserve(local, remote, time, waiters, permits, now, random, where);
                default -> interruptYoungest(remote, waiters, now, where);
            }
            long advance = nextAdvance(random, tokenMicros);
            time.advance(advance * 1000L);
            micros += advance;
        }
        while (!waiters.isEmpty()) {
            interruptYoungest(remote, waiters, Long.toString(START_MICROS + micros), config + " at the end");
        }
    }

    /** A local waiter in a thread of its own, and the refund of its twin reservation in the script. */
    private record Waiter(Thread thread, CompletableFuture<Boolean> granted, long permits, String refund) {
    }

    /**
     * A timed tryAcquire on both, aimed at the exact wait a probe reports (one nanosecond short, exact,
     * one over, or anywhere up to twice): the local one in a thread, which returns at once or reserves and
     * parks on the manual clock, and the script's reservation, which must decide the same.
     */
    private static void reserve(TokenBucket local, RedisTokenBucket remote, ManualTimeSource time, List<Waiter> waiters,
            long permits, String now, SplittableRandom random, String where) {
        TokenBucket.Probe probe = local.tryAcquireAndProbe(permits);
        assertEquals(probe, remote.probe(permits, now), where);
        long wait = probe.nanosToWait();
        if (probe.granted() || waiters.size() >= MAX_WAITERS || wait >= Long.MAX_VALUE / 4) {
            return;
        }
        long timeout = switch (random.nextInt(4)) {
            case 0 -> wait - 1;
            case 1 -> wait;
            case 2 -> wait + 1;
            default -> random.nextLong(1, 2 * wait + 1);
        };
        RedisTokenBucket.Configuration configuration = remote.configuration();
        long level = remote.call(Operation.PEEK, 1L, "", "", now).level;
        if ((configuration.capacity - level + permits) * configuration.step >= 1L << 52) {
            // Past the script's documented limit, where TokenBucket still reserves: the script refuses.
            try {
                Reply refused = remote.call(Operation.RESERVE, permits, remote.budget(timeout), "", now);
                assertEquals(RedisTokenBucket.TOO_LATE, refused.status, where);
            } catch (IllegalStateException e) {
                assertTrue(e.getMessage().contains("INTERLOCK-DEBT"), e.getMessage());
            }
            return;
        }
        CompletableFuture<Boolean> granted = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                granted.complete(local.tryAcquire(permits, timeout, TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                granted.complete(null);                                // interrupted: its reservation given back
            } catch (Throwable e) {
                granted.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!granted.isDone() && LockSupport.getBlocker(thread) != local) {
            assertTrue(System.nanoTime() - deadline < 0, where + ": the local waiter neither returned nor parked");
            Thread.onSpinWait();                                       // returned, or reserved and parked on its clock
        }
        Reply reply = remote.call(Operation.RESERVE, permits, remote.budget(timeout), "", now);
        OUTCOMES[reply.status]++;
        String at = where + ", timeout " + timeout + " ns for a wait of " + wait;
        if (granted.isDone()) {
            assertEquals(Boolean.FALSE, granted.join(), at);           // join rethrows the local thread's failure
            assertEquals(RedisTokenBucket.TOO_LATE, reply.status, at);
            return;
        }
        assertEquals(RedisTokenBucket.RESERVED, reply.status, at);
        long dueMicros = reply.dueMicros(permits);
        waiters.add(new Waiter(thread, granted, permits, reply.epoch + ":" + reply.reservation + ":" + dueMicros));
    }

    /**
     * Interrupts the youngest waiter, with none behind it whose due a refund would move (the script moves
     * none), and gives its twin's tokens back: refunded on both, or granted on both if they are due.
     */
    private static void interruptYoungest(RedisTokenBucket remote, List<Waiter> waiters, String now, String where) {
        if (waiters.isEmpty()) {
            return;
        }
        Waiter youngest = waiters.remove(waiters.size() - 1);
        youngest.thread.interrupt();
        Boolean granted;
        try {
            youngest.thread.join(10_000);
            granted = youngest.granted.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new AssertionError(where + ": the local waiter did not finish", e);
        }
        int refund = remote.call(Operation.REFUND, youngest.permits, "", youngest.refund, now).status;
        OUTCOMES[refund]++;
        assertEquals(granted == null ? RedisTokenBucket.REFUNDED : RedisTokenBucket.REFUND_TOO_LATE, refund,
                where + ": local waiter " + (granted == null ? "gave back" : "was granted"));
    }

    /** Microseconds to the next step: none a third of the time, a few tokens' time mostly, days rarely. */
    private static long nextAdvance(SplittableRandom random, long tokenMicros) {
        int kind = random.nextInt(100);
        if (kind < 33) {
            return 0L;                                                 // the clock stands still
        }
        if (kind < 97) {
            return random.nextLong(0L, Math.min(tokenMicros * 4L, 1L << 40) + 1L);
        }
        return random.nextLong(1L, 10L * 86_400_000_000L);            // up to ten days
    }
}
