/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every Lincheck test fails fast when it hangs: each {@code new ModelCheckingOptions()} and
 * {@code new StressOptions()} in the repository's test sources is passed straight to
 * {@code LincheckBudget.failHangsFast}, on the same line. A factory that built bare options would
 * give its tests Lincheck's own 30 s timeout and minimisation, and a planted hang would hold the build
 * for minutes again ({@code docs/verification.md}, "A hang fails in seconds").
 */
class LincheckOptionsTest {

    private static final Pattern NEW_OPTIONS = Pattern.compile("new\\s+(ModelCheckingOptions|StressOptions)\\s*\\(");
    private static final String WRAPPER = "LincheckBudget.failHangsFast(new ";

    @Test
    void everyLincheckOptionsObjectGoesThroughFailHangsFast() throws IOException {
        Path root = RepoRoot.get();
        List<String> offenders = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        for (Path file : RepoFiles.walk(root)) {
            String name = RepoFiles.relative(root, file);
            boolean testSource = name.endsWith(".java") && name.contains("/src/test/java/");
            if (testSource && !name.endsWith("/LincheckOptionsTest.java")) {
                scan(name, RepoFiles.read(file), offenders, wrapped);
            }
        }
        assertTrue(wrapped.size() >= 10,
                "only " + wrapped.size() + " wrapped Lincheck options found: is the scan still reading the tests?");
        assertTrue(offenders.isEmpty(), () -> "Lincheck options not passed to LincheckBudget.failHangsFast(...)"
                + " on the same line:\n  " + String.join("\n  ", offenders));
    }

    /** The control: of a bare factory and a wrapped one, only the bare one is reported. */
    @Test
    void aBareOptionsObjectIsReported() {
        List<String> offenders = new ArrayList<>();
        List<String> wrapped = new ArrayList<>();
        scan("X.java", "class X {\n    static StressOptions a() { return new StressOptions(); }\n"
                + "    static StressOptions b() { return LincheckBudget.failHangsFast(new StressOptions()); }\n}\n",
                offenders, wrapped);
        assertEquals(List.of("X.java:2: static StressOptions a() { return new StressOptions(); }"), offenders);
        assertEquals(1, wrapped.size());
    }

    /** Sorts the lines of one source that create Lincheck options into wrapped and bare (offenders). */
    private static void scan(String name, String source, List<String> offenders, List<String> wrapped) {
        String[] lines = source.split("\n", -1);
        for (int index = 0; index < lines.length; index++) {
            if (NEW_OPTIONS.matcher(lines[index]).find()) {
                String where = name + ":" + (index + 1) + ": " + lines[index].strip();
                (lines[index].contains(WRAPPER) ? wrapped : offenders).add(where);
            }
        }
    }
}
