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

import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.redis.RedisTokenBucket.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The script against {@link TokenBucket}: both are driven through the same random operations at the
 * same times, the script on a test clock (microseconds passed to it instead of the server's
 * {@code TIME}), the local bucket on a {@link ManualTimeSource} at the same instants in nanoseconds,
 * and every answer must be identical: each {@code tryAcquire}, each probe (granted, tokens left,
 * nanoseconds to wait) and each {@code availableTokens}.
 *
 * <p>Twelve configurations, from one token a day to a prime rate near a token a nanosecond, each with
 * 1,000 operations: 12,000 in all. The clock stands still for a third of the steps, moves by up to a
 * few tokens' time for most, and now and then jumps by days, which the script must absorb without
 * leaving the range where its doubles are exact. The random seed is printed, and a failure names
 * the step.
 */
@ExtendWith(RedisServer.Extension.class)
class RedisTokenBucketDifferentialTest {
    private static final long OPERATIONS_PER_CONFIGURATION = 1_000;
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
        return all;
    }

    @Test
    void theScriptAnswersExactlyAsTokenBucketDoes(RedisServer server) {
        RedisScriptExecutor redis = server.executor();
        long seed = new SplittableRandom().nextLong();
        System.out.println("RedisTokenBucketDifferentialTest seed: " + seed);
        SplittableRandom random = new SplittableRandom(seed);
        int index = 0;
        for (Config config : configurations()) {
            compare(redis, config, "differential-" + seed + "-" + index++, random);
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
        for (int step = 0; step < OPERATIONS_PER_CONFIGURATION; step++) {
            String where = config + " step " + step + " at " + micros + " us";
            long permits = random.nextInt(4) == 0 ? random.nextLong(1, config.capacity + 1)
                    : random.nextLong(1, Math.min(config.capacity, 3) + 1);
            String now = Long.toString(START_MICROS + micros);
            switch (random.nextInt(3)) {
                case 0 -> assertEquals(local.tryAcquire(permits),
                        remote.call(Operation.TAKE, permits, "", "", now).status == RedisTokenBucket.GRANTED, where);
                case 1 -> assertEquals(local.tryAcquireAndProbe(permits), remote.probe(permits, now), where);
                default -> assertEquals(local.availableTokens(),
                        Math.max(0L, remote.call(Operation.PEEK, 1L, "", "", now).level), where);
            }
            long advance = nextAdvance(random, tokenMicros);
            time.advance(advance * 1000L);
            micros += advance;
        }
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
