/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import static dev.interlock.examples.Spinner.TICK_MILLIS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.interlock.examples.Spinner.Run;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The claims of {@link Spinner}: the spinner ticks (several frames, and no more than its timed waits
 * allow), stops promptly after {@code set()}, even in the middle of a tick, its thread ends, and it sees
 * the result written before {@code set()}.
 *
 * <p>A machine busy with other work can stall the spinner's thread for hundreds of milliseconds (seen on
 * the 2-core machine with a load average of 14), and then it shows fewer frames. So "several frames,
 * stopped within 100 ms" must hold in one of {@value #ATTEMPTS} runs; a spinner that does not tick, or
 * that sleeps through its tick, fails every run. The other claims hold in every run.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SpinnerTest {

    private static final int ATTEMPTS = 3;

    /** Runs the example, with its output captured; returns the run and checks what holds in every run. */
    private static Run runChecked(long workMillis, long tickMillis) throws InterruptedException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Run run = Spinner.run(out, workMillis, tickMillis);
        String output = bytes.toString(StandardCharsets.UTF_8);
        System.out.println("spinner: " + run);

        assertTrue(run.spinnerEnded(), "the spinner thread is still running: " + run);
        // One frame at once, then one per wait that timed out, each at least a tick long.
        assertTrue(run.frames() >= 1 && run.frames() <= run.workMillis() / tickMillis + 2,
                "more frames than ticks: " + run);
        assertEquals(run.frames(), output.split(" working", -1).length - 1, "frames printed: " + output);
        assertTrue(output.contains("\rdone: " + run.result() + System.lineSeparator()), "no \"done\": " + output);
        assertTrue(output.contains("The spinner showed " + run.frames() + " frames"), "no summary: " + output);
        return run;
    }

    @Test
    void theSpinnerShowsSeveralFramesAndStopsPromptly() throws InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Run run = runChecked(Spinner.WORK_MILLIS, TICK_MILLIS);
            runs.add(run);
            if (run.frames() >= 3 && run.stopLagMillis() < 100) {
                return;
            }
        }
        fail("in none of " + ATTEMPTS + " runs did the spinner show 3 frames or more and stop within 100 ms"
                + " of set(): " + runs);
    }

    @Test
    void setStopsTheSpinnerInTheMiddleOfATick() throws InterruptedException {
        // A 1 s tick and 100 ms of work: a spinner that slept through its tick would stop about 900 ms late.
        Run run = runChecked(100, 1_000);
        assertEquals(1, run.frames(), "frames: " + run);
        assertTrue(run.stopLagMillis() >= 0 && run.stopLagMillis() < 500,
                "the spinner stopped " + run.stopLagMillis() + " ms after set(): " + run);
    }

    @Test
    void theSpinnerSeesTheResultWrittenBeforeSet() throws InterruptedException {
        Run run = runChecked(Spinner.WORK_MILLIS, TICK_MILLIS);
        assertEquals("indexed 100 files", run.result());
        assertEquals(run.result(), run.resultSeenBySpinner(), "what the spinner read after its await returned");
    }
}
