/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link JcstressMain}'s selection: a user's {@code -t} never runs a negative control unless it names
 * one. Matched as jcstress matches, by {@code find()} on the test's name; {@code .ci/run} also lists
 * {@code -t Counters_01} through the built jar and checks that no control is listed.
 */
class JcstressMainTest {

    private static final String TEST = "dev.interlock.stress.counters.Counters_01_LostUpdate.Atomic";
    private static final String CONTROL = "dev.interlock.stress.counters.Counters_01_LostUpdate.BrokenPlain";
    private static final String OTHER = "dev.interlock.stress.locks.Locks_05_UnlockWakesWaiter.Tas";

    @Test
    void aSelectionThatDoesNotNameTheControlsLeavesThemOut() {
        Pattern selection = selection("-t", "Counters_01", "-m", "quick");
        assertTrue(selection.matcher(TEST).find());
        assertFalse(selection.matcher(CONTROL).find());
        assertFalse(selection.matcher(OTHER).find());
    }

    @Test
    void anAnchoredSelectionKeepsItsMeaning() {
        Pattern selection = selection("-t", "^dev\\.interlock\\.stress\\.counters\\.");
        assertTrue(selection.matcher(TEST).find());
        assertFalse(selection.matcher(CONTROL).find());
        assertFalse(selection("-t", "^Counters_01").matcher(TEST).find(), "a ^ still anchors at the start");
        assertTrue(selection("-t", "Atomic$").matcher(TEST).find());
    }

    @Test
    void aSelectionThatNamesAControlIsPassedOnUnchanged() {
        String[] args = {"-t", "Counters_01.*BrokenPlain", "-m", "quick"};
        assertArrayEquals(args, JcstressMain.withoutUnnamedControls(args));
    }

    @Test
    void noSelectionAtAllRunsEveryTestButTheControls() {
        String[] rewritten = JcstressMain.withoutUnnamedControls(new String[] {"-m", "sanity"});
        assertEquals(4, rewritten.length);
        Pattern selection = selection(rewritten);
        assertTrue(selection.matcher(TEST).find());
        assertTrue(selection.matcher(OTHER).find());
        assertFalse(selection.matcher(CONTROL).find());
    }

    @Test
    void theEqualsFormIsRewrittenToo() {
        String[] rewritten = JcstressMain.withoutUnnamedControls(new String[] {"-t=Counters_01", "-m", "quick"});
        assertEquals(3, rewritten.length);
        Pattern selection = Pattern.compile(rewritten[0].substring("-t=".length()));
        assertTrue(selection.matcher(TEST).find());
        assertFalse(selection.matcher(CONTROL).find());
    }

    @Test
    void everyOtherArgumentIsPassedOnUnchanged() {
        String[] rewritten = JcstressMain.withoutUnnamedControls(new String[] {"-l", "-t", "Locks", "-jvmArgs", "-Xint"});
        assertEquals("-l", rewritten[0]);
        assertEquals("-t", rewritten[1]);
        assertEquals("-jvmArgs", rewritten[3]);
        assertEquals("-Xint", rewritten[4]);
    }

    private static Pattern selection(String... args) {
        String[] rewritten = JcstressMain.withoutUnnamedControls(args);
        for (int i = 0; i + 1 < rewritten.length; i++) {
            if (rewritten[i].equals("-t")) {
                return Pattern.compile(rewritten[i + 1]);
            }
        }
        throw new AssertionError("no -t in the rewritten arguments");
    }
}
