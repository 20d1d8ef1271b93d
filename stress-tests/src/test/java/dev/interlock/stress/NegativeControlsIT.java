/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress;

import dev.interlock.stress.JcstressJar.Run;
import dev.interlock.stress.JcstressJar.TestEntry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Proves that the jcstress suite can fail. Every negative control (a test whose simple name starts
 * with {@code Broken}, such as {@code Counters_01_LostUpdate.BrokenPlain}) runs alone, in the mode
 * {@code stress.negative.mode} ({@code quick} in {@code verify}: {@code sanity} can miss a real
 * race), and must be caught: jcstress exits non-zero and reports a FORBIDDEN outcome observed for
 * that very test. A negative control that passes means the harness cannot see the bug it plants,
 * and then the suite passing proves nothing.
 *
 * <p>jcstress 0.16 reports each FORBIDDEN observation, after the run, as a line of the form
 * {@code <test> [<JVM flags>]: Observed forbidden state: <outcome> (<description>)}; that line is
 * the marker this test looks for.
 */
class NegativeControlsIT {

    @TestFactory
    Stream<DynamicTest> everyNegativeControlIsCaught() throws IOException {
        List<TestEntry> negativeControls = JcstressJar.testList(JcstressJar.jar()).stream()
                .filter(TestEntry::isNegativeControl)
                .toList();
        assertFalse(negativeControls.isEmpty(),
                "the jar has no negative control (no test whose simple name starts with Broken): nothing proves the suite can fail");
        return negativeControls.stream()
                .map(test -> DynamicTest.dynamicTest(test.name(), () -> assertCaught(test)));
    }

    /**
     * The suite run and the negative controls together cover the whole jar: the suite's selection
     * ({@code stress.tests}) must exclude exactly the negative controls, so that no test is run by
     * neither.
     */
    @Test
    void suiteSelectionExcludesExactlyTheNegativeControls() throws IOException {
        Pattern selection = JcstressJar.suiteSelection();
        for (TestEntry test : JcstressJar.testList(JcstressJar.jar())) {
            boolean inSuite = selection.matcher(test.name()).find();
            assertNotEquals(test.isNegativeControl(), inSuite, () -> test.name()
                    + (inSuite ? " is a negative control, but the suite selection matches it: "
                               : " is not a negative control, but the suite selection leaves it out: ")
                    + selection.pattern());
        }
    }

    private static void assertCaught(TestEntry test) throws IOException, InterruptedException {
        assertTrue(test.actors() <= JcstressJar.cpus(), test.name() + " has " + test.actors()
                + " actors and this machine has " + JcstressJar.cpus() + " CPUs: jcstress cannot run it, so it cannot be caught here");

        Path workDir = JcstressJar.workDir();
        String mode = System.getProperty("stress.negative.mode", "quick");
        Run run = JcstressJar.run(List.of(
                "-m", mode,
                "-t", "^" + Pattern.quote(test.name()) + "$",
                "-r", workDir.resolve("negative-report").resolve(test.name()).toString()),
                workDir.resolve("negative").resolve(test.name() + ".log"));

        Matcher forbidden = Pattern.compile("(?m)^" + Pattern.quote(test.name()) + " \\[.*\\]: Observed forbidden state: (.*)$")
                .matcher(run.output());
        long observations = 0;
        String example = null;
        while (forbidden.find()) {
            observations++;
            example = example == null ? forbidden.group(1) : example;
        }
        System.out.printf("[stress] negative control %s (%s mode): %s in %d configurations, e.g. %s; %s%n",
                test.name(), mode, observations > 0 ? "FORBIDDEN observed" : "NOT CAUGHT", observations,
                example, JcstressJar.format(run.elapsed()));

        String context = System.lineSeparator() + "Full output: " + run.log() + System.lineSeparator()
                + JcstressJar.tail(run.output(), 60);
        assertFalse(run.output().contains(JcstressJar.NO_SCHEDULING), "jcstress could not schedule " + test.name() + context);
        assertFalse(run.output().contains(JcstressJar.NO_MATCHING_TESTS), "jcstress did not run " + test.name() + context);
        assertNotEquals(0, run.exitCode(), "the negative control " + test.name() + " passed: the harness did not catch its bug" + context);
        assertTrue(observations > 0, "jcstress failed, but reported no FORBIDDEN outcome for " + test.name()
                + " (an error, or an unknown outcome?)" + context);
    }
}
