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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Runs the whole jcstress suite, minus the negative controls, from the shaded jar, in the mode
 * {@code stress.suite.mode} ({@code sanity} in {@code verify}), and fails unless every test ran and
 * passed.
 *
 * <p>"Every test ran" is checked, not assumed: jcstress exits 0 when its selection matches nothing
 * ("FATAL: No matching tests.") and when it cannot schedule a test ("No scheduling is possible"),
 * so a suite that runs nothing looks green by its exit code alone. This test counts the tests in
 * the jar's {@code META-INF/TestList} and the tests in jcstress's own summary, and compares them.
 * And "ran" means "took samples": every test's page in the HTML report must show at least one
 * observed outcome. That check exists because sanity mode's preset gives each iteration 0 ms, and a
 * {@code Mode.Termination} test, which loops until its time is up, then takes no sample at all and
 * passes with an empty result (found with the read-write lock's wake-up tests). So in sanity mode
 * the Termination tests run apart, with {@code -time} {@value #SANITY_ITERATION_MILLIS}; the
 * others keep the preset, which already gives them hundreds of samples (measured on 2 cores and
 * JDK 17: the 54 other tests took 210 s without {@code -time}, and about 100 s more with it).
 *
 * <p>In sanity mode the suite also runs without jcstress's split-compilation configurations
 * ({@code -sc false}), in which one actor is compiled by C2 and the other by C1 or interpreted: those
 * check the JVM's compilers against each other more than they check this library, and they were two
 * thirds of the suite's configurations: with them, 121 tests took 3,348 configurations and 327 s;
 * without, 128 tests took 1,024 and 96 s (JDK 17, 2 cores, 2026-12-07). Each test keeps the 8
 * configurations that compile all its actors alike (C2, C1, the interpreter), with and without biased
 * locking, and the C2 stress forks that randomize instruction scheduling. Every jcstress
 * negative control is caught without the split configurations ({@code NegativeControlsIT} runs them
 * all with {@code -sc false}), which is the evidence that they add nothing for the bugs this suite
 * looks for. Runs in other modes keep jcstress's defaults.
 *
 * <p>jcstress 0.16 runs a test only when it can give each actor a CPU of its own, and it has no
 * option to oversubscribe ({@code -c} above the machine's CPU count is refused). So the tests with
 * more actors than this machine has CPUs are taken out of the selection, and each is reported as
 * a skipped test by {@link #testsThatNeedMoreCpus()}: visible in the report, never silent.
 */
class StressSuiteIT {

    /** Milliseconds per iteration in sanity mode, so that Termination tests take samples (see above). */
    static final int SANITY_ITERATION_MILLIS = 20;

    @Test
    void everyTestRunsAndPasses() throws IOException, InterruptedException {
        Path jar = JcstressJar.jar();
        Pattern selection = JcstressJar.suiteSelection();
        List<TestEntry> selected = JcstressJar.testList(jar).stream()
                .filter(test -> selection.matcher(test.name()).find())
                .toList();
        List<TestEntry> runnable = selected.stream().filter(test -> test.actors() <= JcstressJar.cpus()).toList();
        assertFalse(runnable.isEmpty(), "the suite selects no test that can run here; selection: " + selection
                + ", tests in the jar: " + JcstressJar.testList(jar).size() + ", CPUs: " + JcstressJar.cpus());
        int unschedulable = selected.size() - runnable.size();

        String mode = System.getProperty("stress.suite.mode", "sanity");
        List<TestEntry> continuous = runnable.stream().filter(test -> !test.isTermination()).toList();
        List<TestEntry> termination = runnable.stream().filter(TestEntry::isTermination).toList();
        // Two runs, because only the Termination tests need more time per iteration in sanity mode
        // (see the class comment); giving it to all 80 tests cost 1.5 minutes of CI for nothing.
        // In sanity mode, without the split-compilation configurations (see the class comment).
        runAndCheck("suite", continuous, mode, mode.equals("sanity") ? List.of("-sc", "false") : List.of(), unschedulable);
        runAndCheck("suite-termination", termination, mode,
                mode.equals("sanity") ? List.of("-time", Integer.toString(SANITY_ITERATION_MILLIS)) : List.of(), 0);
    }

    /**
     * Runs the given tests in one jcstress invocation and fails unless each of them ran, took
     * samples and passed. Does nothing for an empty list (a jar without Termination tests).
     */
    private static void runAndCheck(String name, List<TestEntry> tests, String mode, List<String> extraArguments,
            int unschedulable) throws IOException, InterruptedException {
        if (tests.isEmpty()) {
            return;
        }
        Path workDir = JcstressJar.workDir();
        Path report = workDir.resolve(name + "-report");
        deleteRecursively(report);
        List<String> arguments = new ArrayList<>(List.of(
                "-m", mode,
                "-t", JcstressJar.exactly(tests),
                "-r", report.toString()));
        arguments.addAll(extraArguments);
        Run run = JcstressJar.run(arguments, workDir.resolve(name + ".log"));

        printSummary(run, name, tests.size(), unschedulable, mode);

        String context = System.lineSeparator() + "Full output: " + run.log() + System.lineSeparator()
                + JcstressJar.tail(run.output(), 60);
        assertFalse(run.output().contains(JcstressJar.NO_SCHEDULING),
                "jcstress could not schedule some tests, so they did not run" + context);
        assertFalse(run.output().contains(JcstressJar.NO_MATCHING_TESTS), "jcstress ran no test" + context);
        assertEquals(0, run.exitCode(), "jcstress failed: a FORBIDDEN or unknown outcome, or an error" + context);

        Set<String> expected = tests.stream().map(TestEntry::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected.size(), testsInSummary(run.output()),
                "jcstress's summary does not count the tests the jar lists; expected " + expected + context);
        assertEquals(expected, testsInReport(report),
                "the HTML report in " + report + " does not have one page per expected test" + context);
        assertEquals(Set.of(), testsWithoutSamples(report),
                "these tests took no sample, so they checked nothing (is the mode's time per iteration 0?)" + context);
    }

    /**
     * The tests whose report page shows no observed outcome: each observed outcome is a column
     * heading of the page's results table, and a test that took no sample has none.
     */
    private static Set<String> testsWithoutSamples(Path report) throws IOException {
        Set<String> empty = new TreeSet<>();
        for (String test : testsInReport(report)) {
            String page = Files.readString(report.resolve(test + ".html"));
            int results = page.indexOf("<h3>Results</h3>");
            if (results < 0 || !page.substring(results).contains("<th nowrap align='center'>")) {
                empty.add(test);
            }
        }
        return empty;
    }

    /**
     * One skipped test per jcstress test that this machine cannot run, so that the Surefire report
     * says which tests the suite did not cover here, and why.
     */
    @TestFactory
    Stream<DynamicTest> testsThatNeedMoreCpus() throws IOException {
        Pattern selection = JcstressJar.suiteSelection();
        int cpus = JcstressJar.cpus();
        List<TestEntry> unschedulable = JcstressJar.testList(JcstressJar.jar()).stream()
                .filter(test -> selection.matcher(test.name()).find())
                .filter(test -> test.actors() > cpus)
                .toList();
        if (unschedulable.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("every test fits on " + cpus + " CPUs", () -> { }));
        }
        return unschedulable.stream().map(test -> DynamicTest.dynamicTest(test.name(), () ->
                Assumptions.abort("NOT RUN: " + test.name() + " has " + test.actors() + " actors and this machine has "
                        + cpus + " CPUs; jcstress 0.16 cannot run it here. Run the suite on a machine with at least "
                        + test.actors() + " CPUs.")));
    }

    /**
     * The number of tests in jcstress's closing summary ("RUN RESULTS:"). Each test is counted in
     * exactly one of its four groups, as "N matching test results" or "No matches".
     */
    private static int testsInSummary(String output) {
        int summary = output.lastIndexOf("RUN RESULTS:");
        if (summary < 0) {
            return 0;
        }
        Matcher group = Pattern.compile("(?m)^\\s*(?:Interesting|Failed|Error|All remaining) tests: (?:No matches|(\\d+) matching test results)")
                .matcher(output.substring(summary));
        int tests = 0;
        int groups = 0;
        while (group.find()) {
            groups++;
            if (group.group(1) != null) {
                tests += Integer.parseInt(group.group(1));
            }
        }
        if (groups != 4) {
            throw new IllegalStateException("jcstress's summary has " + groups + " groups instead of 4: has its format changed?");
        }
        return tests;
    }

    /** The tests that have a page in jcstress's HTML report: one file per test, named after it. */
    private static Set<String> testsInReport(Path report) throws IOException {
        if (!Files.isDirectory(report)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(report)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".html") && !name.equals("index.html"))
                    .map(name -> name.substring(0, name.length() - ".html".length()))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static void printSummary(Run run, String name, int tests, int unschedulable, String mode) {
        System.out.printf("[stress] %s (%s mode): %d tests run, %d left out (more actors than the %d CPUs), %s%n",
                name, mode, tests, unschedulable, JcstressJar.cpus(), JcstressJar.format(run.elapsed()));
        int summary = run.output().lastIndexOf("RUN RESULTS:");
        String excerpt = summary >= 0 ? run.output().substring(summary) : JcstressJar.tail(run.output(), 40);
        excerpt.lines().filter(line -> !line.isBlank()).limit(40).forEach(line -> System.out.println("[stress]   " + line));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }
}
