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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture rule: the main classes of {@code primitives} and {@code structures} use no
 * implementation class of {@code java.util.concurrent}, {@code java.util.concurrent.atomic} or
 * {@code java.util.concurrent.locks}, nor {@code sun.misc.Unsafe} or {@code jdk.internal.*}.
 *
 * <p>Allowed from those packages: every interface, every {@link Throwable} subclass,
 * {@code TimeUnit}, {@code locks.LockSupport} and {@code ThreadLocalRandom}. The exact rule is in
 * {@link JucImplementationRule}.
 *
 * <p>The check reads the compiled classes, not the sources: every {@code .class} file under
 * {@code primitives/target/classes} and {@code structures/target/classes}, through a small
 * constant-pool reader ({@link ClassFileReader}). So it sees every class a class uses, whether
 * named in an import, fully qualified in the code, or only implied (an inherited method's
 * owner, a lambda's types), and nested and anonymous classes as well. Build the two modules first
 * ({@code ./mvnw verify} from the root builds them before this module).
 *
 * <p>{@link #theCheckerReportsItsNegativeControl()} shows that the check can fail: it runs the
 * checker over {@link ForbiddenJucUsage}, a test class that breaks the rule on purpose.
 */
class NoJucImplementationsTest {

    /** The modules whose main classes must obey the rule; the first one must have been built. */
    private static final List<String> MODULES = List.of("primitives", "structures");

    @Test
    void mainClassesUseNoJavaUtilConcurrentImplementation() throws IOException {
        Path root = RepoRoot.get();
        List<Path> classFiles = new ArrayList<>();
        for (String module : MODULES) {
            Path classes = root.resolve(module).resolve("target/classes");
            if (!Files.isDirectory(classes)) {
                if (module.equals("primitives")) {
                    fail(classes + " does not exist: build the library first, for example with"
                            + " `./mvnw -B -pl primitives,structures install` or `./mvnw verify` at the root.");
                }
                continue; // structures may have no classes yet
            }
            classFiles.addAll(classFilesUnder(classes));
        }
        assertFalse(classFiles.isEmpty(),
                "primitives/target/classes holds no class file: build the library first.");

        List<JucImplementationRule.Violation> violations = JucImplementationRule.check(classFiles);

        assertTrue(violations.isEmpty(), () -> violations.size() + " forbidden reference(s) in the main"
                + " classes of primitives and structures. The library implements its primitives itself:"
                + " from java.util.concurrent it may use only interfaces, exceptions, TimeUnit,"
                + " LockSupport and ThreadLocalRandom, and never sun.misc.Unsafe or jdk.internal.\n  "
                + violations.stream().map(Object::toString).collect(Collectors.joining("\n  ")));
    }

    /** The rule's own negative control: the checker must catch {@link ForbiddenJucUsage}, and only its two offences. */
    @Test
    void theCheckerReportsItsNegativeControl() throws IOException, URISyntaxException {
        Path classFile = Path.of(ForbiddenJucUsage.class.getResource("ForbiddenJucUsage.class").toURI());
        String ourClass = ForbiddenJucUsage.class.getName();

        // The reader sees the allowed references too, so "not reported" below means "allowed", not "unseen".
        Set<String> referenced = ClassFileReader.read(classFile).referencedClasses();
        assertTrue(referenced.containsAll(Set.of(
                        "java.util.concurrent.BlockingQueue", "java.util.concurrent.ConcurrentMap",
                        "java.util.concurrent.TimeUnit", "java.util.concurrent.TimeoutException",
                        "java.util.concurrent.locks.LockSupport", "java.util.concurrent.ThreadLocalRandom",
                        "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.ConcurrentHashMap")),
                () -> "the class-file reader missed references of " + ourClass + ": " + referenced);

        List<String> reported = JucImplementationRule.check(List.of(classFile)).stream()
                .map(violation -> violation.ourClass() + " -> " + violation.forbiddenClass())
                .collect(Collectors.toList());

        assertEquals(List.of(
                        ourClass + " -> java.util.concurrent.ConcurrentHashMap",
                        ourClass + " -> java.util.concurrent.atomic.AtomicLong"),
                reported);
    }

    /** The classification itself, class by class, including the cases the negative control cannot show. */
    @Test
    void theRuleClassifiesEachKindOfClass() {
        // Allowed: interfaces (nested ones too), exceptions, the allow list, and all outside the rule's packages.
        for (String allowed : List.of(
                "java.util.concurrent.BlockingQueue", "java.util.concurrent.locks.Lock",
                "java.util.concurrent.Flow$Subscriber", "java.util.concurrent.ForkJoinPool$ManagedBlocker",
                "java.util.concurrent.ExecutionException", "java.util.concurrent.BrokenBarrierException",
                "java.util.concurrent.TimeUnit", "java.util.concurrent.locks.LockSupport",
                "java.util.concurrent.ThreadLocalRandom", "java.lang.invoke.VarHandle", "java.util.HashMap")) {
            assertEquals("allowed", JucImplementationRule.whyForbidden(allowed).orElse("allowed"), allowed);
        }
        // Forbidden: implementation classes (nested ones too), the JDK internals, and unknown classes.
        for (String forbidden : List.of(
                "java.util.concurrent.locks.AbstractQueuedSynchronizer", "java.util.concurrent.locks.ReentrantLock",
                "java.util.concurrent.locks.StampedLock", "java.util.concurrent.atomic.AtomicLong",
                "java.util.concurrent.atomic.AtomicReferenceArray", "java.util.concurrent.atomic.LongAdder",
                "java.util.concurrent.ConcurrentLinkedQueue", "java.util.concurrent.ConcurrentHashMap",
                "java.util.concurrent.ConcurrentHashMap$KeySetView", "java.util.concurrent.Executors",
                "java.util.concurrent.CompletableFuture", "java.util.concurrent.NoSuchClassInTheJdk",
                "sun.misc.Unsafe", "jdk.internal.misc.Unsafe", "jdk.internal.vm.annotation.Contended")) {
            assertTrue(JucImplementationRule.whyForbidden(forbidden).isPresent(), forbidden + " must be forbidden");
        }
    }

    /** Every {@code .class} file under a directory, sorted so that the report is stable. */
    private static List<Path> classFilesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".class"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }
}
