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
import java.util.function.IntConsumer;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Options;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
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
 *       specification says 0, whatever the interleaving;</li>
 * </ul>
 * and the operations that pass the real semaphore ({@link SemaphoreLincheckTest}, against
 * {@link SemaphoreSpec}) must reject:
 * <ul>
 *   <li>{@link BrokenPlainSemaphore}, whose {@code tryAcquire} takes permits by a plain read, a check and
 *       a write: two takes that read the same permits both succeed;</li>
 *   <li>{@link BrokenBoundSemaphore}, which refuses a release up to its bound exactly, whatever the
 *       interleaving.</li>
 * </ul>
 * and the operations that pass the real barrier ({@link BarrierLincheckTest}, against {@link BarrierSpec})
 * must reject {@link BrokenTimeoutBarrier}, whose arrival that times out leaves the generation unbroken
 * and itself counted, so that a second arrival trips the barrier where the specification refuses it.
 * If this test fails, that budget is too small to be evidence of anything. Scenario minimization is off:
 * a negative control needs the failure, not the smallest failing scenario. The jcstress side is
 * {@code Sync_03_NoLostCountDown.BrokenPlain}, {@code .BrokenGiveUp}, {@code .BrokenEdge},
 * {@code Sync_08_NoPermitTwice.BrokenPlain} and {@code Sync_14_ZeroTimeoutArrivals.BrokenTimeout}. (The
 * family's other controls break the waiting, which Lincheck cannot see: its scenarios never wait, and
 * it neither interrupts its threads nor lets their time run out. Bounded tests judge them:
 * {@link LostReleaseNegativeControlTest} the lost wake-up, {@link TimeoutNegativeControlTest} the timed-out
 * waiter left counted, {@link InterruptNegativeControlTest} the released waiter that throws.)
 */
public class SyncNegativeControlTest {

    /** A latch's three operations, for Lincheck: the copies share no type with the latch or each other. */
    public abstract static class LatchScenario {
        private final Runnable countDown;
        private final LongSupplier count;
        private final ZeroTimeoutAwait await;

        /** A zero-timeout {@code await} of one latch. */
        interface ZeroTimeoutAwait {
            boolean await() throws InterruptedException;
        }

        LatchScenario(Runnable countDown, LongSupplier count, ZeroTimeoutAwait await) {
            this.countDown = countDown;
            this.count = count;
            this.await = await;
        }

        @Operation
        public void countDown() {
            countDown.run();
        }

        @Operation
        public long getCount() {
            return count.getAsLong();
        }

        /** The timed {@code await} with a timeout of zero: whether the count is zero, without waiting. */
        @Operation
        public boolean awaitWithoutWaiting() throws InterruptedException {
            return await.await();
        }
    }

    /** The operations on {@link BrokenPlainCountDownLatch}. */
    public static class BrokenPlainScenario extends LatchScenario {
        public BrokenPlainScenario() {
            this(new BrokenPlainCountDownLatch(CountDownLatchSpec.COUNT));
        }

        private BrokenPlainScenario(BrokenPlainCountDownLatch latch) {
            super(latch::countDown, latch::getCount, () -> latch.await(0, TimeUnit.NANOSECONDS));
        }
    }

    /** The operations on {@link BrokenGiveUpCountDownLatch}. */
    public static class BrokenGiveUpScenario extends LatchScenario {
        public BrokenGiveUpScenario() {
            this(new BrokenGiveUpCountDownLatch(CountDownLatchSpec.COUNT));
        }

        private BrokenGiveUpScenario(BrokenGiveUpCountDownLatch latch) {
            super(latch::countDown, latch::getCount, () -> latch.await(0, TimeUnit.NANOSECONDS));
        }
    }

    /** The operations on {@link BrokenEdgeCountDownLatch}. */
    public static class BrokenEdgeScenario extends LatchScenario {
        public BrokenEdgeScenario() {
            this(new BrokenEdgeCountDownLatch(CountDownLatchSpec.COUNT));
        }

        private BrokenEdgeScenario(BrokenEdgeCountDownLatch latch) {
            super(latch::countDown, latch::getCount, () -> latch.await(0, TimeUnit.NANOSECONDS));
        }
    }

    /** A bounded semaphore's four operations, for Lincheck, as {@link SemaphoreLincheckBase} declares them. */
    public abstract static class SemaphoreScenario {
        private final IntPredicate tryAcquire;
        private final IntConsumer release;
        private final IntSupplier availablePermits;
        private final IntSupplier drainPermits;

        SemaphoreScenario(IntPredicate tryAcquire, IntConsumer release, IntSupplier availablePermits,
                IntSupplier drainPermits) {
            this.tryAcquire = tryAcquire;
            this.release = release;
            this.availablePermits = availablePermits;
            this.drainPermits = drainPermits;
        }

        @Operation
        public boolean tryAcquire(@Param(gen = IntGen.class, conf = "1:2") int n) {
            return tryAcquire.test(n);
        }

