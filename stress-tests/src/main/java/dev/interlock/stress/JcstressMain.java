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

    /** The arguments, with {@code -t}'s regular expression rewritten, or a {@code -t} added. */
    static String[] withoutUnnamedControls(String[] args) {
        List<String> rewritten = new ArrayList<>(List.of(args));
        int selection = rewritten.indexOf("-t");
        if (selection < 0) {
            rewritten.add("-t");
            rewritten.add(excludingControls(".*"));
        } else if (selection + 1 < rewritten.size()) {
            String regex = rewritten.get(selection + 1);
            if (!regex.contains(CONTROL_MARKER)) {
                rewritten.set(selection + 1, excludingControls(regex));
            }
        }
        return rewritten.toArray(new String[0]);
    }

    /**
     * A regular expression that a test name contains (jcstress's {@code find()}) if and only if it
     * contains {@code regex} and names no control.
     */
    static String excludingControls(String regex) {
        return "^(?!.*[.$]" + CONTROL_MARKER + ").*?(?:" + regex + ")";
    }
}
