/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import dev.interlock.testing.LincheckBudget;
import dev.interlock.testing.ModelCheckingTest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.StressOptions;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.junit.jupiter.api.Test;

/**
 * The Lincheck test base for token buckets: a bucket on a {@link ManualTimeSource}, where moving the
 * clock is an operation like the others, so that the bucket can be checked against a sequential
 * model, {@link TokenBucketSpec}, in which time is part of the state.
 *
 * <p>The configuration makes every path reachable in a few operations: a capacity of 3, a fractional
 * rate (2 tokens every 3 ns, so fractions are carried), 1 initial token, requests of 1 to 3 permits
 * and clock steps of 1 to 3 ns. A step of 3 ns adds 2 tokens, so the bucket overflows often: the
 * overflow is where a bucket that reads the clock before its CAS must be careful (see "Reading the
 * clock" in {@link TokenBucket}'s implementation notes).
 *
 * <p>Both strategies run: model checking (every thread switch at shared-memory accesses, under
 * sequential consistency) and stress (real threads), with the budgets of the other families. The
 * waiting methods are not operations here: Lincheck's model checker cannot show lost wake-ups (see
 * {@code docs/verification.md}, "Lincheck facts"); the contract test and jcstress's Termination test cover them.
 */
public abstract class TokenBucketLincheckBase {

    static final int MODEL_CHECKING_ITERATIONS = 30;
    static final int MODEL_CHECKING_INVOCATIONS = 1_000;
    static final int STRESS_ITERATIONS = 30;
    static final int STRESS_INVOCATIONS = 1_000;
    static final int THREE_THREAD_ITERATIONS = 10;

    /** The operations of a bucket that this test calls: what a bucket and its broken copy share. */
    public interface Limiter {
        boolean tryAcquire(long permits);

        TokenBucket.Probe tryAcquireAndProbe(long permits);

        long availableTokens();

        /**
         * A limiter made of a bucket's methods: {@code Limiter.of(bucket::tryAcquire,
         * bucket::tryAcquireAndProbe, bucket::availableTokens)}. (The broken bucket cannot implement
         * this interface itself: the stress jar takes it, alone, from the test jar.)
         */
        static Limiter of(LongPredicate tryAcquire, LongFunction<TokenBucket.Probe> tryAcquireAndProbe,
                LongSupplier availableTokens) {
            return new Limiter() {
                @Override
                public boolean tryAcquire(long permits) {
                    return tryAcquire.test(permits);
                }

                @Override
                public TokenBucket.Probe tryAcquireAndProbe(long permits) {
                    return tryAcquireAndProbe.apply(permits);
                }

                @Override
                public long availableTokens() {
                    return availableTokens.getAsLong();
                }
            };
        }
    }

    /** The clock shared by the bucket and the {@code advance} operation. */
    protected final ManualTimeSource clock = new ManualTimeSource();

    private final Limiter limiter;

    /**
     * Creates the test state around a new bucket.
     *
     * @param factory builds the bucket from the configuration {@link TokenBucketSpec} models, on the clock
     */
    protected TokenBucketLincheckBase(java.util.function.Function<ManualTimeSource, Limiter> factory) {
        this.limiter = factory.apply(clock);
    }

    /** The configuration {@link TokenBucketSpec} models, on the given clock. */
    static TokenBucket.Builder configured(ManualTimeSource clock) {
        return TokenBucket.builder()
                .capacity(TokenBucketSpec.CAPACITY)
                .refill(TokenBucketSpec.TOKENS, java.time.Duration.ofNanos(TokenBucketSpec.PERIOD_NANOS))
                .initialTokens(TokenBucketSpec.INITIAL_TOKENS)
                .timeSource(clock);
    }

    @Operation
    public boolean tryAcquire(@Param(gen = IntGen.class, conf = "1:3") int permits) {
        return limiter.tryAcquire(permits);
    }

    /**
     * The probe, with the remaining tokens of a <em>granted</em> probe left out (-1): those are
     * counted as of the call's own clock reading, which may be older than its linearization point,
     * the CAS (see the note on {@link TokenBucket.Probe#remainingTokens()}). Everything else is
     * checked: the grant, and a denial's remaining tokens and wait, which come from a validated
     * snapshot. Lincheck found this: a granted probe that read the clock before a concurrent
     * advance reported one token fewer than a linearizable count would have.
     */
    @Operation
    public TokenBucket.Probe tryAcquireAndProbe(@Param(gen = IntGen.class, conf = "1:3") int permits) {
        return TokenBucketSpec.withoutGrantedRemainder(limiter.tryAcquireAndProbe(permits));
    }

    @Operation
    public long availableTokens() {
        return limiter.availableTokens();
    }

    @Operation
    public void advance(@Param(gen = IntGen.class, conf = "1:3") int nanos) {
        clock.advance(nanos);
    }

    /** The model-checking options every bucket test uses. */
    static ModelCheckingOptions modelChecking() {
        return LincheckBudget.failHangsFast(new ModelCheckingOptions())
                .iterations(MODEL_CHECKING_ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .sequentialSpecification(TokenBucketSpec.class);
    }

    /** The stress options every bucket test uses. */
    static StressOptions stress() {
        return LincheckBudget.failHangsFast(new StressOptions())
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .sequentialSpecification(TokenBucketSpec.class);
    }

    @ModelCheckingTest
    void linearizableUnderModelChecking() {
        modelChecking().iterations(LincheckBudget.scenarios(MODEL_CHECKING_ITERATIONS)).check(getClass());
    }

    @Test
    void linearizableUnderStress() {
        stress().iterations(LincheckBudget.scenarios(STRESS_ITERATIONS)).check(getClass());
    }

    /**
     * A denied probe that a grant and a refill overtake, every interleaving of it: {@code probe(3)}
     * on one thread; {@code tryAcquire(1)}, then {@code advance(2)} (one token's worth) on the other.
     * The bucket holds 1, then 0, then 1 token, so the denial reports 0 or 1 left; a probe that read
     * the token index before the grant and the clock after the refill reports 2, from no state the
     * bucket held. Random scenarios at this budget did not generate it: the index read has to come
     * before both of the other thread's operations and the clock read after them.
     */
    @ModelCheckingTest
    void aDeniedProbeReportsOneStateUnderModelChecking() {
        modelChecking().iterations(0).addCustomScenario(deniedProbeOvertaken()).check(getClass());
    }

    /** The scenario of {@link #aDeniedProbeReportsOneStateUnderModelChecking()}. */
    static ExecutionScenario deniedProbeOvertaken() {
        List<Actor> prober = List.of(actor("tryAcquireAndProbe", 3));
        List<Actor> other = List.of(actor("tryAcquire", 1), actor("advance", 2));
        return new ExecutionScenario(List.of(), List.of(prober, other), List.of(), null);
    }

    private static Actor actor(String operation, int argument) {
        try {
            Method method = TokenBucketLincheckBase.class.getMethod(operation, int.class);
            return new Actor(method, List.of(argument));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Three threads, under model checking, with shorter scenarios: two acquirers and a clock, say. */
    @ModelCheckingTest
    void linearizableWithThreeThreadsUnderModelChecking() {
        modelChecking()
                .iterations(LincheckBudget.scenarios(THREE_THREAD_ITERATIONS))
                .threads(3)
                .actorsPerThread(2)
                .check(getClass());
    }
}
