/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The negative control of {@link LockFreeLinkedQueue} on the Lincheck side: the budget of
 * {@link QueueLincheckBase} that passes the real queue must reject {@link BrokenPlainTailLinkedQueue},
 * whose tail is swung by a plain write instead of a CAS and so can move backward behind the head,
 * after which a {@code poll} of the empty queue throws {@link NullPointerException} (the interleaving
 * is in the broken class's documentation). If this test fails, the budget is too small to prove
 * anything, and {@code LockFreeLinkedQueueLincheckTest} passing means nothing. Scenario minimization
 * is off: a negative control needs the failure, not the smallest failing scenario. It always runs the
 * full budget (no {@code LincheckBudget} divisor).
 */
public class LinkedQueueNegativeControlTest {

    /**
     * The Lincheck scenario class for {@link BrokenPlainTailLinkedQueue}: the operations of every
     * queue, against an unbounded specification. It inherits the base's {@code @Test} methods, which
     * would fail on it, so it is disabled as a JUnit test; Lincheck ignores that and runs it below.
     * Public, because Lincheck instantiates it reflectively.
     */
    @Disabled("a negative control: LinkedQueueNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenPlainTailScenario extends QueueLincheckBase {

        public BrokenPlainTailScenario() {
            super(new BrokenPlainTailLinkedQueue<>());
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Unbounded.class;
        }
    }

    @Test
    void modelCheckingCatchesTheTailMovingBackward() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPlainTailScenario.class));
        System.out.println("[negative control, model checking] " + firstLines(error.getMessage()));
    }

    @Test
    void stressCatchesTheTailMovingBackward() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPlainTailScenario.class));
        System.out.println("[negative control, stress] " + firstLines(error.getMessage()));
    }

    private static String firstLines(String message) {
        String[] lines = String.valueOf(message).split("\n");
        return String.join("\n", java.util.Arrays.copyOf(lines, Math.min(lines.length, 30)));
    }
}
