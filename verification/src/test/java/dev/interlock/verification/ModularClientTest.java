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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The published jars are real JPMS modules: a small modular client compiles against them with
 * {@code -Xlint:all -Werror} (an automatic module would warn "requires-automatic"), runs on the module
 * path, and links with {@code jlink} into a runtime image that runs it too (jlink refuses automatic
 * modules). Uses the built jars of {@code primitives} and {@code structures}, so it needs their
 * {@code package} phase: the reactor's {@code verify} has run it by the time this module tests.
 */
class ModularClientTest {

    private static final String CLIENT_MODULE = "dev.interlock.example";
    private static final String MODULE_INFO = String.join("\n",
            "module dev.interlock.example {",
            "    requires dev.interlock.primitives;",
            "    requires dev.interlock.structures;",
            "}",
            "");
    private static final String MAIN = String.join("\n",
            "package dev.interlock.example;",
            "",
            "import dev.interlock.counters.StripedCounter;",
            "import dev.interlock.locks.ReadWriteMutex;",
            "import dev.interlock.queues.LockingArrayQueue;",
            "import dev.interlock.ratelimit.TokenBucket;",
            "import dev.interlock.stacks.TreiberStack;",
            "import java.time.Duration;",
            "",
            "public final class Main {",
            "    private Main() {",
            "    }",
            "",
            "    public static void main(String[] args) throws InterruptedException {",
            "        LockingArrayQueue<Integer> queue = new LockingArrayQueue<>(4);",
            "        queue.put(1);",
            "        TreiberStack<Integer> stack = new TreiberStack<>();",
            "        stack.push(queue.take() + 1);",
            "        StripedCounter counter = new StripedCounter();",
            "        counter.add(stack.pop());",
            "        ReadWriteMutex lock = new ReadWriteMutex(ReadWriteMutex.Policy.FAIR);",
            "        lock.readLock().lock();",
            "        lock.readLock().unlock();",
            "        TokenBucket bucket = TokenBucket.builder().capacity(1).refill(1, Duration.ofSeconds(1)).build();",
            "        System.out.println(\"modular client: \" + counter.get() + \", \" + bucket.tryAcquire());",
            "    }",
            "}",
            "");

    @Test
    void aModularClientCompilesRunsAndLinks(@TempDir Path work) throws Exception {
        Path root = RepoRoot.get();
        String modulePath = builtJar(root, "primitives", "interlock-primitives") + File.pathSeparator
                + builtJar(root, "structures", "interlock-structures");
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");
        Path pkg = sources.resolve("dev/interlock/example");
        Files.createDirectories(pkg);
        Files.writeString(sources.resolve("module-info.java"), MODULE_INFO);
        Files.writeString(pkg.resolve("Main.java"), MAIN);

        run(work, tool("javac"), "--release", "17", "-Xlint:all", "-Werror", "--module-path", modulePath,
                "-d", classes.toString(), sources.resolve("module-info.java").toString(), pkg.resolve("Main.java").toString());
        String expected = "modular client: 2, false";
        assertEquals(expected, run(work, tool("java"), "--module-path", classes + File.pathSeparator + modulePath,
                "-m", CLIENT_MODULE + "/dev.interlock.example.Main").strip());

        List<String> linkPath = new ArrayList<>(List.of(classes.toString(), modulePath));
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (Files.isDirectory(jmods)) {
            linkPath.add(jmods.toString());
        } // else a JDK 24 or later without jmods links from its run-time image, if built to (JEP 493)
        Path image = work.resolve("image");
        run(work, tool("jlink"), "--module-path", String.join(File.pathSeparator, linkPath),
                "--add-modules", CLIENT_MODULE, "--output", image.toString());
        assertEquals(expected, run(work, image.resolve("bin").resolve("java").toString(),
                "-m", CLIENT_MODULE + "/dev.interlock.example.Main").strip());
    }

    /**
     * The module's main jar of this build's version, as its {@code package} phase writes it. A run
     * without that phase ({@code ./mvnw test}) has no jar to link: the test is then skipped, and says
     * so; the README's {@code ./mvnw verify} always packages the two modules before this one.
     */
    private static String builtJar(Path root, String module, String artifact) {
        String version = System.getProperty("interlock.version");
        assumeTrue(version != null, "interlock.version is not set: run through Maven (verification/pom.xml)");
        Path jar = root.resolve(module).resolve("target").resolve(artifact + "-" + version + ".jar");
        assumeTrue(Files.isRegularFile(jar), jar + " is not built: run `./mvnw verify`, which packages it first");
        return jar.toString();
    }

    private static String tool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Runs a command in {@code directory}; fails the test, with its output, unless it exits 0 within 2 minutes. */
    private static String run(Path directory, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(directory, "command", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean exited = process.waitFor(2, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(exited && process.exitValue() == 0, String.join(" ", command) + " failed:\n" + output);
        return output;
    }
}
