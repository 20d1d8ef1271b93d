/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionResult;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.execution.HBClock;
import org.jetbrains.kotlinx.lincheck.execution.ResultWithClock;
import org.jetbrains.kotlinx.lincheck.util.LincheckResult;
import org.jetbrains.kotlinx.lincheck.util.ValueResult;
import org.jetbrains.lincheck.datastructures.verifier.Verifier;

/**
 * Lincheck's verifier for exchangers, in place of its linearizability checker. An exchanger has no
 * sequential specification: a successful exchange needs two calls in progress at once, which no
 * sequential history has. So this verifier checks the exchanger's contract directly, on every
 * execution Lincheck produces.
 *
 * <p>Each operation of {@link ExchangerLincheckBase} gives a value unique in its execution (a counter
 * of the test instance) and returns what happened to it, {@code "gave 3, got 5"} or {@code "gave 3,
 * timed out"}. The verifier accepts an execution if and only if:
 * <ol>
 *   <li>every operation returned such an outcome (no exception, no other value), and no value was
 *       given twice (a check of the harness itself);</li>
 *   <li>every exchange that got a value got one that an exchange of <em>another</em> thread gave;</li>
 *   <li><b>symmetry</b>: that exchange got this one's value. This is the heart of the check: it
 *       rules out a half exchange (one side got the other's value, the other timed out), a
 *       duplicated value (two exchanges got the same value: its giver cannot have got both of
 *       theirs), and a value taken from a timed-out exchange, so every value is received by exactly
 *       one other thread or by no one;</li>
 *   <li><b>overlap</b>: the two exchanges of a pair were in progress at the same time: neither
 *       returned before the other was called. Lincheck records, when each operation starts, how many
 *       operations of every other thread have completed (the {@link HBClock} of its result); an
 *       exchange that completed before its partner started is a pairing with the past. The model
 *       checker always records these clocks; the stress strategy records them in about half of its
 *       invocations (Lincheck chooses at random, per thread), and where it did not, the clocks are
 *       empty and this check is skipped for that execution;</li>
 *   <li>two exchanges that never wait ({@code exchangeNow}, a time of zero) never pair with each
 *       other: the contract says such an exchange pairs only with a thread already waiting, and
 *       neither of them was.</li>
 * </ol>
 * Operations in the parts of a scenario that run alone (before and after the parallel part) have no
 * partner, so they must have timed out; the tests configure no such part.
 *
 * <p><b>What it cannot check.</b> It checks safety, not liveness: an exchanger that always timed out
 * would pass. The counters {@link #pairs()} and {@link #timeouts()} let a test show that exchanges did
 * pair, and the contract test ({@code ExchangerContract}) checks that two threads that meet do
 * exchange. The overlap is checked at the granularity of whole operations, which is all Lincheck
 * records: it cannot tell whether the pair's linearization point lay inside both calls, only that the
 * two calls overlapped. And, as with all of Lincheck, it sees executions under sequential consistency
 * (model checking) or on this machine (stress), never the memory model.
 *
 * <p>Lincheck creates the verifier through its public constructor that takes the sequential
 * specification class, which this verifier ignores.
 */
public final class ExchangePairingVerifier implements Verifier {

    private static final Pattern OUTCOME = Pattern.compile("gave (\\d+), (?:got (\\d+)|timed out)");

    /** The name of the operation that never waits (a time of zero). */
    static final String NEVER_WAITS = "exchangeNow";

    private static final AtomicLong PAIRS = new AtomicLong();
    private static final AtomicLong TIMEOUTS = new AtomicLong();
    private static final AtomicLong EXECUTIONS = new AtomicLong();
    private static volatile String lastRejection;

    /**
     * Lincheck's constructor.
     *
     * @param sequentialSpecification ignored: an exchanger has none
     */
    public ExchangePairingVerifier(Class<?> sequentialSpecification) {
    }

    /** Resets the counters and the last rejection; a test calls it before {@code check}. */
    static void reset() {
        PAIRS.set(0);
        TIMEOUTS.set(0);
        EXECUTIONS.set(0);
        lastRejection = null;
    }

    /** @return the pairs seen in accepted executions since the last {@link #reset()} */
    static long pairs() {
        return PAIRS.get();
    }

    /** @return the timed-out exchanges seen in accepted executions since the last {@link #reset()} */
    static long timeouts() {
        return TIMEOUTS.get();
    }

    /** @return the executions accepted since the last {@link #reset()} */
    static long executions() {
        return EXECUTIONS.get();
    }

    /** @return why the last rejected execution was rejected, or null */
    static String lastRejection() {
        return lastRejection;
    }

    /** One operation of an execution: where it ran, what it gave and what it got. */
    private record Exchange(int thread, int index, String operation, int given, Integer received, HBClock clock) {

        @Override
        public String toString() {
            String where = thread < 0 ? "a sequential part" : "thread " + (thread + 1) + ", operation " + (index + 1);
            return operation + "() in " + where + " (gave " + given + ", "
                    + (received == null ? "timed out" : "got " + received) + ")";
        }
    }

