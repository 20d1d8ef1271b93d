/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.LincheckTestBase;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/**
 * The negative controls of the sync family, on the Lincheck side: the operations, specification and
 * options that pass the real latch ({@link CountDownLatchLincheckTest}, against {@link CountDownLatchSpec})
 * must reject, under model checking and under stress, at the full budget:
 * <ul>
 *   <li>{@link BrokenPlainCountDownLatch}, whose {@code countDown()} lowers the count by a plain read, a
 *       check and a write instead of a CAS;</li>
 *   <li>{@link BrokenGiveUpCountDownLatch}, whose {@code countDown()} gives up after one failed CAS: of two
 *       calls that read the same count, one is lost;</li>
 *   <li>{@link BrokenEdgeCountDownLatch}, whose {@code countDown()} stops at a count of one: as many calls
 *       as the latch's count ({@link CountDownLatchSpec#COUNT}) leave {@code getCount()} at 1 where the
 *       specification says 0, whatever the interleaving.</li>
 * </ul>
 * If this test fails, that budget is too small to be evidence of anything. Scenario minimization is off:
 * a negative control needs the failure, not the smallest failing scenario. The jcstress side is
 * {@code Sync_03_NoLostCountDown.BrokenPlain}, {@code .BrokenGiveUp} and {@code .BrokenEdge}. (The
 * family's other controls break the waiting, which Lincheck cannot see: its scenarios never wait, and
 * it neither interrupts its threads nor lets their time run out. Bounded tests judge them:
 * {@link LostReleaseNegativeControlTest} the lost wake-up, {@link TimeoutNegativeControlTest} the timed-out
 * waiter left counted, {@link InterruptNegativeControlTest} the released waiter that throws.)
 */
public class SyncNegativeControlTest {

    /**
     * The Lincheck scenario class: {@code CountDownLatchLincheckTest}'s operations, on the broken latch of
     * the same count. Public, with a public no-argument constructor, because Lincheck instantiates it
     * reflectively, once per scenario.
     */
    public static class BrokenPlainScenario {

        private final BrokenPlainCountDownLatch latch = new BrokenPlainCountDownLatch(CountDownLatchSpec.COUNT);

        public BrokenPlainScenario() {
        }

        @Operation
        public void countDown() {
            latch.countDown();
        }

        @Operation
        public long getCount() {
            return latch.getCount();
        }

        /** The timed {@code await} with a timeout of zero: whether the count is zero, without waiting. */
        @Operation
        public boolean awaitWithoutWaiting() throws InterruptedException {
            return latch.await(0, TimeUnit.NANOSECONDS);
        }
    }

    /** {@link BrokenPlainScenario}'s operations on {@link BrokenGiveUpCountDownLatch}. */
    public static class BrokenGiveUpScenario {

        private final BrokenGiveUpCountDownLatch latch = new BrokenGiveUpCountDownLatch(CountDownLatchSpec.COUNT);

        public BrokenGiveUpScenario() {
        }

        @Operation
        public void countDown() {
            latch.countDown();
        }

        @Operation
        public long getCount() {
            return latch.getCount();
        }

        /** The timed {@code await} with a timeout of zero: whether the count is zero, without waiting. */
        @Operation
        public boolean awaitWithoutWaiting() throws InterruptedException {
            return latch.await(0, TimeUnit.NANOSECONDS);
        }
    }

    /** {@link BrokenPlainScenario}'s operations on {@link BrokenEdgeCountDownLatch}. */
    public static class BrokenEdgeScenario {

        private final BrokenEdgeCountDownLatch latch = new BrokenEdgeCountDownLatch(CountDownLatchSpec.COUNT);

        public BrokenEdgeScenario() {
        }

        @Operation
        public void countDown() {
            latch.countDown();
        }

        @Operation
        public long getCount() {
            return latch.getCount();
        }

        /** The timed {@code await} with a timeout of zero: whether the count is zero, without waiting. */
        @Operation
        public boolean awaitWithoutWaiting() throws InterruptedException {
            return latch.await(0, TimeUnit.NANOSECONDS);
        }
    }

    @Test
    void modelCheckingCatchesTheLostCountDown() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenPlainScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheLostCountDown() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenPlainScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheCountDownThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheCountDownThatGaveUp() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenGiveUpScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheCountStuckAtOne() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenEdgeScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void stressCatchesTheCountStuckAtOne() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false)
                        .check(BrokenEdgeScenario.class));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }
}
