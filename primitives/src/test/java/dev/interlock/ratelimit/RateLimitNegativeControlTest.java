/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative controls of the rate-limiter family, on the Lincheck side: the options that pass
 * {@link TokenBucket} must reject {@link BrokenCheckThenActBucket}, which checks and then writes
 * instead of compare-and-setting, and so grants the same tokens twice, and {@link BrokenGiveUpBucket},
 * which makes one CAS and reports success whatever its result, and {@link BrokenCapacityBucket}, which
 * caps the saved tokens at the capacity plus one (the scenarios' clock steps overflow the bucket often),
 * and {@link BrokenRecheckBucket}, whose refused probe does not re-read the token index after the clock.
 * If this test fails, the Lincheck budget is evidence of nothing. The jcstress side is
 * {@code RateLimit_01_ExactlyTheTokensThere.BrokenCheckThenAct}, {@code .BrokenGiveUp} and
 * {@code .BrokenCapacity}, and {@code RateLimit_06_DeniedProbeSeesOneState.BrokenRecheck}, in stress-tests.
 */
public class RateLimitNegativeControlTest {

    /**
     * The Lincheck scenario for the broken bucket. It inherits the base's {@code @Test} methods,
     * which would fail on it, so it is disabled as a JUnit test; Lincheck ignores that and runs it
     * below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: RateLimitNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenCheckThenActScenario extends TokenBucketLincheckBase {

        public BrokenCheckThenActScenario() {
            super(clock -> {
                BrokenCheckThenActBucket bucket = new BrokenCheckThenActBucket(TokenBucketSpec.CAPACITY,
                        TokenBucketSpec.TOKENS, TokenBucketSpec.PERIOD_NANOS, TokenBucketSpec.INITIAL_TOKENS, clock);
                return Limiter.of(bucket::tryAcquire, bucket::tryAcquireAndProbe, bucket::availableTokens);
            });
        }
    }

    /** The same for {@link BrokenGiveUpBucket}, whose {@code tryAcquire} makes one CAS and ignores its result. */
    @Disabled("a negative control: RateLimitNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenGiveUpScenario extends TokenBucketLincheckBase {

        public BrokenGiveUpScenario() {
            super(clock -> {
                BrokenGiveUpBucket bucket = BrokenGiveUpBucket.builder()
                        .capacity(TokenBucketSpec.CAPACITY)
                        .refill(TokenBucketSpec.TOKENS, java.time.Duration.ofNanos(TokenBucketSpec.PERIOD_NANOS))
                        .initialTokens(TokenBucketSpec.INITIAL_TOKENS)
                        .timeSource(clock)
                        .build();
                return Limiter.of(bucket::tryAcquire, permits -> {
                    BrokenGiveUpBucket.Probe probe = bucket.tryAcquireAndProbe(permits); // the copy's own record
                    return new TokenBucket.Probe(probe.granted(), probe.remainingTokens(), probe.nanosToWait());
                }, bucket::availableTokens);
            });
        }
    }

    /** The same for {@link BrokenCapacityBucket}, whose {@code tryAcquire} caps the tokens one too high. */
    @Disabled("a negative control: RateLimitNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenCapacityScenario extends TokenBucketLincheckBase {

        public BrokenCapacityScenario() {
            super(clock -> {
                BrokenCapacityBucket bucket = BrokenCapacityBucket.builder()
                        .capacity(TokenBucketSpec.CAPACITY)
                        .refill(TokenBucketSpec.TOKENS, java.time.Duration.ofNanos(TokenBucketSpec.PERIOD_NANOS))
                        .initialTokens(TokenBucketSpec.INITIAL_TOKENS)
                        .timeSource(clock)
                        .build();
                return Limiter.of(bucket::tryAcquire, permits -> {
                    BrokenCapacityBucket.Probe probe = bucket.tryAcquireAndProbe(permits); // the copy's own record
                    return new TokenBucket.Probe(probe.granted(), probe.remainingTokens(), probe.nanosToWait());
                }, bucket::availableTokens);
            });
        }
    }

    /**
     * The same for {@link BrokenRecheckBucket}, whose denied probe does not re-read the token index
     * after its clock reading.
     */
    @Disabled("a negative control: RateLimitNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenRecheckScenario extends TokenBucketLincheckBase {

        public BrokenRecheckScenario() {
            super(clock -> {
                BrokenRecheckBucket bucket = BrokenRecheckBucket.builder()
                        .capacity(TokenBucketSpec.CAPACITY)
                        .refill(TokenBucketSpec.TOKENS, java.time.Duration.ofNanos(TokenBucketSpec.PERIOD_NANOS))
                        .initialTokens(TokenBucketSpec.INITIAL_TOKENS)
                        .timeSource(clock)
                        .build();
                return Limiter.of(bucket::tryAcquire, permits -> {
                    BrokenRecheckBucket.Probe probe = bucket.tryAcquireAndProbe(permits); // the copy's own record
                    return new TokenBucket.Probe(probe.granted(), probe.remainingTokens(), probe.nanosToWait());
                }, bucket::availableTokens);
            });
        }
    }

    public RateLimitNegativeControlTest() {
    }

    @Test
    void modelCheckingCatchesTheDoubleGrant() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenCheckThenActScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheDoubleGrant() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.stress().minimizeFailedScenario(false).check(BrokenCheckThenActScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheIgnoredCas() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheIgnoredCas() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.stress().minimizeFailedScenario(false).check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheTokenBeyondTheCapacity() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    /** On the hand-written scenario: random ones do not reach this bug (see the base's javadoc of it). */
    @Test
    void modelCheckingCatchesTheDenialFromAStateThatNeverWas() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.modelChecking().iterations(0)
                        .addCustomScenario(TokenBucketLincheckBase.deniedProbeOvertaken())
                        .minimizeFailedScenario(false).check(BrokenRecheckScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheTokenBeyondTheCapacity() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> TokenBucketLincheckBase.stress().minimizeFailedScenario(false).check(BrokenCapacityScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
