/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.ratelimit;

import dev.interlock.ratelimit.BrokenCheckThenActBucket;
import dev.interlock.ratelimit.BrokenCapacityBucket;
import dev.interlock.ratelimit.BrokenGiveUpBucket;
import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The first promise of a rate limiter: it grants exactly the tokens it has. Not one more (that
    would break the rate), not one fewer (that would refuse a request the bucket could serve).

    The bucket holds 3 tokens, and its clock (a ManualTimeSource) does not move while the actors run
    (AfterIdle and BrokenCapacity move it once, before), so no token is added during the test. Two actors race for them: each calls tryAcquire() twice and counts its grants.
    Four requests for three tokens: exactly one request must fail, so the counts are 1 and 2, in
    either order. Each actor's results are (r1, r2) = (grants to actor 1, grants to actor 2).

    Every outcome, with the reason each bad one cannot happen in a correct bucket:
      - 1, 2 and 2, 1: three grants, one refusal. Acceptable.
      - 2, 2: four grants from three tokens: two actors took the same token. This is what a bucket
        that reads, checks and then writes (check-then-act) does when both read before either writes.
      - 1, 1: a refusal while a token was left: the failing attempt saw an empty bucket that was
        not empty. 0, 1 / 1, 0 / 0, 0 / 0, 2 / 2, 0: the same, more than once.

    Variants:
      - TryAcquire:         TokenBucket.tryAcquire(), the CAS on the token index.
      - Probe:              TokenBucket.tryAcquireAndProbe(1), the same CAS, and the re-read of the
                            index that validates a denial.
      - BrokenCheckThenAct: the negative control, the same algorithm with the CAS replaced by a
                            plain volatile write. It must be observed with 2, 2. The suite run
                            excludes it; NegativeControlsIT runs it and expects it to fail.
      - BrokenGiveUp:       the second negative control, BrokenGiveUpBucket: TokenBucket generated
                            with a tryAcquire that makes one CAS and reports success whatever its
                            result. It must be observed with 2, 2 as well: an actor whose CAS another
                            actor beat is granted the same token.
      - AfterIdle:          TokenBucket.tryAcquire() on a bucket whose clock has run 10 s past its
                            last use: 10 tokens were produced, and the bucket keeps its capacity, 3.
                            The first burst after an idle spell, with no availableTokens() call
                            before it, must still find exactly 3.
      - BrokenCapacity:     the third negative control, BrokenCapacityBucket: TokenBucket generated
                            with a tryAcquire that caps the saved tokens at the capacity plus one.
                            After the idle spell it grants all four requests: 2, 2.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_01_ExactlyTheTokensThere
 */
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "Exactly the three tokens were granted, and the fourth request refused.")
@Outcome(id = "2, 2", expect = FORBIDDEN, desc = "Four grants from three tokens: both actors took the same token.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "A request was refused while a token was left.")
@Outcome(id = {"0, 0", "0, 1", "1, 0", "0, 2", "2, 0"}, expect = FORBIDDEN, desc = "Requests were refused while tokens were left.")
public class RateLimit_01_ExactlyTheTokensThere {

    /** A bucket with 3 tokens, on a clock that never moves. */
    static TokenBucket threeTokens() {
        return TokenBucket.builder()
                .capacity(3)
                .refill(1, Duration.ofSeconds(1))
                .initialTokens(3)
                .timeSource(new ManualTimeSource())
                .build();
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class TryAcquire {
        private final TokenBucket bucket = threeTokens();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }
    }

    /** A bucket of capacity 3, full, whose clock then runs 10 s (10 tokens' worth) before the test. */
    static TokenBucket threeTokensAfterIdle() {
        ManualTimeSource clock = new ManualTimeSource();
        TokenBucket bucket = TokenBucket.builder()
                .capacity(3)
                .refill(1, Duration.ofSeconds(1))
                .initialTokens(3)
                .timeSource(clock)
                .build();
        clock.advance(Duration.ofSeconds(10));
        return bucket;
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class AfterIdle {
        private final TokenBucket bucket = threeTokensAfterIdle();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class Probe {
        private final TokenBucket bucket = threeTokens();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquireAndProbe(1).granted() ? 1 : 0) + (bucket.tryAcquireAndProbe(1).granted() ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquireAndProbe(1).granted() ? 1 : 0) + (bucket.tryAcquireAndProbe(1).granted() ? 1 : 0);
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class BrokenCheckThenAct {
        private final BrokenCheckThenActBucket bucket = new BrokenCheckThenActBucket(3, 1, 1_000_000_000L, 3, new ManualTimeSource());

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquire(1) ? 1 : 0) + (bucket.tryAcquire(1) ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquire(1) ? 1 : 0) + (bucket.tryAcquire(1) ? 1 : 0);
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class BrokenGiveUp {
        private final BrokenGiveUpBucket bucket = BrokenGiveUpBucket.builder()
                .capacity(3)
                .refill(1, Duration.ofSeconds(1))
                .initialTokens(3)
                .timeSource(new ManualTimeSource())
                .build();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_01_ExactlyTheTokensThere.class)
    @State
    public static class BrokenCapacity {
        private final BrokenCapacityBucket bucket;

        public BrokenCapacity() {
            ManualTimeSource clock = new ManualTimeSource();
            bucket = BrokenCapacityBucket.builder()
                    .capacity(3)
                    .refill(1, Duration.ofSeconds(1))
                    .initialTokens(3)
                    .timeSource(clock)
                    .build();
            clock.advance(Duration.ofSeconds(10));
        }

        @Actor
        public void actor1(II_Result r) {
            r.r1 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = (bucket.tryAcquire() ? 1 : 0) + (bucket.tryAcquire() ? 1 : 0);
        }
    }
}
