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
 * class ({@code ...Test}, {@code ...Contract}, {@code ...Base}, {@code ...IT}) or a negative control
 * ({@code Broken...}): a file of that name must exist under a module's test sources or stress-tests.
 * A jcstress test counts too, by its prefix or its whole name ({@code Locks_07}, or
 * {@code Stacks_06_ExchangerSwaps}); a list that goes on ({@code Queues_01-03, 05 and 07},
 * {@code Locks_07 to Locks_09}) names every number in it. The paragraph runs from "Evidence:" to the
 * next blank comment line or the end of the comment.
 */
class EvidenceLinesTest {

    private static final Pattern EVIDENCE = Pattern.compile("Evidence:(.*?)(?=\\n\\s*\\*\\s*\\n|\\*/)", Pattern.DOTALL);
    private static final Pattern TEST_CLASS = Pattern.compile("\\b(?:[A-Z][A-Za-z0-9]*(?:Test|Contract|Base|IT)|Broken[A-Za-z0-9]+)\\b");
    /** A jcstress name, and the numbers that continue it: "-03", ", 05", " and 07", " to Locks_09". */
    private static final Pattern JCSTRESS = Pattern.compile(
            "\\b([A-Z][a-z]+)_(\\d{2})(_[A-Za-z0-9]+)?((?:\\s*(?:-|,|and|to)\\s*(?:\\1_)?\\d{2}\\b)*)");
    private static final Pattern CONTINUATION = Pattern.compile("(-|,|and|to)\\s*(?:[A-Z][a-z]+_)?(\\d{2})");

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

    /** The negative control: every form of name in a paragraph is read, and the missing ones are reported. */
    @Test
    void aMissingTestIsReported() {
        String source = "/*\n * Evidence: FooTest, BarLincheckTest, BrokenFoo, jcstress Foo_01 to Foo_02, Bar_03,\n"
                + " * Queues_01-03, 05 and 07, and Stacks_06_Swaps.\n *\n * Not evidence: GoneTest.\n */\nclass Foo {}\n";
        assertEquals(List.of("FooTest", "BarLincheckTest", "BrokenFoo", "Foo_01", "Foo_02", "Bar_03", "Queues_01", "Queues_02",
                "Queues_03", "Queues_05", "Queues_07", "Stacks_06_Swaps"), namesIn(source));
        Set<String> files = Set.of("FooTest.java", "Foo_01_Something.java", "Bar_03_X.java", "Queues_01_A.java", "Queues_02_B.java",
                "Queues_03_C.java", "Queues_07_D.java", "Stacks_06_Swaps.java");
        assertEquals(List.of("BarLincheckTest", "BrokenFoo", "Foo_02", "Queues_05"), missingEvidence(source, files));
    }

    static List<String> missingEvidence(String source, Set<String> files) {
        List<String> missing = new ArrayList<>();
        for (String name : namesIn(source)) {
            boolean jcstress = name.matches("[A-Z][a-z]+_\\d{2}");
            boolean found = jcstress
                    ? files.stream().anyMatch(file -> file.startsWith(name + "_"))
                    : files.contains(name + ".java");
            if (!found) {
                missing.add(name);
            }
        }
        return missing;
    }

    private static void addOnce(List<String> names, String name) {
        if (!names.contains(name)) {
            names.add(name);
        }
    }

    static List<String> namesIn(String source) {
        List<String> names = new ArrayList<>();
        Matcher paragraph = EVIDENCE.matcher(source);
        while (paragraph.find()) {
            String text = paragraph.group(1);
            Matcher test = TEST_CLASS.matcher(text);
            while (test.find()) {
                addOnce(names, test.group());
            }
            Matcher jcstress = JCSTRESS.matcher(text);
            while (jcstress.find()) {
                String family = jcstress.group(1);
                int previous = Integer.parseInt(jcstress.group(2));
                addOnce(names, jcstress.group(3) == null ? family + "_" + jcstress.group(2)
                        : family + "_" + jcstress.group(2) + jcstress.group(3));
                Matcher next = CONTINUATION.matcher(jcstress.group(4));
                while (next.find()) {
                    int number = Integer.parseInt(next.group(2));
                    int from = next.group(1).equals("-") || next.group(1).equals("to") ? previous + 1 : number;
                    for (int n = from; n <= number; n++) {
                        addOnce(names, String.format("%s_%02d", family, n));
                    }
                    previous = number;
                }
            }
        }
        return names;
    }
}
