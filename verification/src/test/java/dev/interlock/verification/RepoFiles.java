/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Small file utilities shared by the checks: walking the tree, reading text, matching whole words. */
final class RepoFiles {

    /** Directories never walked into, wherever they are: build output and tool state. */
    static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".mvn");

    private RepoFiles() {
    }

    /**
     * Lists the regular files under a directory, at any depth, except inside the
     * {@linkplain #SKIPPED_DIRECTORIES skipped directories}.
     *
     * @param directory where to start; it may be missing, and then there are no files
     * @return the files, sorted
     * @throws IOException if the tree cannot be read
     */
    static List<Path> walk(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                boolean skipped = !dir.equals(directory)
                        && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    files.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        return files;
    }

    /**
     * Reads a text file. Bytes that are not UTF-8 are replaced rather than rejected: the checks
     * look for ASCII names, and a stray byte elsewhere must not stop them.
     */
    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    /**
     * Tells whether a text mentions a word as a whole word: {@code AtomicCounter} is mentioned by
     * {@code new AtomicCounter()} and {@code dev.interlock.counters.AtomicCounter}, but not by
     * {@code AtomicCounterTest} or {@code BrokenAtomicCounter}.
     */
    static boolean mentionsWord(String text, String word) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(word) + "(?![\\w$])").matcher(text).find();
    }

    /**
     * The library modules' main Java sources ({@link VerificationMatrixTest#LIBRARY_MODULES}), by path
     * from the repository root, {@code package-info} and {@code module-info} included.
     *
     * @throws IOException if a module has no main sources, or they cannot be read
     */
    static Map<String, String> librarySources(Path root) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String module : VerificationMatrixTest.LIBRARY_MODULES) {
            Path main = root.resolve(module).resolve("src/main/java");
            if (!Files.isDirectory(main)) {
                throw new IOException("no main sources in library module " + module + ": " + main);
            }
            for (Path file : walk(main)) {
                if (file.toString().endsWith(".java")) {
                    sources.put(relative(root, file), read(file));
                }
            }
        }
        return sources;
    }

    /** A path relative to the repository root, with {@code /} separators on every platform. */
    static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
