/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.ratelimit;

import dev.interlock.ratelimit.BrokenRecheckBucket;
import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TimeSource;
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
    A denied probe reports the tokens of one state the bucket held, even when a grant and a refill
    both come between its read of the token index and its read of the clock.

    The bucket holds 1 token of a capacity of 3 and gains one every 10 ns, on a ManualTimeSource.
    One actor asks tryAcquireAndProbe(3), which must be denied: the bucket never holds 3. The other
    takes the one token with tryAcquire(1) and then moves the clock by one token's worth. The bucket
    holds 1, then 0, then 1 token, so the denial must report 0 or 1 left. The prober's first clock
    reading waits (at most 1 ms) until the other actor's refill is done, so the two operations land
    inside the prober's window whenever its index read came first: that is the race, aligned.
    Results: (r1, r2) = (granted ? 1 : 0, tokens left as reported).

    Every outcome:
      - 0, 1: the denial saw 1 token: before the grant, or after the refill. Acceptable.
      - 0, 0: the denial saw the bucket between the grant and the refill. Acceptable (the wait for
              the refill makes it rare).
      - 0, 2: the index before the grant and the clock after the refill: 2 tokens, a state that never
              existed. A client told "2 left" would retry at once and be denied.
      - 0, 3 / 1, x: more tokens than ever existed, or a grant of 3.

    Variants:
      - Bucket:        TokenBucket. Its denial re-reads the index after the clock and retries if it
                       moved (see "Reading the clock" in its notes).
      - BrokenRecheck: the negative control BrokenRecheckBucket, generated from TokenBucket without the
                       re-read. It must report 0, 2.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_06_DeniedProbeSeesOneState
 */
@Outcome(id = {"0, 0", "0, 1"}, expect = ACCEPTABLE, desc = "The denial reported a state the bucket held.")
@Outcome(id = "0, 2", expect = FORBIDDEN, desc = "The index before the grant with the clock after the refill: a state that never was.")
@Outcome(id = {"0, 3", "1, 0", "1, 1", "1, 2", "1, 3"}, expect = FORBIDDEN, desc = "More tokens than ever existed.")
public class RateLimit_06_DeniedProbeSeesOneState {

    /** The tokens asked for: more than the bucket ever holds here, so every probe is denied. */
    static final int PROBED = 3;

    /** The longest the prober's first clock reading waits for the refill. */
    static final long WAIT_NANOS = 1_000_000L;

    /**
     * A manual clock whose first reading on the probing thread waits for the refill, so that the
     * grant and the refill fall between the probe's two reads.
     */
    static final class WaitingClock implements TimeSource {
        final ManualTimeSource time = new ManualTimeSource();
        volatile Thread prober;
        volatile boolean refilled;
        private boolean waited; // plain: only the prober reads and writes it

        @Override
        public long nanoTime() {
            if (Thread.currentThread() == prober && !waited) {
                waited = true;
                long deadline = System.nanoTime() + WAIT_NANOS;
                while (!refilled && System.nanoTime() - deadline < 0) {
                    Thread.onSpinWait();
                }
            }
            return time.nanoTime();
        }

        void refill() {
            time.advance(10);
            refilled = true;
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_06_DeniedProbeSeesOneState.class)
    @State
    public static class Bucket {
        private final WaitingClock clock = new WaitingClock();
        private final TokenBucket bucket = TokenBucket.builder().capacity(3).refill(1, Duration.ofNanos(10))
                .initialTokens(1).timeSource(clock).build();

        @Actor
        public void probe(II_Result r) {
            clock.prober = Thread.currentThread();
            TokenBucket.Probe probe = bucket.tryAcquireAndProbe(PROBED);
            r.r1 = probe.granted() ? 1 : 0;
            r.r2 = (int) probe.remainingTokens();
        }

        @Actor
        public void acquireThenRefill() {
            bucket.tryAcquire(1);
            clock.refill();
        }
    }

    @JCStressTest
    @JCStressMeta(RateLimit_06_DeniedProbeSeesOneState.class)
    @State
    public static class BrokenRecheck {
        private final WaitingClock clock = new WaitingClock();
        private final BrokenRecheckBucket bucket = BrokenRecheckBucket.builder().capacity(3)
                .refill(1, Duration.ofNanos(10)).initialTokens(1).timeSource(clock).build();

        @Actor
        public void probe(II_Result r) {
            clock.prober = Thread.currentThread();
            BrokenRecheckBucket.Probe probe = bucket.tryAcquireAndProbe(PROBED);
            r.r1 = probe.granted() ? 1 : 0;
            r.r2 = (int) probe.remainingTokens();
        }

        @Actor
        public void acquireThenRefill() {
            bucket.tryAcquire(1);
            clock.refill();
        }
    }
}
