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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Comment characters per code character, in every class of the library's main sources: at most
 * {@value #LIMIT} (java.util.concurrent's ConcurrentLinkedQueue is 1.44), so that the prose states each
 * fact once and the code stays in view. Characters are non-whitespace; the license header is left out;
 * a string literal is code even if it holds {@code //}. Interfaces, {@code package-info} and
 * {@code module-info} hold contracts only and are exempt. The table in docs/architecture.md
 * ("Comment ratios") is regenerated from the same numbers on every run.
 */
class CommentRatioTest {

    static final double LIMIT = 1.5;

    /** The published modules: the matrix's, and interlock-redis (outside the matrix: a client of a server). */
    static final List<String> MODULES = List.of("primitives", "structures", "redis");

    static final Path DOC = Path.of("docs", "architecture.md");
    static final String BEGIN = "<!-- comment-ratios:begin (CommentRatioTest writes this table) -->";
    static final String END = "<!-- comment-ratios:end -->";

    private static final Pattern LICENSE = Pattern.compile("\\A\\s*/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern TOP_LEVEL_TYPE = Pattern.compile(
            "^(?:public |abstract |final |sealed |non-sealed )*(class|interface|enum|record|@interface) ",
            Pattern.MULTILINE);

    /** One file's counts. */
    record Ratio(String file, int comment, int code) {
        double value() {
            return code == 0 ? 0.0 : (double) comment / code;
        }
    }

    @Test
    void everyClassIsAtOrUnderTheLimit() throws IOException {
        Path root = RepoRoot.get();
        List<Ratio> ratios = new ArrayList<>();
        for (String module : MODULES) {
            for (Path file : RepoFiles.walk(root.resolve(module).resolve("src/main/java"))) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".java") || name.equals("package-info.java") || name.equals("module-info.java")) {
                    continue;
                }
                String text = RepoFiles.read(file);
                if (!isInterface(text)) {
                    ratios.add(measure(RepoFiles.relative(root, file), text));
                }
            }
        }
        assertTrue(ratios.size() > 20, "found only " + ratios.size() + " classes: is the tree where it should be?");
        writeTable(root.resolve(DOC), ratios);
        List<String> over = new ArrayList<>();
        for (Ratio ratio : ratios) {
            if (ratio.value() > LIMIT) {
                over.add(String.format(Locale.ROOT, "%s: %.2f", ratio.file(), ratio.value()));
            }
        }
        assertTrue(over.isEmpty(), "comment:code over " + LIMIT + " (state each fact once; see docs/architecture.md): "
                + over);
    }

    /** The negative control: the counter tells comments from code, and a wordy class is over the limit. */
    @Test
    void theCounterSeparatesCommentsFromCodeAndReportsAWordyClass() {
        String source = "/*\n * Copyright x. SPDX-License-Identifier: Apache-2.0\n */\n"
                + "class A { // ab\n  String s = \"//no\"; /* cd */ char c = '\\''; }\n";
        Ratio ratio = measure("A.java", source);
        assertEquals("//ab/*cd*/".length(), ratio.comment());
        assertEquals("classA{Strings=\"//no\";charc='\\'';}".length(), ratio.code());

        String wordy = "/** " + "word ".repeat(40) + "*/\nclass B { int x; }\n";
        assertTrue(measure("B.java", wordy).value() > LIMIT);
        assertTrue(isInterface("/** doc */\npublic interface Q<E> {\n}\n"));
        assertFalse(isInterface("/** doc */\npublic interface Q<E> {\n}\n\nenum R implements Q<Object> {\n    X;\n}\n"));
    }

    /** Whether every top-level type of the file is an interface: a file that also holds a class is measured. */
    static boolean isInterface(String source) {
        Matcher type = TOP_LEVEL_TYPE.matcher(split(stripLicense(source))[1]);
        boolean any = false;
        while (type.find()) {
            if (!type.group(1).endsWith("interface")) {
                return false;
            }
            any = true;
        }
        return any;
    }

    static Ratio measure(String file, String source) {
        String[] parts = split(stripLicense(source));
        return new Ratio(file, nonWhitespace(parts[0]), nonWhitespace(parts[1]));
    }

    private static String stripLicense(String source) {
        Matcher license = LICENSE.matcher(source);
        if (license.find() && license.group().matches("(?is).*(license|copyright|spdx).*")) {
            return source.substring(license.end());
        }
        return source;
    }

    /** Splits Java source into its comments and its code (string and character literals are code). */
    private static String[] split(String text) {
        StringBuilder comment = new StringBuilder();
        StringBuilder code = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            int end;
            if (text.startsWith("//", i)) {
                end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                comment.append(text, i, end);
            } else if (text.startsWith("/*", i)) {
                end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                comment.append(text, i, end);
            } else if (text.startsWith("\"\"\"", i)) {
                end = text.indexOf("\"\"\"", i + 3);
                end = end < 0 ? n : end + 3;
                code.append(text, i, end);
            } else if (c == '"' || c == '\'') {
                end = i + 1;
                while (end < n && text.charAt(end) != c) {
                    end += text.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                code.append(text, i, end);
            } else {
                end = i + 1;
                code.append(c);
            }
            i = end;
        }
        return new String[] {comment.toString(), code.toString()};
    }

    private static int nonWhitespace(String text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static void writeTable(Path doc, List<Ratio> ratios) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        assertTrue(begin >= 0 && end > begin, DOC + " lacks the markers " + BEGIN + " and " + END);
        StringBuilder table = new StringBuilder(BEGIN).append("\n\n| Class | Comment | Code | Ratio |\n|---|---:|---:|---:|\n");
        long comment = 0;
        long code = 0;
        for (Ratio ratio : ratios) {
            String name = ratio.file().substring(ratio.file().lastIndexOf('/') + 1).replace(".java", "");
            table.append(String.format(Locale.ROOT, "| [%s](../%s) | %d | %d | %.2f |%n",
                    name, ratio.file(), ratio.comment(), ratio.code(), ratio.value()));
            comment += ratio.comment();
            code += ratio.code();
        }
        table.append(String.format(Locale.ROOT, "| **All %d classes** | %d | %d | %.2f |%n%n",
                ratios.size(), comment, code, (double) comment / code));
        String updated = text.substring(0, begin) + table + text.substring(end);
        if (!updated.equals(text)) {
            Files.writeString(doc, updated, StandardCharsets.UTF_8);
        }
    }
}
