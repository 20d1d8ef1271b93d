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
    A refill into a full bucket is lost, and a refill into a bucket that was just emptied is not:
    the overflow must be decided by the order of the two events, not by the order in which a thread
    happened to read the clock.

    The bucket is full: 1 token of a capacity of 1, on a ManualTimeSource. One actor refills one
    token's worth (it moves the clock). The other calls tryAcquire() twice. The arbiter reads
    availableTokens(). Results: (r1, r2) = (grants, tokens left).

    This is the race that "Reading the clock" in TokenBucket's implementation notes is about. The
    acquisition reads the token index, then the clock, then CASes; if the refill lands after its
    clock read, the acquisition computes the overflow as of the older time.

    Every outcome:
      - 1, 0: the refill came first, into the full bucket, and was lost; then one grant. Acceptable.
      - 1, 1: one grant, then the refill after the second attempt had failed. Acceptable.
      - 2, 0: one grant, the refill, and the second attempt took the refilled token. Acceptable.
      - 2, 1: two grants and a token left: three tokens from a bucket that could hold two at most
        over the test (one, plus one refill). Forbidden.
      - 0, x: the full bucket refused the first attempt. Forbidden.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_03_RefillIntoAFullBucket
 */
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The refill came first and overflowed the full bucket; one grant.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "One grant; the refill came after the second attempt.")
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "One grant, then the refill, and the second attempt took it.")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "Three tokens from at most two: the overflow was not counted.")
@Outcome(id = {"0, 0", "0, 1"}, expect = FORBIDDEN, desc = "The full bucket refused the first attempt.")
public class RateLimit_03_RefillIntoAFullBucket {

    @JCStressTest
    @JCStressMeta(RateLimit_03_RefillIntoAFullBucket.class)
    @State
    public static class Bucket {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final TokenBucket bucket = TokenBucket.builder()
                .capacity(1)
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
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Arbiter
        public void arbiter(JJ_Result r) {
            r.r2 = bucket.availableTokens();
        }
    }
}
