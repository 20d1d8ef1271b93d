/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the root of the Interlock repository, which every check of this module reads. */
final class RepoRoot {

    /** The system property that the verification module's pom sets for Surefire. */
    static final String PROPERTY = "interlock.root";

    private RepoRoot() {
    }

    /**
     * Returns the repository root: the directory named by the system property {@value #PROPERTY}
     * (set by {@code verification/pom.xml}), or, when a test runs outside Maven (in an IDE, say),
     * the parent of the working directory if that is the {@code verification} module.
     *
     * @return the absolute, normalized repository root
     * @throws IllegalStateException if neither gives a directory with a {@code pom.xml} and a
     *         {@code verification} module
     */
    static Path get() {
        String property = System.getProperty(PROPERTY);
        Path root;
        if (property != null) {
            root = Path.of(property);
        } else {
            Path workingDirectory = Path.of("").toAbsolutePath();
            root = workingDirectory.getFileName() != null
                    && workingDirectory.getFileName().toString().equals("verification")
                    ? workingDirectory.getParent()
                    : workingDirectory;
        }
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("pom.xml"))
                || !Files.isDirectory(root.resolve("verification"))) {
            throw new IllegalStateException("Not the Interlock repository root: " + root
                    + ". Run the checks with ./mvnw, or set -D" + PROPERTY + "=<repository root>.");
        }
        return root;
    }
}
