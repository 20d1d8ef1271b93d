/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import dev.interlock.verification.VerificationConventions.MainClass;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The top-level classes of the library's {@code src/main/java}, sorted into those that must have
 * every verification layer and those that are exempt.
 *
 * <p>Classes are found from the sources: every {@code .java} file under
 * {@code <module>/src/main/java} except {@code package-info.java} and {@code module-info.java}
 * declares the top-level class named by its path. Nested classes are not listed: they are
 * verified with their top-level class. Each class is then loaded, without initialization, to
 * apply the {@link ExemptionRule}s: from the test class path first (the library modules are test
 * dependencies of this one); failing that, from {@code <module>/target/classes}, which is newer than
 * the installed jar when only this module is built after a class was added.
 *
 * @param verified the classes that need every layer, sorted by qualified name
 * @param exempt the exempt classes, sorted by qualified name
 * @param problems classes that cannot be classified, and explicit exemptions that name no class
 */
record MainClassCatalog(List<MainClass> verified, List<Exempt> exempt, List<String> problems) {

    /** An exempt class and the rule that exempts it. */
    record Exempt(MainClass mainClass, ExemptionRule rule) {
    }

    /**
     * Finds and classifies the classes of the library modules.
     *
     * @param root the repository root
     * @param modules the library modules, such as {@code primitives}
     * @param explicitlyExempt qualified names of classes exempt by {@link ExemptionRule#EXPLICIT}, with reasons
     * @return the catalog
     * @throws IOException if a source directory cannot be read
     */
    static MainClassCatalog discover(Path root, List<String> modules, Map<String, String> explicitlyExempt)
            throws IOException {
        List<MainClass> verified = new ArrayList<>();
        List<Exempt> exempt = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> found = new TreeSet<>();

        try (URLClassLoader builtClasses = builtClassesLoader(root, modules)) {
            for (String module : modules) {
                for (MainClass mainClass : sourceClasses(root, module)) {
                    found.add(mainClass.qualifiedName());
                    Class<?> type = load(mainClass.qualifiedName(), builtClasses);
                    if (type == null) {
                        problems.add(mainClass.qualifiedName() + ": " + mainClass.sourceFile()
                                + " has no compiled class on the test class path or in " + module
                                + "/target/classes, so it cannot be classified: build " + module + " first");
                        continue;
                    }
                    Optional<ExemptionRule> rule = ExemptionRule.structuralRuleFor(type);
                    if (rule.isEmpty() && explicitlyExempt.containsKey(mainClass.qualifiedName())) {
                        rule = Optional.of(ExemptionRule.EXPLICIT);
                    }
                    if (rule.isPresent()) {
                        exempt.add(new Exempt(mainClass, rule.get()));
                    } else {
                        verified.add(mainClass);
                    }
                }
            }
        }
        for (String name : new TreeSet<>(explicitlyExempt.keySet())) {
            if (!found.contains(name)) {
                problems.add(name + ": listed in EXPLICITLY_EXEMPT, but no top-level class of "
                        + String.join(" or ", modules) + " src/main/java has that name; remove the entry");
            }
        }
        verified.sort(Comparator.comparing(MainClass::qualifiedName));
        exempt.sort(Comparator.comparing(entry -> entry.mainClass().qualifiedName()));
        return new MainClassCatalog(List.copyOf(verified), List.copyOf(exempt), List.copyOf(problems));
    }

    /** The classes declared by the sources of one module, by their paths. */
    static List<MainClass> sourceClasses(Path root, String module) throws IOException {
        Path sources = root.resolve(module).resolve("src/main/java");
        List<MainClass> classes = new ArrayList<>();
        for (Path file : RepoFiles.walk(sources)) {
            String fileName = file.getFileName().toString();
            if (!fileName.endsWith(".java")
                    || fileName.equals("package-info.java") || fileName.equals("module-info.java")) {
                continue;
            }
            Path directory = sources.relativize(file).getParent();
            String packageName = directory == null ? "" : directory.toString().replace('\\', '/').replace('/', '.');
            classes.add(new MainClass(module, packageName, VerificationConventions.classNameOf(fileName)));
        }
        return classes;
    }

    /**
     * Loads a class without initializing it, from the test class path or else from the modules'
     * built classes; null if neither has it.
     */
    private static Class<?> load(String qualifiedName, ClassLoader builtClasses) {
        try {
            return Class.forName(qualifiedName, false, MainClassCatalog.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError notOnTestClassPath) {
            try {
                return Class.forName(qualifiedName, false, builtClasses);
            } catch (ClassNotFoundException | LinkageError notBuilt) {
                return null;
            }
        }
    }

    /** A class loader over {@code <module>/target/classes} of each module, independent of the test class path. */
    private static URLClassLoader builtClassesLoader(Path root, List<String> modules) throws IOException {
        List<URL> directories = new ArrayList<>();
        for (String module : modules) {
            Path classes = root.resolve(module).resolve("target/classes");
            if (Files.isDirectory(classes)) {
                directories.add(classes.toUri().toURL());
            }
        }
        return new URLClassLoader(directories.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    }
}
