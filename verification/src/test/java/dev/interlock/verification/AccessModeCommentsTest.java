/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The access modes weaker than volatile, checked by reading the code: every {@link
 * java.lang.invoke.VarHandle} access in a library class that is plain, opaque, acquire or release
 * carries a comment that names that mode, as a word (on its line, or in the {@code //} lines right
 * above it), as the architecture's style rule asks, so that the argument sits where the access is. A
 * mention that rules the mode out ("volatile, not just release") does not count.
 *
 * <p>This is the check for the bugs that x86 cannot show (issue 14): a release store weakened to a
 * plain one, or an acquire load weakened to opaque, passes every test on this machine, since x86
 * keeps loads in order and stores in order. But the weakened line still carries the comment that
 * argued for the stronger mode ({@code // release: pairs with ...}), and this test fails on it,
 * naming the file, the line, the mode the code uses and the word its comment lacks. Changing the
 * comment too is then a visible change of the argument, for a reviewer to judge. The negative
 * control is in the same class: {@link #aWeakenedAccessUnderItsOldCommentIsReported()} feeds the
 * checker the two weakenings from issue 14 and must see both reported.
 *
 * <p>Scope: the library modules' main sources ({@code VerificationMatrixTest.LIBRARY_MODULES}); tests,
 * benchmarks and jcstress tests are not reference code and are not checked. Only calls on a field
 * declared {@code VarHandle} in those sources count, so {@code map.get(key)} is never mistaken for a
 * plain read. The fence methods count too: {@code VarHandle.releaseFence()} must be argued by a
 * comment that says "release", {@code storeStoreFence()} by one that says "store-store", and so on,
 * so that a fence weakened to a lesser one is reported the same way. A fence or a {@code volatile}
 * removed outright is {@link OrderingInventoryTest}'s to catch. Not checked: a call split across lines.
 */
class AccessModeCommentsTest {

    /** Each weaker-than-volatile VarHandle method, and the word its comment must contain. */
    static final Map<String, String> MODE_OF_METHOD = Map.ofEntries(
            Map.entry("get", "plain"),
            Map.entry("set", "plain"),
            Map.entry("weakCompareAndSetPlain", "plain"),
            Map.entry("getOpaque", "opaque"),
            Map.entry("setOpaque", "opaque"),
            Map.entry("getAcquire", "acquire"),
            Map.entry("compareAndExchangeAcquire", "acquire"),
            Map.entry("weakCompareAndSetAcquire", "acquire"),
            Map.entry("getAndSetAcquire", "acquire"),
            Map.entry("getAndAddAcquire", "acquire"),
            Map.entry("setRelease", "release"),
            Map.entry("compareAndExchangeRelease", "release"),
            Map.entry("weakCompareAndSetRelease", "release"),
            Map.entry("getAndSetRelease", "release"),
            Map.entry("getAndAddRelease", "release"));

    /** Each fence method of {@link java.lang.invoke.VarHandle}, and the word its comment must contain. */
    static final Map<String, String> KIND_OF_FENCE = Map.of(
            "fullFence", "full",
            "acquireFence", "acquire",
            "releaseFence", "release",
            "loadLoadFence", "load-load",
            "storeStoreFence", "store-store");

    private static final Pattern FENCE = Pattern.compile("\\bVarHandle\\.([A-Za-z]+Fence)\\(");
    private static final Pattern VAR_HANDLE_FIELD = Pattern.compile("\\bVarHandle\\s+([A-Z][A-Z0-9_]*)\\b");
    private static final Pattern CALL = Pattern.compile("\\b([A-Z][A-Z0-9_]*)\\.([A-Za-z]+)\\(");
    /** Words that make the mode after them a contrast, not a claim: "volatile, not just release". */
    private static final Pattern NEGATION = Pattern.compile(
            "(?:\\bnot(?:\\s+(?:just|only|merely|even))?|\\bnever|\\bno|\\brather\\s+than|\\binstead\\s+of)"
            + "(?:\\s+(?:an?|the))?\\s+$");

    @Test
    void everyWeakAccessNamesItsModeInAComment() throws IOException {
        Path root = RepoRoot.get();
        Map<String, String> sources = RepoFiles.librarySources(root);
        Set<String> varHandles = varHandlesDeclaredIn(sources.values());
        List<String> offenders = new ArrayList<>();
        int weakAccesses = 0;
        for (Map.Entry<String, String> source : sources.entrySet()) {
            weakAccesses += weakAccesses(source.getValue(), varHandles);
            offenders.addAll(offenders(source.getKey(), source.getValue(), varHandles));
        }
        assertTrue(weakAccesses >= 100, "only " + weakAccesses + " weak accesses found: is the scan still reading the sources?");
        long fences = sources.values().stream().mapToLong(source -> FENCE.matcher(source).results().count()).sum();
        assertTrue(fences >= 3, "only " + fences + " fences found: is the scan still reading the sources?");
        assertTrue(offenders.isEmpty(), () -> offenders.size() + " weaker-than-volatile access(es) without a comment"
                + " naming the mode (say why that mode is enough, on the line or in the // lines just above it):\n  "
                + String.join("\n  ", offenders));
    }

    /**
     * The negative control: the two fence weakenings of issue 14 that x86 cannot show, made in memory
     * on the real sources of {@code TasLock} and {@code SpscArrayQueue}, and one per family beside them
     * ({@code AtomicCounter}, {@code TreiberStack}, {@code ReadWriteMutex}), must be reported, at the
     * weakened line; and a weakened line must not be vouched for by a neighbour's comment.
     */
    @Test
    void aWeakenedAccessUnderItsOldCommentIsReported() throws IOException {
        Map<String, String> sources = RepoFiles.librarySources(RepoRoot.get());
        assertWeakeningReported(sources, "primitives/src/main/java/dev/interlock/locks/spin/TasLock.java",
                "LOCKED.setRelease(this, false);", "LOCKED.set(this, false);", "is plain");
        assertWeakeningReported(sources, "structures/src/main/java/dev/interlock/queues/SpscArrayQueue.java",
                "long producerIndex = (long) INDEX.getAcquire(producer);",
                "long producerIndex = (long) INDEX.getOpaque(producer);", "is opaque");
        assertWeakeningReported(sources, "primitives/src/main/java/dev/interlock/counters/AtomicCounter.java",
                "VALUE.setRelease(this, newValue);", "VALUE.set(this, newValue);", "is plain");
        assertWeakeningReported(sources, "structures/src/main/java/dev/interlock/stacks/TreiberStack.java",
                "HEAD.getAcquire(this);", "HEAD.getOpaque(this);", "is opaque");
        String readWriteMutex = "primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java";
        assertWeakeningReported(sources, readWriteMutex, "VarHandle.releaseFence();", "VarHandle.storeStoreFence();",
                "is a store-store fence");
        assertWeakeningReported(sources, readWriteMutex, "VarHandle.acquireFence();", "VarHandle.loadLoadFence();",
                "is a load-load fence");

        Set<String> handles = Set.of("TAIL", "LOCKED");
        String neighbours = "        // plain: our own node.\n        TAIL.get(this);\n"
                + "        LOCKED.set(this, false); // release: pairs with the next getAndSet.\n";
        List<String> reported = offenders("X.java", neighbours, handles);
        assertTrue(reported.size() == 1 && reported.get(0).startsWith("X.java:3:"),
                () -> "a neighbour's comment vouched for a weakened line: " + reported);

        for (String contrasted : List.of(
                "        LOCKED.setRelease(this, false); // volatile write, not just release: a Dekker pair.\n",
                "        // volatile write, not just\n        // release: a Dekker pair.\n        LOCKED.setRelease(this, false);\n",
                "        LOCKED.setRelease(this, false); // volatile, rather than a release: a Dekker pair.\n")) {
            assertTrue(offenders("Y.java", contrasted, handles).size() == 1,
                    () -> "a comment that names the mode only to rule it out vouched for it: " + contrasted);
        }
        assertTrue(offenders("Z.java", "        LOCKED.getOpaque(this); // nothing stronger than opaque is needed.\n",
                Set.of("LOCKED")).isEmpty(), "a comparison was taken for a negation");
    }

    private static void assertWeakeningReported(Map<String, String> sources, String file, String line,
            String weakened, String mode) {
        String source = sources.get(file);
        assertTrue(source != null && source.contains(line), file + " no longer has the line " + line);
        Set<String> handles = varHandlesDeclaredIn(sources.values());
        assertTrue(offenders(file, source, handles).isEmpty(), file + " is reported as it is");
        List<String> reported = offenders(file, source.replace(line, weakened), handles);
        assertTrue(reported.size() == 1 && reported.get(0).contains(mode) && reported.get(0).contains(weakened),
                () -> "the weakening " + weakened + " in " + file + " was not reported: " + reported);
    }


    /** The names of the fields declared {@code VarHandle} in any of the sources. */
    static Set<String> varHandlesDeclaredIn(Iterable<String> sources) {
        Set<String> names = new LinkedHashSet<>();
        for (String source : sources) {
            Matcher field = VAR_HANDLE_FIELD.matcher(source);
            while (field.find()) {
                names.add(field.group(1));
            }
        }
        return names;
    }

    /** How many weak-mode calls on a known VarHandle a source makes. */
    private static int weakAccesses(String source, Set<String> varHandles) {
        int count = 0;
        for (String line : source.split("\n", -1)) {
            Matcher call = CALL.matcher(codeOf(line));
            while (call.find()) {
                if (MODE_OF_METHOD.containsKey(call.group(2)) && varHandles.contains(call.group(1))) {
                    count++;
                }
            }
        }
        return count;
    }

    /** The lines of one source whose weak accesses lack a comment naming their mode. */
    static List<String> offenders(String name, String source, Set<String> varHandles) {
        String[] lines = source.split("\n", -1);
        List<String> offenders = new ArrayList<>();
        for (int index = 0; index < lines.length; index++) {
            String code = codeOf(lines[index]);
            Set<String> missing = new LinkedHashSet<>();
            Matcher fence = FENCE.matcher(code);
            while (fence.find()) {
                String kind = KIND_OF_FENCE.get(fence.group(1));
                if (kind != null && !claims(commentOf(lines, index), kind)) {
                    missing.add("VarHandle." + fence.group(1) + " is a " + kind + " fence");
                }
            }
            Matcher call = CALL.matcher(code);
            while (call.find()) {
                String mode = MODE_OF_METHOD.get(call.group(2));
                if (mode != null && varHandles.contains(call.group(1)) && !claims(commentOf(lines, index), mode)) {
                    missing.add(call.group(1) + "." + call.group(2) + " is " + mode);
                }
            }
            if (!missing.isEmpty()) {
                offenders.add(name + ":" + (index + 1) + ": " + String.join(", ", missing)
                        + ", and its comment does not say so: " + lines[index].strip());
            }
        }
        return offenders;
    }

    /** Whether the comment names the mode as a word, at least once other than after a negation. */
    static boolean claims(String comment, String mode) {
        Matcher mention = Pattern.compile("\\b" + mode + "\\b").matcher(comment);
        while (mention.find()) {
            if (!NEGATION.matcher(comment.substring(0, mention.start())).find()) {
                return true;
            }
        }
        return false;
    }

    /** The line without its {@code //} comment (a {@code //} inside a string literal is not expected here). */
    private static String codeOf(String line) {
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }

    /**
     * The comment that argues for a line's accesses, lower-cased: its own {@code //} comment and the
     * unbroken block of {@code //} lines right above it. Nothing further up counts, so a neighbour's
     * comment can never vouch for it.
     */
    private static String commentOf(String[] lines, int index) {
        List<String> block = new ArrayList<>();
        for (int above = index - 1; above >= 0 && lines[above].strip().startsWith("//"); above--) {
            block.add(0, lines[above].strip().substring(2).strip());
        }
        int slashes = lines[index].indexOf("//");
        if (slashes >= 0) {
            block.add(lines[index].substring(slashes + 2).strip());
        }
        return String.join(" ", block).toLowerCase(Locale.ROOT);
    }
}
