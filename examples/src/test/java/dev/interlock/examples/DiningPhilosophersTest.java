/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.examples.DiningPhilosophers.Dinner;
import dev.interlock.examples.DiningPhilosophers.Outcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Checks the claims of {@link DiningPhilosophers}: the naive table deadlocks, and the watchdog reports it
 * and ends it (every thread leaves); each fix finishes without a deadlock, feeds every philosopher, serves
 * exactly the meals asked for, and never lets two philosophers hold one fork.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DiningPhilosophersTest {

    static final int MEALS = 30;
    static final Duration SHORT_DINNER = Duration.ofMillis(300);

    @Test
    void theNaiveTableDeadlocksAndIsReportedNotHung() throws InterruptedException {
        Outcome outcome = DiningPhilosophers.naive();
        assertTrue(outcome.deadlocked(), "the watchdog saw no deadlock: " + DiningPhilosophers.describe(outcome));
        assertTrue(outcome.report().startsWith("deadlock: every philosopher holds one fork and waits for the next"),
                outcome.report());
        for (int p = 0; p < DiningPhilosophers.PHILOSOPHERS; p++) {
            assertTrue(outcome.report().contains("philosopher " + p + " holds fork [" + p + "] and waits for fork "
                    + (p + 1) % DiningPhilosophers.PHILOSOPHERS), outcome.report());
        }
        assertEquals(0, outcome.total(), "a philosopher ate at a deadlocked table");
        assertTrue(outcome.allThreadsEnded(), "a philosopher's thread did not end after the interrupt");
        assertEquals(1, outcome.mostHoldersOfAFork());
        assertTrue(outcome.elapsed().compareTo(Duration.ofSeconds(5)) < 0, "reported only after " + outcome.elapsed());
    }

    @Test
    void resourceOrderingServesExactlyTheMealsAsked() throws InterruptedException {
        assertFedExactly(MEALS, DiningPhilosophers.resourceOrdering(Dinner.meals(MEALS)));
    }

    @Test
    void fourSeatsServeExactlyTheMealsAsked() throws InterruptedException {
        assertFedExactly(MEALS, DiningPhilosophers.seats(Dinner.meals(MEALS)));
    }

    @Test
    void tryLockWithBackOffServesExactlyTheMealsAsked() throws InterruptedException {
        assertFedExactly(MEALS, DiningPhilosophers.tryLockWithBackOff(Dinner.meals(MEALS)));
    }

    @Test
    void everyFixFeedsEveryoneForAFixedTime() throws InterruptedException {
        for (Outcome outcome : new Outcome[] {
            DiningPhilosophers.resourceOrdering(Dinner.lasting(SHORT_DINNER)),
            DiningPhilosophers.seats(Dinner.lasting(SHORT_DINNER)),
            DiningPhilosophers.tryLockWithBackOff(Dinner.lasting(SHORT_DINNER)),
        }) {
            assertFed(outcome);
            assertTrue(outcome.elapsed().compareTo(SHORT_DINNER) >= 0, outcome.name() + " ended early: " + outcome.elapsed());
            assertTrue(outcome.elapsed().compareTo(SHORT_DINNER.plusSeconds(2)) < 0,
                    outcome.name() + " did not end on time: " + outcome.elapsed());
        }
    }

    @Test
    void mainPrintsTheDeadlockAndTheThreeFixes() throws InterruptedException {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        long begin = System.nanoTime();
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            DiningPhilosophers.main(new String[0]);
        } finally {
            System.setOut(stdout);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        String printed = captured.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        System.out.println("[dining-philosophers] main took " + elapsed.toMillis() + " ms");
        for (String expected : new String[] {
            "deadlock: every philosopher holds one fork and waits for the next",
            "every philosopher gave up her fork and left",
            "Resource ordering", "Seats", "tryLock with randomized back-off",
        }) {
            assertTrue(printed.contains(expected), "missing '" + expected + "' in:\n" + printed);
        }
        assertFalse(printed.contains("BROKEN"), printed);
        assertTrue(elapsed.compareTo(Duration.ofSeconds(8)) < 0, "main took " + elapsed);
    }

    /** No deadlock, every thread ended, each philosopher ate, and no fork was ever shared. */
    private static void assertFed(Outcome outcome) {
        String what = DiningPhilosophers.describe(outcome);
        assertFalse(outcome.deadlocked(), what + outcome.report());
        assertTrue(outcome.allThreadsEnded(), "a philosopher's thread did not end: " + what);
        assertTrue(Arrays.stream(outcome.meals()).allMatch(meals -> meals >= 1), "a philosopher starved: " + what);
        // 0 would mean the holder count never ran: the check below would prove nothing.
        assertEquals(1, outcome.mostHoldersOfAFork(), "a fork was held by two philosophers at once: " + what);
    }

    private static void assertFedExactly(long meals, Outcome outcome) {
        assertFed(outcome);
        long[] expected = new long[DiningPhilosophers.PHILOSOPHERS];
        Arrays.fill(expected, meals);
        assertEquals(Arrays.toString(expected), Arrays.toString(outcome.meals()), outcome.name());
    }
}
