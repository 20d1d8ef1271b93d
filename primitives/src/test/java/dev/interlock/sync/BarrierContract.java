/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.interlock.testing.Parking;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of a cyclic barrier with {@link Barrier}'s promises, for each implementation to extend:
 * counting (each generation hands out every arrival index from 0 to {@code parties - 1} exactly once, in
 * the order of arrival), the action (run once per generation, by the last arrival, before anyone is
 * released), reuse over many generations with nothing lost or duplicated, the memory effects (writes
 * before {@code await} reach the action, and the action reaches every party), monitoring
 * ({@code getNumberWaiting()}, {@code getParties()}, {@code toString()}, the blocker of a parked waiter),
 * breaking (by an interrupt, on entry or while waiting; by a timeout, of zero or less too; by an action
 * that throws; by {@code reset()} and {@code abort()}), a broken barrier that throws at once until
 * {@code reset()}, a waiter interrupted after its generation tripped, interrupts and timeouts that race
 * the trip, and bad input that changes nothing.
 *
 * <p>Each waiter is lined up before what must find it waiting: {@link #awaitWaiting} waits until it is
 * parked on the barrier. Every wait for a helper thread is bounded, and the helpers still alive after a
 * test are interrupted.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class BarrierContract {

    /** How long a thread that must return may take: it needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** How long threads that run many generations may take together: a slow CI machine is slow. */
    static final long RUN_MILLIS = 45_000;

    /** Generations of the tests that run free, without lining their threads up. */
    static final int ROUNDS = 1_000;

    /** How long the timed waiter of {@link #aWaiterThatTimesOutThrowsTimeoutExceptionAndTheOthersBrokenBarrierException} waits. */
    static final long TIMEOUT_MILLIS = 20;

    /** The helper threads a test started, interrupted after it if still alive. */
    private final List<Thread> started = new ArrayList<>();

    /**
     * @param parties the number of threads that must arrive to trip it
     * @param action what the last arrival runs before the others go on; {@code null} for none
     * @return a new barrier
     */
    protected abstract Barrier newBarrier(int parties, Runnable action);

    @AfterEach
    void stopHelpers() throws InterruptedException {
        for (Thread thread : started) {
            thread.interrupt();
            thread.join(1_000);
        }
    }

    // ---- Counting and indexes -------------------------------------------------------------------------

    /**
     * The parties run free for {@value #ROUNDS} generations: each thread's {@code r}-th {@code await} is in
     * generation {@code r}, since it cannot leave a generation before every party has arrived in it.
     */
    @ParameterizedTest(name = "parties = {0}")
    @ValueSource(ints = {1, 2, 5})
    void eachGenerationHandsOutEveryIndexExactlyOnce(int parties) throws InterruptedException {
        Barrier barrier = newBarrier(parties, null);
        int[][] indexes = new int[ROUNDS][parties]; // each party writes its column; read after the joins
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parties; t++) {
            int party = t;
            threads.add(start("party-" + t, abortingOnFailure(barrier, () -> {
                for (int round = 0; round < ROUNDS; round++) {
                    indexes[round][party] = barrier.await();
                }
            })));
        }
        assertAllReturn(threads);
        int[] everyIndex = IntStream.range(0, parties).toArray();
        for (int round = 0; round < ROUNDS; round++) {
            int[] sorted = indexes[round].clone();
            Arrays.sort(sorted);
            assertArrayEquals(everyIndex, sorted, "generation " + round + " handed out " + Arrays.toString(indexes[round]));
        }
        assertEquals(0, barrier.getNumberWaiting());
        assertFalse(barrier.isBroken());
    }

    @ParameterizedTest(name = "parties = {0}")
    @ValueSource(ints = {1, 2, 5})
    void indexesFollowTheOrderOfArrival(int parties) throws Exception {
        Barrier barrier = newBarrier(parties, null);
        for (int generation = 0; generation < 2; generation++) {
            List<Thread> waiters = new ArrayList<>();
            for (int i = 0; i < parties - 1; i++) {
                int position = i;
                boolean timed = (i & 1) == 1;
                Thread waiter = start("waiter-" + i, () -> assertEquals(position,
                        timed ? barrier.await(1, TimeUnit.HOURS) : barrier.await(), "the index of arrival " + position));
                awaitWaiting(barrier, waiter);
                assertEquals(i + 1, barrier.getNumberWaiting());
                waiters.add(waiter);
            }
            assertEquals(parties - 1, generation == 0 ? barrier.await() : barrier.await(1, TimeUnit.HOURS),
                    "the last arrival's index");
            for (Thread waiter : waiters) {
                assertReturns(waiter);
            }
            assertEquals(0, barrier.getNumberWaiting());
        }
    }

    @Test
    void aBarrierOfOnePartyTripsOnEveryAwaitAndRunsTheActionEachTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(1, runs::incrementAndGet);
        for (int i = 0; i < 10; i++) {
            assertEquals(0, (i & 1) == 0 ? barrier.await() : barrier.await(0, TimeUnit.SECONDS),
                    "the only party is the first and the last: a timeout of 0 does not break it");
            assertEquals(i + 1, runs.get());
            assertEquals(0, barrier.getNumberWaiting());
        }
        assertFalse(barrier.isBroken());
        assertEquals("Barrier[Parties = 1, Waiting = 0]", barrier.toString());
    }

    // ---- Monitoring -----------------------------------------------------------------------------------

    @Test
    void getNumberWaitingCountsTheThreadsParkedAtTheBarrier() throws Exception {
        Barrier barrier = newBarrier(4, null);
        assertEquals(4, barrier.getParties());
        assertEquals(0, barrier.getNumberWaiting());
        assertEquals("Barrier[Parties = 4, Waiting = 0]", barrier.toString());
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread waiter = start("waiter-" + i, barrier::await);
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
            assertEquals(i + 1, barrier.getNumberWaiting());
        }
        assertEquals("Barrier[Parties = 4, Waiting = 3]", barrier.toString());
        assertEquals(3, barrier.await());
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertEquals(0, barrier.getNumberWaiting(), "a new generation: nobody waits in it");
        assertEquals(4, barrier.getParties());
        assertEquals("Barrier[Parties = 4, Waiting = 0]", barrier.toString());
    }

    @ParameterizedTest(name = "timed = {0}")
    @ValueSource(booleans = {false, true})
    void aWaiterParksWithTheBarrierAsItsBlocker(boolean timed) throws Exception {
        Barrier barrier = newBarrier(2, null);
        Thread waiter = start("waiter", () -> assertEquals(0, timed ? barrier.await(1, TimeUnit.HOURS) : barrier.await()));
        if (timed) {
            Parking.awaitTimedParked(waiter);
        } else {
            Parking.awaitParked(waiter);
        }
        assertSame(barrier, LockSupport.getBlocker(waiter), "a thread dump names the barrier the thread waits at");
        assertEquals(1, barrier.await());
        assertReturns(waiter);
    }

    // ---- The action -----------------------------------------------------------------------------------

    /**
     * The action writes a plain field, which each waiter reads as it returns: the action happens-before
     * what follows every {@code await} of its generation. It also counts the waiters that had returned
     * when it ran: none may have.
     */
    @Test
    void theLastArrivalRunsTheActionBeforeAnyoneIsReleased() throws Exception {
        Plain plain = new Plain();
        AtomicInteger returned = new AtomicInteger();
        Barrier barrier = newBarrier(3, () -> {
            plain.runs++;
            plain.ranOn = Thread.currentThread();
            plain.returnedBefore = returned.get();
        });
        int[] seen = new int[2]; // each waiter writes its own; read after its join
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int waiterIndex = i;
            Thread waiter = start("waiter-" + i, () -> {
                barrier.await();
                seen[waiterIndex] = plain.runs;
                returned.incrementAndGet();
            });
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
        }
        assertEquals(0, plain.runs, "the action waits for the last party");
        assertEquals(2, barrier.await());
        assertSame(Thread.currentThread(), plain.ranOn, "the last arrival runs the action, in its own thread");
        assertEquals(0, plain.returnedBefore, "no waiter returned before the action ran");
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertArrayEquals(new int[] {1, 1}, seen, "every waiter sees what the action wrote");
        assertEquals(1, plain.runs, "once per generation");
    }

    /**
     * The parties run free; before each {@code await} each writes the generation's number to its own
     * plain slot, and the action checks every slot, then publishes the number in a plain field that each
     * party checks after its {@code await}. No volatile, no lock of the test's own: only the barrier's
     * promise orders them.
     */
    @Test
    void writesBeforeAwaitReachTheActionAndTheActionReachesEveryParty() throws InterruptedException {
        int parties = 3;
        int[] written = new int[parties]; // plain
        Plain plain = new Plain();
        Barrier barrier = newBarrier(parties, () -> {
            int generation = ++plain.runs;
            for (int t = 0; t < parties; t++) {
                if (written[t] != generation) {
                    throw new AssertionError("generation " + generation + ": the action saw party " + t
                            + "'s write of " + written[t]);
                }
            }
            plain.published = generation;
        });
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parties; t++) {
            int party = t;
            threads.add(start("party-" + t, abortingOnFailure(barrier, () -> {
                for (int generation = 1; generation <= ROUNDS; generation++) {
                    written[party] = generation;
                    barrier.await();
                    if (plain.published != generation) {
                        throw new AssertionError("generation " + generation + ": party " + party
                                + " saw the action's write of " + plain.published);
                    }
                }
            })));
        }
        assertAllReturn(threads);
        assertEquals(ROUNDS, plain.runs);
    }

    // ---- Reuse ----------------------------------------------------------------------------------------

    /**
     * Three parties run free for {@value #ROUNDS} generations; the action notes the thread that ran it.
     * Each generation hands out each index once, the action runs once per generation, and the thread that
     * ran it is the one that got the last index.
     */
    @Test
    void manyGenerationsInARowLoseNothingAndDuplicateNothing() throws InterruptedException {
        int parties = 3;
        Plain plain = new Plain();
        Thread[] ranOn = new Thread[ROUNDS]; // written by the action; read after the joins
        Barrier barrier = newBarrier(parties, () -> ranOn[plain.runs++] = Thread.currentThread());
        int[][] indexes = new int[ROUNDS][parties];
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parties; t++) {
            int party = t;
            threads.add(start("party-" + t, abortingOnFailure(barrier, () -> {
                for (int round = 0; round < ROUNDS; round++) {
                    indexes[round][party] = (round & 1) == 0 ? barrier.await() : barrier.await(1, TimeUnit.HOURS);
                }
            })));
        }
        assertAllReturn(threads);
        assertEquals(ROUNDS, plain.runs, "the action runs once per generation");
        for (int round = 0; round < ROUNDS; round++) {
            int[] sorted = indexes[round].clone();
            Arrays.sort(sorted);
            assertArrayEquals(new int[] {0, 1, 2}, sorted, "generation " + round + " handed out " + Arrays.toString(indexes[round]));
            for (int t = 0; t < parties; t++) {
                if (indexes[round][t] == parties - 1) {
                    assertSame(threads.get(t), ranOn[round], "generation " + round + ": the last arrival runs the action");
                }
            }
        }
        assertEquals(0, barrier.getNumberWaiting());
        assertFalse(barrier.isBroken());
        assertEquals("Barrier[Parties = 3, Waiting = 0]", barrier.toString());
    }

    // ---- Breaking -------------------------------------------------------------------------------------

    @Test
    void anInterruptedWaiterThrowsInterruptedExceptionAndTheOthersBrokenBarrierException() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(3, runs::incrementAndGet);
        Thread interrupted = start("interrupted", () -> {
            assertThrows(InterruptedException.class, barrier::await);
            assertFalse(Thread.currentThread().isInterrupted(), "the status goes with the exception");
        });
        awaitWaiting(barrier, interrupted);
        Thread other = start("other", () -> assertThrows(BrokenBarrierException.class, () -> barrier.await(1, TimeUnit.HOURS)));
        awaitWaiting(barrier, other);
        interrupted.interrupt();
        assertReturns(interrupted);
        assertReturns(other);
        assertBroken(barrier, 3);
        assertEquals(0, runs.get(), "a broken generation runs no action");
        barrier.reset();
        assertAFullGenerationTrips(barrier);
        assertEquals(1, runs.get());
    }

    /** As the JDK's: the interrupt breaks the generation even for the thread that would have tripped it. */
    @ParameterizedTest(name = "timed = {0}")
    @ValueSource(booleans = {false, true})
    void anInterruptOnEntryThrowsAndBreaksTheBarrierEvenForTheLastArrival(boolean timed) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(2, runs::incrementAndGet);
        Thread waiter = start("waiter", () -> assertThrows(BrokenBarrierException.class, barrier::await));
        awaitWaiting(barrier, waiter);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> {
            if (timed) {
                barrier.await(1, TimeUnit.HOURS);
            } else {
                barrier.await();
            }
        });
        assertFalse(Thread.currentThread().isInterrupted(), "the status goes with the exception");
        assertReturns(waiter);
        assertBroken(barrier, 2);
        assertEquals(0, runs.get());
        barrier.reset();
        assertAFullGenerationTrips(barrier);
        assertEquals(1, runs.get());
    }

    @Test
    void anInterruptOnEntryToAnEmptyBarrierBreaksIt() throws Exception {
        Barrier barrier = newBarrier(2, null);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, barrier::await);
        assertFalse(Thread.currentThread().isInterrupted());
        assertBroken(barrier, 2);
        barrier.reset();
        assertAFullGenerationTrips(barrier);
    }

    /** The untimed waiter is lined up first; the timed one may time out before or after it parks. */
    @Test
    void aWaiterThatTimesOutThrowsTimeoutExceptionAndTheOthersBrokenBarrierException() throws Exception {
        Barrier barrier = newBarrier(3, null);
        Thread untimed = start("untimed", () -> assertThrows(BrokenBarrierException.class, barrier::await));
        awaitWaiting(barrier, untimed);
        Thread timed = start("timed", () -> {
            assertThrows(TimeoutException.class, () -> barrier.await(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            assertFalse(Thread.currentThread().isInterrupted());
        });
        assertReturns(timed);
        assertReturns(untimed);
        assertBroken(barrier, 3);
        barrier.reset();
        assertAFullGenerationTrips(barrier);
    }

    @ParameterizedTest(name = "timeout = {0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aTimeoutOfZeroOrLessByAnEarlierArrivalBreaksTheBarrierAtOnce(long timeout) throws Exception {
        Barrier barrier = newBarrier(3, null);
        Thread waiter = start("waiter", () -> assertThrows(BrokenBarrierException.class, barrier::await));
        awaitWaiting(barrier, waiter);
        assertThrows(TimeoutException.class, () -> barrier.await(timeout, TimeUnit.SECONDS));
        assertReturns(waiter);
        assertBroken(barrier, 3);
        barrier.reset();
        assertThrows(TimeoutException.class, () -> barrier.await(timeout, TimeUnit.NANOSECONDS), "the first arrival, too");
        assertBroken(barrier, 3);
        barrier.reset();
        assertAFullGenerationTrips(barrier);
    }

    @ParameterizedTest(name = "timeout = {0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aTimeoutOfZeroOrLessByTheLastArrivalTripsTheBarrier(long timeout) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(2, runs::incrementAndGet);
        Thread waiter = start("waiter", () -> assertEquals(0, barrier.await()));
        awaitWaiting(barrier, waiter);
        assertEquals(1, barrier.await(timeout, TimeUnit.SECONDS), "it does not wait: it trips the barrier");
        assertReturns(waiter);
        assertEquals(1, runs.get());
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.getNumberWaiting());
    }

    /**
     * The action throws the first time only: the last arrival gets that very exception, the waiters
     * {@link BrokenBarrierException}, and the barrier stays broken until {@code reset()}; then a
     * generation trips and runs the action again. An {@link Error} as well as a {@link RuntimeException}.
     */
    @ParameterizedTest(name = "an Error = {0}")
    @ValueSource(booleans = {false, true})
    void anActionThatThrowsBreaksTheGenerationAndTheLastArrivalGetsItsException(boolean error) throws Exception {
        Throwable failure = error ? new Error("the action failed") : new IllegalStateException("the action failed");
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(3, () -> {
            if (runs.incrementAndGet() == 1) {
                if (failure instanceof Error e) {
                    throw e;
                }
                throw (RuntimeException) failure;
            }
        });
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread waiter = start("waiter-" + i, () -> assertThrows(BrokenBarrierException.class, barrier::await));
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
        }
        Throwable thrown = assertThrows(Throwable.class, barrier::await);
        assertSame(failure, thrown, "the last arrival throws what the action threw");
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertBroken(barrier, 3);
        assertEquals(1, runs.get());
        barrier.reset();
        assertAFullGenerationTrips(barrier);
        assertEquals(2, runs.get());
    }

    /**
     * An action that breaks its own barrier, by {@code abort()} or {@code reset()}, breaks the generation
     * for every party: the waiters and the last arrival throw {@link BrokenBarrierException}. After
     * {@code abort()} the barrier stays broken; after {@code reset()} a new generation works (the JDK's
     * last arrival returns normally here, while its waiters throw).
     */
    @ParameterizedTest(name = "reset = {0}")
    @ValueSource(booleans = {false, true})
    void anActionThatBreaksItsOwnBarrierBreaksItForEveryParty(boolean reset) throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier[] holder = new Barrier[1];
        Barrier barrier = newBarrier(2, () -> {
            if (runs.incrementAndGet() == 1) {
                if (reset) {
                    holder[0].reset();
                } else {
                    holder[0].abort();
                }
            }
        });
        holder[0] = barrier;
        Thread waiter = start("waiter", () -> assertThrows(BrokenBarrierException.class, barrier::await));
        awaitWaiting(barrier, waiter);
        assertThrows(BrokenBarrierException.class, barrier::await, "the last arrival too");
        assertReturns(waiter);
        if (reset) {
            assertFalse(barrier.isBroken(), "reset() started a new generation");
        } else {
            assertBroken(barrier, 2);
            barrier.reset();
        }
        assertAFullGenerationTrips(barrier);
        assertEquals(2, runs.get());
    }

    /**
     * An {@code await} from the action would wait for a generation that only its own caller can end:
     * it throws {@link IllegalStateException}, which the action passes on, so the generation breaks.
     */
    @Test
    void anAwaitFromTheActionThrowsIllegalStateException() throws Exception {
        Barrier[] holder = new Barrier[1];
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(1, () -> {
            if (runs.incrementAndGet() == 1) {
                try {
                    holder[0].await();
                } catch (InterruptedException | BrokenBarrierException e) {
                    throw new AssertionError("not what an await from the action throws", e);
                }
            }
        });
        holder[0] = barrier;
        assertThrows(IllegalStateException.class, barrier::await);
        assertBroken(barrier, 1);
        barrier.reset();
        assertEquals(0, barrier.await(), "a barrier of one trips at once");
        assertEquals(2, runs.get());
    }

    // ---- reset() and abort() --------------------------------------------------------------------------

    @Test
    void resetBreaksTheWaitersAndStartsAGenerationThatWorks() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(3, runs::incrementAndGet);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            boolean timed = (i & 1) == 1;
            Thread waiter = start("waiter-" + i, () -> assertThrows(BrokenBarrierException.class,
                    () -> {
                        if (timed) {
                            barrier.await(1, TimeUnit.HOURS);
                        } else {
                            barrier.await();
                        }
                    }));
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
        }
        barrier.reset();
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertFalse(barrier.isBroken(), "reset() starts a new generation");
        assertEquals(0, barrier.getNumberWaiting());
        assertEquals("Barrier[Parties = 3, Waiting = 0]", barrier.toString());
        assertEquals(0, runs.get(), "a reset generation runs no action");
        assertAFullGenerationTrips(barrier);
        assertEquals(1, runs.get());
    }

    @Test
    void resetWithoutWaitersBreaksNothing() throws Exception {
        Barrier barrier = newBarrier(2, null);
        barrier.reset();
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertAFullGenerationTrips(barrier);
    }

    @Test
    void abortBreaksTheWaitersAndTheBarrierStaysBrokenUntilReset() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        Barrier barrier = newBarrier(3, runs::incrementAndGet);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread waiter = start("waiter-" + i, () -> assertThrows(BrokenBarrierException.class, barrier::await));
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
        }
        barrier.abort();
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertBroken(barrier, 3);
        barrier.abort();
        assertBroken(barrier, 3);
        assertEquals(0, runs.get());
        barrier.reset();
        assertFalse(barrier.isBroken());
        assertAFullGenerationTrips(barrier);
        assertEquals(1, runs.get());
        barrier.abort();
        assertBroken(barrier, 3);
    }

    // ---- Interrupts after the trip ----------------------------------------------------------------------

    @ParameterizedTest(name = "timed = {0}")
    @ValueSource(booleans = {false, true})
    void aWaiterInterruptedAfterTheTripReturnsItsIndexWithItsInterruptStatusSet(boolean timed) throws Exception {
        Barrier barrier = newBarrier(2, null);
        AtomicInteger index = new AtomicInteger(-1);
        AtomicBoolean interruptedOnReturn = new AtomicBoolean();
        AtomicBoolean interruptSent = new AtomicBoolean();
        Thread waiter = start("waiter", () -> {
            index.set(timed ? barrier.await(1, TimeUnit.HOURS) : barrier.await());
            while (!interruptSent.get()) { // then the status says the same, whichever came first
                Thread.onSpinWait();
            }
            interruptedOnReturn.set(Thread.currentThread().isInterrupted());
        });
        awaitWaiting(barrier, waiter);
        assertEquals(1, barrier.await()); // trips the generation, before the interrupt is sent
        waiter.interrupt();
        interruptSent.set(true);
        assertReturns(waiter);
        assertEquals(0, index.get(), "tripped first: it returns its index");
        assertTrue(interruptedOnReturn.get(), "with its interrupt status set");
        assertFalse(barrier.isBroken());
        assertAFullGenerationTrips(barrier);
    }

    /** Rounds of each race below. */
    static final int RACE_ROUNDS = 5_000;

    /** The longest hold-back in those races, swept over the rounds in 2 ns steps. */
    static final int RACE_SWEEP_NANOS = 1_000;

    /**
     * An interrupt that races the trip either comes too late, and the waiter returns its index with its
     * interrupt status set, or breaks the generation, and the waiter throws {@link InterruptedException}
     * and the last arrival {@link BrokenBarrierException}: never a mix. See {@link #race}.
     */
    @Test
    void anInterruptThatRacesTheTripEitherComesTooLateOrBreaksTheWholeGeneration() throws InterruptedException {
        race(true);
    }

    /**
     * A timeout that runs out as the trip comes either comes too late, and the waiter returns its index,
     * or breaks the generation, and the waiter throws {@link TimeoutException} and the last arrival
     * {@link BrokenBarrierException}: never a mix. See {@link #race}.
     */
    @Test
    void aTimeoutThatRacesTheTripEitherComesTooLateOrBreaksTheWholeGeneration() throws InterruptedException {
        race(false);
    }

    // ---- Bad input --------------------------------------------------------------------------------------

    @Test
    void fewerThanOnePartyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> newBarrier(0, null));
        assertThrows(IllegalArgumentException.class, () -> newBarrier(-1, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> newBarrier(Integer.MIN_VALUE, null));
    }

    /** Not even a thread's interrupt status: the null is refused before anything is looked at. */
    @Test
    void aNullTimeUnitThrowsAndChangesNothing() throws Exception {
        Barrier barrier = newBarrier(3, null);
        assertThrows(NullPointerException.class, () -> barrier.await(1, null));
        Thread first = start("first", () -> assertEquals(0, barrier.await(), "the refused calls did not count"));
        awaitWaiting(barrier, first);
        assertThrows(NullPointerException.class, () -> barrier.await(1, null));
        assertThrows(NullPointerException.class, () -> barrier.await(0, null), "not a timeout of zero: it breaks nothing");
        Thread.currentThread().interrupt();
        assertThrows(NullPointerException.class, () -> barrier.await(1, null));
        assertTrue(Thread.interrupted(), "the interrupt status is left as it was");
        assertEquals(1, barrier.getNumberWaiting());
        assertFalse(barrier.isBroken());
        Thread second = start("second", () -> assertEquals(1, barrier.await()));
        awaitWaiting(barrier, second);
        assertEquals(2, barrier.await());
        assertReturns(first);
        assertReturns(second);
        assertFalse(barrier.isBroken());
    }

    // ---- Helpers -----------------------------------------------------------------------------------------

    /**
     * Races a waiter giving up against the trip, {@value #RACE_ROUNDS} times, on one barrier of 2 parties
     * that is reset after each round that broke it. A waiter thread and the test thread start each round
     * together at a spin barrier; the waiter arrives first, and the test thread arrives last as soon as
     * the waiter has arrived (or has broken the barrier). By interrupt: the test thread interrupts the
     * waiter first, held back 0 to {@value #RACE_SWEEP_NANOS} ns in 2 ns steps, swept over the rounds, so
     * that the interrupt lands before the waiter's entry, between its arrival and its park, and while it is
     * parked. By timeout: the waiter waits 1 ns in half the rounds, and 1 to 20 us in the others, and the
     * test thread's arrival is held back as the interrupt would be. Each round must be all one way or all
     * the other: checked by {@link #checkRound}.
     */
    private void race(boolean byInterrupt) throws InterruptedException {
        Barrier barrier = newBarrier(2, null);
        int[] indexes = new int[RACE_ROUNDS]; // written by the waiter before done.set(round), read after it
        Throwable[] thrown = new Throwable[RACE_ROUNDS];
        boolean[] interruptedAfter = new boolean[RACE_ROUNDS];
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger sent = new AtomicInteger(-1);
        AtomicInteger done = new AtomicInteger(-1);
        Thread waiter = start("racing-waiter", () -> {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                int current = round;
                spinUntil(() -> go.get() >= current, null, () -> "round " + current + " to start");
                long timeout = (round & 1) == 0 ? 1L : 1_000L + (7L * round) % 19_000L;
                try {
                    indexes[round] = byInterrupt ? barrier.await() : barrier.await(timeout, TimeUnit.NANOSECONDS);
                } catch (InterruptedException | BrokenBarrierException | TimeoutException gaveUp) {
                    thrown[round] = gaveUp;
                }
                if (byInterrupt) { // then the status says the same, whichever came first
                    spinUntil(() -> sent.get() >= current, null, () -> "the interrupt of round " + current);
                }
                interruptedAfter[round] = Thread.interrupted();
                done.set(round);
            }
        });
        for (int round = 0; round < RACE_ROUNDS; round++) {
            int current = round;
            long holdBack = (2L * round) % (RACE_SWEEP_NANOS + 2);
            go.set(round);
            if (byInterrupt) {
                spinFor(holdBack);
                waiter.interrupt();
                sent.set(round);
            }
            spinUntil(() -> barrier.getNumberWaiting() > 0 || barrier.isBroken(), waiter,
                    () -> "round " + current + ": the waiter to arrive");
            if (!byInterrupt) {
                spinFor(holdBack);
            }
            int lastIndex = -1;
            Throwable lastThrew = null;
            try {
                lastIndex = barrier.await(BOUND_MILLIS, TimeUnit.MILLISECONDS); // it arrives last: it never waits
            } catch (BrokenBarrierException | TimeoutException e) {
                lastThrew = e;
            }
            spinUntil(() -> done.get() >= current, waiter, () -> "round " + current + ": the waiter to return");
            String where = "round " + round + " (" + (byInterrupt ? "interrupt" : "arrival") + " held back "
                    + holdBack + " ns)";
            checkRound(barrier, byInterrupt, where, indexes[round], thrown[round], interruptedAfter[round],
                    lastIndex, lastThrew);
        }
        assertReturns(waiter);
    }

    /**
     * Checks one round of {@link #race}: the waiter returned index 0 (with its interrupt status set if
     * interrupted) and the last arrival index 1, the barrier whole; or the waiter threw the exception of its
     * way of giving up (with its status clear) and the last arrival {@link BrokenBarrierException}, the
     * barrier broken, then reset. Nobody waits after the round.
     */
    private static void checkRound(Barrier barrier, boolean byInterrupt, String where, int index, Throwable thrown,
            boolean interruptedAfter, int lastIndex, Throwable lastThrew) {
        String waiterDid = thrown == null ? "returned " + index : "threw " + thrown;
        String lastDid = lastThrew == null ? "returned " + lastIndex : "threw " + lastThrew;
        assertEquals(thrown == null, lastThrew == null,
                () -> where + ": a mix: the waiter " + waiterDid + ", the last arrival " + lastDid);
        if (thrown == null) {
            assertEquals(0, index, where);
            assertEquals(1, lastIndex, where);
            assertEquals(byInterrupt, interruptedAfter, () -> where + ": the waiter returned with its interrupt status "
                    + interruptedAfter);
            assertFalse(barrier.isBroken(), where);
        } else {
            Class<? extends Exception> gaveUp = byInterrupt ? InterruptedException.class : TimeoutException.class;
            assertInstanceOf(gaveUp, thrown, where);
            assertInstanceOf(BrokenBarrierException.class, lastThrew, where);
            assertFalse(interruptedAfter, () -> where + ": the status goes with the exception");
            assertTrue(barrier.isBroken(), where);
            barrier.reset();
        }
        assertEquals(0, barrier.getNumberWaiting(), where);
    }

    /** Spins for {@code nanos}, on {@link System#nanoTime()}. */
    private static void spinFor(long nanos) {
        long until = System.nanoTime() + nanos;
        while (System.nanoTime() < until) {
            Thread.onSpinWait();
        }
    }

    /**
     * Spins until {@code condition} holds; fails after {@value #BOUND_MILLIS} ms, or at once if
     * {@code other} (if not null) has ended, rethrowing what it threw.
     */
    private static void spinUntil(BooleanSupplier condition, Thread other, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (!condition.getAsBoolean()) {
            if (other != null && !other.isAlive()) {
                assertReturns(other); // rethrows what it threw
                fail(other.getName() + " ended while waiting for " + what.get());
            }
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + BOUND_MILLIS + " ms for " + what.get()
                        + (other == null ? "" : " (" + other.getName() + " " + other.getState() + ")"));
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Runs a full generation of {@code barrier}, lined up: {@code parties - 1} helper threads, then the test
     * thread last; each must get its index.
     */
    private void assertAFullGenerationTrips(Barrier barrier) throws Exception {
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < barrier.getParties() - 1; i++) {
            int position = i;
            Thread waiter = start("next-generation-" + i, () -> assertEquals(position, barrier.await()));
            awaitWaiting(barrier, waiter);
            waiters.add(waiter);
        }
        assertEquals(barrier.getParties() - 1, barrier.await());
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertFalse(barrier.isBroken());
        assertEquals(0, barrier.getNumberWaiting());
    }

    /**
     * Checks that {@code barrier} is broken: it says so, counts no waiter, and every arrival, untimed or
     * timed, throws {@link BrokenBarrierException} at once (in a helper, so that one that waits fails the
     * test within {@value #BOUND_MILLIS} ms).
     */
    private void assertBroken(Barrier barrier, int parties) throws InterruptedException {
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.getNumberWaiting(), "a broken barrier counts no waiter");
        assertEquals("Barrier[Parties = " + parties + ", Broken]", barrier.toString());
        Thread late = start("late", () -> {
            assertThrows(BrokenBarrierException.class, barrier::await);
            assertThrows(BrokenBarrierException.class, () -> barrier.await(1, TimeUnit.HOURS));
            assertThrows(BrokenBarrierException.class, () -> barrier.await(0, TimeUnit.HOURS));
        });
        assertReturns(late);
        assertTrue(barrier.isBroken(), "it stays broken until reset()");
        assertEquals(0, barrier.getNumberWaiting());
    }

    /** Plain fields, for the tests of the barrier's memory effects. */
    static final class Plain {
        int runs;
        int published;
        int returnedBefore = -1;
        Thread ranOn;
    }

    /** Something a thread does that may throw. */
    interface Body {
        void run() throws Exception;
    }

    /**
     * Wraps {@code body} so that a failure aborts {@code barrier}: the other parties then throw
     * {@link BrokenBarrierException} instead of waiting for one that will not come.
     */
    static Body abortingOnFailure(Barrier barrier, Body body) {
        return () -> {
            try {
                body.run();
            } catch (Throwable failure) {
                barrier.abort();
                throw failure;
            }
        };
    }

    /** A thread of a test; what it threw, if anything, is rethrown by {@link #assertReturns}. */
    static final class Worker extends Thread {
        private final Body body;
        private volatile Throwable failure;

        Worker(String name, Body body) {
            super(name);
            this.body = body;
            setDaemon(true); // a failed wait must not keep the JVM alive
        }

        @Override
        public void run() {
            try {
                body.run();
            } catch (Throwable t) {
                failure = t;
            }
        }
    }

    /** Starts a {@link Worker} running {@code body}. */
    Thread start(String name, Body body) {
        Worker worker = new Worker(name, body);
        started.add(worker);
        worker.start();
        return worker;
    }

    /** Waits until {@code thread} waits at {@code barrier}: parked, timed or not, with the barrier as blocker. */
    static void awaitWaiting(Barrier barrier, Thread thread) {
        Parking.awaitParkedOn(thread, barrier);
    }

    /** Fails unless {@code thread} ends within {@value #BOUND_MILLIS} ms. */
    static void assertReturns(Thread thread) throws InterruptedException {
        thread.join(BOUND_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " did not return within " + BOUND_MILLIS + " ms");
        if (thread instanceof Worker worker && worker.failure != null) {
            throw new AssertionError(thread.getName() + " failed", worker.failure);
        }
    }

    /**
     * Fails unless every thread ends within {@value #RUN_MILLIS} ms, rethrowing what one threw: a failure
     * other than {@link BrokenBarrierException} first, since that is what broke the barrier for the others.
     */
    static void assertAllReturn(List<Thread> threads) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MILLIS);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        Worker cause = null;
        for (Thread thread : threads) {
            if (thread instanceof Worker worker && worker.failure != null && (cause == null
                    || cause.failure instanceof BrokenBarrierException && !(worker.failure instanceof BrokenBarrierException))) {
                cause = worker;
            }
        }
        if (cause != null) {
            throw new AssertionError(cause.getName() + " failed", cause.failure);
        }
        for (Thread thread : threads) {
            assertFalse(thread.isAlive(), thread.getName() + " did not return within " + RUN_MILLIS + " ms");
        }
    }
}
