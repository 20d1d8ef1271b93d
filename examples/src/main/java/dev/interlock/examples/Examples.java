/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example by name: {@code ./mvnw -q -pl examples exec:java -Dexample=dining-philosophers}
 * (after {@code ./mvnw -q install -DskipTests} at the root). {@code -Dexample=list}, the default, lists
 * them. Each example prints what it measured; its test in {@code examples/src/test} checks the claims.
 */
public final class Examples {

    /** A runnable example. */
    @FunctionalInterface
    interface Example {
        void run() throws Exception;
    }

    /** The examples by name, in the order the README lists them. */
    static final Map<String, Example> ALL = new LinkedHashMap<>();

    static {
        ALL.put("dining-philosophers", () -> DiningPhilosophers.main(new String[0]));
        ALL.put("readers-writers", () -> ReadersWriters.main(new String[0]));
        ALL.put("throttled-crawler", () -> ThrottledCrawler.main(new String[0]));
        ALL.put("spinner", () -> Spinner.main(new String[0]));
        ALL.put("pipeline", () -> Pipeline.main(new String[0]));
        ALL.put("phased-computation", () -> PhasedComputation.main(new String[0]));
    }

    private Examples() {
    }

    /**
     * Runs the example named by the first argument, or lists them.
     *
     * @param args the example's name, or {@code list}
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        String name = args.length == 0 ? "list" : args[0];
        Example example = ALL.get(name);
        if (example == null) {
            if (!"list".equals(name)) {
                System.out.println("No example named '" + name + "'.");
            }
            System.out.println("Examples: " + String.join(", ", ALL.keySet()));
            System.out.println("Run one: ./mvnw -q -pl examples exec:java -Dexample=NAME");
            return;
        }
        example.run();
    }
}
