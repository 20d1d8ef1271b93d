/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.ratelimit;

import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A refill racing an acquisition never grants too much, and never loses a token.

    The bucket holds 1 token of a capacity of 2, on a ManualTimeSource. One actor moves the clock
    by exactly one token's worth of time: a refill of one token. The other calls tryAcquire() three
    times and counts its grants. When both are done, the arbiter reads availableTokens(). Exactly
    two tokens ever exist (the initial one and the refilled one) and the bucket never overflows,
    so grants + left = 2, and the first attempt always finds the initial token.
    Results: (r1, r2) = (grants, tokens left).

    Every outcome:
      - 1, 1: the refill came after the second and third attempts had failed. Acceptable.
      - 2, 0: the refill came before the second or the third attempt, which took it. Acceptable.
      - 3, x: three grants from two tokens.
      - 2, 1 / 2, 2 / 1, 2: more tokens than ever existed: a token granted and still there.
      - 1, 0 / 0, x: a token lost, or the initial token refused.

    Variants:
      - Bucket: TokenBucket. The acquisitions read the index, then the clock, then CAS: the refill
                lands between any two of these steps.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_02_RefillRace
 */
@Outcome(id = {"1, 1", "2, 0"}, expect = ACCEPTABLE, desc = "Two tokens existed: each was granted once or is still there.")
@Outcome(id = {"3, 0", "3, 1", "3, 2"}, expect = FORBIDDEN, desc = "Three grants from two tokens.")
@Outcome(id = {"2, 1", "2, 2", "1, 2"}, expect = FORBIDDEN, desc = "A token was granted and is still there: spent twice.")
@Outcome(id = {"1, 0", "0, 0", "0, 1", "0, 2"}, expect = FORBIDDEN, desc = "A token was lost, or the initial token was refused.")
public class RateLimit_02_RefillRace {

    @JCStressTest
    @JCStressMeta(RateLimit_02_RefillRace.class)
    @State
    public static class Bucket {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final TokenBucket bucket = TokenBucket.builder()
                .capacity(2)
                .refill(1, Duration.ofNanos(10))
                .initialTokens(1)
                .timeSource(clock)
                .build();

        @Actor
        public void refill() {
            clock.advance(10);
        }

        @Actor
        public void acquire(JJ_Result r) {
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Arbiter
        public void arbiter(JJ_Result r) {
            r.r2 = bucket.availableTokens();
        }
    }
}
