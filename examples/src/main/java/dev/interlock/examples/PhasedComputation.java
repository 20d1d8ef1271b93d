/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import dev.interlock.sync.Barrier;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A phased parallel computation synchronized by a {@link Barrier}: Jacobi relaxation of the temperature
 * along a rod whose ends are held at {@value #HOT} and 0 degrees. Each phase, every interior point
 * becomes the average of its two neighbours' values in the previous phase, until no point moves by more
 * than the tolerance: the steady state, a straight line from one end to the other.
 *
 * <p>The rod is split into one slice per worker thread. Each phase, every worker computes its slice of
 * the next array from the current one, then waits at the barrier. The barrier's action, run by the last
 * worker to arrive while the others wait, swaps the two arrays, takes the largest change of any slice
 * (the residual), and decides whether that was the last phase. The barrier is what makes this correct
 * without any other synchronization: no worker reads its neighbours' values of a phase before they are
 * all written, and none writes the next phase's before all have read them.
 *
 * <p>It prints the phases run, the workers, the final residual, the largest distance from the exact
 * steady state, and the elapsed time. The slices are small, to keep the run short, so the time is
 * mostly the barrier's: the example shows the synchronization, not a speed-up. {@code
 * PhasedComputationTest} checks that the result equals, bit for bit, a sequential computation of the
 * same phases, and the number of phases.
 *
 * <pre>{@code ./mvnw -q -pl examples exec:java -Dexample=phased-computation}</pre>
 */
public final class PhasedComputation {

    static final int POINTS = 50;
    static final int WORKERS = 4;
    static final double TOLERANCE = 1e-4;
    static final int MAX_PHASES = 100_000;
    static final double HOT = 100.0;

    private PhasedComputation() {
    }

    /**
     * What a relaxation computed.
     *
     * @param workers the worker threads
     * @param phases the phases run
     * @param residual the largest change of any point in the last phase
     * @param converged whether the residual reached the tolerance (else the phases ran out)
     * @param temperatures the final temperature of each point
     * @param nanos the elapsed time
     */
    record Result(int workers, int phases, double residual, boolean converged, double[] temperatures, long nanos) {

        /** The largest distance from the steady state, the straight line from {@link #HOT} to 0. */
        double distanceFromSteadyState() {
            int last = temperatures.length - 1;
            double distance = 0.0;
            for (int i = 0; i <= last; i++) {
                distance = Math.max(distance, Math.abs(temperatures[i] - HOT * (last - i) / last));
            }
            return distance;
        }
    }

    /** The rod before the first phase: the left end hot, everything else at 0. */
    static double[] initialRod(int points) {
        double[] rod = new double[points];
        rod[0] = HOT;
        return rod;
    }

    /**
     * One worker's share of a phase: computes {@code next[from..to)} from {@code current}, and returns
     * the largest change.
     */
    static double relax(double[] current, double[] next, int from, int to) {
        double change = 0.0;
        for (int i = from; i < to; i++) {
            next[i] = (current[i - 1] + current[i + 1]) / 2;
            change = Math.max(change, Math.abs(next[i] - current[i]));
        }
        return change;
    }

    /** The state the workers share. Plain fields: the barrier orders every access (see {@link #solve}). */
    private static final class Rod {
        double[] current;
        double[] next;
        final double[] sliceChange;
        int phases;
        double residual;
        boolean done;

        Rod(int points, int workers) {
            current = initialRod(points);
            next = current.clone(); // the ends are never written, so both arrays keep them
            sliceChange = new double[workers];
        }
    }

    /**
     * Relaxes a rod of {@code points} points (at least 3) with {@code workers} threads until no point
     * changes by more than {@code tolerance}, or for {@code maxPhases} phases.
     */
    static Result solve(int points, int workers, double tolerance, int maxPhases) throws InterruptedException {
        Rod rod = new Rod(points, workers);
        // Run by the last worker to arrive, while the others wait: what every worker wrote before its
        // await() happens-before the action, and the action happens-before every worker's return from
        // await(). So the workers need no volatile fields, no locks, and no copies of their neighbours.
        Barrier barrier = new Barrier(workers, () -> {
            double residual = 0.0;
            for (double change : rod.sliceChange) {
                residual = Math.max(residual, change);
            }
            double[] swap = rod.current;
            rod.current = rod.next;
            rod.next = swap;
            rod.phases++;
            rod.residual = residual;
            rod.done = residual <= tolerance || rod.phases == maxPhases;
        });

        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        int interior = points - 2;
        for (int w = 0; w < workers; w++) {
            int slice = w;
            int from = 1 + (int) ((long) interior * w / workers);
            int to = 1 + (int) ((long) interior * (w + 1) / workers);
            threads.add(new Thread(() -> {
                try {
                    do {
                        rod.sliceChange[slice] = relax(rod.current, rod.next, from, to);
                        barrier.await();
                    } while (!rod.done);
                } catch (InterruptedException | BrokenBarrierException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                    barrier.abort(); // the others would wait for ever: break the barrier, they throw
                }
            }, "relax-" + w));
        }

        long start = System.nanoTime();
        threads.forEach(Thread::start);
        long deadline = start + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        long nanos = System.nanoTime() - start;
        if (threads.stream().anyMatch(Thread::isAlive)) {
            threads.forEach(Thread::interrupt); // an interrupted waiter breaks the barrier for all
            throw new IllegalStateException("the relaxation did not finish in 30 s: " + rod.phases + " phases");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a worker failed", failure.get());
        }
        return new Result(workers, rod.phases, rod.residual, rod.residual <= tolerance, rod.current, nanos);
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws InterruptedException if interrupted while it waits for the workers
     */
    public static void main(String[] args) throws InterruptedException {
        Result result = solve(POINTS, WORKERS, TOLERANCE, MAX_PHASES);
        System.out.printf("Phased computation: Jacobi relaxation of a rod of %d points, ends at %.0f and 0 degrees%n",
                POINTS, HOT);
        System.out.printf("  workers:          %d threads, one Barrier%n", result.workers());
        System.out.printf("  phases:           %d (%s)%n", result.phases(),
                result.converged() ? "converged" : "stopped at the limit");
        System.out.printf("  final residual:   %.3g degrees (tolerance %.0g)%n", result.residual(), TOLERANCE);
        System.out.printf("  off steady state: %.3g degrees at most%n", result.distanceFromSteadyState());
        System.out.printf("  elapsed:          %.1f ms (%.1f us a phase)%n", result.nanos() / 1e6,
                result.nanos() / 1e3 / result.phases());
    }
}
