/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import dev.interlock.testing.LincheckBudget;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The Lincheck scenario base for exchangers, checked by {@link ExchangePairingVerifier} instead of a
 * sequential specification (an exchange needs two concurrent calls, which no sequential history has).
 * Every operation gives a value unique in its execution, drawn from a counter of the test instance,
 * and returns what happened to it: {@code "gave 3, got 5"} or {@code "gave 3, timed out"}.
 *
 * <p><b>Time under the model checker.</b> Lincheck 3.7's model checker makes {@link System#nanoTime()}
 * deterministic: it returns 1337, always (measured; the trace shows {@code System.nanoTime(): 1337}).
 * So a positive timeout never runs out there: an exchange that waits with a timeout and meets no
 * partner loops for ever, which Lincheck reports as a hang ("All unfinished threads are in livelock").
 * A time of zero still works (the deadline has passed at once). So the operations differ by strategy:
 * <ul>
 *   <li>{@code exchangeNow}: the public timed exchange with a time of zero, which pairs only with a
 *       thread already waiting. Both strategies.</li>
 *   <li>{@code exchangeSpinning}: an exchange that offers its value and waits a bounded number of
 *       spins, then withdraws, with no clock: {@code LockFreeExchanger.exchangeWithin}, the exchange
 *       of the elimination array. Its withdrawal is the same CAS as a timeout's ({@code
 *       withdrawOrTake}), so this is how the model checker reaches the race between a withdrawal and
 *       a late partner. Both strategies.</li>
 *   <li>{@code exchangeTimed} (in {@link WithTimeouts}): the public timed exchange with a short real
 *       timeout, {@value #TIMEOUT_MICROS} µs, which spins, parks and times out by the clock. Stress
 *       only.</li>
 *   <li>{@code exchangeUntimed} and {@code exchangeWithLongTimeout}: the public waiting exchanges, with
 *       no timeout or one of an hour. They are not {@link Operation}s, since a random scenario could
 *       leave one without a partner for ever; the model checker runs them in the hand-written
 *       {@link #pairedScenarios() scenarios} of two threads with as many waiting exchanges each, where
 *       the i-th of one thread can only pair with the i-th of the other. That covers the public
 *       waiting path (install, spin, announce the park, park, match, unpark), but not its timeout
 *       (the stress strategy and the contract test reach it) nor its interrupt (the contract test
 *       only). A lost wake-up would not show here either: the model checker lets a parked thread wake
 *       spuriously (see {@code docs/verification.md}, "Lincheck facts"); the contract test's waits with a time
 *       limit cover it.</li>
 * </ul>
 *
 * <p><b>Budget.</b> Smaller than {@code LincheckTestBase}'s (1,000 interleavings and 1,000 stress
 * invocations per scenario): 500 interleavings, and 300 stress invocations, because a stress
 * invocation may wait out its timeouts. The negative control {@code ExchangerNegativeControlTest}
 * shows at this budget that it catches a half exchange.
 *
 * <p>Lincheck creates a fresh instance of the concrete subclass, through its public no-argument
 * constructor, for every execution.
 */
public abstract class ExchangerLincheckBase {

    /** The spins of {@code exchangeSpinning} under the model checker: a few reads, then a withdrawal. */
    public static final int MODEL_CHECKING_SPINS = 2;

    /** The spins of {@code exchangeSpinning} under stress: a few microseconds. */
    public static final int STRESS_SPINS = 1_000;

    /** The timeout of {@code exchangeTimed}, stress only. */
    public static final long TIMEOUT_MICROS = 100;

    static final int MODEL_CHECKING_ITERATIONS = 30;
    static final int MODEL_CHECKING_INVOCATIONS = 500;
    static final int THREE_THREAD_ITERATIONS = 10;
    static final int STRESS_ITERATIONS = 30;
    static final int STRESS_INVOCATIONS = 300;

    /**
     * The exchanges an exchanger offers to Lincheck: the public ones, and the bounded spinning one that
     * the model checker needs.
     */
    protected interface Target {

        /** The public untimed exchange. */
        Integer exchange(Integer value) throws InterruptedException;

        /** The public timed exchange. */
        Integer exchange(Integer value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;

        /**
         * Offers the value and waits at most {@code spins} spins, with no clock.
         *
         * @return the partner's value, or null if none came
         */
        Integer exchangeWithin(Integer value, int spins);
    }

    private final Target exchanger;
    private final int spins;
    private final AtomicInteger values = new AtomicInteger();

    /**
     * Creates the test state around a new exchanger.
     *
     * @param exchanger a new exchanger
     * @param spins the spins of {@code exchangeSpinning}: {@link #MODEL_CHECKING_SPINS} or {@link #STRESS_SPINS}
     */
    protected ExchangerLincheckBase(Target exchanger, int spins) {
        this.exchanger = exchanger;
        this.spins = spins;
    }

    private static String outcome(int given, Integer received) {
        return received == null ? "gave " + given + ", timed out" : "gave " + given + ", got " + received;
    }

    /** A timed exchange with a time of zero: pairs only with a thread already waiting. */
    @Operation
    public String exchangeNow() throws InterruptedException {
        int value = nextValue();
        try {
            return outcome(value, exchanger.exchange(value, 0, TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            return outcome(value, null);
        }
    }

    /** Offers the value, spins a bounded number of times, then withdraws: no clock, no parking. */
    @Operation
    public String exchangeSpinning() {
        int value = nextValue();
        return outcome(value, exchanger.exchangeWithin(value, spins));
    }

    /** The untimed exchange: only in {@link #pairedScenarios()}, where a partner always comes. */
    public String exchangeUntimed() throws InterruptedException {
        int value = nextValue();
        return outcome(value, exchanger.exchange(value));
    }

    /** A timed exchange of an hour: only in {@link #pairedScenarios()}, where a partner always comes. */
    public String exchangeWithLongTimeout() throws InterruptedException {
        int value = nextValue();
        try {
            return outcome(value, exchanger.exchange(value, 1, TimeUnit.HOURS));
        } catch (TimeoutException e) {
            return outcome(value, null);
        }
    }

    /** The base with the public timed exchange and a real timeout as well: for the stress strategy. */
    public abstract static class WithTimeouts extends ExchangerLincheckBase {

        /**
         * Creates the test state around a new exchanger.
         *
         * @param exchanger a new exchanger
         */
        protected WithTimeouts(Target exchanger) {
            super(exchanger, STRESS_SPINS);
        }

        /** A timed exchange of {@value #TIMEOUT_MICROS} µs: spins, parks, and times out by the clock. */
        @Operation(blocking = true)
        public String exchangeTimed() throws InterruptedException {
            int value = nextValue();
            try {
                return outcome(value, exchanger().exchange(value, TIMEOUT_MICROS, TimeUnit.MICROSECONDS));
            } catch (TimeoutException e) {
                return outcome(value, null);
            }
        }
    }

    int nextValue() {
        return values.incrementAndGet();
    }

    Target exchanger() {
        return exchanger;
    }

    // ------------------------------------------------------------------------------------------------
    // Options

    /**
     * Model checking of random scenarios of {@code exchangeNow} and {@code exchangeSpinning} on two
     * threads, three operations each, with no sequential parts (an exchange alone has no partner), and
     * with Lincheck's obstruction-freedom check: an operation that spins waiting for a step of another
     * thread (an "active lock") fails the run. That is the part of the progress claim ("a thread
     * stalled anywhere never stops other pairs from exchanging") that Lincheck can see; lock-freedom
     * itself it cannot check. {@code ExchangerProgressControlTest} shows that the check rejects an
     * exchanger whose matcher waits for its waiter. The operations that park are {@code blocking} and
     * exempt from the check.
     *
     * @return the options, at the full budget
     */
    static ModelCheckingOptions modelChecking() {
        return LincheckBudget.failHangsFast(new ModelCheckingOptions())
                .iterations(MODEL_CHECKING_ITERATIONS)
                .invocationsPerIteration(MODEL_CHECKING_INVOCATIONS)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .checkObstructionFreedom(true)
                .verifier(ExchangePairingVerifier.class);
    }

    /**
     * Stress of random scenarios of all three operations on two threads, three operations each.
     *
     * @return the options, at the full budget
     */
    static StressOptions stress() {
        return LincheckBudget.failHangsFast(new StressOptions())
                .iterations(STRESS_ITERATIONS)
                .invocationsPerIteration(STRESS_INVOCATIONS)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(0)
                .actorsAfter(0)
                .verifier(ExchangePairingVerifier.class);
    }

    /**
     * Hand-written scenarios of the public waiting exchanges on two threads with the same number of
     * them each, so that every one has a partner and none can hang: one each; untimed against timed;
     * three each, mixed.
     *
     * @return the scenarios
     */
    static List<ExecutionScenario> pairedScenarios() {
        String untimed = "exchangeUntimed";
        String timed = "exchangeWithLongTimeout";
        List<ExecutionScenario> scenarios = new ArrayList<>();
        scenarios.add(scenario(List.of(untimed), List.of(untimed)));
        scenarios.add(scenario(List.of(timed), List.of(untimed)));
        scenarios.add(scenario(List.of(untimed, timed), List.of(timed, untimed)));
        scenarios.add(scenario(List.of(timed, untimed, timed), List.of(untimed, untimed, timed)));
        return scenarios;
    }

    private static ExecutionScenario scenario(List<String> first, List<String> second) {
        List<List<Actor>> threads = List.of(actors(first), actors(second));
        return new ExecutionScenario(List.of(), threads, List.of(), null);
    }

    private static List<Actor> actors(List<String> names) {
        List<Actor> actors = new ArrayList<>();
        for (String name : names) {
            try {
                Method method = ExchangerLincheckBase.class.getMethod(name);
                actors.add(new Actor(method, List.of(), false, true)); // blocking: it parks
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
        return actors;
    }
}
