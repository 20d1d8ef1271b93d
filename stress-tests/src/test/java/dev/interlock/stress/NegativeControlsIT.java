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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * with {@code Broken}, such as {@code Counters_01_LostUpdate.BrokenPlain}) must be caught: jcstress
 * reports a FORBIDDEN outcome observed for that very test, and the run exits non-zero. A negative
 * control that passes means the harness cannot see the bug it plants, and then the suite passing
 * proves nothing.
 *
 * <p>The controls run in jcstress invocations of two kinds, all at once (the Termination ones mostly
 * wait, below), and each control is judged on its own lines of the output, so one control caught cannot
 * hide another missed:
 * <ul>
 *   <li>the race controls, in the mode {@code stress.negative.mode} ({@code quick} in
 *       {@code verify}: {@code sanity} can miss a real race) with {@code -fsm 0}, that is without
 *       the extra forks that randomize C2's scheduling, and {@code -sc false}, that is without the
 *       split-compilation configurations (one actor compiled by C1, the other by C2). Neither adds
 *       anything here. In the full {@code quick} run every control was caught in every one of its 25
 *       to 28 JVM configurations, and with {@code -fsm 0} in every one of its 15 to 20 (measured on
 *       JDK 17, 2 cores, 300 s down to 150 s). With {@code -sc false} as well, each control runs in
 *       6 configurations on JDK 17 (with and without biased locking, times C2 only, C1 only and the
 *       interpreter), and in two runs of the eight race controls then in the jar every one was
 *       caught, seven of them in all 6 configurations and {@code BrokenOptimisticRead} in 4 (not
 *       under the interpreter, which is too slow to split its reads); 155 s instead of about 380 s,
 *       which is what made room in CI for the stacks' tests;</li>
 *   <li>the {@code Mode.Termination} controls, in {@code sanity} mode with
 *       {@code -time} {@value #TERMINATION_CONTROL_MILLIS}, {@code -sc false}, {@code -fsm 0} and a
 *       fixed {@code -jvmArgs}, so that jcstress runs one JVM configuration (two on JDK 17, with and
 *       without biased locking) instead of searching compiler modes. A STALE sample ends its
 *       configuration, since jcstress must wait for the hung fork and kill it (30 s: below), so a
 *       control that is caught costs that and no more; but a control whose bug needs a race (a
 *       waiter that gives up just as the release chooses it) is not caught by every sample, and with
 *       the suite's {@value StressSuiteIT#SANITY_ITERATION_MILLIS} ms a configuration took about one
 *       sample: in 3 runs of the three race-dependent controls, 11 of 18 configurations saw STALE and
 *       one control was missed in both of a run's configurations. A configuration that is not caught
 *       keeps sampling for the whole {@code -time}. A caught control's fork then sits idle for 30 s, as
 *       jcstress's generated runner joins the stuck actor for that long before it gives up on it, and it
 *       keeps its CPUs meanwhile: in one invocation the 15 controls of December 2026 needed about
 *       15 x 30 s, nearly all of it waiting; three invocations took 128 s, every control caught in every
 *       configuration. So {@value #TERMINATION_RUNS} invocations share them and run at once,
 *       each in a working directory of its own (jcstress names its results file by the second it
 *       started); a fork that samples contends for the CPUs only with forks that are starting or
 *       sampling too.</li>
 * </ul>
 * Fewer configurations can only make a control harder to catch, never easier, so these options do
 * not weaken what this test asserts.
 *
 * <p>jcstress 0.16 reports each FORBIDDEN observation, after the run, as a line of the form
 * {@code <test> [<JVM flags>]: Observed forbidden state: <outcome> (<description>)}; that line is
 * the marker this test looks for.
 */
class NegativeControlsIT {

    /** Milliseconds per iteration for the Termination controls: samples until one is STALE (see above). */
    static final int TERMINATION_CONTROL_MILLIS = 1_000;

    /** How many jcstress invocations share the Termination controls, running at once (see the class comment). */
    static final int TERMINATION_RUNS = 3;

    @TestFactory
    Stream<DynamicTest> everyNegativeControlIsCaught() throws IOException, InterruptedException {
        List<TestEntry> negativeControls = JcstressJar.testList(JcstressJar.jar()).stream()
                .filter(TestEntry::isNegativeControl)
                .toList();
        assertFalse(negativeControls.isEmpty(),
                "the jar has no negative control (no test whose simple name starts with Broken): nothing proves the suite can fail");
        for (TestEntry test : negativeControls) {
            assertTrue(test.actors() <= JcstressJar.cpus(), test.name() + " has " + test.actors()
                    + " actors and this machine has " + JcstressJar.cpus() + " CPUs: jcstress cannot run it, so it cannot be caught here");
        }

        List<TestEntry> races = negativeControls.stream().filter(test -> !test.isTermination()).toList();
        List<TestEntry> hangs = negativeControls.stream().filter(TestEntry::isTermination).toList();
        String mode = System.getProperty("stress.negative.mode", "quick");
        // -jvmArgs turns off jcstress's search of JVM configurations (compiler modes, stress seeds):
        // a fixed set of flags (the ones the forks get anyway, or a default if there are none).
        List<String> flags = JcstressJar.jvmFlags();
        String fixedFlags = flags.isEmpty() ? "-Xshare:auto" : String.join(" ", flags);
        Map<String, Run> runs = runConcurrently(races, List.of("-m", mode, "-fsm", "0", "-sc", "false"), hangs,
                List.of("-m", "sanity", "-time", Integer.toString(TERMINATION_CONTROL_MILLIS),
                        "-sc", "false", "-fsm", "0", "-jvmArgs", fixedFlags));

        return negativeControls.stream().map(test -> DynamicTest.dynamicTest(test.name(),
                () -> assertCaught(test, runs.get(test.name()))));
    }

    /**
     * Runs the race controls in one jcstress invocation and the Termination controls in
     * {@value #TERMINATION_RUNS} more, each with its share of them, all at once; returns each control's
     * run. A caught Termination control's fork sits idle for 30 s while jcstress's generated runner joins
     * the stuck actor ({@code Thread.join(30000)}), holding the CPUs it was given, so those invocations
     * spend most of their time waiting on idle CPUs (see the class comment).
     */
    private static Map<String, Run> runConcurrently(List<TestEntry> races, List<String> raceArguments,
            List<TestEntry> hangs, List<String> hangArguments) throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        List<List<TestEntry>> shares = new ArrayList<>();
        List<List<String>> arguments = new ArrayList<>();
        if (!races.isEmpty()) {
            names.add("negative-races");
            shares.add(races);
            arguments.add(raceArguments);
        }
        int firstHangShare = shares.size();
        for (int i = 0; i < hangs.size(); i++) {
            if (i < TERMINATION_RUNS) {
                names.add("negative-termination-" + (i + 1));
                shares.add(new ArrayList<>());
                arguments.add(hangArguments);
            }
            shares.get(firstHangShare + i % TERMINATION_RUNS).add(hangs.get(i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, shares.size()));
        try {
            List<Future<Run>> runs = new ArrayList<>();
            for (int i = 0; i < shares.size(); i++) {
                String name = names.get(i);
                List<TestEntry> share = shares.get(i);
                List<String> modeArguments = arguments.get(i);
                runs.add(pool.submit(() -> run(name, share, modeArguments)));
            }
            Map<String, Run> byTest = new HashMap<>();
            for (int i = 0; i < shares.size(); i++) {
                Run run = get(runs.get(i));
                shares.get(i).forEach(test -> byTest.put(test.name(), run));
            }
            return byTest;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Run get(Future<Run> run) throws IOException, InterruptedException {
        try {
            return run.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof Error error) {
                throw error; // a failed assertion, such as jcstress not finishing in time
            }
            throw new IllegalStateException(e.getCause());
        }
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

    private static Run run(String name, List<TestEntry> tests, List<String> modeArguments)
            throws IOException, InterruptedException {
        Path workDir = JcstressJar.workDir();
        List<String> arguments = new ArrayList<>(modeArguments);
        arguments.addAll(List.of(
                "-t", JcstressJar.exactly(tests),
                "-r", workDir.resolve(name + "-report").toString()));
        return JcstressJar.run(arguments, workDir.resolve(name + ".log"), workDir.resolve(name));
    }

    private static void assertCaught(TestEntry test, Run run) {
        Matcher forbidden = Pattern.compile("(?m)^" + Pattern.quote(test.name()) + " \\[.*\\]: Observed forbidden state: (.*)$")
                .matcher(run.output());
        long observations = 0;
        String example = null;
        while (forbidden.find()) {
            observations++;
            example = example == null ? forbidden.group(1) : example;
        }
        System.out.printf("[stress] negative control %s: %s in %d configurations, e.g. %s (its run: %s)%n",
                test.name(), observations > 0 ? "FORBIDDEN observed" : "NOT CAUGHT", observations,
                example, JcstressJar.format(run.elapsed()));

        String context = System.lineSeparator() + "Full output: " + run.log() + System.lineSeparator()
                + JcstressJar.tail(run.output(), 60);
        assertFalse(run.output().contains(JcstressJar.NO_SCHEDULING), "jcstress could not schedule " + test.name() + context);
        assertFalse(run.output().contains(JcstressJar.NO_MATCHING_TESTS), "jcstress did not run " + test.name() + context);
        assertNotEquals(0, run.exitCode(), "the run of " + test.name() + " passed: the harness did not catch its bug" + context);
        assertTrue(observations > 0, "jcstress reported no FORBIDDEN outcome for the negative control " + test.name()
                + ": the harness did not catch its bug (or the test did not run)" + context);
    }
}
