/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import dev.interlock.verification.VerificationConventions.BrokenVariant;
import dev.interlock.verification.VerificationConventions.Coverage;
import dev.interlock.verification.VerificationConventions.Evidence;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code docs/verification-matrix.md}. The output depends only on its inputs, which are
 * sorted, and has no date or machine-specific path, so that an unchanged tree regenerates the same
 * file and {@code git diff} shows only real changes.
 */
final class VerificationMatrixDocument {

    /** The generator, as named in the document's header. */
    static final String GENERATOR = "verification/src/test/java/dev/interlock/verification/VerificationMatrixTest.java";

    /** What a cell says when a layer is missing; the build fails while the document contains it. */
    static final String MISSING = "**MISSING**";

    /** Links are relative to the document's directory, {@code docs/}. */
    private static final String TO_ROOT = "../";

    private static final String INTRODUCTION = """
            Every public concrete class of `primitives` and `structures` is verified in seven layers, \
            found by the file conventions below. The build fails while a cell says **MISSING**.

            """;

    /** The conventions of {@link VerificationConventions}, for the reader of the document. */
    private static final String CONVENTIONS = """
            ## Conventions

            For a class `Name` in package `P` of module `M` (`<P>` is the package as a path, such as \
            `dev/interlock/counters`):

            | Layer | Present when |
            |---|---|
            | Contract | `M/src/test/java/<P>/NameTest.java` exists and its class extends a class whose name \
            ends in `Contract`. |
            | Lincheck | `M/src/test/java/<P>/NameLincheckTest.java` exists, and it or a superclass whose source \
            is in `M/src/test/java` (found through a single-type import, or else in the same directory) \
            imports `org.jetbrains.lincheck`. |
            | jcstress | At least one file under `stress-tests/src/main/java` contains `@JCStressTest` and \
            mentions `Name`. All of them are listed. |
            | Negative control | The family (package `P`) has at least one broken variant, a file \
            `M/src/test/java/<P>/Broken*.java`, and for each one: another file under `M/src/test/java` \
            mentions it and `LincheckAssertionError` (Lincheck rejects it) or, for a lost wake-up or a \
            policy, which Lincheck cannot see, is annotated `@BoundedControl` (a bounded test rejects it), and a file under \
            `stress-tests/src/main/java` contains `@JCStressTest` and mentions it (jcstress runs it). |
            | Benchmark | At least one file under `benchmarks/src/main/java` mentions `Name` and contains \
            `@Benchmark` or `@State`. |
            | Results | At least one `.md`, `.json` or `.txt` file under `docs/benchmarks/` mentions `Name`: \
            committed benchmark results. |
            | Docs | At least one page `docs/*.md` (top level, not this file) mentions `Name`. |

            "Mentions" means as a whole word: `SpinLock` is not mentioned by `TicketSpinLock` or `SpinLockTest`. \
            Under `src/*/java` only `.java` files are read.

            """;

    /** The introduction to the rules of {@link ExemptionRule}, which follow it verbatim. */
    private static final String EXEMPTION_RULES = """
            ## Exemption rules

            The classes are the top-level classes of `primitives/src/main/java` and `structures/src/main/java`. \
            Nested classes are not listed: they are verified with their top-level class. A class is exempt, \
            and not in the matrix, when it is one of these (the list of exempt classes shows the first rule \
            that applies):

            """;

    private VerificationMatrixDocument() {
    }

