/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static dev.interlock.testing.Parking.awaitParkedEitherWay;
import static dev.interlock.testing.Parking.awaitParkedOrEnded;
import static dev.interlock.testing.Parking.awaitTimedParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.Parking;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of a gate, a thing that threads wait at until it is released, which every synchronizer
 * of the package meets: {@link Event} (released by {@code set()}) and {@link CountDownLatch} (released by
 * the last {@code countDown()}). Each has a subclass, {@code <Name>Test}, that adapts it and adds what
 * only it has.
 *
 * <p>What is checked: a released gate lets every caller through at once; a closed one parks its waiters,
 * and one release wakes them all; a timed wait that runs out returns {@code false}, and one of zero or
 * less does not wait; an interrupt on entry or while waiting throws {@link InterruptedException} and
 * clears the interrupt status, unless the release came first; a waiter that gives up leaves nothing
 * behind (the queue length goes back to 0), and does not hide the waiters next to it from the release
 * (the unlinking sweep of {@code Event}'s cancel); writes before the release are seen after the wait; a
 * null {@link TimeUnit} throws {@link NullPointerException} and changes nothing.
 *
 * <p>The tests line their threads up by waiting until each waiter is parked ({@link Parking}), so that the
 * release finds it asleep in the queue, not on its way there. Every test runs under a {@link Timeout} in a
 * separate thread, so that a lost wake-up fails the test instead of hanging the build; the helper threads
 * are daemons, every wait for them is bounded, and the ones still alive after a test are interrupted.
 *
 * @param <G> the gate's type
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class GateContract<G> {

    /** How long a test waits for something that must happen promptly. Generous: CI machines are slow. */
    static final long PROMPT_MILLIS = 10_000;

    /** The waiters of the many-waiters tests. */
    static final int MANY = 50;

    /** The helper threads a test started, interrupted after it if still alive. */
    private final List<Thread> started = new ArrayList<>();

    /**
     * Returns a new gate that is not released: its waiters wait until one call of {@link #release}.
     *
     * @return the gate under test
     */
    protected abstract G newClosed();

    /**
     * Releases the gate, as its own method does: {@code set()}, or the last {@code countDown()}.
     *
     * @param gate a gate from {@link #newClosed()}
     */
    protected abstract void release(G gate);

    /**
     * Waits at the gate, untimed: the gate's {@code await()}.
     *
     * @param gate the gate
     * @throws InterruptedException as the gate's {@code await()} throws it
     */
    protected abstract void await(G gate) throws InterruptedException;

    /**
     * Waits at the gate, timed: the gate's {@code await(long, TimeUnit)}.
     *
     * @param gate the gate
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return what the gate's method returns
     * @throws InterruptedException as the gate's method throws it
     */
    protected abstract boolean await(G gate, long timeout, TimeUnit unit) throws InterruptedException;

    /**
     * The gate's {@code getQueueLength()}.
     *
     * @param gate the gate
     * @return the number of waiting threads
     */
    protected abstract int getQueueLength(G gate);

    /**
     * Returns a new gate that is released.
     *
     * @return a gate from {@link #newClosed()}, released once
     */
    protected G newReleased() {
        G gate = newClosed();
        release(gate);
        return gate;
    }

    @AfterEach
    void stopHelpers() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    // ---- A released gate --------------------------------------------------------------------------

    @Test
    void aReleasedGateLetsEveryCallerThroughAtOnce() throws InterruptedException {
        G gate = newReleased();
        long start = System.nanoTime();
        await(gate);
        assertTrue(await(gate, 1, TimeUnit.DAYS));
        assertTrue(await(gate, 0, TimeUnit.NANOSECONDS), "a zero timeout on a released gate");
        assertTrue(await(gate, -1, TimeUnit.SECONDS), "a negative timeout on a released gate");
        assertTrue(await(gate, Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertTrue(await(gate, Long.MAX_VALUE, TimeUnit.DAYS), "a huge timeout must not overflow");
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis < PROMPT_MILLIS, "waited " + elapsedMillis + " ms at a released gate");
        assertEquals(0, getQueueLength(gate));
        release(gate); // a second release changes nothing
        await(gate);
        assertEquals(0, getQueueLength(gate));
    }

    @Test
    void aClosedGateHasNoWaitersAndDoesNotLetAZeroTimeoutThrough() throws InterruptedException {
        G gate = newClosed();
        assertEquals(0, getQueueLength(gate));
        assertFalse(await(gate, 0, TimeUnit.NANOSECONDS));
        assertEquals(0, getQueueLength(gate));
    }

    // ---- Parking and the release ------------------------------------------------------------------

    @Test
    void aWaiterParksOnTheGateAndTheReleaseWakesIt() throws InterruptedException {
        G gate = newClosed();
        Waiter waiter = startWaiter(gate, "waiter");
        Parking.awaitParked(waiter.thread);
        assertSame(gate, LockSupport.getBlocker(waiter.thread), "a thread dump names the gate the thread waits at");
        assertEquals(1, getQueueLength(gate));
        release(gate);
        assertEquals("returned, status false", waiter.outcome());
        assertEquals(0, getQueueLength(gate));
    }

    @Test
    void aTimedWaiterParksAndTheReleaseWakesItWithTrue() throws InterruptedException {
        G gate = newClosed();
        Waiter waiter = startTimedWaiter(gate, 1, TimeUnit.HOURS, "timed-waiter");
        awaitTimedParked(waiter.thread);
        assertSame(gate, LockSupport.getBlocker(waiter.thread));
        assertEquals(1, getQueueLength(gate));
        release(gate);
        assertEquals("true, status false", waiter.outcome());
        assertEquals(0, getQueueLength(gate));
    }

    /** The deadline of a huge timeout wraps around: only differences of {@code nanoTime()} may be compared. */
    @Test
    void aHugeTimeoutWaitsForTheRelease() throws InterruptedException {
        G gate = newClosed();
        Waiter waiter = startTimedWaiter(gate, Long.MAX_VALUE, TimeUnit.DAYS, "huge-timeout-waiter");
        awaitTimedParked(waiter.thread);
        Thread.sleep(20);
        assertTrue(waiter.thread.isAlive(), "a timeout of Long.MAX_VALUE days ran out at once");
        release(gate);
        assertEquals("true, status false", waiter.outcome());
    }

    @Test
    void oneReleaseWakesManyWaiters() throws InterruptedException {
        G gate = newClosed();
        List<Waiter> waiters = new ArrayList<>();
        for (int i = 0; i < MANY; i++) {
            boolean timed = (i & 1) == 1;
            Waiter waiter = timed
                    ? startTimedWaiter(gate, 1, TimeUnit.HOURS, "timed-waiter-" + i)
                    : startWaiter(gate, "waiter-" + i);
            waiters.add(waiter);
        }
        for (Waiter waiter : waiters) {
            awaitParkedEitherWay(waiter.thread);
        }
        assertEquals(MANY, getQueueLength(gate));
        release(gate);
        for (int i = 0; i < MANY; i++) {
            String expected = (i & 1) == 1 ? "true, status false" : "returned, status false";
            assertEquals(expected, waiters.get(i).outcome(), "waiter " + i);
        }
        assertEquals(0, getQueueLength(gate));
    }

    // ---- Timeouts ---------------------------------------------------------------------------------

    @Test
    void aTimedWaitThatRunsOutReturnsFalseAndLeavesNothingBehind() throws InterruptedException {
        G gate = newClosed();
        long start = System.nanoTime();
        assertFalse(await(gate, 50, TimeUnit.MILLISECONDS));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(50), "gave up after only " + elapsed + " ns");
        assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(50 + PROMPT_MILLIS), "gave up only after " + elapsed + " ns");
        assertEquals(0, getQueueLength(gate), "the timed-out waiter left its place in the queue");
        assertFalse(await(gate, 0, TimeUnit.NANOSECONDS), "still closed");
        Waiter waiter = startWaiter(gate, "later-waiter");
        Parking.awaitParked(waiter.thread);
        assertEquals(1, getQueueLength(gate));
        release(gate);
        assertEquals("returned, status false", waiter.outcome());
    }

    @Test
    void aTimeoutOfZeroOrLessDoesNotWait() throws InterruptedException {
        G gate = newClosed();
        long start = System.nanoTime();
        assertFalse(await(gate, 0, TimeUnit.NANOSECONDS));
        assertFalse(await(gate, 0, TimeUnit.DAYS));
        assertFalse(await(gate, -1, TimeUnit.NANOSECONDS));
        assertFalse(await(gate, -1, TimeUnit.SECONDS));
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(elapsedMillis < PROMPT_MILLIS, "waited " + elapsedMillis + " ms");
        assertEquals(0, getQueueLength(gate));
    }

    /**
     * The most negative timeouts: {@code nanoTime() + timeout} overflows, so a deadline compared with a
     * later {@code nanoTime()} lies in the far future unless the timeout is tested before it is added.
     * Run by a helper thread, so that a wait of 292 years fails the test instead of eating its timeout.
     */
    @Test
    void theMostNegativeTimeoutsDoNotWaitEither() throws InterruptedException {
        G gate = newClosed();
        for (TimeUnit unit : new TimeUnit[] {TimeUnit.NANOSECONDS, TimeUnit.SECONDS, TimeUnit.DAYS}) {
            Waiter waiter = startTimedWaiter(gate, Long.MIN_VALUE, unit, "min-timeout-waiter");
            waiter.thread.join(PROMPT_MILLIS);
            assertFalse(waiter.thread.isAlive(),
                    () -> "await(Long.MIN_VALUE, " + unit + ") waits (" + waiter.thread.getState()
                            + "): the deadline overflowed to the far future");
            assertEquals("false, status false", waiter.outcome(), "await(Long.MIN_VALUE, " + unit + ")");
        }
        assertEquals(0, getQueueLength(gate));
    }

    // ---- Interrupts -------------------------------------------------------------------------------

    @Test
    void anInterruptOnEntryThrowsWhenClosed() {
        G gate = newClosed();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> await(gate));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> await(gate, 1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> await(gate, 0, TimeUnit.SECONDS),
                "the interrupt is checked before the timeout");
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        assertEquals(0, getQueueLength(gate));
    }

    /** A released gate returns at once, before it looks at the interrupt status, and leaves it set. */
    @Test
    void anInterruptOnEntryIsIgnoredAndKeptWhenReleased() throws InterruptedException {
        G gate = newReleased();
        Thread.currentThread().interrupt();
        await(gate);
        assertTrue(await(gate, 1, TimeUnit.SECONDS));
        assertTrue(await(gate, 0, TimeUnit.SECONDS));
        assertTrue(Thread.interrupted(), "the interrupt status must be left set");
    }

    @Test
    void anInterruptWhileWaitingThrowsClearsTheStatusAndLeavesNothingBehind() throws InterruptedException {
        G gate = newClosed();
        Waiter other = startWaiter(gate, "other-waiter");
        Parking.awaitParked(other.thread);
        Waiter interrupted = startWaiter(gate, "interrupted-waiter");
        Parking.awaitParked(interrupted.thread);
        Waiter timed = startTimedWaiter(gate, 1, TimeUnit.HOURS, "interrupted-timed-waiter");
        awaitTimedParked(timed.thread);
        assertEquals(3, getQueueLength(gate));
        interrupted.thread.interrupt();
        assertEquals("InterruptedException, status false", interrupted.outcome());
        timed.thread.interrupt();
        assertEquals("InterruptedException, status false", timed.outcome());
        assertEquals(1, getQueueLength(gate), "the interrupted waiters left the queue");
        assertTrue(other.thread.isAlive(), "the interrupts woke only their own threads");
        release(gate);
        assertEquals("returned, status false", other.outcome(), "the release still reaches the other waiter");
        assertEquals(0, getQueueLength(gate));
    }

    /**
     * A release that comes before the interrupt wins: the waiter returns normally, with its interrupt
     * status set. The test thread releases, then interrupts, so the release is first whenever the waiter
     * wakes; the waiter reads its status only after the interrupt was sent.
     */
    @Test
    void aReleaseBeforeAnInterruptWinsAndTheStatusIsKept() throws InterruptedException {
        for (boolean timed : new boolean[] {false, true}) {
            G gate = newClosed();
            AtomicBoolean interruptSent = new AtomicBoolean();
            AtomicReference<String> outcome = new AtomicReference<>();
            Thread waiter = start(timed ? "released-timed-waiter" : "released-waiter", () -> {
                String result;
                try {
                    if (timed) {
                        result = String.valueOf(await(gate, 1, TimeUnit.HOURS));
                    } else {
                        await(gate);
                        result = "returned";
                    }
                } catch (InterruptedException e) {
                    result = "InterruptedException";
                }
                while (!interruptSent.get()) {
                    Thread.onSpinWait();
                }
                outcome.set(result + ", status " + Thread.currentThread().isInterrupted());
            });
            awaitParkedEitherWay(waiter);
            release(gate);
            waiter.interrupt();
            interruptSent.set(true);
            waiter.join(PROMPT_MILLIS);
            assertFalse(waiter.isAlive(), "the released waiter did not return");
            assertEquals(timed ? "true, status true" : "returned, status true", outcome.get());
            assertEquals(0, getQueueLength(gate));
        }
    }

    // ---- Waiters that give up, between waiters that stay ------------------------------------------

    /**
     * Waiters that time out, pushed between waiters that stay, each parked before the next arrives: the
     * ones that give up unlink their nodes from between the others' (at about the same time, so their
     * sweeps race), and the release must still find every waiter that stayed.
     */
    @Test
    void timedOutWaitersBetweenLiveOnesDoNotHideThemFromTheRelease() throws InterruptedException {
        G gate = newClosed();
        List<Waiter> live = new ArrayList<>();
        List<Waiter> timedOut = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Waiter waiter = startWaiter(gate, "live-" + i);
            live.add(waiter);
            Parking.awaitParked(waiter.thread);
            Waiter quitter = startTimedWaiter(gate, 200, TimeUnit.MILLISECONDS, "timed-out-" + i);
            timedOut.add(quitter);
            awaitParkedOrEnded(quitter.thread);
        }
        for (Waiter quitter : timedOut) {
            assertEquals("false, status false", quitter.outcome());
        }
        assertEquals(live.size(), getQueueLength(gate), "only the live waiters are left");
        for (Waiter waiter : live) {
            assertTrue(waiter.thread.isAlive(), "a time-out woke another thread");
        }
        release(gate);
        for (Waiter waiter : live) {
            assertEquals("returned, status false", waiter.outcome(), waiter.thread.getName());
        }
        assertEquals(0, getQueueLength(gate));
    }

    /** As above, with interrupts, all sent at once, so that the interrupted waiters' sweeps race. */
    @Test
    void interruptedWaitersBetweenLiveOnesDoNotHideThemFromTheRelease() throws InterruptedException {
        G gate = newClosed();
        List<Waiter> live = new ArrayList<>();
        List<Waiter> interrupted = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Waiter quitter = (i & 1) == 0
                    ? startWaiter(gate, "interrupted-" + i)
                    : startTimedWaiter(gate, 1, TimeUnit.HOURS, "interrupted-timed-" + i);
            interrupted.add(quitter);
            awaitParkedEitherWay(quitter.thread);
            Waiter waiter = startWaiter(gate, "live-" + i);
            live.add(waiter);
            Parking.awaitParked(waiter.thread);
        }
        assertEquals(40, getQueueLength(gate));
        for (Waiter quitter : interrupted) {
            quitter.thread.interrupt();
        }
        for (Waiter quitter : interrupted) {
            assertEquals("InterruptedException, status false", quitter.outcome(), quitter.thread.getName());
        }
        assertEquals(live.size(), getQueueLength(gate), "only the live waiters are left");
        release(gate);
        for (Waiter waiter : live) {
            assertEquals("returned, status false", waiter.outcome(), waiter.thread.getName());
        }
        assertEquals(0, getQueueLength(gate));
    }

    /**
     * Threads that time out over and over, in microseconds, while live waiters join and the release
     * comes: pushes, sweeps and the release all race. Every live waiter must be released, and every
     * churning thread must see the release.
     */
    @Test
    void liveWaitersAreReleasedWhileOthersTimeOutAroundThem() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            G gate = newClosed();
            List<Thread> churners = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                churners.add(start("churner-" + c, () -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (!await(gate, random.nextLong(1, 100), TimeUnit.MICROSECONDS)) {
                        if (random.nextInt(8) == 0) {
                            Thread.onSpinWait(); // sometimes leave the stack alone for a moment
                        }
                    }
                }));
            }
            List<Waiter> live = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                live.add((i & 1) == 0
                        ? startWaiter(gate, "live-" + i)
                        : startTimedWaiter(gate, 1, TimeUnit.HOURS, "live-timed-" + i));
            }
            for (Waiter waiter : live) {
                awaitParkedEitherWay(waiter.thread);
            }
            Thread.sleep(5); // churn around the parked waiters
            release(gate);
            for (Waiter waiter : live) {
                String expected = waiter.thread.getName().startsWith("live-timed-")
                        ? "true, status false" : "returned, status false";
                assertEquals(expected, waiter.outcome(), "round " + round + ", " + waiter.thread.getName()
                        + ": a live waiter was lost while others gave up around it");
            }
            for (Thread churner : churners) {
                churner.join(PROMPT_MILLIS);
                assertFalse(churner.isAlive(), churner.getName() + " never saw the release");
            }
            assertEquals(0, getQueueLength(gate));
        }
    }

    // ---- Memory consistency -----------------------------------------------------------------------

    /** Written before the release, read after the wait; deliberately plain. */
    static final class Box {
        int value;
    }

    /**
     * Actions before the release happen-before actions after an await that returns because of it: a plain
     * write before the release is seen after the wait, whether the waiter was parked when the release came
     * (every other round) or was still arriving. A bounded sanity check; jcstress is the judge.
     */
    @Test
    void writesBeforeTheReleaseAreSeenAfterTheWait() throws InterruptedException {
        for (int round = 1; round <= 200; round++) {
            G gate = newClosed();
            Box box = new Box();
            AtomicReference<Integer> seen = new AtomicReference<>();
            boolean timed = (round & 2) == 0;
            Thread reader = start("reader", () -> {
                if (timed) {
                    assertTrue(await(gate, 1, TimeUnit.HOURS));
                } else {
                    await(gate);
                }
                seen.set(box.value);
            });
            if ((round & 1) == 0) {
                awaitParkedEitherWay(reader);
            }
            box.value = round;
            release(gate);
            reader.join(PROMPT_MILLIS);
            assertFalse(reader.isAlive(), "round " + round + ": the reader was not released");
            assertEquals(round, seen.get(), "round " + round + ": the write before the release");
        }
    }

    // ---- Arrivals racing the release ----------------------------------------------------------------

    /** Rounds of {@link #anArrivalThatRacesTheReleaseIsNeverLeftWaiting()}. */
    static final int RACE_ROUNDS = 20_000;

    /** The longest hold-back of the release in that test, swept over the rounds in 2 ns steps. */
    static final int RACE_SWEEP_NANOS = 1_000;

    /**
     * A thread that arrives just as the release comes is let through, whichever comes first: the release
     * must see it waiting, or it must see the release. That race is a few instructions wide (between
     * reading the gate and joining its waiters, by one atomic step), so the test aims at it: a waiter and
     * the test thread start each of {@value #RACE_ROUNDS} rounds together at a spin barrier, and the
     * release is held back by 0 to {@value #RACE_SWEEP_NANOS} ns in 2 ns steps, swept over the rounds, so
     * that it lands before, inside and after the waiter's arrival. Half the rounds wait untimed, half timed.
     * A round whose waiter has not returned {@value #PROMPT_MILLIS} ms after the release fails, naming it.
     */
    @Test
    void anArrivalThatRacesTheReleaseIsNeverLeftWaiting() throws InterruptedException {
        List<G> gates = new ArrayList<>(RACE_ROUNDS);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            gates.add(newClosed());
        }
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger done = new AtomicInteger(-1);
        Thread waiter = start("arriving-waiter", () -> {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                while (go.get() < round) {
                    Thread.onSpinWait();
                }
                if ((round & 1) == 0) {
                    await(gates.get(round));
                } else {
                    assertTrue(await(gates.get(round), 1, TimeUnit.HOURS), "round " + round + ": timed out");
                }
                done.set(round);
            }
        });
        for (int round = 0; round < RACE_ROUNDS; round++) {
            go.set(round);
            long holdBack = (2L * round) % (RACE_SWEEP_NANOS + 2);
            long until = System.nanoTime() + holdBack;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            release(gates.get(round));
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
            while (done.get() < round) {
                int finished = round;
                assertTrue(System.nanoTime() < deadline && waiter.isAlive(), () -> "round " + finished
                        + " (release held back " + holdBack + " ns): the waiter that arrived as the release came "
                        + (waiter.isAlive() ? "was still waiting " + PROMPT_MILLIS + " ms later (" + waiter.getState() + ")"
                                : "failed"));
                Thread.onSpinWait();
            }
        }
    }

    // ---- Bad input --------------------------------------------------------------------------------

    @Test
    void aNullUnitThrowsNullPointerExceptionAndChangesNothing() throws InterruptedException {
        G gate = newClosed();
        assertThrows(NullPointerException.class, () -> await(gate, 1, null));
        assertThrows(NullPointerException.class, () -> await(gate, 0, null));
        assertEquals(0, getQueueLength(gate), "the failed call left nothing behind");
        assertFalse(await(gate, 0, TimeUnit.NANOSECONDS), "still closed");
        Waiter waiter = startWaiter(gate, "waiter");
        Parking.awaitParked(waiter.thread);
        release(gate);
        assertEquals("returned, status false", waiter.outcome());
        assertThrows(NullPointerException.class, () -> await(gate, 1, null), "on a released gate too");
        assertTrue(await(gate, 0, TimeUnit.NANOSECONDS), "still released");
    }

    // ---- Helpers ----------------------------------------------------------------------------------

    /** The body of a helper thread, which may throw. */
    @FunctionalInterface
    interface Body {
        /**
         * Runs the body.
         *
         * @throws Exception anything, which the test then sees as a missing outcome
         */
        void run() throws Exception;
    }

    /** One wait at the gate, as a helper thread makes it. */
    @FunctionalInterface
    interface Wait {
        /**
         * Waits.
         *
         * @return how the wait ended: {@code returned} for the untimed {@code await()}, or what the timed
         *         one returned
         * @throws InterruptedException as the wait throws it
         */
        String run() throws InterruptedException;
    }

    /** A thread that waits at the gate once and records how the wait ended, and its interrupt status then. */
    final class Waiter {
        final Thread thread;
        private final AtomicReference<String> outcome = new AtomicReference<>();

        private Waiter(String name, Wait wait) {
            thread = start(name, () -> {
                String result;
                try {
                    result = wait.run();
                } catch (InterruptedException e) {
                    result = "InterruptedException";
                }
                outcome.set(result + ", status " + Thread.currentThread().isInterrupted());
            });
        }

        /**
         * Waits for the waiter to end, and returns how its wait ended: {@code returned}, {@code true},
         * {@code false} or {@code InterruptedException}, then {@code , status } and its interrupt status.
         */
        String outcome() throws InterruptedException {
            thread.join(PROMPT_MILLIS);
            assertFalse(thread.isAlive(), () -> thread.getName() + " is still waiting (" + thread.getState() + ")");
            return outcome.get();
        }
    }

    /** Starts a thread that waits at {@code gate} with the untimed {@code await()}. */
    Waiter startWaiter(G gate, String name) {
        return new Waiter(name, () -> {
            await(gate);
            return "returned";
        });
    }

    /** Starts a thread that waits at {@code gate} with the timed {@code await}. */
    Waiter startTimedWaiter(G gate, long timeout, TimeUnit unit, String name) {
        return new Waiter(name, () -> String.valueOf(await(gate, timeout, unit)));
    }

    /**
     * Starts a daemon thread running {@code body}, stopped after the test if still alive; an exception in
     * it is printed, and leaves the outcome the test waits for unset.
     */
    Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                t.printStackTrace();
                throw new AssertionError(t);
            }
        }, name);
        thread.setDaemon(true);
        started.add(thread);
        thread.start();
        return thread;
    }
}
