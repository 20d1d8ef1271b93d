/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.interlock.examples.PhasedComputation.HOT;
import static dev.interlock.examples.PhasedComputation.MAX_PHASES;
import static dev.interlock.examples.PhasedComputation.POINTS;
import static dev.interlock.examples.PhasedComputation.TOLERANCE;
import static dev.interlock.examples.PhasedComputation.WORKERS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims of {@link PhasedComputation}: the parallel relaxation computes, bit for bit, what a
 * sequential loop computes in the same phases, and stops after the same number of phases. Doubles make
 * this a sharp test: a worker that read a neighbour's value from the wrong phase would change the bits.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PhasedComputationTest {

    /** The sequential computation, written out independently, with the same arithmetic per element. */
    record Sequential(int phases, double residual, double[] temperatures) {
    }

    static Sequential sequential(int points, double tolerance, int maxPhases) {
        double[] current = new double[points];
        current[0] = HOT;
        double[] next = current.clone();
        int phases = 0;
        double residual;
        do {
            residual = 0.0;
            for (int i = 1; i < points - 1; i++) {
                next[i] = (current[i - 1] + current[i + 1]) / 2;
                residual = Math.max(residual, Math.abs(next[i] - current[i]));
            }
            double[] swap = current;
            current = next;
            next = swap;
            phases++;
        } while (residual > tolerance && phases < maxPhases);
        return new Sequential(phases, residual, current);
    }

    private static void assertSameAsSequential(int points, int workers, double tolerance, int maxPhases)
            throws InterruptedException {
        PhasedComputation.Result parallel = PhasedComputation.solve(points, workers, tolerance, maxPhases);
        Sequential sequential = sequential(points, tolerance, maxPhases);
        String config = points + " points, " + workers + " workers";
        assertEquals(sequential.phases(), parallel.phases(), config);
        assertEquals(sequential.residual(), parallel.residual(), 0.0, config);
        assertArrayEquals(sequential.temperatures(), parallel.temperatures(), config); // exact: no delta
    }

    @Test
    void theExampleMatchesTheSequentialComputationBitForBitAndConverges() throws InterruptedException {
        PhasedComputation.Result result = PhasedComputation.solve(POINTS, WORKERS, TOLERANCE, MAX_PHASES);
        Sequential sequential = sequential(POINTS, TOLERANCE, MAX_PHASES);
        System.out.printf("[phased] %d phases, %d workers, residual %.3g, %.1f ms%n",
                result.phases(), result.workers(), result.residual(), result.nanos() / 1e6);

        assertEquals(sequential.phases(), result.phases());
        assertTrue(result.phases() > 1_000, "a relaxation this slow takes thousands of phases: " + result.phases());
        assertArrayEquals(sequential.temperatures(), result.temperatures());
        assertTrue(result.converged());
        assertTrue(result.residual() <= TOLERANCE);
        assertTrue(result.distanceFromSteadyState() < 1.0, "far from the straight line: "
                + result.distanceFromSteadyState());
    }

    @Test
    void unevenSlicesMoreWorkersThanCoresAndASingleWorkerMatchTheSequentialComputation()
            throws InterruptedException {
        assertSameAsSequential(37, 6, 1e-3, MAX_PHASES); // 35 interior points: slices of 5 and 6
        assertSameAsSequential(37, 1, 1e-3, MAX_PHASES); // one party: the action runs every await
        assertSameAsSequential(5, 4, 1e-3, MAX_PHASES); // 3 interior points: one slice is empty
    }

    @Test
    void whenThePhasesRunOutItStopsThereUnconverged() throws InterruptedException {
        PhasedComputation.Result result = PhasedComputation.solve(POINTS, WORKERS, TOLERANCE, 10);
        assertEquals(10, result.phases());
        assertFalse(result.converged());
        assertSameAsSequential(POINTS, WORKERS, TOLERANCE, 10);
    }
}