        /** {@code release(n)}: true if released, false if refused above the bound. */
        @Operation
        public boolean release(@Param(gen = IntGen.class, conf = "1:2") int n) {
            try {
                release.accept(n);
                return true;
            } catch (IllegalStateException aboveTheBound) {
                return false;
            }
        }

        @Operation
        public int availablePermits() {
            return availablePermits.getAsInt();
        }

        @Operation
        public int drainPermits() {
            return drainPermits.getAsInt();
        }
    }

    /** The operations on {@link BrokenPlainSemaphore}. */
    public static class BrokenPlainSemaphoreScenario extends SemaphoreScenario {
        public BrokenPlainSemaphoreScenario() {
            this(BrokenPlainSemaphore.bounded(SemaphoreSpec.BOUND));
        }

        private BrokenPlainSemaphoreScenario(BrokenPlainSemaphore semaphore) {
            super(semaphore::tryAcquire, semaphore::release, semaphore::availablePermits, semaphore::drainPermits);
        }
    }

    /** The operations on {@link BrokenBoundSemaphore}. */
    public static class BrokenBoundSemaphoreScenario extends SemaphoreScenario {
        public BrokenBoundSemaphoreScenario() {
            this(BrokenBoundSemaphore.bounded(SemaphoreSpec.BOUND));
        }

        private BrokenBoundSemaphoreScenario(BrokenBoundSemaphore semaphore) {
            super(semaphore::tryAcquire, semaphore::release, semaphore::availablePermits, semaphore::drainPermits);
        }
    }

    /** {@link BarrierOperations} on {@link BrokenTimeoutBarrier}. */
    public static class BrokenTimeoutBarrierScenario extends BarrierOperations {
        public BrokenTimeoutBarrierScenario() {
            super(handles(new BrokenTimeoutBarrier(BarrierSpec.PARTIES)));
        }

        private static Handles handles(BrokenTimeoutBarrier barrier) {
            return new Handles(() -> barrier.await(0, TimeUnit.NANOSECONDS), barrier::reset, barrier::abort,
                    barrier::isBroken, barrier::getNumberWaiting);
        }
    }

    /** Asserts that Lincheck, with the given options, finds results no sequential order explains. */
    private static void assertRejected(Options<?, ?> options, Class<?> scenario) {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> options.check(scenario));
        assertTrue(error.getMessage().contains("Invalid execution results"), error::getMessage);
    }

    @Test
    void modelCheckingCatchesTheLostCountDown() {
        assertRejected(LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenPlainScenario.class);
    }

    @Test
    void stressCatchesTheLostCountDown() {
        assertRejected(LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenPlainScenario.class);
    }

    @Test
    void modelCheckingCatchesTheCountDownThatGaveUp() {
        assertRejected(LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenGiveUpScenario.class);
    }

    @Test
    void stressCatchesTheCountDownThatGaveUp() {
        assertRejected(LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenGiveUpScenario.class);
    }

    @Test
    void modelCheckingCatchesTheCountStuckAtOne() {
        assertRejected(LincheckTestBase.modelChecking(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenEdgeScenario.class);
    }

    @Test
    void stressCatchesTheCountStuckAtOne() {
        assertRejected(LincheckTestBase.stress(CountDownLatchSpec.class).minimizeFailedScenario(false),
                BrokenEdgeScenario.class);
    }

    @Test
    void modelCheckingCatchesThePermitHandedOutTwice() {
        assertRejected(LincheckTestBase.modelChecking(SemaphoreSpec.class).minimizeFailedScenario(false),
                BrokenPlainSemaphoreScenario.class);
    }

    @Test
    void stressCatchesThePermitHandedOutTwice() {
        assertRejected(LincheckTestBase.stress(SemaphoreSpec.class).minimizeFailedScenario(false),
                BrokenPlainSemaphoreScenario.class);
    }

    @Test
    void modelCheckingCatchesTheBoundOffByOne() {
        assertRejected(LincheckTestBase.modelChecking(SemaphoreSpec.class).minimizeFailedScenario(false),
                BrokenBoundSemaphoreScenario.class);
    }

    @Test
    void stressCatchesTheBoundOffByOne() {
        assertRejected(LincheckTestBase.stress(SemaphoreSpec.class).minimizeFailedScenario(false),
                BrokenBoundSemaphoreScenario.class);
    }

    @Test
    void modelCheckingCatchesTheTimedOutArrivalLeftCounted() {
        assertRejected(LincheckTestBase.modelChecking(BarrierSpec.class).minimizeFailedScenario(false),
                BrokenTimeoutBarrierScenario.class);
    }

    @Test
    void stressCatchesTheTimedOutArrivalLeftCounted() {
        assertRejected(LincheckTestBase.stress(BarrierSpec.class).minimizeFailedScenario(false),
                BrokenTimeoutBarrierScenario.class);
    }
}