    @Override
    public boolean verifyResults(ExecutionScenario scenario, ExecutionResult result) {
        List<Exchange> exchanges = new ArrayList<>();
        String problem = collect(scenario, result, exchanges);
        if (problem == null) {
            problem = checkPairs(exchanges);
        }
        if (problem != null) {
            lastRejection = problem;
            return false;
        }
        EXECUTIONS.incrementAndGet();
        return true;
    }

    private static String collect(ExecutionScenario scenario, ExecutionResult result, List<Exchange> into) {
        String problem = collectAlone(scenario.getInitExecution(), result.getInitResults(), into);
        if (problem != null) {
            return problem;
        }
        problem = collectAlone(scenario.getPostExecution(), result.getPostResults(), into);
        if (problem != null) {
            return problem;
        }
        List<List<Actor>> threads = scenario.getParallelExecution();
        List<List<ResultWithClock>> results = result.getParallelResultsWithClock();
        for (int thread = 0; thread < threads.size(); thread++) {
            for (int index = 0; index < threads.get(thread).size(); index++) {
                ResultWithClock withClock = results.get(thread).get(index);
                String operation = threads.get(thread).get(index).getMethod().getName();
                Object parsed = parse(withClock.getResult());
                if (parsed instanceof String unparsable) {
                    return operation + "() in thread " + (thread + 1) + " returned " + unparsable;
                }
                int[] outcome = (int[]) parsed;
                into.add(new Exchange(thread, index, operation, outcome[0],
                        outcome.length > 1 ? outcome[1] : null, withClock.getClockOnStart()));
            }
        }
        return null;
    }

    /** The operations that run alone: each must have timed out. */
    private static String collectAlone(List<Actor> actors, List<LincheckResult> results, List<Exchange> into) {
        for (int index = 0; index < actors.size(); index++) {
            String operation = actors.get(index).getMethod().getName();
            Object parsed = parse(results.get(index));
            if (parsed instanceof String unparsable) {
                return operation + "() in a sequential part returned " + unparsable;
            }
            int[] outcome = (int[]) parsed;
            if (outcome.length > 1) {
                return operation + "() ran alone and still got " + outcome[1];
            }
            into.add(new Exchange(-1, index, operation, outcome[0], null, null));
        }
        return null;
    }

    /** @return {given} or {given, received}, or a String describing an unexpected result */
    private static Object parse(LincheckResult result) {
        if (result instanceof ValueResult value && value.getValue() instanceof String text) {
            Matcher matcher = OUTCOME.matcher(text);
            if (matcher.matches()) {
                int given = Integer.parseInt(matcher.group(1));
                return matcher.group(2) == null ? new int[] {given}
                        : new int[] {given, Integer.parseInt(matcher.group(2))};
            }
        }
        return String.valueOf(result);
    }

    private static String checkPairs(List<Exchange> exchanges) {
        Map<Integer, Exchange> byGiven = new HashMap<>();
        for (Exchange exchange : exchanges) {
            Exchange previous = byGiven.put(exchange.given(), exchange);
            if (previous != null) {
                return "the harness gave the value " + exchange.given() + " twice: " + previous + " and " + exchange;
            }
        }
        int pairs = 0;
        int timeouts = 0;
        for (Exchange exchange : exchanges) {
            if (exchange.received() == null) {
                timeouts++;
                continue;
            }
            Exchange partner = byGiven.get(exchange.received());
            if (partner == null) {
                return exchange + " got a value that no exchange gave";
            }
            if (partner.thread() == exchange.thread()) {
                return exchange + " got the value of " + partner + ", of its own thread";
            }
            if (partner.received() == null) {
                return "half exchange: " + exchange + " got the value of " + partner + ", which timed out: "
                        + "a value was given although its exchange reported that it gave nothing";
            }
            if (partner.received() != exchange.given()) {
                return exchange + " got the value of " + partner + ", which got " + partner.received()
                        + " instead: a value was duplicated, or the pairs are not symmetric";
            }
            if (happensBefore(exchange, partner) || happensBefore(partner, exchange)) {
                return exchange + " paired with " + partner + ", but one of them returned before the other began";
            }
            if (NEVER_WAITS.equals(exchange.operation()) && NEVER_WAITS.equals(partner.operation())) {
                return exchange + " paired with " + partner + ", but neither of them waits";
            }
            pairs++;
        }
        PAIRS.addAndGet(pairs / 2);
        TIMEOUTS.addAndGet(timeouts);
        return null;
    }

    /**
     * Whether {@code first} returned before {@code second} began, by {@code second}'s clock: the number
     * of operations of {@code first}'s thread that had completed when {@code second} started. Empty
     * clocks (all zeros: the stress strategy did not record them) order nothing.
     */
    private static boolean happensBefore(Exchange first, Exchange second) {
        return second.clock() != null && second.clock().get(first.thread()) > first.index();
    }
}
