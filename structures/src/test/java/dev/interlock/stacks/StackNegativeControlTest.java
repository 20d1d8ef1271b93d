/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative controls of the lock-free stacks on the Lincheck side: the budget of
 * {@link StackLincheckBase} that passes {@link TreiberStack} and {@link EliminationBackoffStack} must
 * reject each of
 * <ul>
 *   <li>{@link BrokenPlainHeadTreiberStack}, whose head is swung by a plain write instead of a CAS, so that
 *       concurrent pushes and pops lose or duplicate elements;</li>
 *   <li>{@link BrokenGiveUpTreiberStack}, whose push gives up after one failed CAS and returns as if it had
 *       pushed;</li>
 *   <li>{@link BrokenEarlyPublishTreiberStack}, whose push publishes its node by the CAS before it writes
 *       the node's next link and depth;</li>
 *   <li>{@link BrokenPartnerEliminationStack}, whose pusher does not check that its partner in the
 *       exchanger was a popper.</li>
 * </ul>
 * If this test fails, the budget is too small to be evidence of anything, and the stacks' Lincheck tests
 * passing means nothing. Scenario minimization is off: a negative control needs the failure, not the
 * smallest failing scenario. It always runs the full budget (no {@code LincheckBudget} divisor). Unlike
 * the queues' controls, none needs a delay for the stress strategy (the plain head's window, for one, is a
 * read and a write several instructions apart).
 */
public class StackNegativeControlTest {

    /**
     * The Lincheck scenario class for {@link BrokenPlainHeadTreiberStack}. It inherits the base's
     * {@code @Test} methods, which would fail on it, so it is disabled as a JUnit test; Lincheck ignores
     * that and runs it below. Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: StackNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenPlainHeadScenario extends StackLincheckBase {

        public BrokenPlainHeadScenario() {
            super(new BrokenPlainHeadTreiberStack<>());
        }

        @Override
        protected Class<? extends StackSpec> specification() {
            return StackSpec.Unbounded.class;
        }
    }

    /** The same operations on {@link BrokenGiveUpTreiberStack}, whose push gives up after one failed CAS. */
    @Disabled("a negative control: StackNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenGiveUpScenario extends StackLincheckBase {

        public BrokenGiveUpScenario() {
            super(new BrokenGiveUpTreiberStack<>());
        }

        @Override
        protected Class<? extends StackSpec> specification() {
            return StackSpec.Unbounded.class;
        }
    }

    /** The same operations on {@link BrokenEarlyPublishTreiberStack}, whose push publishes its node too early. */
    @Disabled("a negative control: StackNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenEarlyPublishScenario extends StackLincheckBase {

        public BrokenEarlyPublishScenario() {
            super(new BrokenEarlyPublishTreiberStack<>());
        }

        @Override
        protected Class<? extends StackSpec> specification() {
            return StackSpec.Unbounded.class;
        }
    }

    /**
     * The same operations on {@link BrokenPartnerEliminationStack}, built as EliminationBackoffStackLincheckTest
     * builds the real one (one exchanger, tried first): two pushers that meet there both return.
     */
    @Disabled("a negative control: StackNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenPartnerScenario extends StackLincheckBase {

        public BrokenPartnerScenario() {
            super(new BrokenPartnerEliminationStack<>(1, 4, true));
        }

        @Override
        protected Class<? extends StackSpec> specification() {
            return StackSpec.Unbounded.class;
        }
    }

    @Test
    void modelCheckingCatchesThePlainHeadWrite() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.modelChecking(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPlainHeadScenario.class));
        System.out.println("[negative control, model checking] " + firstLines(error.getMessage()));
    }

    @Test
    void stressCatchesThePlainHeadWrite() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.stress(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPlainHeadScenario.class));
        System.out.println("[negative control, stress] " + firstLines(error.getMessage()));
    }

    @Test
    void modelCheckingCatchesThePushThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.modelChecking(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesThePushThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.stress(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheEarlyPublication() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.modelChecking(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenEarlyPublishScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheEarlyPublication() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.stress(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenEarlyPublishScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesThePushersThatMet() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.modelChecking(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPartnerScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesThePushersThatMet() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> StackLincheckBase.stress(StackSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPartnerScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    private static String firstLines(String message) {
        String[] lines = String.valueOf(message).split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 30)));
    }
}
