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
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every test that a main class's "Evidence:" paragraph names exists, so that a renamed or deleted
 * test cannot leave the notes citing evidence that is gone. A name counts if it looks like a test
 * class ({@code ...Test}, {@code ...Contract}, {@code ...Base}, {@code ...IT}; a file of that name
 * must exist under a module's test sources) or a jcstress test ({@code Locks_07}: a file starting
 * {@code Locks_07_} must exist under stress-tests). The paragraph runs from "Evidence:" to the next
 * blank comment line or the end of the comment.
 */
class EvidenceLinesTest {

    private static final Pattern EVIDENCE = Pattern.compile("Evidence:(.*?)(?=\\n\\s*\\*\\s*\\n|\\*/)", Pattern.DOTALL);
    private static final Pattern TEST_CLASS = Pattern.compile("\\b[A-Z][A-Za-z0-9]*(?:Test|Contract|Base|IT)\\b");
    private static final Pattern JCSTRESS = Pattern.compile("\\b[A-Z][a-z]+_\\d{2}\\b");

    @Test
    void everyTestNamedAsEvidenceExists() throws IOException {
        Path root = RepoRoot.get();
        Set<String> files = new TreeSet<>();
        for (Path file : RepoFiles.walk(root)) {
            String path = RepoFiles.relative(root, file);
            if (path.endsWith(".java") && (path.contains("/src/test/java/") || path.startsWith("stress-tests/"))) {
                files.add(file.getFileName().toString());
            }
        }
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (String module : VerificationMatrixTest.LIBRARY_MODULES) {
            for (Path file : RepoFiles.walk(root.resolve(module).resolve("src/main/java"))) {
                if (file.toString().endsWith(".java")) {
                    List<String> gone = missingEvidence(RepoFiles.read(file), files);
                    named += namesIn(RepoFiles.read(file)).size();
                    gone.forEach(name -> missing.add(RepoFiles.relative(root, file) + " names " + name));
                }
            }
        }
        assertTrue(named > 50, "found only " + named + " names in evidence paragraphs: is the pattern still right?");
        assertTrue(missing.isEmpty(), "evidence that does not exist: " + missing);
    }

    /** The negative control: a paragraph naming a test and a jcstress test that do not exist is reported. */
    @Test
    void aMissingTestIsReported() {
        String source = "/*\n * Evidence: FooTest, BarLincheckTest and the jcstress tests Foo_01 to Foo_02.\n *\n"
                + " * Not evidence: GoneTest.\n */\nclass Foo {}\n";
        Set<String> files = Set.of("FooTest.java", "Foo_01_Something.java");
        assertEquals(List.of("BarLincheckTest", "Foo_02"), missingEvidence(source, files));
    }

    static List<String> missingEvidence(String source, Set<String> files) {
        List<String> missing = new ArrayList<>();
        for (String name : namesIn(source)) {
            boolean jcstress = JCSTRESS.matcher(name).matches();
            boolean found = jcstress
                    ? files.stream().anyMatch(file -> file.startsWith(name + "_"))
                    : files.contains(name + ".java");
            if (!found) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static List<String> namesIn(String source) {
        List<String> names = new ArrayList<>();
        Matcher paragraph = EVIDENCE.matcher(source);
        while (paragraph.find()) {
            String text = paragraph.group(1);
            for (Pattern pattern : List.of(TEST_CLASS, JCSTRESS)) {
                Matcher name = pattern.matcher(text);
                while (name.find()) {
                    if (!names.contains(name.group())) {
                        names.add(name.group());
                    }
                }
            }
        }
        return names;
    }
}
