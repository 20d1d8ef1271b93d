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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every {@code volatile} field and every {@link java.lang.invoke.VarHandle} fence of the library's main
 * sources, checked against a committed inventory, {@code verification/ordering-inventory.txt}.
 *
 * <p>This closes the gap {@link AccessModeCommentsTest} leaves (issue 14): that test catches an access
 * weakened under the comment that argued for it, but a {@code volatile} keyword or a fence removed
 * outright leaves no weak access behind to judge, and on x86 most such removals pass every test. Here a
 * removal fails the build, naming the file and the field or fence that went; a new one fails until it is
 * listed. Editing the inventory is then a visible change of a class's memory-ordering argument, made in
 * the same commit as the code, for a reviewer to judge against the class's notes. The inventory holds no
 * argument of its own: the argument lives in the class, once.
 *
 * <p>The sources are read as code, with comments and string literals blanked out, so a declaration split
 * over lines or naming several fields ({@code volatile long a, b;}) is read whole, and a commented-out one
 * is not. A fence is listed with the method or constructor it is in, so a fence moved to another method
 * is a removal and an addition. Not seen: the fields declared after an initializer that holds a semicolon
 * (a lambda block; a missing name fails the scan loudly), and a fence moved within its method; {@link AccessModeCommentsTest}
 * asks that its comment argue for it where it stands, and the class's tests judge the rest.
 *
 * <p>The negative controls: {@link #aRemovedVolatileOrFenceIsReported()} removes a {@code volatile} and a
 * fence from the real {@code ReadWriteMutex} source in memory, then a {@code volatile} from {@code
 * TokenBucket}'s, and must see each reported, and {@link
 * #declarationsAreReadAsCodeAndFencesByMethod()} feeds the scan the shapes a line-by-line reading missed.
 */
class OrderingInventoryTest {

    static final String INVENTORY = "verification/ordering-inventory.txt";

    private static final Pattern VOLATILE_DECLARATION = Pattern.compile("\\bvolatile\\b([^;]*);");
    private static final Pattern FENCE = Pattern.compile("\\bVarHandle\\s*\\.\\s*([A-Za-z]+Fence)\\s*\\(");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    /** The end of a method or constructor header: its name, its parameters, and any throws clause. */
    private static final Pattern METHOD_HEADER =
            Pattern.compile("([A-Za-z_$][\\w$]*)\\s*\\([^()]*\\)\\s*(?:throws\\s+[\\w$.,\\s]+)?$");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "synchronized",
            "try", "do", "else", "return", "new");

    @Test
    void everyVolatileFieldAndFenceIsInTheInventory() throws IOException {
        Path root = RepoRoot.get();
        Map<String, Integer> found = inventoryOf(RepoFiles.librarySources(root));
        Map<String, Integer> listed = listed(root.resolve(INVENTORY));
        assertTrue(found.size() >= 30, "only " + found.size() + " entries found: is the scan still reading the sources?");
        List<String> problems = differences(listed, found);
        assertTrue(problems.isEmpty(), () -> "the volatile fields and fences differ from " + INVENTORY + ":\n  "
                + String.join("\n  ", problems) + "\nA removal weakens a memory-ordering argument: restore it, or,"
                + " if the class's notes say why it is not needed, delete the line. A new one: add the line.");
    }

    /** The negative control: a volatile and a fence removed from the real source must both be reported. */
    @Test
    void aRemovedVolatileOrFenceIsReported() throws IOException {
        Map<String, String> sources = RepoFiles.librarySources(RepoRoot.get());
        String file = "primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java";
        String source = sources.get(file);
        String field = "private volatile long state;";
        String fence = "VarHandle.storeStoreFence();";
        assertTrue(source != null && source.contains(field) && source.contains(fence),
                file + " no longer has " + field + " and " + fence);
        Map<String, Integer> listed = inventoryOf(sources);
        sources.put(file, source.replace(field, "private long state;").replace(fence, ""));
        List<String> reported = differences(listed, inventoryOf(sources));
        assertEquals(List.of("removed: " + file + " fence storeStoreFence in tryAcquireWrite",
                "removed: " + file + " volatile state"), reported, "a removed volatile or fence was not reported");

        // The rate limiter's weakening: TokenBucket makes no VarHandle access weaker than volatile, so the
        // weakening left to plant is a volatile field made plain.
        String bucket = "primitives/src/main/java/dev/interlock/ratelimit/TokenBucket.java";
        String consumed = "private volatile long consumed;";
        assertTrue(sources.get(bucket).contains(consumed), bucket + " no longer has " + consumed);
        sources.put(bucket, sources.get(bucket).replace(consumed, "private long consumed;"));
        List<String> bucketReported = differences(listed, inventoryOf(sources));
        assertTrue(bucketReported.contains("removed: " + bucket + " volatile consumed"),
                () -> "a removed volatile in TokenBucket was not reported: " + bucketReported);
    }

    /**
     * The second control: a declaration split over lines or naming several fields, a commented-out one, one
     * in a string, and a fence moved from one method to another.
     */
    @Test
    void declarationsAreReadAsCodeAndFencesByMethod() {
        String before = "class W {\n    private volatile\n            long a, b = 1L, c;\n"
                + "    // private volatile long commented;\n    /* volatile int blocked; */\n"
                + "    String text = \"volatile int quoted;\";\n    private static volatile Object[] d = {1, 2};\n"
                + "    volatile Map<String, Integer> e = null, f;\n    volatile boolean g = 1 > 0, h = 1 < 2;\n"
                + "    W() throws IOException {\n        if (a == 0) {\n            VarHandle.releaseFence();\n"
                + "        }\n        Runnable r = () -> {\n            VarHandle.acquireFence();\n        };\n    }\n\n"
                + "    void publish(long x) {\n        a = x;\n    }\n}\n";
        Map<String, Integer> found = inventoryOf(Map.of("W.java", before));
        assertEquals(Map.of("W.java volatile a", 1, "W.java volatile b", 1, "W.java volatile c", 1,
                "W.java volatile d", 1, "W.java volatile e", 1, "W.java volatile f", 1, "W.java volatile g", 1,
                "W.java volatile h", 1, "W.java fence releaseFence in W", 1, "W.java fence acquireFence in W", 1),
                found);
        String moved = before.replace("            VarHandle.releaseFence();\n", "")
                .replace("        a = x;\n", "        a = x;\n        VarHandle.releaseFence();\n");
        assertEquals(List.of("removed: W.java fence releaseFence in W", "new: W.java fence releaseFence in publish"),
                differences(found, inventoryOf(Map.of("W.java", moved))));
    }

    /** Each entry ({@code FILE volatile NAME} or {@code FILE fence KIND in METHOD}) with how many times it occurs. */
    static Map<String, Integer> inventoryOf(Map<String, String> sources) {
        Map<String, Integer> entries = new TreeMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            String code = codeOf(source.getValue());
            Matcher declaration = VOLATILE_DECLARATION.matcher(code);
            while (declaration.find()) {
                for (String name : declaredNames(declaration.group(1))) {
                    entries.merge(source.getKey() + " volatile " + name, 1, Integer::sum);
                }
            }
            Matcher fence = FENCE.matcher(code);
            while (fence.find()) {
                entries.merge(source.getKey() + " fence " + fence.group(1) + " in " + methodAt(code, fence.start()),
                        1, Integer::sum);
            }
        }
        return entries;
    }

    /**
     * The names a declaration after {@code volatile} declares: {@code long a, b = 1L} declares a and b. Commas
     * split declarators only outside brackets; angle brackets count only before a declarator's {@code =}, as
     * they are a type's there and may be operators after it.
     */
    private static List<String> declaredNames(String declaration) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        int from = 0;
        boolean initializer = false;
        for (int at = 0; at <= declaration.length(); at++) {
            char c = at < declaration.length() ? declaration.charAt(at) : ',';
            if (c == '(' || c == '{' || c == '[' || c == '<' && !initializer) {
                depth++;
            } else if (c == ')' || c == '}' || c == ']' || c == '>' && !initializer && depth > 0) {
                depth--;
            } else if (c == '=' && depth == 0) {
                initializer = true;
            } else if (c == ',' && depth == 0) {
                String declarator = declaration.substring(from, at);
                int equals = declarator.indexOf('=');
                List<String> words = IDENTIFIER.matcher(equals < 0 ? declarator : declarator.substring(0, equals))
                        .results().map(MatchResult::group).collect(Collectors.toList());
                if (words.isEmpty()) {
                    throw new IllegalStateException("no field name in the volatile declaration \"" + declaration.strip()
                            + "\": extend OrderingInventoryTest's reading of declarations");
                }
                names.add(words.get(words.size() - 1));
                from = at + 1;
                initializer = false;
            }
        }
        return names;
    }

    /** The name of the innermost method or constructor whose body holds the position, or "(no method)". */
    private static String methodAt(String code, int position) {
        Deque<String> enclosing = new ArrayDeque<>();
        int headerFrom = 0;
        for (int at = 0; at < position; at++) {
            char c = code.charAt(at);
            if (c == '{') {
                Matcher header = METHOD_HEADER.matcher(code.substring(headerFrom, at).strip());
                boolean method = header.find() && !NOT_METHODS.contains(header.group(1));
                enclosing.push(method ? header.group(1) : "");
            } else if (c == '}') {
                enclosing.pop();
            }
            if (c == '{' || c == '}' || c == ';') {
                headerFrom = at + 1;
            }
        }
        return enclosing.stream().filter(name -> !name.isEmpty()).findFirst().orElse("(no method)");
    }

    /** What the sources lack or add, against the inventory, one line each. */
    static List<String> differences(Map<String, Integer> listed, Map<String, Integer> found) {
        List<String> problems = new ArrayList<>();
        TreeMap<String, Integer> all = new TreeMap<>(listed);
        found.keySet().forEach(key -> all.putIfAbsent(key, 0));
        for (String entry : all.keySet()) {
            int want = listed.getOrDefault(entry, 0);
            int have = found.getOrDefault(entry, 0);
            for (int missing = have; missing < want; missing++) {
                problems.add("removed: " + entry);
            }
            for (int extra = want; extra < have; extra++) {
                problems.add("new: " + entry);
            }
        }
        return problems;
    }

    private static Map<String, Integer> listed(Path inventory) throws IOException {
        Map<String, Integer> entries = new TreeMap<>();
        for (String line : Files.readAllLines(inventory)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                entries.merge(line.strip(), 1, Integer::sum);
            }
        }
        return entries;
    }

    /**
     * The source with every comment and the inside of every string and character literal turned to
     * spaces, line breaks kept, so that only code is left to match.
     */
    static String codeOf(String source) {
        StringBuilder code = new StringBuilder(source);
        int at = 0;
        while (at < source.length()) {
            int end;
            if (source.startsWith("//", at)) {
                end = source.indexOf('\n', at);
                end = end < 0 ? source.length() : end;
            } else if (source.startsWith("/*", at)) {
                end = source.indexOf("*/", at + 2);
                end = end < 0 ? source.length() : end + 2;
            } else if (source.startsWith("\"\"\"", at)) {
                end = source.indexOf("\"\"\"", at + 3);
                end = end < 0 ? source.length() : end + 3;
            } else if (source.charAt(at) == '"' || source.charAt(at) == '\'') {
                char quote = source.charAt(at);
                end = at + 1;
                while (end < source.length() && source.charAt(end) != quote && source.charAt(end) != '\n') {
                    end += source.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end + 1, source.length());
            } else {
                at++;
                continue;
            }
            for (int blank = at; blank < end; blank++) {
                if (code.charAt(blank) != '\n') {
                    code.setCharAt(blank, ' ');
                }
            }
            at = end;
        }
        return code.toString();
    }
}
