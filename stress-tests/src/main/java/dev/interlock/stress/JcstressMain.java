/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress;

import java.util.ArrayList;
import java.util.List;

/**
 * The stress jar's entry point: jcstress's own {@code Main}, except that a selection leaves out the
 * negative controls (the tests named {@code Broken…}, whose FORBIDDEN outcomes are expected) unless it
 * names them. {@code -t Counters_01} runs {@code Counters_01_LostUpdate}'s tests but not its
 * {@code BrokenPlain}; {@code -t 'Counters_01.*Broken'} runs the control; no {@code -t} at all runs
 * every test but the controls. Every other argument goes to jcstress unchanged.
 */
public final class JcstressMain {

    /** A selection that names a control, in any part of its regular expression, keeps the controls. */
    static final String CONTROL_MARKER = "Broken";

    private JcstressMain() {
    }

    /**
     * Runs jcstress with the selection rewritten as the class documentation says.
     *
     * @param args jcstress's arguments
     * @throws Exception whatever jcstress throws
     */
    public static void main(String[] args) throws Exception {
        org.openjdk.jcstress.Main.main(withoutUnnamedControls(args));
    }

    /**
     * The arguments, with {@code -t}'s regular expression rewritten ({@code -t REGEX} or
     * {@code -t=REGEX}), or a {@code -t} added. The marker is matched as written, case and all: a
     * selection that reaches the controls only through {@code (?i)} does not name them.
     */
    static String[] withoutUnnamedControls(String[] args) {
        List<String> rewritten = new ArrayList<>(List.of(args));
        for (int i = 0; i < rewritten.size(); i++) {
            String arg = rewritten.get(i);
            if (arg.equals("-t") && i + 1 < rewritten.size()) {
                rewritten.set(i + 1, unlessNamed(rewritten.get(i + 1)));
                return rewritten.toArray(new String[0]);
            }
            if (arg.startsWith("-t=")) {
                rewritten.set(i, "-t=" + unlessNamed(arg.substring("-t=".length())));
                return rewritten.toArray(new String[0]);
            }
        }
        if (!rewritten.contains("-t")) {
            rewritten.add("-t");
            rewritten.add(excludingControls(".*"));
        }
        return rewritten.toArray(new String[0]);
    }

    private static String unlessNamed(String regex) {
        return regex.contains(CONTROL_MARKER) ? regex : excludingControls(regex);
    }

    /**
     * A regular expression that a test name contains (jcstress's {@code find()}) if and only if it
     * contains {@code regex} and names no control.
     */
    static String excludingControls(String regex) {
        return "^(?!.*[.$]" + CONTROL_MARKER + ").*?(?:" + regex + ")";
    }
}
