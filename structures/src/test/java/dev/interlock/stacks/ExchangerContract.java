/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract of an exchanger, the behaviour of {@link java.util.concurrent.Exchanger}: two threads
 * meet and swap values; a timed exchange gives up; interrupts are honoured; and, above all, a value is
 * never lost, duplicated or half exchanged. Each subclass supplies an exchanger through
 * {@link #newExchanger()}; {@code JdkExchangerContractTest} runs the whole contract against the JDK's
 * exchanger, which shows that it asks only what a real exchanger does.
 *
 * <p>The rules every test checks, from {@link LockFreeExchanger}'s documentation:
 * <ul>
 *   <li>each successful exchange pairs exactly two threads, and each receives the other's value
 *       (null included);</li>
 *   <li>an exchange that throws {@link TimeoutException} or {@link InterruptedException} gave its
 *       value to no one and received nothing: no later exchange sees that value;</li>
 *   <li>a time of zero or less does not wait: it pairs only with a thread already waiting;</li>
 *   <li>{@link InterruptedException} if the thread is interrupted on entry or while waiting, with the
 *       interrupt status cleared, unless the exchange already completed, in which case it returns the
 *       partner's value with the status set;</li>
 *   <li>a null unit throws {@link NullPointerException} and exchanges nothing;</li>
 *   <li>memory consistency: what a thread did before its exchange is visible to its partner after
 *       the partner's exchange returns, in both directions.</li>
 * </ul>
 *
 * <p>Tests that must not hang use timed exchanges on the test thread, and join helper threads with
 * a generous limit ({@link #PROMPT_MILLIS}): an exchanger that never pairs fails instead of hanging
 * the build, and every test has a {@link Timeout} of a minute as a last resort. The concurrent tests
 * take about a second each.
 */
@Timeout(60)
abstract class ExchangerContract {

    /** How long a test waits for something that must happen promptly. Generous: CI machines are slow. */
    static final long PROMPT_MILLIS = 10_000;

    /** The outcome recorded for an exchange that threw {@link TimeoutException}. */
    private static final int TIMED_OUT = -1;

    /** The outcome recorded for an exchange that threw {@link InterruptedException}. */
    private static final int INTERRUPTED = -2;

    /**
     * Creates a new exchanger.
     *
     * @param <V> the type of the values exchanged
     * @return a new exchanger, on which no thread waits
     */
    protected abstract <V> ExchangerUnderTest<V> newExchanger();

    /**
     * Whether an exchange called with the interrupt status set throws {@link InterruptedException} even
     * when a partner is already waiting. {@link LockFreeExchanger} does (its contract: "interrupted on
     * entry"). {@link java.util.concurrent.Exchanger} does not: it matches a waiting partner first and
     * looks at the interrupt status only when it must wait, so it returns the partner's value with the
     * status still set. Both are whole exchanges or none, which the test checks either way.
     *
     * @return true if the interrupt on entry always wins
     */
    protected boolean interruptOnEntryWinsOverAWaitingPartner() {
        return true;
    }

    /**
     * Whether the most negative timeouts ({@link Long#MIN_VALUE} nanoseconds, a huge negative number of
     * seconds) behave like zero. They do in {@link LockFreeExchanger}. In JDK 17's
     * {@link java.util.concurrent.Exchanger} they do not: it computes {@code end = System.nanoTime() +
     * nanos} and then waits while {@code end - System.nanoTime() > 0}, which overflows to a huge
     * positive wait (measured on 17.0.15: {@code exchange(x, Long.MIN_VALUE, NANOSECONDS)} with no
     * partner was still waiting after 2 s, where -1 threw at once).
     *
     * @return true if every timeout of zero or less, however negative, does not wait
     */
    protected boolean mostNegativeTimeoutsDoNotWait() {
        return true;
    }

    /** The timeouts of zero or less that the tests try, in nanoseconds. */
    private long[] nonPositiveTimeoutsNanos() {
        return mostNegativeTimeoutsDoNotWait()
                ? new long[] {0, -1, -TimeUnit.DAYS.toNanos(1), Long.MIN_VALUE / 2, Long.MIN_VALUE}
                : new long[] {0, -1, -TimeUnit.DAYS.toNanos(1)};
    }

    // ------------------------------------------------------------------------------------------------
    // Helpers

    /** A task that returns a result and may throw. */
    @FunctionalInterface
    interface Callable {
        Object call() throws Exception;
    }

    /** Starts a daemon thread; its result, or what it threw, is kept in {@code outcome}. */
    static Thread start(String name, AtomicReference<Object> outcome, Callable body) {
        Thread thread = new Thread(() -> {
            try {
                outcome.set(body.call());
            } catch (Throwable t) {
                outcome.set(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Waits until {@code thread} is parked (waiting or timed waiting), or fails. */
    static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(thread.isAlive(), thread.getName() + " ended instead of waiting");
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never waited");
            Thread.sleep(1);
        }
    }

    static void awaitEnd(Thread thread) throws InterruptedException {
        thread.join(PROMPT_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " did not finish");
    }

    /** Starts a thread that waits (untimed, or timed with a long timeout) to exchange {@code value}. */
    private static Thread startWaiting(ExchangerUnderTest<String> exchanger, String value, boolean timed,
                                       AtomicReference<Object> outcome) {
        return start("waiter of " + value, outcome, () -> timed
                ? exchanger.exchange(value, 3 * PROMPT_MILLIS, TimeUnit.MILLISECONDS)
                : exchanger.exchange(value));
    }

    /**
     * Checks that no offer is left in the exchanger: an exchange that does not wait finds no one.
     * Called after a timeout or an interrupt, it shows that the value was withdrawn, not left for a
     * later thread to take.
     */
    private static void assertNoOneIsWaiting(ExchangerUnderTest<String> exchanger) {
        assertThrows(TimeoutException.class, () -> exchanger.exchange("probe", 0, TimeUnit.NANOSECONDS),
                "an exchange that does not wait found a partner: a withdrawn value was still on offer");
    }

    /** Two fresh threads swap fresh values: the exchanger still works, and nobody sees an old value. */
    private static void assertAFreshPairSwaps(ExchangerUnderTest<String> exchanger) throws Exception {
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread other = start("fresh partner", outcome, () -> exchanger.exchange("fresh 1"));
        assertEquals("fresh 1", exchanger.exchange("fresh 2", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(other);
        assertEquals("fresh 2", outcome.get());
    }

    // ------------------------------------------------------------------------------------------------
    // Two threads

    @Test
    void twoThreadsSwapTheirValues() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread other = start("other", outcome, () -> exchanger.exchange("from other"));
        assertEquals("from other", exchanger.exchange("from test", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(other);
        assertEquals("from test", outcome.get());
    }

    /** Every combination of the untimed and the timed exchange, whichever arrives first. */
    @Test
    void untimedAndTimedExchangesPairWithEachOther() throws Exception {
        for (boolean firstTimed : new boolean[] {false, true}) {
            for (boolean secondTimed : new boolean[] {false, true}) {
                ExchangerUnderTest<String> exchanger = newExchanger();
                AtomicReference<Object> first = new AtomicReference<>();
                AtomicReference<Object> second = new AtomicReference<>();
                Thread waiter = startWaiting(exchanger, "first", firstTimed, first);
                awaitParked(waiter);
                Thread arriving = startWaiting(exchanger, "second", secondTimed, second);
                awaitEnd(arriving);
                awaitEnd(waiter);
                String how = "first timed: " + firstTimed + ", second timed: " + secondTimed;
                assertEquals("second", first.get(), how);
                assertEquals("first", second.get(), how);
            }
        }
    }

    /** A thread waiting with a long timeout is woken as soon as its partner comes, not at its timeout. */
    @Test
    void aWaitingThreadIsWokenPromptlyByItsPartner() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread waiter = startWaiting(exchanger, "waiter", true, outcome);
        awaitParked(waiter);
        long start = System.nanoTime();
        assertEquals("waiter", exchanger.exchange("partner", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(waiter);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS), "woken late");
        assertEquals("partner", outcome.get());
    }

    @Test
    void nullsAreExchangedLikeAnyOtherValue() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        AtomicReference<Object> outcome = new AtomicReference<>("not set");
        Thread other = start("null giver", outcome, () -> exchanger.exchange(null));
        assertNull(exchanger.exchange("value", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(other);
        assertEquals("value", outcome.get());

        outcome.set("not set");
        Thread another = start("null giver", outcome, () -> exchanger.exchange(null, PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        assertNull(exchanger.exchange(null, PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(another);
        assertNull(outcome.get());
    }

    // ------------------------------------------------------------------------------------------------
    // Timeouts

    @Test
    void aTimedExchangeWithNoPartnerTimesOutAfterItsTimeoutAndGaveItsValueToNoOne() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, () -> exchanger.exchange("lonely", 50, TimeUnit.MILLISECONDS));
        long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(50), "gave up before its timeout: " + elapsed + " ns");
        assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS), "timed out late: " + elapsed + " ns");
        assertNoOneIsWaiting(exchanger);
        assertAFreshPairSwaps(exchanger);
    }

    /** A time of zero or less does not wait, and leaves nothing on offer for a later thread. */
    @Test
    void aTimeOfZeroOrLessDoesNotWaitWhenNoOneIsWaiting() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        for (long timeout : nonPositiveTimeoutsNanos()) {
            long start = System.nanoTime();
            assertThrows(TimeoutException.class, () -> exchanger.exchange("now", timeout, TimeUnit.NANOSECONDS));
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(1), "a time of " + timeout + " ns waited");
        }
        // Had a zero-time exchange left its value on offer, this timed one would have taken it.
        assertThrows(TimeoutException.class, () -> exchanger.exchange("later", 20, TimeUnit.MILLISECONDS));
        assertAFreshPairSwaps(exchanger);
    }

    @Test
    void aTimeOfZeroOrLessPairsWithAThreadAlreadyWaiting() throws Exception {
        for (long timeout : nonPositiveTimeoutsNanos()) {
            for (boolean waiterTimed : new boolean[] {false, true}) {
                ExchangerUnderTest<String> exchanger = newExchanger();
                AtomicReference<Object> outcome = new AtomicReference<>();
                Thread waiter = startWaiting(exchanger, "waiting", waiterTimed, outcome);
                awaitParked(waiter);
                assertEquals("waiting", exchanger.exchange("now", timeout, TimeUnit.NANOSECONDS),
                        "time " + timeout + ", waiter timed: " + waiterTimed);
                awaitEnd(waiter);
                assertEquals("now", outcome.get());
            }
        }
    }

    /** The longest timeouts (whose deadline overflows a {@code long} of nanoseconds) still wait. */
    @Test
    void theLongestTimeoutsWaitForAPartner() throws Exception {
        for (TimeUnit unit : new TimeUnit[] {TimeUnit.NANOSECONDS, TimeUnit.DAYS}) {
            ExchangerUnderTest<String> exchanger = newExchanger();
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread waiter = start("patient waiter", outcome, () -> exchanger.exchange("patient", Long.MAX_VALUE, unit));
            awaitParked(waiter);
            assertEquals("patient", exchanger.exchange("partner", Long.MAX_VALUE, unit));
            awaitEnd(waiter);
            assertEquals("partner", outcome.get(), unit.toString());
        }
    }

    @Test
    void aNullUnitIsRejectedAndExchangesNothing() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        assertThrows(NullPointerException.class, () -> exchanger.exchange("x", 1, null));
        assertNoOneIsWaiting(exchanger);

        // Not even with a partner waiting: the partner keeps waiting, for a real exchange.
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread waiter = startWaiting(exchanger, "waiting", true, outcome);
        awaitParked(waiter);
        assertThrows(NullPointerException.class, () -> exchanger.exchange("x", 0, null));
        assertThrows(NullPointerException.class, () -> exchanger.exchange("x", 1, null));
        assertTrue(waiter.isAlive(), "the partner was released by an exchange that threw");
        assertEquals("waiting", exchanger.exchange("real", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        awaitEnd(waiter);
        assertEquals("real", outcome.get());
    }

    // ------------------------------------------------------------------------------------------------
    // Interrupts

    @Test
    void anInterruptStatusSetOnEntryThrowsClearsTheStatusAndGivesNothing() throws Exception {
        ExchangerUnderTest<String> exchanger = newExchanger();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> exchanger.exchange("x"));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> exchanger.exchange("x", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> exchanger.exchange("x", 0, TimeUnit.MILLISECONDS));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        assertNoOneIsWaiting(exchanger);
        assertAFreshPairSwaps(exchanger);
    }

    /**
     * An exchange called with the interrupt status set while a partner waits: either it throws and the
     * partner keeps waiting (LockFreeExchanger, always), or it completes the exchange and keeps the
     * status set ({@link java.util.concurrent.Exchanger}); never anything in between.
     */
    @Test
    void anInterruptOnEntryWithAPartnerWaitingIsAWholeExchangeOrNone() throws Exception {
        for (int variant = 0; variant < 3; variant++) {
            ExchangerUnderTest<String> exchanger = newExchanger();
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread waiter = startWaiting(exchanger, "waiting", true, outcome);
            awaitParked(waiter);
            int which = variant;
            Thread.currentThread().interrupt();
            Object result;
            try {
                result = switch (which) {
                    case 0 -> exchanger.exchange("interrupted");
                    case 1 -> exchanger.exchange("interrupted", PROMPT_MILLIS, TimeUnit.MILLISECONDS);
                    default -> exchanger.exchange("interrupted", 0, TimeUnit.MILLISECONDS);
                };
            } catch (InterruptedException expected) {
                result = expected;
            }
            boolean stillInterrupted = Thread.interrupted();
            if (result instanceof InterruptedException) {
                assertFalse(stillInterrupted, "threw, but left the interrupt status set");
                assertTrue(waiter.isAlive(), "threw, but released the waiting partner");
                assertEquals("waiting", exchanger.exchange("real", PROMPT_MILLIS, TimeUnit.MILLISECONDS));
                awaitEnd(waiter);
                assertEquals("real", outcome.get(), "the partner received the value of an exchange that threw");
            } else {
                assertFalse(interruptOnEntryWinsOverAWaitingPartner(),
                        "variant " + which + ": an exchange interrupted on entry returned " + result);
                assertEquals("waiting", result);
                assertTrue(stillInterrupted, "completed, but cleared the interrupt status");
                awaitEnd(waiter);
                assertEquals("interrupted", outcome.get());
            }
        }
    }

    @Test
    void anInterruptWhileWaitingThrowsClearsTheStatusAndGivesTheValueToNoOne() throws Exception {
        for (boolean timed : new boolean[] {false, true}) {
            ExchangerUnderTest<String> exchanger = newExchanger();
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread waiter = start("interrupted waiter", outcome, () -> {
                try {
                    return timed ? exchanger.exchange("withdrawn", 3 * PROMPT_MILLIS, TimeUnit.MILLISECONDS)
                            : exchanger.exchange("withdrawn");
                } catch (InterruptedException e) {
                    return Thread.currentThread().isInterrupted() ? "threw with the status still set" : e;
                }
            });
            awaitParked(waiter);
            waiter.interrupt();
            awaitEnd(waiter);
            assertTrue(outcome.get() instanceof InterruptedException, () -> "timed: " + timed + ", got " + outcome.get());
            assertNoOneIsWaiting(exchanger);
            assertAFreshPairSwaps(exchanger);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Many exchanges: nothing lost, duplicated or half exchanged

    /**
     * With two threads and untimed exchanges only, the i-th exchange of one thread can pair only with
     * the i-th of the other: each must receive exactly the other's i-th value.
     */
    @Test
    void twoThreadsPairEveryExchangeInOrder() throws Exception {
        ExchangerUnderTest<Integer> exchanger = newExchanger();
        int rounds = 20_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int self = t;
            threads.add(worker("pair-" + t, failure, () -> {
                for (int i = 0; i < rounds; i++) {
                    int received = exchanger.exchange(self * rounds + i);
                    if (received != (1 - self) * rounds + i) {
                        throw new AssertionError("thread " + self + " round " + i + " received " + received);
                    }
                }
                return null;
            }));
        }
        joinAll(threads, failure);
    }

    /**
     * Four threads (more than this machine's two cores, so that offers are preempted) exchange distinct
     * values with timeouts from zero to a millisecond. Every exchange either timed out or received a
     * value given by another thread, whose exchange received this one's value: so every value is
     * received by exactly one other thread or by no one, and a timed-out value by no one.
     */
    @Test
    void manyThreadsWithTimeoutsLoseDuplicateAndHalfExchangeNothing() throws Exception {
        int threads = 4;
        int rounds = 10_000;
        long[] timeoutsNanos = {0, 1_000, 20_000, 200_000, 1_000_000};
        ExchangerUnderTest<Integer> exchanger = newExchanger();
        int[] received = new int[threads * rounds];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int self = t;
            workers.add(worker("exchanger-" + t, failure, () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                go.await();
                for (int i = 0; i < rounds; i++) {
                    int value = self * rounds + i;
                    try {
                        received[value] = exchanger.exchange(value,
                                timeoutsNanos[random.nextInt(timeoutsNanos.length)], TimeUnit.NANOSECONDS);
                    } catch (TimeoutException e) {
                        received[value] = TIMED_OUT;
                    }
                }
                return null;
            }));
        }
        go.countDown();
        joinAll(workers, failure);
        Tally tally = assertPairedSymmetrically(received, rounds);
        System.out.printf("[exchanger] %s, 4 threads with timeouts: %s%n", getClass().getSimpleName(), tally);
        assertTrue(tally.pairs > 0, "nothing was exchanged: the test proved nothing");
    }

    /**
     * The same with interrupts: an interrupter interrupts the workers at random while they make untimed
     * and timed exchanges. An exchange that threw {@link InterruptedException} gave its value to no one;
     * one that completed although interrupted returned its partner's value, with the status set (the
     * next exchange of that thread then throws on entry).
     */
    @Test
    void interruptsAndTimeoutsLoseDuplicateAndHalfExchangeNothing() throws Exception {
        int threads = 4;
        int rounds = 5_000;
        ExchangerUnderTest<Integer> exchanger = newExchanger();
        int[] received = new int[threads * rounds];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicBoolean working = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int self = t;
            workers.add(worker("exchanger-" + t, failure, () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < rounds; i++) {
                    int value = self * rounds + i;
                    try {
                        received[value] = switch (random.nextInt(3)) {
                            case 0 -> exchanger.exchange(value); // ended by a partner or an interrupt
                            case 1 -> exchanger.exchange(value, 100, TimeUnit.MICROSECONDS);
                            default -> exchanger.exchange(value, 0, TimeUnit.NANOSECONDS);
                        };
                    } catch (TimeoutException e) {
                        received[value] = TIMED_OUT;
                    } catch (InterruptedException e) {
                        received[value] = INTERRUPTED;
                    }
                }
                Thread.interrupted();
                return null;
            }));
        }
        Thread interrupter = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (working.get()) {
                workers.get(random.nextInt(workers.size())).interrupt();
                for (int spin = random.nextInt(2_000); spin > 0; spin--) {
                    Thread.onSpinWait();
                }
                Thread.yield();
            }
        }, "interrupter");
        interrupter.setDaemon(true);
        interrupter.start();
        try {
            joinAll(workers, failure);
        } finally {
            working.set(false);
            interrupter.join(PROMPT_MILLIS);
        }
        Tally tally = assertPairedSymmetrically(received, rounds);
        System.out.printf("[exchanger] %s, 4 threads with interrupts: %s%n", getClass().getSimpleName(), tally);
        assertTrue(tally.pairs > 0, "nothing was exchanged: the test proved nothing");
    }

    /** How the exchanges of a run ended. */
    private record Tally(int pairs, int timedOut, int interrupted) {
    }

    /**
     * Checks the outcome of a run in which thread {@code t} gave the values {@code t * rounds} to
     * {@code (t + 1) * rounds - 1}, and {@code received[v]} is what the exchange that gave {@code v}
     * received, or {@link #TIMED_OUT} or {@link #INTERRUPTED}.
     */
    private static Tally assertPairedSymmetrically(int[] received, int rounds) {
        int pairs = 0;
        int timedOut = 0;
        int interrupted = 0;
        for (int given = 0; given < received.length; given++) {
            int got = received[given];
            if (got == TIMED_OUT) {
                timedOut++;
            } else if (got == INTERRUPTED) {
                interrupted++;
            } else {
                assertTrue(got >= 0 && got < received.length, "value " + given + " was exchanged for " + got
                        + ", which nobody gave");
                assertTrue(got / rounds != given / rounds, "value " + given + " was exchanged for " + got
                        + ", a value of its own thread");
                // Symmetry: the exchange that gave what we got must have got what we gave. This also
                // means no value is received twice, and a timed-out or interrupted value never.
                int partnerGot = received[got];
                assertEquals(given, partnerGot, "value " + given + " received " + got + ", but the exchange that gave "
                        + got + " " + describe(partnerGot) + ": a value was duplicated or half exchanged");
                pairs++;
            }
        }
        assertEquals(0, pairs % 2, "exchanges pair up");
        return new Tally(pairs / 2, timedOut, interrupted);
    }

    private static String describe(int outcome) {
        return switch (outcome) {
            case TIMED_OUT -> "timed out";
            case INTERRUPTED -> "was interrupted";
            default -> "received " + outcome;
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Memory consistency

    /** A value with plain fields, written before the exchange and read by the partner after it. */
    private static final class Box {
        int round;
        long payload;
        String label;
        int[] array;
    }

    /**
     * What each thread writes to plain fields before its exchange, its partner reads after its own
     * exchange returns: the fields of the exchanged object, and a plain field that is not exchanged at
     * all, in both directions. (A coarse check: on x86 a missing barrier rarely shows; the jcstress test
     * {@code Stacks_06_ExchangerSwaps} looks closer.)
     */
    @Test
    void whatEachThreadDidBeforeTheExchangeIsVisibleToItsPartnerAfterIt() throws Exception {
        ExchangerUnderTest<Box> exchanger = newExchanger();
        int rounds = 20_000;
        long[] sideChannel = new long[2]; // plain, not exchanged: written by one thread, read by the other
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int self = t;
            threads.add(worker("box-" + t, failure, () -> {
                for (int i = 0; i < rounds; i++) {
                    Box mine = new Box();
                    mine.round = i;
                    mine.payload = ((long) self << 32) | i;
                    mine.label = self + ":" + i;
                    mine.array = new int[] {i, i + 1, i + 2};
                    sideChannel[self] = ((long) i << 1) | self;
                    Box theirs = exchanger.exchange(mine);
                    int other = 1 - self;
                    if (theirs.round != i || theirs.payload != (((long) other << 32) | i)
                            || !(other + ":" + i).equals(theirs.label) || theirs.array[2] != i + 2) {
                        throw new AssertionError("thread " + self + " round " + i + " saw a stale box");
                    }
                    // The partner wrote its side channel for round i before its exchange; it may already
                    // have written round i + 1 too, but never anything older than i.
                    long seen = sideChannel[other];
                    if ((seen & 1) != other || (seen >>> 1) < i) {
                        throw new AssertionError("thread " + self + " round " + i + " saw side channel " + seen);
                    }
                }
                return null;
            }));
        }
        joinAll(threads, failure);
    }

    // ------------------------------------------------------------------------------------------------

    private static Thread worker(String name, AtomicReference<Throwable> failure, Callable body) {
        Thread thread = new Thread(() -> {
            try {
                body.call();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void joinAll(List<Thread> threads, AtomicReference<Throwable> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * PROMPT_MILLIS);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker failed", failure.get());
        }
        for (Thread thread : threads) {
            assertFalse(thread.isAlive(), thread.getName() + " did not finish: an exchange never paired");
        }
    }
}
