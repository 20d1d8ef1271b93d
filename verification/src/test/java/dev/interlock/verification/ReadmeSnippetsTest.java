/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's Java snippets compile as a user pastes them: all of them, in order, into one method of
 * a class that imports the library's packages and the JDK's, has the fields {@code x} and {@code y}
 * that the optimistic read reads, and declares the user's own types the snippets name ({@code Job},
 * {@code Message}, {@code Buffer}, {@code Task}) and a {@code Buffer buffer} to push. So no snippet may
 * elide code ({@code { ... }}), leave a checked exception unhandled, or reuse another's variable name.
 */
class ReadmeSnippetsTest {

    private static final String HEADER = String.join("\n",
            "import dev.interlock.counters.*;",
            "import dev.interlock.locks.*;",
            "import dev.interlock.queues.*;",
            "import dev.interlock.ratelimit.*;",
            "import dev.interlock.redis.*;",
            "import dev.interlock.stacks.*;",
            "import dev.interlock.sync.Barrier;",
            "import dev.interlock.sync.CountDownLatch;",
            "import dev.interlock.sync.Event;",
            "import dev.interlock.sync.Semaphore;",
            "import com.sun.net.httpserver.HttpHandler;",
            "import io.lettuce.core.RedisClient;",
            "import io.lettuce.core.RedisURI;",
            "import java.nio.charset.StandardCharsets;",
            "import java.time.Duration;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "",
            "class ReadmeSnippets {",
            "    static final class Job { }",
            "    static final class Message { }",
            "    static final class Buffer { }",
            "    static final class Task { }",
            "    double x;",
            "    double y;",
            "",
            "    void pasted(Buffer buffer) {",
            "");

    @Test
    void everySnippetCompilesPastedIntoOneMethod(@TempDir Path work) throws IOException {
        List<String> snippets = javaBlocks(Files.readAllLines(RepoRoot.get().resolve("README.md")));
        assertFalse(snippets.isEmpty(), "the README has no ```java block");
        StringBuilder source = new StringBuilder(HEADER);
        for (String snippet : snippets) {
            source.append(snippet).append('\n');
        }
        source.append("    }\n}\n");
        Path file = work.resolve("ReadmeSnippets.java");
        Files.writeString(file, source);

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled;
        try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjects(file.toFile());
            List<String> options = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", work.toString(),
                    "-classpath", System.getProperty("java.class.path")));
            compiled = javac.getTask(diagnostics, files, null, options, null, units).call();
        }
        assertTrue(compiled, "the README's snippets, pasted into one method, do not compile:\n" + diagnostics
                + "\nthe source:\n" + source);
    }

    /** The contents of every block fenced by {@code ```java} and {@code ```}, in order. */
    static List<String> javaBlocks(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = null;
        for (String line : lines) {
            if (block == null && line.strip().equals("```java")) {
                block = new StringBuilder();
            } else if (block != null && line.strip().equals("```")) {
                blocks.add(block.toString());
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return blocks;
    }
}
