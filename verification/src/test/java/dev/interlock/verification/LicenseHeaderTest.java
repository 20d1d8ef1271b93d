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

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * License headers: the repository is Apache-2.0, and every source file says so.
 *
 * <ul>
 *   <li>Every {@code .java} file and every {@code pom.xml} in the repository has the line
 *       {@value #SPDX_LINE} within its first {@value #HEADER_LINES} lines (Java files carry it in
 *       the copyright comment, poms in a comment on their second line). Build output and tool
 *       directories are skipped: any directory named {@code target}, {@code .git} or {@code .mvn}.</li>
 *   <li>The root has a {@code LICENSE} file that contains "Apache License" and "Version 2.0".</li>
 * </ul>
 * Each check lists every offender at once, so that one build shows all of them.
 */
class LicenseHeaderTest {

    /** The text every Java source and pom must contain near its top. */
    static final String SPDX_LINE = "SPDX-License-Identifier: Apache-2.0";

    /** How many lines from the top of a file the SPDX line may appear in. */
    static final int HEADER_LINES = 10;

    @Test
    void everyJavaFileAndPomHasTheSpdxHeader() throws IOException {
        Path root = RepoRoot.get();
        List<Path> checked = filesToCheck(root);
        assertTrue(checked.contains(root.resolve("pom.xml")), "the root pom.xml was not found under " + root);

        List<String> offenders = filesWithoutHeader(checked).stream()
                .map(file -> RepoFiles.relative(root, file))
                .collect(Collectors.toList());

        assertTrue(offenders.isEmpty(), () -> offenders.size() + " file(s) lack \"" + SPDX_LINE
                + "\" in their first " + HEADER_LINES + " lines; copy the header of any other .java file,"
                + " or the second line of any pom.xml:\n  " + String.join("\n  ", offenders));
    }

    @Test
    void theRootHasTheApacheLicense() throws IOException {
        Path license = RepoRoot.get().resolve("LICENSE");
        assertTrue(Files.isRegularFile(license), "the repository root has no LICENSE file");
        String text = Files.readString(license, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("Apache License") && text.contains("Version 2.0"),
                "LICENSE does not contain the Apache License, Version 2.0");
    }

    /** The check's own control, on a made-up tree: it finds a missing or late header and skips build output. */
    @Test
    void theCheckFindsMissingHeadersAndSkipsBuildOutput(@TempDir Path tree) throws IOException {
        String javaHeader = "/*\n * " + SPDX_LINE + "\n */\npackage a;\n";
        write(tree.resolve("pom.xml"), "<?xml version=\"1.0\"?>\n<!-- " + SPDX_LINE + " -->\n<project/>\n");
        write(tree.resolve("m/pom.xml"), "<?xml version=\"1.0\"?>\n<project/>\n");
        write(tree.resolve("m/src/main/java/a/Good.java"), javaHeader + "class Good {}\n");
        write(tree.resolve("m/src/main/java/a/Missing.java"), "package a;\nclass Missing {}\n");
        write(tree.resolve("m/src/main/java/a/TooLate.java"),
                "package a;\n" + "\n".repeat(HEADER_LINES) + "// " + SPDX_LINE + "\nclass TooLate {}\n");
        write(tree.resolve("m/src/main/java/a/NotJava.txt"), "no header, not checked\n");
        write(tree.resolve("m/target/generated-sources/a/Generated.java"), "class Generated {}\n");
        write(tree.resolve(".mvn/wrapper/Downloader.java"), "class Downloader {}\n");

        List<String> offenders = filesWithoutHeader(filesToCheck(tree)).stream()
                .map(file -> RepoFiles.relative(tree, file))
                .collect(Collectors.toList());

        assertEquals(List.of("m/pom.xml", "m/src/main/java/a/Missing.java", "m/src/main/java/a/TooLate.java"),
                offenders);
    }

    /**
     * Every {@code .java} file and {@code pom.xml} under {@code root}, outside the skipped
     * directories ({@link RepoFiles#SKIPPED_DIRECTORIES}), sorted.
     */
    static List<Path> filesToCheck(Path root) throws IOException {
        return RepoFiles.walk(root).stream()
                .filter(file -> file.getFileName().toString().endsWith(".java")
                        || file.getFileName().toString().equals("pom.xml"))
                .collect(Collectors.toList());
    }

    /** The files, among {@code files}, without the SPDX line in their first {@value #HEADER_LINES} lines. */
    static List<Path> filesWithoutHeader(List<Path> files) throws IOException {
        List<Path> offenders = new ArrayList<>();
        for (Path file : files) {
            if (!hasHeader(file)) {
                offenders.add(file);
            }
        }
        return offenders;
    }

    private static boolean hasHeader(Path file) throws IOException {
        // ISO-8859-1 decodes any byte, so a file in another encoding cannot break the check; the
        // SPDX line is ASCII, which every encoding in use here writes the same way.
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (int line = 0; line < HEADER_LINES; line++) {
                String text = reader.readLine();
                if (text == null) {
                    return false;
                }
                if (text.contains(SPDX_LINE)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
