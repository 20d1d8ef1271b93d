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

import dev.interlock.verification.VerificationConventions.Coverage;
import dev.interlock.verification.VerificationConventions.MainClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verification matrix: every public concrete class of the library is verified in every
 * layer, and {@code docs/verification-matrix.md} shows where.
 *
 * <p>The test lists the top-level classes of {@code primitives/src/main/java} and
 * {@code structures/src/main/java} ({@link MainClassCatalog}), sets aside the exempt ones, finds the
 * layers of the others by file conventions ({@link VerificationConventions}), writes the document
 * ({@link VerificationMatrixDocument}) and only then fails if any layer is missing, so that the
 * document always shows the current gaps.
 *
 * <p><b>Exempt</b> ({@link ExemptionRule}, first match wins): annotation types, interfaces, enums,
 * records, abstract classes, {@link Throwable} subclasses, classes that are not public, and the
 * classes of {@link #EXPLICITLY_EXEMPT}. Nested classes are not listed: they are covered with their
 * top-level class.
 *
 * <p><b>Layers</b>, for a class {@code Name} in package {@code P} of module {@code M}:
 * <ol>
 *   <li>Contract: {@code M/src/test/java/<P>/NameTest.java} extends a class whose name ends in
 *       {@code Contract}.</li>
 *   <li>Lincheck: {@code M/src/test/java/<P>/NameLincheckTest.java} exists, and it or a superclass
 *       source in {@code M/src/test/java} (through a single-type import, or else in the same directory)
 *       imports {@code org.jetbrains.lincheck}.</li>
 *   <li>jcstress: files under {@code stress-tests/src/main/java} contain {@code @JCStressTest} and
 *       mention {@code Name}; at least one.</li>
 *   <li>Negative control, for the whole family (package): at least one
 *       {@code M/src/test/java/<P>/Broken*.java}; for each, another file under
 *       {@code M/src/test/java} mentions it and {@code LincheckAssertionError}, and a file under
 *       {@code stress-tests/src/main/java} contains {@code @JCStressTest} and mentions it.</li>
 *   <li>Benchmark: files under {@code benchmarks/src/main/java} mention {@code Name} and contain
 *       {@code @Benchmark} or {@code @State}; at least one.</li>
 *   <li>Results: a {@code .md}, {@code .json} or {@code .txt} file under {@code docs/benchmarks/}
 *       mentions {@code Name}.</li>
 *   <li>Docs: a {@code docs/*.md} page, other than {@code verification-matrix.md}, mentions
 *       {@code Name}.</li>
 * </ol>
 * "Mentions" means as a whole word. The tests on a made-up tree, below the main test, pin these
 * conventions down.
 */
class VerificationMatrixTest {

    /**
     * Public concrete classes that need no verification layer, by qualified name, each with the
     * reason, which the document prints. Keep it short: a concurrent primitive is never exempt. An
     * entry that names no class of the library fails the test.
     */
    static final Map<String, String> EXPLICITLY_EXEMPT = Map.of(
            "dev.interlock.ratelimit.ManualTimeSource",
            "a clock for tests, not a concurrent primitive; its one concurrent duty, waking the threads parked on it"
                    + " when it advances, is what TokenBucketTest's blocking tests and RateLimit_04_WaiterWakesUp rely on"
    );

    /** The library modules, whose main classes the matrix lists. */
    static final List<String> LIBRARY_MODULES = List.of("primitives", "structures");

    /** The generated document, relative to the repository root. */
    static final String DOCUMENT = VerificationConventions.DOCS + "/" + VerificationConventions.MATRIX_FILE;

    @Test
    void everyPublicConcreteClassHasEveryVerificationLayer() throws IOException {
        Path root = RepoRoot.get();
        MainClassCatalog catalog = MainClassCatalog.discover(root, LIBRARY_MODULES, EXPLICITLY_EXEMPT);
        assertFalse(catalog.verified().isEmpty() && catalog.exempt().isEmpty(),
                "no class found under primitives/src/main/java or structures/src/main/java in " + root);

        VerificationConventions conventions = new VerificationConventions(root);
        List<Coverage> coverages = new ArrayList<>();
        List<String> problems = new ArrayList<>(catalog.problems());
        for (MainClass mainClass : catalog.verified()) {
            Coverage coverage = conventions.coverageOf(mainClass);
            coverages.add(coverage);
            problems.addAll(coverage.gaps());
        }

        // Write first, assert after: the document must show the gaps that fail the build.
        String document = VerificationMatrixDocument.render(coverages, catalog, EXPLICITLY_EXEMPT, problems);
        Path documentFile = root.resolve(DOCUMENT);
        Files.createDirectories(documentFile.getParent());
        Files.writeString(documentFile, document);

        assertTrue(problems.isEmpty(), () -> problems.size() + " gap(s) in the verification matrix; see "
                + DOCUMENT + " for the conventions:\n  - " + String.join("\n  - ", problems));
    }

    // ---- The conventions, on a made-up repository --------------------------------------------------

    /** The made-up class that the tests below verify: {@code dev.fake.Widget} of {@code primitives}. */
    private static final MainClass WIDGET = new MainClass("primitives", "dev.fake", "Widget");

    @Test
    void aClassWithEveryLayerHasNoGap(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of(), coverage.gaps());
        assertEquals(List.of("primitives/src/test/java/dev/fake/WidgetTest.java"), coverage.contract().files());
        assertEquals(List.of("primitives/src/test/java/dev/fake/WidgetLincheckTest.java",
                "primitives/src/test/java/dev/fake/LincheckSupport.java"), coverage.lincheck().files());
        // The stress test of BrokenWidget does not count for Widget: mentions are whole words.
        assertEquals(List.of("stress-tests/src/main/java/dev/fake/stress/WidgetStress.java"),
                coverage.jcstress().files());
        assertEquals(1, coverage.negativeControl().variants().size());
        assertEquals(List.of("primitives/src/test/java/dev/fake/WidgetNegativeControlTest.java"),
                coverage.negativeControl().variants().get(0).lincheckTests());
        assertEquals(List.of("stress-tests/src/main/java/dev/fake/stress/BrokenWidgetStress.java"),
                coverage.negativeControl().variants().get(0).jcstressTests());
        assertEquals(List.of("benchmarks/src/main/java/dev/fake/bench/WidgetBenchmark.java"),
                coverage.benchmark().files());
        assertEquals(List.of("docs/benchmarks/widget.json"), coverage.results().files());
        assertEquals(List.of("docs/widgets.md"), coverage.docs().files());

        String document = render(coverage);
        for (String cell : cellsOf(rowOf(document))) {
            assertFalse(cell.contains(VerificationMatrixDocument.MISSING), cell);
        }
        assertTrue(document.contains(
                "[WidgetLincheckTest.java](../primitives/src/test/java/dev/fake/WidgetLincheckTest.java)"));
    }

    @Test
    void aLincheckBaseInAnotherPackageIsFoundThroughItsImport(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        Files.delete(repo.resolve("primitives/src/test/java/dev/fake/LincheckSupport.java"));
        write(repo, "primitives/src/test/java/dev/LincheckSupport.java",
                "package dev;\nimport org.jetbrains.lincheck.datastructures.StressOptions;\n"
                        + "public abstract class LincheckSupport {}\n");
        write(repo, "primitives/src/test/java/dev/fake/WidgetLincheckTest.java",
                "package dev.fake;\nimport dev.LincheckSupport;\npublic class WidgetLincheckTest extends LincheckSupport {}\n");

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of(), coverage.gaps());
        assertEquals(List.of("primitives/src/test/java/dev/fake/WidgetLincheckTest.java",
                "primitives/src/test/java/dev/LincheckSupport.java"), coverage.lincheck().files());
    }

    @Test
    void withoutItsLincheckTestTheOnlyGapIsLincheck(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        Files.delete(repo.resolve("primitives/src/test/java/dev/fake/WidgetLincheckTest.java"));

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of("dev.fake.Widget: Lincheck: primitives/src/test/java/dev/fake/WidgetLincheckTest.java"
                + " does not exist"), coverage.gaps());
        // The document marks exactly that cell: Class, Module, Contract, Lincheck, ...
        List<String> cells = cellsOf(rowOf(render(coverage)));
        assertEquals(9, cells.size());
        for (int column = 0; column < cells.size(); column++) {
            boolean lincheckColumn = column == 3;
            String cell = cells.get(column);
            assertEquals(lincheckColumn, cell.equals(VerificationMatrixDocument.MISSING), cell);
            assertEquals(lincheckColumn, cell.contains(VerificationMatrixDocument.MISSING), cell);
        }
    }

    @Test
    void aLincheckTestThatDoesNotUseLincheckIsAGap(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        write(repo, "primitives/src/test/java/dev/fake/LincheckSupport.java",
                "package dev.fake;\nimport org.junit.jupiter.api.Test;\nabstract class LincheckSupport {}\n");

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of("dev.fake.Widget: Lincheck: primitives/src/test/java/dev/fake/WidgetLincheckTest.java"
                + " exists, but neither it nor a superclass source in the module's test tree imports org.jetbrains.lincheck"),
                coverage.gaps());
    }

    @Test
    void aContractTestMustExtendAContract(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        write(repo, "primitives/src/test/java/dev/fake/WidgetTest.java",
                "package dev.fake;\n/** Not class WidgetTest extends WidgetContract, in a comment. */\n"
                        + "final class WidgetTest extends WidgetFixture {}\n");

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of("dev.fake.Widget: Contract: primitives/src/test/java/dev/fake/WidgetTest.java exists,"
                + " but its class extends WidgetFixture, not a class whose name ends in Contract"), coverage.gaps());
    }

    @Test
    void aBrokenVariantNeedsBothSides(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        write(repo, "primitives/src/test/java/dev/fake/BrokenLazyWidget.java",
                "package dev.fake;\nfinal class BrokenLazyWidget {}\n");
        // Mentions BrokenLazyWidget, but not LincheckAssertionError: not a Lincheck rejection.
        write(repo, "primitives/src/test/java/dev/fake/LazyWidgetUser.java",
                "package dev.fake;\nfinal class LazyWidgetUser { BrokenLazyWidget widget; }\n");

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of(
                "dev.fake.Widget: Negative control: BrokenLazyWidget: no other file under primitives/src/test/java"
                        + " mentions BrokenLazyWidget and LincheckAssertionError (or is marked @BoundedControl)",
                "dev.fake.Widget: Negative control: BrokenLazyWidget: no file under stress-tests/src/main/java"
                        + " contains @JCStressTest and mentions BrokenLazyWidget"), coverage.gaps());
    }

    /**
     * A lost-wake-up control has no Lincheck side (Lincheck cannot see one): a test class marked
     * {@code @BoundedControl} that mentions it stands in, and the jcstress side is still required.
     */
    @Test
    void aBoundedLostWakeUpTestStandsInForLincheck(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        write(repo, "primitives/src/test/java/dev/fake/BrokenSleepyWidget.java",
                "package dev.fake;\nfinal class BrokenSleepyWidget {}\n");
        write(repo, "primitives/src/test/java/dev/fake/SleepyWidgetControlTest.java",
                "package dev.fake;\n@BoundedControl\nfinal class SleepyWidgetControlTest { BrokenSleepyWidget widget; }\n");

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of("dev.fake.Widget: Negative control: BrokenSleepyWidget: no file under"
                + " stress-tests/src/main/java contains @JCStressTest and mentions BrokenSleepyWidget"), coverage.gaps(),
                "the marked bounded test must count as the first judge; only the jcstress side is missing");
    }

    @Test
    void aFamilyWithoutABrokenVariantHasNoNegativeControl(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        Files.delete(repo.resolve("primitives/src/test/java/dev/fake/BrokenWidget.java"));

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of("dev.fake.Widget: Negative control: no broken variant: no file"
                + " primitives/src/test/java/dev/fake/Broken*.java"), coverage.gaps());
    }

    @Test
    void mentionsAreWholeWordsAndTheMatrixItselfIsNotADocsPage(@TempDir Path repo) throws IOException {
        writeCompleteWidgetFamily(repo);
        write(repo, "docs/widgets.md", "# Widgets\n\nSee SuperWidget and WidgetTest.\n");
        write(repo, "docs/verification-matrix.md", "Widget\n");
        write(repo, "docs/benchmarks/old/widget.csv", "Widget,1.0\n"); // not .md, .json or .txt
        Files.delete(repo.resolve("docs/benchmarks/widget.json"));

        Coverage coverage = new VerificationConventions(repo).coverageOf(WIDGET);

        assertEquals(List.of(
                "dev.fake.Widget: Results: no .md, .json or .txt file under docs/benchmarks mentions Widget",
                "dev.fake.Widget: Docs: no docs/*.md page (other than verification-matrix.md) mentions Widget"),
                coverage.gaps());
    }

    @Test
    void theSuperclassIsReadFromTheDeclaration() {
        assertEquals(Optional.of("CounterContract"), VerificationConventions.superclassOf(
                "/** class AtomicCounterTest extends Nothing */\n@Tag(\"contract\")\n"
                        + "final class AtomicCounterTest<T extends Comparable<T>>\n"
                        + "        extends dev.interlock.counters.CounterContract<Map<String, AtomicCounter>> {\n}\n",
                "AtomicCounterTest"));
        assertEquals(Optional.empty(), VerificationConventions.superclassOf(
                "public class AtomicCounterTest implements Comparable<AtomicCounterTest> {}", "AtomicCounterTest"));
    }

    // ---- Class discovery and the exemption rules, on made-up compiled classes --------------------------

    @Test
    void theCatalogAppliesEachExemptionRule(@TempDir Path repo) throws IOException {
        String main = "primitives/src/main/java/dev/fake/";
        write(repo, main + "package-info.java", "package dev.fake;\n");
        write(repo, main + "Widget.java",
                "package dev.fake;\npublic final class Widget { public static final class Part {} }\n");
        write(repo, main + "Marker.java", "package dev.fake;\npublic @interface Marker {}\n");
        write(repo, main + "Gadget.java", "package dev.fake;\npublic interface Gadget {}\n");
        write(repo, main + "Mode.java", "package dev.fake;\npublic enum Mode { ON, OFF }\n");
        write(repo, main + "Point.java", "package dev.fake;\npublic record Point(int x, int y) {}\n");
        write(repo, main + "Base.java", "package dev.fake;\npublic abstract class Base {}\n");
        write(repo, main + "WidgetException.java", "package dev.fake;\n"
                + "public class WidgetException extends RuntimeException {\n"
                + "    private static final long serialVersionUID = 1L;\n}\n");
        write(repo, main + "Helper.java", "package dev.fake;\nfinal class Helper {}\n");
        write(repo, main + "TestClock.java", "package dev.fake;\npublic final class TestClock {}\n");
        compile(repo.resolve("primitives/src/main/java"), repo.resolve("primitives/target/classes"));
        // A source whose class was never compiled cannot be classified.
        write(repo, "structures/src/main/java/dev/fake/queues/Pipe.java",
                "package dev.fake.queues;\npublic final class Pipe {}\n");

        MainClassCatalog catalog = MainClassCatalog.discover(repo, LIBRARY_MODULES, Map.of(
                "dev.fake.TestClock", "a clock for tests, not a concurrent primitive",
                "dev.fake.Gone", "a class that was deleted"));

        assertEquals(List.of(WIDGET), catalog.verified()); // Widget.Part is nested: not listed
        assertEquals(List.of(
                        "dev.fake.Base: abstract class",
                        "dev.fake.Gadget: interface",
                        "dev.fake.Helper: not public",
                        "dev.fake.Marker: annotation type",
                        "dev.fake.Mode: enum",
                        "dev.fake.Point: record",
                        "dev.fake.TestClock: explicitly exempt",
                        "dev.fake.WidgetException: Throwable subclass"),
                catalog.exempt().stream()
                        .map(exempt -> exempt.mainClass().qualifiedName() + ": " + exempt.rule().label)
                        .collect(Collectors.toList()));
        assertEquals(2, catalog.problems().size(), catalog.problems().toString());
        String uncompiled = catalog.problems().get(0);
        String stale = catalog.problems().get(1);
        assertTrue(uncompiled.startsWith("dev.fake.queues.Pipe: structures/src/main/java/dev/fake/queues/Pipe.java"
                + " has no compiled class"), uncompiled);
        assertTrue(stale.startsWith("dev.fake.Gone: listed in EXPLICITLY_EXEMPT"), stale);
    }

    /** Compiles every source under {@code sources} into {@code classes}, with the system Java compiler. */
    private static void compile(Path sources, Path classes) throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
        for (Path file : RepoFiles.walk(sources)) {
            arguments.add(file.toString());
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertEquals(0, compiler.run(null, null, null, arguments.toArray(new String[0])),
                "the made-up sources do not compile");
    }

    /** Writes, under {@code repo}, a family {@code dev.fake} whose one class, {@code Widget}, has every layer. */
    private static void writeCompleteWidgetFamily(Path repo) throws IOException {
        write(repo, "primitives/src/main/java/dev/fake/Widget.java",
                "package dev.fake;\npublic final class Widget {}\n");
        write(repo, "primitives/src/test/java/dev/fake/WidgetContract.java",
                "package dev.fake;\nabstract class WidgetContract<W> {}\n");
        write(repo, "primitives/src/test/java/dev/fake/WidgetTest.java",
                "package dev.fake;\nfinal class WidgetTest extends WidgetContract<Widget> {}\n");
        // The Lincheck import is in a superclass in the same directory.
        write(repo, "primitives/src/test/java/dev/fake/LincheckSupport.java",
                "package dev.fake;\nimport org.jetbrains.lincheck.datastructures.StressOptions;\n"
                        + "abstract class LincheckSupport {}\n");
        write(repo, "primitives/src/test/java/dev/fake/WidgetLincheckTest.java",
                "package dev.fake;\npublic class WidgetLincheckTest extends LincheckSupport {}\n");
        // The broken variant mentions itself and LincheckAssertionError: that does not count as its Lincheck side.
        write(repo, "primitives/src/test/java/dev/fake/BrokenWidget.java",
                "package dev.fake;\n"
                        + "/** Broken on purpose: WidgetNegativeControlTest expects a LincheckAssertionError. */\n"
                        + "final class BrokenWidget {}\n");
        write(repo, "primitives/src/test/java/dev/fake/WidgetNegativeControlTest.java",
                "package dev.fake;\nimport org.jetbrains.lincheck.LincheckAssertionError;\n"
                        + "final class WidgetNegativeControlTest { BrokenWidget broken; }\n");
        write(repo, "stress-tests/src/main/java/dev/fake/stress/WidgetStress.java",
                "package dev.fake.stress;\n@JCStressTest\npublic class WidgetStress { dev.fake.Widget widget; }\n");
        write(repo, "stress-tests/src/main/java/dev/fake/stress/BrokenWidgetStress.java",
                "package dev.fake.stress;\n@JCStressTest\n"
                        + "public class BrokenWidgetStress { dev.fake.BrokenWidget widget; }\n");
        write(repo, "benchmarks/src/main/java/dev/fake/bench/WidgetBenchmark.java",
                "package dev.fake.bench;\n@State(Scope.Benchmark)\n"
                        + "public class WidgetBenchmark { dev.fake.Widget widget; }\n");
        write(repo, "docs/benchmarks/widget.json", "[{\"params\": {\"impl\": \"Widget\"}}]\n");
        write(repo, "docs/widgets.md", "# Widgets\n\n`Widget` does widget things.\n");
    }

    /** The document for one class, as the main test would write it. */
    private static String render(Coverage coverage) {
        MainClassCatalog catalog = new MainClassCatalog(List.of(WIDGET), List.of(), List.of());
        return VerificationMatrixDocument.render(List.of(coverage), catalog, Map.of(), coverage.gaps());
    }

    /** The table row of {@code dev.fake.Widget} in a rendered document. */
    private static String rowOf(String document) {
        return document.lines().filter(line -> line.startsWith("| [dev.fake.Widget]")).findFirst().orElseThrow();
    }

    /** The cells of a table row {@code | a | b | c |}. */
    private static List<String> cellsOf(String row) {
        return List.of(row.substring("| ".length(), row.length() - " |".length()).split(" \\| "));
    }

    private static void write(Path repo, String file, String text) throws IOException {
        Path path = repo.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
