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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * <p>The negative control, {@link #aRemovedVolatileOrFenceIsReported()}, removes a {@code volatile} and a
 * fence from the real {@code ReadWriteMutex} source in memory and must see both reported.
 */
class OrderingInventoryTest {

    static final String INVENTORY = "verification/ordering-inventory.txt";

    private static final Pattern VOLATILE_FIELD =
            Pattern.compile("\\bvolatile\\b[^;=(]*?\\b([A-Za-z_$][\\w$]*)\\s*[;=]");
    private static final Pattern FENCE = Pattern.compile("\\bVarHandle\\.([A-Za-z]+Fence)\\(");

    @Test
    void everyVolatileFieldAndFenceIsInTheInventory() throws IOException {
        Path root = RepoRoot.get();
        Map<String, Integer> found = inventoryOf(librarySources(root));
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
        Path root = RepoRoot.get();
        Map<String, String> sources = librarySources(root);
        String file = "primitives/src/main/java/dev/interlock/locks/ReadWriteMutex.java";
        String source = sources.get(file);
        String field = "private volatile long state;";
        String fence = "VarHandle.storeStoreFence();";
        assertTrue(source != null && source.contains(field) && source.contains(fence),
                file + " no longer has " + field + " and " + fence);
        Map<String, Integer> listed = inventoryOf(sources);
        sources.put(file, source.replace(field, "private long state;").replace(fence, ""));
        List<String> reported = differences(listed, inventoryOf(sources));
        assertEquals(List.of("removed: " + file + " fence storeStoreFence", "removed: " + file + " volatile state"),
                reported, "a removed volatile or fence was not reported");
    }

    /** Each entry ({@code FILE volatile NAME} or {@code FILE fence KIND}) with how many times it occurs. */
    static Map<String, Integer> inventoryOf(Map<String, String> sources) {
        Map<String, Integer> entries = new TreeMap<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            for (String line : source.getValue().split("\n", -1)) {
                String code = codeOf(line);
                Matcher field = VOLATILE_FIELD.matcher(code);
                while (field.find()) {
                    entries.merge(source.getKey() + " volatile " + field.group(1), 1, Integer::sum);
                }
                Matcher fence = FENCE.matcher(code);
                while (fence.find()) {
                    entries.merge(source.getKey() + " fence " + fence.group(1), 1, Integer::sum);
                }
            }
        }
        return entries;
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

    /** The code of a line: nothing of a comment line, and a code line without its {@code //} comment. */
    private static String codeOf(String line) {
        String stripped = line.strip();
        if (stripped.startsWith("*") || stripped.startsWith("/*") || stripped.startsWith("//")) {
            return "";
        }
        int comment = line.indexOf("//");
        return comment < 0 ? line : line.substring(0, comment);
    }

    /** The library modules' main Java sources, by path from the repository root. */
    private static Map<String, String> librarySources(Path root) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (String module : VerificationMatrixTest.LIBRARY_MODULES) {
            for (Path file : RepoFiles.walk(root.resolve(module).resolve("src/main/java"))) {
                if (file.toString().endsWith(".java")) {
                    sources.put(RepoFiles.relative(root, file), RepoFiles.read(file));
                }
            }
        }
        return sources;
    }
}
