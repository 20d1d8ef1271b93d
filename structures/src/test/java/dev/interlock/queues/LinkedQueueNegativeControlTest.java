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
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

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
 *
 * <p><b>Stress needs the enqueuer delayed.</b> The failure needs one thread stopped between two
 * adjacent instructions (its link CAS and its tail write) while another thread completes an
 * {@code offer} and two {@code poll}s. Model checking explores that switch and finds it. Stress, with
 * real threads, did not: 30 scenarios of 1,000 invocations of the undelayed queue passed (209 s on the
 * shared two-core machine). For scale, two real threads alternating {@code offer}/{@code poll}/{@code
 * isEmpty} in a tight loop hit it only after 1 to 5.4 million operations, while the whole stress
 * budget runs about 300,000. So the stress scenario uses the queue built with
 * {@link BrokenPlainTailLinkedQueue#DELAY_SPINS} spins in that window, an enqueuer delayed there as a
 * preemption would delay it, and stress then rejects it at the same budget. The delay widens the
 * window; it does not change the bug.
 *
 * <p>The second control, {@link BrokenGiveUpLinkedQueue}, is today's queue generated with an
 * {@code offer} that gives up after one failed CAS on the last node's link and reports success: two
 * offers that race lose one element. Its window is the whole offer, so stress needs no delay.
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

    /**
     * The same broken queue for the stress strategy, with {@link BrokenPlainTailLinkedQueue#DELAY_SPINS}
     * spins between the link CAS and the plain tail write: real threads almost never split those two
     * adjacent instructions by themselves (see the class documentation).
     */
    @Disabled("a negative control: LinkedQueueNegativeControlTest runs it and expects Lincheck to reject it")
    public static class DelayedBrokenPlainTailScenario extends QueueLincheckBase {

        public DelayedBrokenPlainTailScenario() {
            super(new BrokenPlainTailLinkedQueue<>(BrokenPlainTailLinkedQueue.DELAY_SPINS));
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Unbounded.class;
        }
    }

    /** The operations of every queue on {@link BrokenGiveUpLinkedQueue}, against the unbounded specification. */
    @Disabled("a negative control: LinkedQueueNegativeControlTest runs it and expects Lincheck to reject it")
    public static class BrokenGiveUpScenario extends QueueLincheckBase {

        public BrokenGiveUpScenario() {
            super(new BrokenGiveUpLinkedQueue<>());
        }

        @Override
        protected Class<? extends QueueSpec> specification() {
            return QueueSpec.Unbounded.class;
        }
    }

    /**
     * The poll of the empty queue throws {@link NullPointerException}, or an offer spins for ever on the
     * self-linked tail (a hang); the first one Lincheck meets is reported.
     */
    @Test
    void modelCheckingCatchesTheTailMovingBackward() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenPlainTailScenario.class));
        String message = String.valueOf(error.getMessage());
        assertTrue(message.contains("NullPointerException") || message.contains("has hung"), message);
        System.out.println("[negative control, model checking] " + firstLines(message));
    }

    @Test
    void stressCatchesTheTailMovingBackwardWhenTheEnqueuerIsDelayed() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(DelayedBrokenPlainTailScenario.class));
        System.out.println("[negative control, stress] " + firstLines(error.getMessage()));
    }

    @Test
    void modelCheckingCatchesTheOfferThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.modelChecking(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheOfferThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> QueueLincheckBase.stress(QueueSpec.Unbounded.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    private static String firstLines(String message) {
        String[] lines = String.valueOf(message).split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 30)));
    }
}
