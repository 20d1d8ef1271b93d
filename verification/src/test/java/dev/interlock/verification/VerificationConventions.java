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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds, by file conventions alone, the verification layers of a main class of the library. It
 * reads files and never loads classes, so it works on any directory tree laid out like the
 * repository, which is how its own tests run it.
 *
 * <p>For a class {@code Name} in package {@code P} of module {@code M} (paths relative to the
 * repository root, {@code <P>} being the package as a path):
 * <ol>
 *   <li><b>Contract</b>: {@code M/src/test/java/<P>/NameTest.java} exists and its class extends a
 *       class whose name ends in {@code Contract}.</li>
 *   <li><b>Lincheck</b>: {@code M/src/test/java/<P>/NameLincheckTest.java} exists, and it, or a
 *       superclass of it whose source is in {@code M/src/test/java} (found through a single-type import,
 *       or else in the same directory), imports {@code org.jetbrains.lincheck} (any class or package
 *       under it).</li>
 *   <li><b>jcstress</b>: at least one file under {@code stress-tests/src/main/java} contains
 *       {@code @JCStressTest} and mentions {@code Name}.</li>
 *   <li><b>Negative control</b>, shared by the family (the package): the broken variants are the
 *       files {@code M/src/test/java/<P>/Broken*.java}; there is at least one, and for each one
 *       {@code BrokenX}: another file under {@code M/src/test/java} mentions {@code BrokenX} and
 *       {@code LincheckAssertionError} (Lincheck rejects it) or, for a lost wake-up or a policy, which
 *       Lincheck cannot see, is annotated {@code @BoundedControl} (a bounded test rejects it), and a file under
 *       {@code stress-tests/src/main/java} contains {@code @JCStressTest} and mentions
 *       {@code BrokenX} (jcstress runs it).</li>
 *   <li><b>Benchmark</b>: at least one file under {@code benchmarks/src/main/java} mentions
 *       {@code Name} and contains {@code @Benchmark} or {@code @State}.</li>
 *   <li><b>Results</b>: at least one {@code .md}, {@code .json} or {@code .txt} file under
 *       {@code docs/benchmarks} (at any depth) mentions {@code Name}.</li>
 *   <li><b>Docs</b>: at least one {@code docs/*.md} file (top level, other than the generated
 *       {@code verification-matrix.md}) mentions {@code Name}.</li>
 * </ol>
 * "Mentions" always means as a whole word ({@link RepoFiles#mentionsWord}): {@code SpinLock} is
 * not mentioned by {@code TicketSpinLock} nor by {@code SpinLockTest}. Only {@code .java} files are
 * read under {@code src/.../java} directories.
 */
final class VerificationConventions {

    /** A public concrete top-level class of a library module's {@code src/main/java}. */
    record MainClass(String module, String packageName, String simpleName) {

        String qualifiedName() {
            return packageName.isEmpty() ? simpleName : packageName + "." + simpleName;
        }

        /** The package as a relative path: {@code dev/interlock/counters}. */
        String packagePath() {
            return packageName.replace('.', '/');
        }

        /** The source file, relative to the repository root. */
        String sourceFile() {
            return module + "/src/main/java/" + packagePath() + "/" + simpleName + ".java";
        }

        /** The directory of the class's tests, relative to the repository root. */
        String testDirectory() {
            return module + "/src/test/java/" + packagePath();
        }
    }

    /**
     * What was found for one layer: the files that provide it (relative to the repository root,
     * sorted), or the gaps that keep it from being complete. The layer is present when there is no gap.
     */
    record Evidence(List<String> files, List<String> gaps) {

        static Evidence found(List<String> files) {
            return new Evidence(List.copyOf(files), List.of());
        }

        static Evidence missing(String gap) {
            return new Evidence(List.of(), List.of(gap));
        }

        boolean isMissing() {
            return !gaps.isEmpty();
        }
    }

    /** One broken variant of a family, with the tests that show each tool rejects it. */
    record BrokenVariant(String source, List<String> lincheckTests, List<String> jcstressTests) {

        String className() {
            return classNameOf(source);
        }
    }

    /** The negative-control layer: the family's broken variants, and its gaps. */
    record NegativeControl(List<BrokenVariant> variants, List<String> gaps) {

        boolean isMissing() {
            return !gaps.isEmpty();
        }
    }

    /** Every layer of one class. */
    record Coverage(MainClass mainClass, Evidence contract, Evidence lincheck, Evidence jcstress,
                    NegativeControl negativeControl, Evidence benchmark, Evidence results, Evidence docs) {

        /** Every gap of every layer, each prefixed with the class and the layer, in column order. */
        List<String> gaps() {
            List<String> gaps = new ArrayList<>();
            String name = mainClass.qualifiedName();
            contract.gaps().forEach(gap -> gaps.add(name + ": Contract: " + gap));
            lincheck.gaps().forEach(gap -> gaps.add(name + ": Lincheck: " + gap));
            jcstress.gaps().forEach(gap -> gaps.add(name + ": jcstress: " + gap));
            negativeControl.gaps().forEach(gap -> gaps.add(name + ": Negative control: " + gap));
            benchmark.gaps().forEach(gap -> gaps.add(name + ": Benchmark: " + gap));
            results.gaps().forEach(gap -> gaps.add(name + ": Results: " + gap));
            docs.gaps().forEach(gap -> gaps.add(name + ": Docs: " + gap));
            return gaps;
        }
    }

    static final String STRESS_SOURCES = "stress-tests/src/main/java";
    static final String BENCHMARK_SOURCES = "benchmarks/src/main/java";
    static final String DOCS = "docs";
    static final String BENCHMARK_RESULTS = "docs/benchmarks";
    static final String MATRIX_FILE = "verification-matrix.md";

    private static final String JCSTRESS_ANNOTATION = "@JCStressTest";
    private static final String LINCHECK_FAILURE = "LincheckAssertionError";
    private static final String BOUNDED_CONTROL = "@BoundedControl";
    private static final Pattern LINCHECK_IMPORT =
            Pattern.compile("(?m)^\\s*import\\s+(?:static\\s+)?org\\.jetbrains\\.lincheck\\b");

    /** {@code extends} and the superclass name, in a class header whose type arguments are removed. */
    private static final Pattern EXTENDS = Pattern.compile("\\bextends\\s+([\\w.]+)");

    private final Path root;

    /** The text of each file of a kind, by its path relative to the root; read once, in path order. */
    private final Map<String, String> stressSources;
    private final Map<String, String> benchmarkSources;
    private final Map<String, String> resultFiles;
    private final Map<String, String> docPages;
    private final Map<String, Map<String, String>> testSourcesByModule = new HashMap<>();

    /**
     * Reads the stress tests, benchmarks and documentation of a repository.
     *
     * @param root the repository root (or a tree laid out like it)
     * @throws IOException if a file cannot be read
     */
    VerificationConventions(Path root) throws IOException {
        this.root = root;
        this.stressSources = readAll(RepoFiles.walk(root.resolve(STRESS_SOURCES)), ".java");
        this.benchmarkSources = readAll(RepoFiles.walk(root.resolve(BENCHMARK_SOURCES)), ".java");
        this.resultFiles = readAll(RepoFiles.walk(root.resolve(BENCHMARK_RESULTS)), ".md", ".json", ".txt");
        List<Path> topLevelDocs = new ArrayList<>();
        for (Path file : RepoFiles.walk(root.resolve(DOCS))) {
            if (file.getParent().equals(root.resolve(DOCS)) && !file.getFileName().toString().equals(MATRIX_FILE)) {
                topLevelDocs.add(file);
            }
        }
        this.docPages = readAll(topLevelDocs, ".md");
    }

    /**
     * Finds every layer of a class.
     *
     * @param mainClass the class
     * @return what was found, layer by layer
     * @throws IOException if a file cannot be read
     */
    Coverage coverageOf(MainClass mainClass) throws IOException {
        String name = mainClass.simpleName();
        return new Coverage(mainClass,
                contract(mainClass),
                lincheck(mainClass),
                filesMentioning(stressSources, name, JCSTRESS_ANNOTATION,
                        "no file under " + STRESS_SOURCES + " contains " + JCSTRESS_ANNOTATION
                                + " and mentions " + name),
                negativeControl(mainClass),
                benchmark(name),
                filesMentioning(resultFiles, name, null,
                        "no .md, .json or .txt file under " + BENCHMARK_RESULTS + " mentions " + name),
                filesMentioning(docPages, name, null,
                        "no " + DOCS + "/*.md page (other than " + MATRIX_FILE + ") mentions " + name));
    }

    /** Contract: {@code NameTest.java} beside the class's package, extending a {@code *Contract} class. */
    private Evidence contract(MainClass mainClass) throws IOException {
        String testName = mainClass.simpleName() + "Test";
        String testFile = mainClass.testDirectory() + "/" + testName + ".java";
        if (!Files.isRegularFile(root.resolve(testFile))) {
            return Evidence.missing(testFile + " does not exist");
        }
        Optional<String> superclass = superclassOf(RepoFiles.read(root.resolve(testFile)), testName);
        if (superclass.isEmpty() || !superclass.get().endsWith("Contract")) {
            return Evidence.missing(testFile + " exists, but its class "
                    + superclass.map(name -> "extends " + name + ", not").orElse("does not extend")
                    + " a class whose name ends in Contract");
        }
        return Evidence.found(List.of(testFile));
    }

    /** Lincheck: {@code NameLincheckTest.java}, importing Lincheck itself or through one of its superclasses. */
    private Evidence lincheck(MainClass mainClass) throws IOException {
        String testName = mainClass.simpleName() + "LincheckTest";
        String testFile = mainClass.testDirectory() + "/" + testName + ".java";
        if (!Files.isRegularFile(root.resolve(testFile))) {
            return Evidence.missing(testFile + " does not exist");
        }
        String testRoot = testRootOf(mainClass.testDirectory());
        // Climb the superclasses whose sources are in the module's test tree, until one imports Lincheck.
        Set<String> visited = new HashSet<>();
        String file = testFile;
        String className = testName;
        while (visited.add(file) && Files.isRegularFile(root.resolve(file))) {
            String source = RepoFiles.read(root.resolve(file));
            if (LINCHECK_IMPORT.matcher(source).find()) {
                return Evidence.found(file.equals(testFile) ? List.of(testFile) : List.of(testFile, file));
            }
            Optional<String> superclass = superclassOf(source, className);
            if (superclass.isEmpty()) {
                break;
            }
            className = superclass.get();
            file = sourceOf(className, source, file.substring(0, file.lastIndexOf('/')), testRoot);
        }
        return Evidence.missing(testFile + " exists, but neither it nor a superclass source in the module's"
                + " test tree imports org.jetbrains.lincheck");
    }

    /** The test source root ({@code M/src/test/java}) of a directory below it. */
    private static String testRootOf(String testDirectory) {
        String marker = "/src/test/java";
        int at = testDirectory.indexOf(marker);
        return at < 0 ? testDirectory : testDirectory.substring(0, at + marker.length());
    }

    /**
     * Where the source of class {@code simpleName}, named in {@code referringSource}, lives: the package
     * of a single-type import of it, or else the referring file's own directory.
     */
    static String sourceOf(String simpleName, String referringSource, String referringDirectory, String testRoot) {
        Matcher imported = Pattern.compile("(?m)^\\s*import\\s+([\\w.]+)\\." + Pattern.quote(simpleName) + "\\s*;")
                .matcher(referringSource);
        if (imported.find()) {
            return testRoot + "/" + imported.group(1).replace('.', '/') + "/" + simpleName + ".java";
        }
        return referringDirectory + "/" + simpleName + ".java";
    }

    /** Negative control: the family's {@code Broken*.java}, each rejected by Lincheck and run by jcstress. */
    private NegativeControl negativeControl(MainClass mainClass) throws IOException {
        Path familyDirectory = root.resolve(mainClass.testDirectory());
        List<String> brokenSources = new ArrayList<>();
        for (Path file : RepoFiles.walk(familyDirectory)) {
            String fileName = file.getFileName().toString();
            boolean inFamilyDirectory = file.getParent().equals(familyDirectory); // not in a subpackage
            if (inFamilyDirectory && fileName.startsWith("Broken") && fileName.endsWith(".java")) {
                brokenSources.add(RepoFiles.relative(root, file));
            }
        }
        if (brokenSources.isEmpty()) {
            return new NegativeControl(List.of(), List.of("no broken variant: no file "
                    + mainClass.testDirectory() + "/Broken*.java"));
        }
        Map<String, String> moduleTests = testSources(mainClass.module());
        List<BrokenVariant> variants = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        for (String brokenSource : brokenSources) {
            String broken = classNameOf(brokenSource);
            List<String> lincheckSide = new ArrayList<>();
            for (Map.Entry<String, String> test : moduleTests.entrySet()) {
                boolean judges = test.getValue().contains(LINCHECK_FAILURE) || test.getValue().contains(BOUNDED_CONTROL);
                if (!test.getKey().equals(brokenSource) && judges && RepoFiles.mentionsWord(test.getValue(), broken)) {
                    lincheckSide.add(test.getKey());
                }
            }
            List<String> jcstressSide = filesMentioning(stressSources, broken, JCSTRESS_ANNOTATION, "").files();
            if (lincheckSide.isEmpty()) {
                gaps.add(broken + ": no other file under " + mainClass.module() + "/src/test/java mentions "
                        + broken + " and " + LINCHECK_FAILURE + " (or is marked " + BOUNDED_CONTROL + ")");
            }
            if (jcstressSide.isEmpty()) {
                gaps.add(broken + ": no file under " + STRESS_SOURCES + " contains " + JCSTRESS_ANNOTATION
                        + " and mentions " + broken);
            }
            variants.add(new BrokenVariant(brokenSource, List.copyOf(lincheckSide), jcstressSide));
        }
        return new NegativeControl(List.copyOf(variants), List.copyOf(gaps));
    }

    /** Benchmark: a benchmark source that mentions the class and is a JMH benchmark or state. */
    private Evidence benchmark(String name) {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> source : benchmarkSources.entrySet()) {
            String text = source.getValue();
            if ((text.contains("@Benchmark") || text.contains("@State")) && RepoFiles.mentionsWord(text, name)) {
                files.add(source.getKey());
            }
        }
        return files.isEmpty()
                ? Evidence.missing("no file under " + BENCHMARK_SOURCES + " mentions " + name
                        + " and contains @Benchmark or @State")
                : Evidence.found(files);
    }

    /**
     * The files among {@code texts} that mention {@code word} and, if {@code required} is not null,
     * contain {@code required}; missing with {@code gap} if there is none.
     */
    private static Evidence filesMentioning(Map<String, String> texts, String word, String required, String gap) {
        List<String> files = new ArrayList<>();
        for (Map.Entry<String, String> text : texts.entrySet()) {
            boolean hasRequired = required == null || text.getValue().contains(required);
            if (hasRequired && RepoFiles.mentionsWord(text.getValue(), word)) {
                files.add(text.getKey());
            }
        }
        return files.isEmpty() ? Evidence.missing(gap) : Evidence.found(files);
    }

    /** The test sources of a module, read on first use. */
    private Map<String, String> testSources(String module) throws IOException {
        Map<String, String> sources = testSourcesByModule.get(module);
        if (sources == null) {
            sources = readAll(RepoFiles.walk(root.resolve(module).resolve("src/test/java")), ".java");
            testSourcesByModule.put(module, sources);
        }
        return sources;
    }

    /** Reads the files with one of the extensions, keyed by path relative to the root, in path order. */
    private Map<String, String> readAll(List<Path> files, String... extensions) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (Path file : files) {
            for (String extension : extensions) {
                if (file.getFileName().toString().endsWith(extension)) {
                    texts.put(RepoFiles.relative(root, file), RepoFiles.read(file));
                    break;
                }
            }
        }
        return texts;
    }

    /**
     * A class declaration at the start of a line: annotations and modifiers, {@code class}, the
     * name, and the rest of the header up to the opening brace (group 1).
     */
    private static Pattern declarationOf(String className) {
        return Pattern.compile("(?m)^[ \\t]*(?:@[\\w.]+(?:\\([^)]*\\))?\\s+)*"
                + "(?:(?:public|protected|private|abstract|final|static|sealed|non-sealed|strictfp)\\s+)*"
                + "class\\s+" + Pattern.quote(className) + "\\b([^{]*)\\{");
    }

    /**
     * Reads the simple name of a class's superclass from its source, if the class extends one.
     * Type parameters and arguments are removed first, so that in
     * {@code class FooTest<T extends Bar> extends CounterContract<Foo>} the superclass is
     * {@code CounterContract}. A qualified superclass name is reduced to its simple name.
     */
    static Optional<String> superclassOf(String source, String className) {
        Matcher declaration = declarationOf(className).matcher(source);
        if (!declaration.find()) {
            return Optional.empty();
        }
        String header = declaration.group(1);
        String previous;
        do { // each pass removes the innermost <...> pairs: one nesting level
            previous = header;
            header = header.replaceAll("<[^<>]*>", "");
        } while (!header.equals(previous));
        Matcher superclass = EXTENDS.matcher(header);
        if (!superclass.find()) {
            return Optional.empty();
        }
        String name = superclass.group(1);
        return Optional.of(name.substring(name.lastIndexOf('.') + 1));
    }

    /** The class name of a Java source path: {@code a/b/BrokenPlainCounter.java} gives {@code BrokenPlainCounter}. */
    static String classNameOf(String sourcePath) {
        String fileName = sourcePath.substring(sourcePath.lastIndexOf('/') + 1);
        return fileName.substring(0, fileName.length() - ".java".length());
    }
}
