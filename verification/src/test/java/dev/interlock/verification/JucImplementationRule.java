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
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The architecture rule of Interlock: the library implements its primitives itself, so its main
 * classes may use no <em>implementation</em> of {@code java.util.concurrent}.
 *
 * <p>A class referred to by one of our classes is <b>forbidden</b> when:
 * <ol>
 *   <li>it is {@code sun.misc.Unsafe} or in a package under {@code jdk.internal}: the library uses
 *       {@link java.lang.invoke.VarHandle}, never the JDK's internals; or</li>
 *   <li>it is in {@code java.util.concurrent} or one of its subpackages ({@code atomic},
 *       {@code locks}), and it is none of the allowed kinds:
 *       <ul>
 *         <li>an interface ({@code BlockingQueue}, {@code locks.Lock}, {@code Callable}...): the
 *             library implements these, and that is its point;</li>
 *         <li>a subclass of {@link Throwable} ({@code TimeoutException},
 *             {@code BrokenBarrierException}...): the exceptions the interfaces declare;</li>
 *         <li>one of {@link #ALLOWED_CLASSES}: {@code TimeUnit} (the unit of every timed
 *             method), {@code locks.LockSupport} (parking is a JVM service, not an algorithm we
 *             could write) and {@code ThreadLocalRandom} (a per-thread random source, for
 *             back-off and probes).</li>
 *       </ul>
 *       Everything else there ({@code AbstractQueuedSynchronizer}, {@code ReentrantLock},
 *       {@code AtomicLong} and every {@code Atomic*}, {@code LongAdder},
 *       {@code ConcurrentLinkedQueue}, {@code ConcurrentHashMap}, {@code Executors}...) is an
 *       implementation of what the library implements itself. A class that this JDK does not
 *       have is forbidden too, since it cannot be shown to be allowed.</li>
 * </ol>
 * Classes are classified with {@code Class.forName(name, false, loader)}: loaded, not initialized.
 */
final class JucImplementationRule {

    /** One forbidden reference: a class of ours that refers to a forbidden class, and why it is forbidden. */
    record Violation(String ourClass, String forbiddenClass, String reason) {

        @Override
        public String toString() {
            return ourClass + " -> " + forbiddenClass + " (" + reason + ")";
        }
    }

    /** The concrete classes of {@code java.util.concurrent} and its subpackages that the library may use. */
    static final Set<String> ALLOWED_CLASSES = Set.of(
            "java.util.concurrent.TimeUnit",
            "java.util.concurrent.locks.LockSupport",
            "java.util.concurrent.ThreadLocalRandom");

    private static final String JUC_PREFIX = "java.util.concurrent.";
    private static final String UNSAFE = "sun.misc.Unsafe";
    private static final String JDK_INTERNAL_PREFIX = "jdk.internal.";

    private JucImplementationRule() {
    }

    /**
     * Tells whether the library may refer to a class, and if not, why.
     *
     * @param binaryName a class's binary name, such as {@code java.util.concurrent.ConcurrentHashMap$Node}
     * @return empty if the class is allowed; otherwise the reason it is forbidden
     */
    static Optional<String> whyForbidden(String binaryName) {
        if (binaryName.equals(UNSAFE)) {
            return Optional.of("sun.misc.Unsafe is forbidden: use VarHandle");
        }
        if (binaryName.startsWith(JDK_INTERNAL_PREFIX)) {
            return Optional.of("a JDK internal class");
        }
        if (!binaryName.startsWith(JUC_PREFIX)) {
            return Optional.empty(); // the rule is only about java.util.concurrent and the JDK internals
        }
        if (ALLOWED_CLASSES.contains(binaryName)) {
            return Optional.empty();
        }
        Class<?> type;
        try {
            type = Class.forName(binaryName, false, JucImplementationRule.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return Optional.of("not found in this JDK, so it cannot be shown to be allowed");
        }
        if (type.isInterface() || Throwable.class.isAssignableFrom(type)) {
            return Optional.empty();
        }
        return Optional.of("an implementation class of " + type.getPackageName());
    }

    /**
     * Checks class files against the rule.
     *
     * @param classFiles the {@code .class} files to check
     * @return every forbidden reference, sorted by our class and then by the forbidden class; empty
     *         if the classes obey the rule
     * @throws IOException if a class file cannot be read
     */
    static List<Violation> check(Collection<Path> classFiles) throws IOException {
        Set<Violation> violations = new TreeSet<>(
                Comparator.comparing(Violation::ourClass).thenComparing(Violation::forbiddenClass));
        for (Path classFile : classFiles) {
            ClassFileReader.ClassFileInfo info = ClassFileReader.read(classFile);
            for (String referenced : info.referencedClasses()) {
                whyForbidden(referenced).ifPresent(reason ->
                        violations.add(new Violation(info.className(), referenced, reason)));
            }
        }
        return List.copyOf(violations);
    }
}