    /**
     * Renders the document.
     *
     * @param coverages the classes that need every layer, with what was found, sorted
     * @param catalog the classification of the library's classes
     * @param explicitlyExempt the explicit exemptions and their reasons
     * @param problems every reason the check fails, in the order the test reports them
     * @return the Markdown text, with {@code \n} line ends
     */
    static String render(List<Coverage> coverages, MainClassCatalog catalog,
                         Map<String, String> explicitlyExempt, List<String> problems) {
        StringBuilder out = new StringBuilder();
        long complete = coverages.stream().filter(coverage -> coverage.gaps().isEmpty()).count();

        out.append("# Verification matrix\n\n");
        out.append("> Generated by `").append(GENERATOR).append("` during `./mvnw verify`.\n");
        out.append("> Do not edit it by hand: add the missing test, benchmark or page, then rebuild.\n\n");
        out.append(INTRODUCTION);
        out.append(coverages.size()).append(" classes to verify: ").append(complete).append(" complete, ")
                .append(coverages.size() - complete).append(" with gaps. ")
                .append(catalog.exempt().size()).append(" exempt classes.\n\n");
        out.append(CONVENTIONS);
        out.append(EXEMPTION_RULES);
        for (ExemptionRule rule : ExemptionRule.values()) {
            out.append("1. ").append(rule.text).append('\n');
        }
        out.append("\n### Explicit exemptions\n\n");
        if (explicitlyExempt.isEmpty()) {
            out.append("None.\n\n");
        } else {
            out.append("| Class | Reason |\n");
            out.append("|---|---|\n");
            for (Map.Entry<String, String> entry : new TreeMap<>(explicitlyExempt).entrySet()) {
                out.append("| `").append(entry.getKey()).append("` | ").append(entry.getValue()).append(" |\n");
            }
            out.append('\n');
        }

        out.append("## Matrix\n\n");
        if (coverages.isEmpty()) {
            out.append("No class to verify.\n\n");
        } else {
            out.append("| Class | Module | Contract | Lincheck | jcstress | Negative control | Benchmark | Results | Docs |\n");
            out.append("|---|---|---|---|---|---|---|---|---|\n");
            for (Coverage coverage : coverages) {
                out.append("| ").append(link(coverage.mainClass().qualifiedName(), coverage.mainClass().sourceFile()))
                        .append(" | ").append(coverage.mainClass().module())
                        .append(" | ").append(cell(coverage.contract()))
                        .append(" | ").append(cell(coverage.lincheck()))
                        .append(" | ").append(cell(coverage.jcstress()))
                        .append(" | ").append(negativeControlCell(coverage))
                        .append(" | ").append(cell(coverage.benchmark()))
                        .append(" | ").append(cell(coverage.results()))
                        .append(" | ").append(cell(coverage.docs()))
                        .append(" |\n");
            }
            out.append('\n');
        }

        out.append("## Gaps\n\n");
        if (problems.isEmpty()) {
            out.append("None.\n\n");
        } else {
            for (String problem : problems) {
                out.append("- ").append(problem).append('\n');
            }
            out.append('\n');
        }

        out.append("## Exempt classes\n\n");
        if (catalog.exempt().isEmpty()) {
            out.append("None.\n");
        } else {
            out.append("| Class | Module | Rule |\n");
            out.append("|---|---|---|\n");
            for (MainClassCatalog.Exempt exempt : catalog.exempt()) {
                String rule = exempt.rule().label;
                if (exempt.rule() == ExemptionRule.EXPLICIT) {
                    rule += ": " + explicitlyExempt.get(exempt.mainClass().qualifiedName());
                }
                out.append("| ").append(link(exempt.mainClass().qualifiedName(), exempt.mainClass().sourceFile()))
                        .append(" | ").append(exempt.mainClass().module())
                        .append(" | ").append(rule)
                        .append(" |\n");
            }
        }
        return out.toString();
    }

    /** The files of a layer as links, one per line of the cell, or {@link #MISSING}. */
    private static String cell(Evidence evidence) {
        return evidence.isMissing() ? MISSING : links(evidence.files(), "<br>");
    }

    /** One line per broken variant: the variant, then its Lincheck side and its jcstress side, or {@link #MISSING}. */
    private static String negativeControlCell(Coverage coverage) {
        List<BrokenVariant> variants = coverage.negativeControl().variants();
        if (variants.isEmpty()) {
            return MISSING;
        }
        List<String> lines = new ArrayList<>();
        for (BrokenVariant variant : variants) {
            String lincheckSide = variant.lincheckTests().isEmpty() ? MISSING : links(variant.lincheckTests(), ", ");
            String jcstressSide = variant.jcstressTests().isEmpty() ? MISSING : links(variant.jcstressTests(), ", ");
            lines.add(link(variant.className(), variant.source())
                    + ": Lincheck " + lincheckSide + "; jcstress " + jcstressSide);
        }
        return String.join("<br>", lines);
    }

    /** Links to files, each named by its file name. */
    private static String links(List<String> files, String separator) {
        List<String> links = new ArrayList<>();
        for (String file : files) {
            links.add(link(file.substring(file.lastIndexOf('/') + 1), file));
        }
        return String.join(separator, links);
    }

    /** A Markdown link from {@code docs/} to a file given relative to the repository root. */
    private static String link(String text, String fileFromRoot) {
        return "[" + text + "](" + TO_ROOT + fileFromRoot + ")";
    }
}
