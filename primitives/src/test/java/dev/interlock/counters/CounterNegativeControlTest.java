/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative controls of the counter family, on the Lincheck side: the same options that pass every
 * real counter must reject {@link BrokenPlainCounter}, whose update is a plain read then a plain write,
 * {@link BrokenGiveUpCounter}, whose update loop gives up after one failed CAS, and
 * {@link BrokenEarlyTableStripedCounter}, which publishes a cell table before its cells. If this test fails,
 * the Lincheck budget is too small to be evidence of anything, and the passing counter tests mean
 * nothing. Scenario minimization is off: a negative control needs the failure, not the smallest failing
 * scenario. The jcstress side is {@code Counters_01_LostUpdate.BrokenPlain} and {@code .BrokenGiveUp}
 * in stress-tests.
 */
public class CounterNegativeControlTest {

    /**
     * The Lincheck scenario class for {@link BrokenPlainCounter}: the operations of every linearizable
     * counter. It inherits the base's {@code @Test} methods, which would fail on it, so it is disabled as
     * a JUnit test; Lincheck ignores that and runs it below. Public, because Lincheck instantiates it
     * reflectively.
     */
    @Disabled("a negative control: CounterNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenPlainCounterScenario extends LinearizableCounterLincheckBase {

        public BrokenPlainCounterScenario() {
            super(new BrokenPlainCounter());
        }
    }

    /**
     * The same operations on {@link BrokenGiveUpCounter}, whose update loop gives up after one failed
     * CAS, with the two of {@code AtomicCounterLincheckTest} that run that loop.
     */
    @Disabled("a negative control: CounterNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenGiveUpCounterScenario extends LinearizableCounterLincheckBase {

        public BrokenGiveUpCounterScenario() {
            super(new BrokenGiveUpCounter());
        }

        @Operation
        public long updateAndGetDoubling() {
            return ((BrokenGiveUpCounter) counter).updateAndGet(value -> value * 2);
        }

        @Operation
        public long getAndUpdateDoubling() {
            return ((BrokenGiveUpCounter) counter).getAndUpdate(value -> value * 2);
        }
    }

    /**
     * {@code StripedCounterLincheckTest}'s operations on {@link BrokenEarlyTableStripedCounter}, which
     * publishes a cell table before it creates the table's cells.
     */
    @Disabled("a negative control: CounterNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenEarlyTableScenario extends CounterLincheckBase {

        public BrokenEarlyTableScenario() {
            super(new BrokenEarlyTableStripedCounter());
        }
    }

    @Test
    void modelCheckingCatchesTheTablePublishedBeforeItsCells() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenEarlyTableScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheTablePublishedBeforeItsCells() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.stress().minimizeFailedScenario(false).check(BrokenEarlyTableScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheLostUpdate() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenPlainCounterScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheLostUpdate() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.stress().minimizeFailedScenario(false).check(BrokenPlainCounterScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheUpdateThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenGiveUpCounterScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheUpdateThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> CounterLincheckBase.stress().minimizeFailedScenario(false).check(BrokenGiveUpCounterScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
