/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.StressOptions;

/**
 * The budget of the Lincheck tests: how many scenarios the positive tests run, and how long an
 * invocation may take before it counts as hung ({@link #failHangsFast}).
 *
 * <p>Scenarios: the full budget of each test, divided by the system property
 * {@value #DIVISOR_PROPERTY} (1 if it is not set; the build sets it). Why a divisor exists at all:
 * CI must stay under 30 minutes on 2 cores, and runs every test
 * twice, on JDK 17 (the README's test command) and again on JDK 25, and Lincheck is most of that
 * time. So {@code ./mvnw verify} runs a third of each positive test's scenarios (the parent pom's
 * default, 3), and {@code .ci/run}'s JDK 25 run, which shows that Lincheck's instrumentation and
 * every algorithm work on JDK 25, a thirtieth (at least one scenario per test). The full budget is a
 * documented command of its own, {@code ./mvnw verify -Dinterlock.lincheck.divisor=1} (see
 * {@code docs/verification.md}), like jcstress's longer modes. Only the tests that must pass are
 * divided: the negative controls, which must be caught, always run the full budget.
 */
public final class LincheckBudget {

    /** The system property that divides the scenarios of the positive Lincheck tests. */
    public static final String DIVISOR_PROPERTY = "interlock.lincheck.divisor";

    /**
     * How long one Lincheck invocation (one run of one scenario) may take before Lincheck reports
     * that it hung. Why, and what it was measured against: {@code docs/verification.md}, "A hang
     * fails in seconds".
     */
    public static final long INVOCATION_TIMEOUT_MILLIS = 5_000;

    private LincheckBudget() {
    }

    /**
     * Makes a hang fail fast: sets {@link #INVOCATION_TIMEOUT_MILLIS} and, under stress, turns off
     * the minimisation of a failed scenario (see {@code docs/verification.md}, "A hang fails in
     * seconds"). Every Lincheck option factory of the project goes through here. Lincheck 3.7 has the
     * timeout but marks it internal (Kotlin), so from Java it is called by its mangled name, here
     * only; a Lincheck upgrade that renames it fails to compile.
     *
     * @param options model-checking or stress options
     * @param <O> the options' type
     * @return the same options
     */
    public static <O extends Options<O, ?>> O failHangsFast(O options) {
        O bounded = options.invocationTimeout$lincheck(INVOCATION_TIMEOUT_MILLIS);
        return options instanceof StressOptions ? bounded.minimizeFailedScenario(false) : bounded;
    }

    /**
     * The scenarios to run for a test whose full budget is {@code full}: {@code full / divisor}, at
     * least 1.
     *
     * @param full the test's full number of scenarios (iterations)
     * @return the number to run
     * @throws IllegalArgumentException if the divisor is not a positive integer
     */
    public static int scenarios(int full) {
        String value = System.getProperty(DIVISOR_PROPERTY, "1").strip();
        int divisor;
        try {
            divisor = Integer.parseInt(value.isEmpty() ? "1" : value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(DIVISOR_PROPERTY + " must be a positive integer: " + value, e);
        }
        if (divisor < 1) {
            throw new IllegalArgumentException(DIVISOR_PROPERTY + " must be a positive integer: " + value);
        }
        if (divisor > 1) {
            System.out.printf("[lincheck] %d scenarios instead of %d (%s=%d)%n", Math.max(1, full / divisor), full,
                    DIVISOR_PROPERTY, divisor);
        }
        return Math.max(1, full / divisor);
    }
}
