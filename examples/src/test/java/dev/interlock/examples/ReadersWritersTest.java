/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import static dev.interlock.examples.ReadersWriters.HOLD_MILLIS;
import static dev.interlock.examples.ReadersWriters.READERS;
import static dev.interlock.examples.ReadersWriters.WINDOW_MILLIS;
import static dev.interlock.examples.ReadersWriters.WRITER_ASKS_AT_MILLIS;
import static org.junit.jupiter.api.Assertions.fail;

import dev.interlock.examples.ReadersWriters.Run;
import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The claims of {@link ReadersWriters}: under {@code READER_PREFERRING} the writer waits until the
 * readers stop, most of the reading left when it asks; under {@code FAIR} and {@code WRITER_PREFERRING}
 * it gets in while they still read, within a quarter of that time (it needs about one read hold,
 * {@value ReadersWriters#HOLD_MILLIS} ms); and the readers keep reading under every policy.
 *
 * <p>A machine busy with other work can stall these threads for hundreds of milliseconds (seen on the
 * 2-core machine with a load average of 14), which can break a timing claim in one run. So each claim
 * must hold in one of {@value #ATTEMPTS} runs: a lock that broke its policy fails every run.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReadersWritersTest {

    private static final int ATTEMPTS = 3;
    /** The reading left when the writer asks. */
    private static final double READING_LEFT_MILLIS = WINDOW_MILLIS - WRITER_ASKS_AT_MILLIS;
    /** The reads the readers would complete with no writer and no delays. */
    private static final long IDEAL_READS = READERS * WINDOW_MILLIS / HOLD_MILLIS;

    @Test
    void readerPreferringStarvesTheWriterUntilTheReadersStop() throws InterruptedException {
        runUntil(Policy.READER_PREFERRING, "the writer gets in only after the readers stop, having waited at"
                + " least 60% of the reading left", run -> run.readersStoppedFirst()
                        && run.writerWaitMillis() >= 0.6 * READING_LEFT_MILLIS && readersRead(run));
    }

    @Test
    void fairLetsTheWriterInWhileTheReadersRead() throws InterruptedException {
        runUntil(Policy.FAIR, "the writer gets in while the readers read, within a quarter of the reading left",
                ReadersWritersTest::writerGotInPromptly);
    }

    @Test
    void writerPreferringLetsTheWriterInWhileTheReadersRead() throws InterruptedException {
        runUntil(Policy.WRITER_PREFERRING, "the writer gets in while the readers read, within a quarter of"
                + " the reading left", ReadersWritersTest::writerGotInPromptly);
    }

    private static boolean writerGotInPromptly(Run run) {
        return !run.readersStoppedFirst() && run.writerWaitMillis() < READING_LEFT_MILLIS / 4 && readersRead(run);
    }

    /** The readers were not starved either: a quarter of the ideal reads at least. */
    private static boolean readersRead(Run run) {
        return run.reads() >= IDEAL_READS / 4;
    }

    /** Runs the example under {@code policy} until {@code claim} holds, at most {@link #ATTEMPTS} times. */
    private static void runUntil(Policy policy, String description, Predicate<Run> claim)
            throws InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Run run = ReadersWriters.run(policy);
            runs.add(run);
            System.out.println("readers-writers: " + run);
            if (claim.test(run)) {
                return;
            }
        }
        fail("in none of " + ATTEMPTS + " runs did " + description + " (and the readers read at least "
                + IDEAL_READS / 4 + " times): " + runs);
    }
}
