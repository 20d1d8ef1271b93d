/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The shaded jcstress jar, as the integration tests see it: its list of tests, and a way to run it
 * in a separate JVM the way a person would ({@code java -jar interlock-stress.jar ...}).
 *
 * <p>Everything comes from the system properties that failsafe sets (see the module's pom):
 * {@code stress.jar}, {@code stress.tests}, {@code stress.jvm.flags}, {@code stress.work.dir} and
 * {@code stress.timeout.minutes}.
 */
final class JcstressJar {

    /** What jcstress prints, once per actor count, when it cannot give each actor its own CPU. */
    static final String NO_SCHEDULING = "No scheduling is possible";

    /** What jcstress prints when the selection matched no test it could run; it still exits 0. */
    static final String NO_MATCHING_TESTS = "FATAL: No matching tests.";

    private JcstressJar() {
    }

    /**
     * One entry of the jar's {@code META-INF/TestList}.
     *
     * @param name the test's name as jcstress prints and selects it: nested classes joined by '.'
     * @param binaryName the class's binary name, nested classes joined by '$'
     * @param actors the number of {@code @Actor} methods, so the number of CPUs the test needs
     */
    record TestEntry(String name, String binaryName, int actors) {

        /** The last part of the name: the nested class's simple name, or the class's. */
        String simpleName() {
            return name.substring(name.lastIndexOf('.') + 1);
        }

        /** A negative control is a test meant to fail: its simple name starts with {@code Broken}. */
        boolean isNegativeControl() {
            return simpleName().startsWith("Broken");
        }

        /**
         * Whether the test is a {@code Mode.Termination} test, read from its {@code @JCStressTest}
         * annotation (the test classes are on this test's class path). Such a test loops until its
         * iteration's time is up, and each sample in which the actor never finishes costs a whole
         * fork, so the runs treat it apart from the others.
         */
        boolean isTermination() {
            try {
                Class<?> test = Class.forName(binaryName, false, JcstressJar.class.getClassLoader());
                JCStressTest annotation = test.getAnnotation(JCStressTest.class);
                if (annotation == null) {
                    throw new IllegalStateException(name + " is in META-INF/TestList but has no @JCStressTest");
                }
                return annotation.value() == Mode.Termination;
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is in the jar's META-INF/TestList but not on the class path", e);
            }
        }
    }

    /** The result of one run of the jar. */
    record Run(int exitCode, String output, Duration elapsed, Path log) {
    }

    static Path jar() {
        Path jar = Path.of(property("stress.jar"));
        assertTrue(Files.isRegularFile(jar), "the stress jar is missing: " + jar + " (run `verify`, not just `integration-test` on stale classes)");
        return jar;
    }

    /** The selection of the suite run: every test except the negative controls. */
    static Pattern suiteSelection() {
        return Pattern.compile(property("stress.tests"));
    }

    static Path workDir() throws IOException {
        return Files.createDirectories(Path.of(property("stress.work.dir")));
    }

    /** The CPUs jcstress may use by default: as many as the JVM sees. */
    static int cpus() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Reads the jar's test list, the file jcstress's annotation processor writes and jcstress
     * itself reads. One line per test: {@code JCTEST} then length-prefixed fields, each
     * {@code <length><type><value>}. The first fields are the name, the binary name, the
     * generated runner, the description, the actor count and the actor names.
     */
    static List<TestEntry> testList(Path jar) throws IOException {
        List<TestEntry> tests = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/TestList");
            assertTrue(entry != null, jar + " has no META-INF/TestList: the jcstress annotation processor did not run");
            try (InputStream in = file.getInputStream(entry);
                 BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (!line.isBlank()) {
                        tests.add(parseLine(line));
                    }
                }
            }
        }
        return tests;
    }

    private static TestEntry parseLine(String line) {
        String marker = "JCTEST";
        if (!line.startsWith(marker)) {
            throw new IllegalStateException("unexpected line in META-INF/TestList: " + line);
        }
        FieldReader fields = new FieldReader(line, marker.length());
        String name = fields.next('S');
        String binaryName = fields.next('S');
        fields.next('S'); // the generated runner
        fields.next('S'); // the description
        int actors = Integer.parseInt(fields.next('I'));
        for (int i = 0; i < actors; i++) {
            fields.next('S'); // an actor's name
        }
        if (!binaryName.replace('$', '.').equals(name) || actors < 1) {
            throw new IllegalStateException("META-INF/TestList is not in the format of jcstress 0.16: " + line);
        }
        return new TestEntry(name, binaryName, actors);
    }

    /** Reads the length-prefixed fields of a TestList line: digits, a type letter, the value. */
    private static final class FieldReader {
        private final String line;
        private int position;

        FieldReader(String line, int start) {
            this.line = line;
            this.position = start;
        }

        String next(char expectedType) {
            int digitsEnd = position;
            while (digitsEnd < line.length() && Character.isDigit(line.charAt(digitsEnd))) {
                digitsEnd++;
            }
            if (digitsEnd == position || digitsEnd >= line.length() || line.charAt(digitsEnd) != expectedType) {
                throw new IllegalStateException("META-INF/TestList is not in the format of jcstress 0.16 at column "
                        + position + " (expected a field of type " + expectedType + "): " + line);
            }
            int length = Integer.parseInt(line.substring(position, digitsEnd));
            int valueStart = digitsEnd + 1;
            position = valueStart + length;
            return line.substring(valueStart, position);
        }
    }

    /**
     * Runs the jar in a new JVM, with the working directory {@code stress.work.dir} (where jcstress
     * writes its {@code jcstress-results-*.bin.gz}), the flags {@code stress.jvm.flags} for the host
     * JVM and for every fork, and the output (stdout and stderr) sent to {@code log}.
     */
    static Run run(List<String> jcstressArgs, Path log) throws IOException, InterruptedException {
        return run(jcstressArgs, log, workDir());
    }

    /**
     * As {@link #run(List, Path)}, in the working directory {@code dir}: jcstress names its results
     * file by the second it started, so runs that start together need a directory each.
     */
    static Run run(List<String> jcstressArgs, Path log, Path dir) throws IOException, InterruptedException {
        List<String> flags = jvmFlags();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(flags);
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(jcstressArgs);
        if (!flags.isEmpty()) {
            command.add("-jvmArgsPrepend");
            command.add(String.join(" ", flags));
        }
        Files.createDirectories(log.getParent());
        System.out.println("[stress] running: " + String.join(" ", command));
        System.out.println("[stress] output:  " + log);

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command)
                .directory(Files.createDirectories(dir).toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Duration timeout = Duration.ofMinutes(Long.parseLong(property("stress.timeout.minutes")));
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("jcstress did not finish within " + timeout + "; its output so far is in " + log);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        String output = Files.readString(log, StandardCharsets.UTF_8);
        System.out.printf("[stress] exit code %d after %s%n", process.exitValue(), format(elapsed));
        return new Run(process.exitValue(), output, elapsed, log);
    }

    /** A jcstress selection ({@code -t}) that matches exactly the given tests. */
    static String exactly(List<TestEntry> tests) {
        StringBuilder selection = new StringBuilder("^(?:");
        for (int i = 0; i < tests.size(); i++) {
            selection.append(i == 0 ? "" : "|").append(Pattern.quote(tests.get(i).name()));
        }
        return selection.append(")$").toString();
    }

    /** The last {@code count} lines of a text, to quote a log in an assertion message. */
    static String tail(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join(System.lineSeparator(), lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    static String format(Duration duration) {
        return String.format("%d min %02d s", duration.toMinutes(), duration.toSecondsPart());
    }

    /** The flags {@code stress.jvm.flags} that {@link #run} gives the host JVM and every fork. */
    static List<String> jvmFlags() {
        String flags = System.getProperty("stress.jvm.flags", "").strip();
        return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
    }

    private static String property(String key) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + key + " is not set: run this test through failsafe (mvn verify)");
        }
        return value;
    }
}
