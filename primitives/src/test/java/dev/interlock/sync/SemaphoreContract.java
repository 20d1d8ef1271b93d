/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The contract of a semaphore with {@link Semaphore}'s promises, for each implementation to extend: counting, bad input that changes nothing, the bound, the queue's
 * order (first in, first out; a large request holds back the small ones behind it; a fair semaphore
 * queues every arrival behind the waiters), interrupts and timeouts that lose no permit, a waiter
 * that gives up passing its place on, and arrivals and timeouts that race a release. The tests that take both modes run each. Each waiter is lined up
 * before the release that must serve it: {@link #awaitQueued} waits until it is in the queue and parked.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class SemaphoreContract {

    /** How long a thread that must return may take: it needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** How long {@link #twoThreadsPassingOnePermitNeverStall} passes the permit, per mode. */
    static final long HAND_OFF_MILLIS = 1_000;

    /** How long a timed head waits before it gives up: long enough to line the others up behind it. */
    static final long HEAD_TIMEOUT_MILLIS = 1_000;

    /**
     * @param permits the permits at first
     * @param fair whether arrivals queue behind waiters in every acquire method
     * @return a new unbounded semaphore
     */
    protected abstract Semaphore newSemaphore(int permits, boolean fair);

    /**
     * @param permits the permits at first, and the bound
     * @param fair whether arrivals queue behind waiters in every acquire method
     * @return a new bounded semaphore
     */
    protected abstract Semaphore newBounded(int permits, boolean fair);

    private Semaphore newSemaphore(int permits) {
        return newSemaphore(permits, false);
    }

    private Semaphore newBounded(int permits) {
        return newBounded(permits, false);
    }

    // ---- Counting and bad input ----------------------------------------------------------------------

    @Test
    void permitsAreCountedAcrossTakesAndReleases() throws InterruptedException {
        Semaphore semaphore = newSemaphore(3);
        assertTrue(semaphore.tryAcquire());
        assertTrue(semaphore.tryAcquire(2));
        assertFalse(semaphore.tryAcquire());
        assertEquals(0, semaphore.availablePermits());
        semaphore.release(2);
        semaphore.acquire();
        assertTrue(semaphore.tryAcquire(1, 0, TimeUnit.SECONDS));
        assertFalse(semaphore.tryAcquire(1, 1, TimeUnit.MILLISECONDS));
        semaphore.release();
        semaphore.acquireUninterruptibly();
        assertEquals(0, semaphore.availablePermits());
        assertEquals("Semaphore[Permits = 0]", semaphore.toString());
        assertFalse(semaphore.isFair());
        assertFalse(semaphore.isBounded());
        assertTrue(newSemaphore(0, true).isFair());
        assertTrue(newBounded(1, true).isBounded());
    }

    @Test
    void zeroPermitsAreAcquiredAtOnceAndReleasingZeroChangesNothing() throws InterruptedException {
        Semaphore semaphore = newSemaphore(-2);
        assertTrue(semaphore.tryAcquire(0));
        semaphore.acquire(0);
        semaphore.acquireUninterruptibly(0);
        assertTrue(semaphore.tryAcquire(0, 0, TimeUnit.SECONDS));
        semaphore.release(0);
        assertEquals(-2, semaphore.availablePermits());
    }

    @Test
    void negativePermitsNeedReleasesFirst() throws InterruptedException {
        Semaphore semaphore = newSemaphore(-1);
        assertFalse(semaphore.tryAcquire());
        Thread waiter = start("waiter", semaphore::acquire);
        awaitQueued(semaphore, waiter);
        semaphore.release();
        assertEquals(1, semaphore.getQueueLength(), "one release brings the permits to 0: not enough");
        semaphore.release();
        assertReturns(waiter);
        assertEquals(0, semaphore.availablePermits());
    }

    @Test
    void drainTakesWhatIsAvailableAndClearsADebt() {
        Semaphore semaphore = newSemaphore(5);
        assertEquals(5, semaphore.drainPermits());
        assertEquals(0, semaphore.drainPermits());
        assertEquals(0, semaphore.availablePermits());
        Semaphore inDebt = newSemaphore(-3);
        assertEquals(-3, inDebt.drainPermits());
        assertEquals(0, inDebt.availablePermits());
    }

    @Test
    void badInputThrowsAndChangesNothing() {
        Semaphore semaphore = newSemaphore(2, true);
        assertThrows(IllegalArgumentException.class, () -> semaphore.acquire(-1));
        assertThrows(IllegalArgumentException.class, () -> semaphore.acquireUninterruptibly(-1));
        assertThrows(IllegalArgumentException.class, () -> semaphore.tryAcquire(-1));
        assertThrows(IllegalArgumentException.class, () -> semaphore.tryAcquire(-1, 1, TimeUnit.SECONDS));
        assertThrows(IllegalArgumentException.class, () -> semaphore.release(-1));
        assertThrows(NullPointerException.class, () -> semaphore.tryAcquire(1, null));
        assertThrows(NullPointerException.class, () -> semaphore.tryAcquire(1, 1, null));
        assertThrows(IllegalArgumentException.class, () -> newBounded(-1));
        assertEquals(2, semaphore.availablePermits());
        assertEquals(0, semaphore.getQueueLength());
    }

    @Test
    void aReleasePastIntegerMaxValueThrowsAndReleasesNothing() {
        Semaphore semaphore = newSemaphore(Integer.MAX_VALUE - 1);
        IllegalStateException overflow = assertThrows(IllegalStateException.class, () -> semaphore.release(2));
        assertTrue(overflow.getMessage().contains("Integer.MAX_VALUE"), overflow::getMessage);
        assertEquals(Integer.MAX_VALUE - 1, semaphore.availablePermits());
        semaphore.release();
        assertEquals(Integer.MAX_VALUE, semaphore.availablePermits());
        assertThrows(IllegalStateException.class, semaphore::release);
        assertEquals(Integer.MAX_VALUE, semaphore.availablePermits());
    }

    // ---- The bound --------------------------------------------------------------------------------------

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aBoundedSemaphoreRefusesAReleaseAboveItsBound(boolean fair) {
        Semaphore semaphore = newBounded(3, fair);
        IllegalStateException above = assertThrows(IllegalStateException.class, semaphore::release);
        assertTrue(above.getMessage().contains("bound of 3"), above::getMessage);
        assertEquals(3, semaphore.availablePermits());
        assertTrue(semaphore.tryAcquire(2));
        assertThrows(IllegalStateException.class, () -> semaphore.release(3));
        assertEquals(1, semaphore.availablePermits(), "a refused release releases nothing, not even a part");
        semaphore.release(2);
        assertEquals(3, semaphore.availablePermits(), "a release up to the bound itself is allowed");
    }

    @Test
    void aBoundedSemaphoreRefusesARequestItCouldNeverGrant() {
        Semaphore semaphore = newBounded(2);
        assertThrows(IllegalArgumentException.class, () -> semaphore.acquire(3));
        assertThrows(IllegalArgumentException.class, () -> semaphore.tryAcquire(3));
        assertThrows(IllegalArgumentException.class, () -> semaphore.acquireUninterruptibly(3));
        assertThrows(IllegalArgumentException.class, () -> semaphore.tryAcquire(3, 1, TimeUnit.SECONDS));
        assertEquals(2, semaphore.availablePermits());
        assertTrue(newBounded(0).tryAcquire(0));
    }

    // ---- The queue's order ------------------------------------------------------------------------------

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void waitersAreServedFirstInFirstOut(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, fair);
        List<Integer> served = new ArrayList<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int index = i;
            Thread waiter = start("waiter-" + i, () -> {
                semaphore.acquire();
                synchronized (served) {
                    served.add(index);
                }
            });
            awaitQueued(semaphore, waiter);
            waiters.add(waiter);
        }
        assertEquals(waiters, semaphore.getQueuedThreads());
        assertTrue(semaphore.hasQueuedThreads());
        for (int i = 0; i < waiters.size(); i++) {
            semaphore.release();
            assertReturns(waiters.get(i));
        }
        assertEquals(List.of(0, 1, 2, 3), served);
        assertFalse(semaphore.hasQueuedThreads());
        assertEquals(List.of(), semaphore.getQueuedThreads());
    }

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aLargeRequestAtTheHeadHoldsBackTheSmallOnesBehindIt(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, fair);
        Thread large = start("large", () -> semaphore.acquire(3));
        awaitQueued(semaphore, large);
        Thread small = start("small", semaphore::acquire);
        awaitQueued(semaphore, small);
        semaphore.release(2);
        assertEquals(2, semaphore.getQueueLength(), "two permits: not enough for the head, and the small one waits behind it");
        semaphore.release(2);
        assertReturns(large);
        assertReturns(small);
        assertEquals(0, semaphore.availablePermits());
    }

    @Test
    void oneReleaseServesEveryWaiterItCovers() throws InterruptedException {
        Semaphore semaphore = newSemaphore(0);
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Thread waiter = start("waiter-" + i, () -> semaphore.acquire(2));
            awaitQueued(semaphore, waiter);
            waiters.add(waiter);
        }
        semaphore.release(7);
        for (Thread waiter : waiters) {
            assertReturns(waiter);
        }
        assertEquals(1, semaphore.availablePermits());
    }

    @Test
    void aFairSemaphoreQueuesEveryArrivalBehindTheWaiters() throws InterruptedException {
        Semaphore semaphore = newSemaphore(1, true);
        Thread large = start("large", () -> semaphore.acquire(2));
        awaitQueued(semaphore, large);
        assertFalse(semaphore.tryAcquire(), "fair: the untimed tryAcquire does not barge (the JDK's does)");
        assertFalse(semaphore.tryAcquire(1, 0, TimeUnit.SECONDS));
        assertEquals(1, semaphore.availablePermits());
        semaphore.release();
        assertReturns(large);
    }

    @Test
    void aNonFairSemaphoreLetsAnArrivalTakeWhatIsAvailable() throws InterruptedException {
        Semaphore semaphore = newSemaphore(1, false);
        Thread large = start("large", () -> semaphore.acquire(2));
        awaitQueued(semaphore, large);
        assertTrue(semaphore.tryAcquire(), "non-fair: an arrival takes an available permit ahead of the waiter");
        semaphore.release(2);
        assertReturns(large);
        assertEquals(0, semaphore.availablePermits());
    }

    // ---- Interrupts and timeouts ------------------------------------------------------------------------

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void anInterruptOnEntryThrowsAndTakesNothing(boolean fair) {
        Semaphore semaphore = newSemaphore(2, fair);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, semaphore::acquire);
        assertFalse(Thread.currentThread().isInterrupted(), "the status goes with the exception");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> semaphore.tryAcquire(1, TimeUnit.SECONDS));
        assertEquals(2, semaphore.availablePermits());
        Thread.currentThread().interrupt();
        assertTrue(semaphore.tryAcquire(), "the untimed tryAcquire ignores the interrupt status");
        semaphore.acquireUninterruptibly();
        assertTrue(Thread.interrupted(), "the uninterruptible acquire keeps the status");
        assertEquals(0, semaphore.availablePermits());
    }

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void anInterruptedWaiterThrowsTakesNothingAndLeavesTheQueue(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, fair);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = start("waiter", () -> {
            try {
                semaphore.acquire(2);
            } catch (InterruptedException expected) {
                outcome.set(expected);
            }
        });
        awaitQueued(semaphore, waiter);
        waiter.interrupt();
        assertReturns(waiter);
        assertTrue(outcome.get() instanceof InterruptedException);
        assertEquals(0, semaphore.getQueueLength());
        semaphore.release(2);
        assertEquals(2, semaphore.availablePermits(), "a waiter that gave up takes no permit later");
    }

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aTimedOutWaiterReturnsFalseTakesNothingAndLeavesTheQueue(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(1, fair);
        assertFalse(semaphore.tryAcquire(2, 1, TimeUnit.MILLISECONDS));
        assertEquals(0, semaphore.getQueueLength());
        semaphore.release();
        assertEquals(2, semaphore.availablePermits(), "a waiter that timed out takes no permit later");
        assertTrue(semaphore.tryAcquire(2, 1, TimeUnit.MILLISECONDS));
    }

    @Test
    void anUninterruptibleWaiterKeepsWaitingAndKeepsTheInterrupt() throws InterruptedException {
        Semaphore semaphore = newSemaphore(0);
        AtomicBoolean interruptedOnReturn = new AtomicBoolean();
        Thread waiter = start("waiter", () -> {
            semaphore.acquireUninterruptibly();
            interruptedOnReturn.set(Thread.currentThread().isInterrupted());
        });
        awaitQueued(semaphore, waiter);
        waiter.interrupt();
        Thread.sleep(20); // time to wake, find the interrupt, and park again
        awaitQueued(semaphore, waiter);
        assertTrue(waiter.isAlive(), "an interrupt does not end an uninterruptible wait");
        semaphore.release();
        assertReturns(waiter);
        assertTrue(interruptedOnReturn.get());
        assertEquals(0, semaphore.availablePermits(), "it returned holding the permit released to it");
    }

    /**
     * A waiter at the head that gives up must pass its place on: the one behind it may fit where it did
     * not. Both ways of giving up, in both modes.
     */
    @ParameterizedTest(name = "fair = {0}, by interrupt = {1}")
    @CsvSource({"false, false", "false, true", "true, false", "true, true"})
    void aHeadThatGivesUpLetsTheNextWaiterIn(boolean fair, boolean byInterrupt) throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, fair);
        Thread head = start("head", () -> {
            if (byInterrupt) {
                assertThrows(InterruptedException.class, () -> semaphore.acquire(2));
            } else {
                assertFalse(semaphore.tryAcquire(2, HEAD_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS));
            }
        });
        awaitQueued(semaphore, head);
        Thread next = start("next", semaphore::acquire);
        awaitQueued(semaphore, next);
        semaphore.release();
        if (byInterrupt) { // a timed head may already have given up on a slow machine: then the release served next
            assertEquals(2, semaphore.getQueueLength(), "one permit: not enough for the head, so both wait");
        }
        if (byInterrupt) {
            head.interrupt();
        }
        assertReturns(head);
        assertReturns(next);
        assertEquals(0, semaphore.availablePermits());
        assertEquals(0, semaphore.getQueueLength());
    }

    /**
     * Nothing lost, nothing duplicated, when releases race interrupts and timeouts: threads take one or
     * two permits each, some timed with a few microseconds, some interrupted by the test thread as it
     * releases, and give back what they got. At the end every permit is back.
     */
    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void releasesRacingInterruptsAndTimeoutsLoseNoPermit(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(2, fair);
        AtomicInteger held = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < 10_000; i++) {
                    int n = 1 + random.nextInt(2);
                    boolean got;
                    try {
                        got = random.nextBoolean() ? semaphore.tryAcquire(n, random.nextInt(20_000), TimeUnit.NANOSECONDS)
                                : acquired(semaphore, n);
                    } catch (InterruptedException interrupted) {
                        continue;
                    }
                    Thread.interrupted(); // granted, then interrupted: the permits are ours
                    if (got) {
                        if (held.addAndGet(n) > 2) {
                            failure.compareAndSet(null, new AssertionError("more than 2 permits held at once"));
                        }
                        held.addAndGet(-n);
                        semaphore.release(n);
                    }
                }
            }, "racer-" + t);
            thread.start();
            threads.add(thread);
        }
        while (threads.stream().anyMatch(Thread::isAlive)) {
            threads.get(ThreadLocalRandom.current().nextInt(threads.size())).interrupt();
            Thread.onSpinWait();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(null, failure.get());
        assertEquals(2, semaphore.availablePermits(), "every permit taken was given back, and no more");
        assertEquals(0, semaphore.getQueueLength());
    }

    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aReleaseBeforeAnInterruptWins(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, fair);
        AtomicBoolean interruptedOnReturn = new AtomicBoolean();
        AtomicBoolean interruptSent = new AtomicBoolean();
        Thread waiter = start("waiter", () -> {
            semaphore.acquire();
            while (!interruptSent.get()) { // then the status says the same, whichever came first
                Thread.onSpinWait();
            }
            interruptedOnReturn.set(Thread.currentThread().isInterrupted());
        });
        awaitQueued(semaphore, waiter);
        semaphore.release(); // grants the permit to the waiter, under the lock, before the interrupt is sent
        waiter.interrupt();
        interruptSent.set(true);
        assertReturns(waiter);
        assertTrue(interruptedOnReturn.get(), "granted first: it returns normally, with its interrupt status set");
        assertEquals(0, semaphore.availablePermits(), "and it holds the permit");
    }

    @Test
    void aWaiterThatLeavesTheMiddleOfTheQueueKeepsTheOthersInOrder() throws InterruptedException {
        Semaphore semaphore = newSemaphore(0, true);
        Thread first = start("first", semaphore::acquire);
        awaitQueued(semaphore, first);
        Thread middle = start("middle", () -> assertThrows(InterruptedException.class, semaphore::acquire));
        awaitQueued(semaphore, middle);
        Thread last = start("last", semaphore::acquire);
        awaitQueued(semaphore, last);
        middle.interrupt();
        assertReturns(middle);
        assertEquals(List.of(first, last), semaphore.getQueuedThreads());
        semaphore.release();
        assertReturns(first);
        assertEquals(List.of(last), semaphore.getQueuedThreads());
        semaphore.release();
        assertReturns(last);
        assertEquals(0, semaphore.getQueueLength());
    }

    @Test
    void aBoundedSemaphoreServesItsWaitersUpToTheBound() throws InterruptedException {
        Semaphore semaphore = newBounded(2, true);
        semaphore.acquire(2);
        Thread waiter = start("waiter", () -> semaphore.acquire(2));
        awaitQueued(semaphore, waiter);
        semaphore.release();
        assertEquals(1, semaphore.getQueueLength());
        semaphore.release();
        assertReturns(waiter);
        assertEquals(0, semaphore.availablePermits());
        semaphore.release(2);
        assertThrows(IllegalStateException.class, semaphore::release, "the waiter's permits came back: at the bound");
        assertEquals(2, semaphore.availablePermits());
    }

    @Test
    void drainTakesPermitsAheadOfTheQueue() throws InterruptedException {
        Semaphore semaphore = newSemaphore(1, true);
        Thread waiter = start("waiter", () -> semaphore.acquire(2));
        awaitQueued(semaphore, waiter);
        assertEquals(1, semaphore.drainPermits(), "drain takes what is available, whoever waits");
        semaphore.release(2);
        assertReturns(waiter);
        assertEquals(0, semaphore.availablePermits());
    }

    /**
     * Two threads pass one permit back and forth for {@value #HAND_OFF_MILLIS} ms, as fast as they can:
     * neither may stall. A wake-up lost in a hand-off leaves one parked while the other takes and releases
     * the permit on its own, or both parked (found so: a non-fair head whose wake-up was used up by a park
     * inside the internal lock, and SemaphoreBenchmark's hand-off hung).
     */
    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void twoThreadsPassingOnePermitNeverStall(boolean fair) throws InterruptedException {
        Semaphore semaphore = newSemaphore(1, fair);
        List<Thread> passers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            passers.add(start("passer-" + t, () -> {
                long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HAND_OFF_MILLIS);
                while (System.nanoTime() < end) {
                    semaphore.acquire();
                    semaphore.release();
                }
            }));
        }
        for (Thread passer : passers) {
            assertReturns(passer);
        }
        assertEquals(1, semaphore.availablePermits());
        assertEquals(0, semaphore.getQueueLength());
    }

    /** Rounds of each arrival race below, per mode. */
    static final int RACE_ROUNDS = 20_000;

    /** The longest hold-back of the release in those races, swept over the rounds in 2 ns steps. */
    static final int RACE_SWEEP_NANOS = 1_000;

    /**
     * A thread that arrives just as a release comes is served, whichever comes first: the release must see
     * it queued, or it must see the permit. That race is a few instructions wide (between the arrival's
     * enqueue and its read of the permits, and the release's CAS and its read of the queue), so the test
     * aims at it: see {@link #race}. Half the rounds wait untimed, half timed. A round whose waiter has
     * not returned {@value #BOUND_MILLIS} ms after the release fails, naming it.
     */
    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void anArrivalThatRacesTheReleaseIsNeverLeftWaiting(boolean fair) throws InterruptedException {
        race(fair, (semaphore, round) -> {
            if ((round & 1) == 0) {
                semaphore.acquire();
                return true;
            }
            return semaphore.tryAcquire(1, 1, TimeUnit.HOURS);
        });
    }

    /**
     * A timed waiter whose time runs out just as a release comes either takes the permit and reports
     * success, or takes nothing and reports a timeout: never a timeout with the permit gone. In half the
     * rounds it waits 1 ns, so it gives up without parking, just as the release may be serving it; in the
     * others 1 to 20 us, so the release mostly finds it parked. The release is swept as in {@link #race}.
     */
    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aWaiterWhoseTimeRunsOutAsTheReleaseComesLosesNoPermit(boolean fair) throws InterruptedException {
        race(fair, (semaphore, round) -> semaphore.tryAcquire(1,
                (round & 1) == 0 ? 1L : 1_000L + (7L * round) % 19_000L, TimeUnit.NANOSECONDS));
    }

    /** Rounds of {@link #aHeadThatTimesOutAsTheReleaseComesPassesItOn}, per mode. */
    static final int HEAD_RACE_ROUNDS = 2_000;

    /** The head's timeout in that test. */
    static final long HEAD_RACE_TIMEOUT_NANOS = 20_000;

    /**
     * How far that test sweeps the release: ten timeouts, since a timed park overshoots by the kernel's
     * timer slack (50 us by default on Linux), so the head gives up well after its timeout.
     */
    static final long HEAD_RACE_SWEEP_NANOS = 200_000;

    /**
     * A head whose time runs out just as a release comes either takes the permit or leaves, and then the
     * waiter behind it must get it: the release may have read the head before it left, and only the
     * head's departure can then serve the next waiter. Each round queues a timed head and an untimed
     * waiter behind it, on a new semaphore of 0 permits, then releases one permit, held back 0 to
     * {@value #HEAD_RACE_SWEEP_NANOS} ns (in 100 ns steps over the rounds) after the waiter queued, so
     * that it lands before, at and after the moment the head gives up. If the head took the permit, the test
     * releases another for the waiter. The waiter must return within {@value #BOUND_MILLIS} ms. Both
     * outcomes occur (the head took the permit in 520 to 1,000 of the 2,000 rounds per mode, in four runs),
     * but the narrowest window, a release between the head's last look at the permits and its departure,
     * is hit only by chance: a head that leaves without serving the next waiter passed one run of this
     * test; {@code PassOnNegativeControlTest} forces that path and catches it.
     */
    @ParameterizedTest(name = "fair = {0}")
    @ValueSource(booleans = {false, true})
    void aHeadThatTimesOutAsTheReleaseComesPassesItOn(boolean fair) throws InterruptedException {
        List<Semaphore> semaphores = new ArrayList<>(HEAD_RACE_ROUNDS);
        for (int round = 0; round < HEAD_RACE_ROUNDS; round++) {
            semaphores.add(newSemaphore(0, fair));
        }
        boolean[] headTook = new boolean[HEAD_RACE_ROUNDS]; // written before headDone.set(round)
        AtomicInteger headGo = new AtomicInteger(-1);
        AtomicInteger headDone = new AtomicInteger(-1);
        AtomicInteger nextGo = new AtomicInteger(-1);
        AtomicInteger nextDone = new AtomicInteger(-1);
        AtomicBoolean over = new AtomicBoolean();
        Thread head = start("timed-head", () -> {
            for (int round = 0; round < HEAD_RACE_ROUNDS && spinUntil(headGo, round, over); round++) {
                headTook[round] = semaphores.get(round).tryAcquire(1, HEAD_RACE_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
                headDone.set(round);
            }
        });
        Thread next = start("next-waiter", () -> {
            for (int round = 0; round < HEAD_RACE_ROUNDS && spinUntil(nextGo, round, over); round++) {
                semaphores.get(round).acquire();
                nextDone.set(round);
            }
        });
        try {
            for (int round = 0; round < HEAD_RACE_ROUNDS; round++) {
                Semaphore semaphore = semaphores.get(round);
                headGo.set(round);
                while (semaphore.getQueueLength() < 1 && headDone.get() < round) {
                    Thread.yield();
                }
                nextGo.set(round);
                while (semaphore.getQueueLength() < 2 && !semaphore.getQueuedThreads().contains(next)) {
                    Thread.yield(); // both queued, or the head already gone and the waiter queued
                }
                long holdBack = (100L * round) % HEAD_RACE_SWEEP_NANOS;
                long until = System.nanoTime() + holdBack;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                semaphore.release();
                awaitRound(headDone, round, head, "the timed head (release held back " + holdBack + " ns)");
                if (headTook[round]) {
                    semaphore.release(); // the head kept the permit: the waiter needs one more
                }
                awaitRound(nextDone, round, next, "the waiter behind a head that "
                        + (headTook[round] ? "took" : "gave up as") + " the release came (held back " + holdBack + " ns)");
                assertEquals(0, semaphore.availablePermits(), "round " + round);
                assertEquals(0, semaphore.getQueueLength(), "round " + round);
            }
        } finally {
            over.set(true);
        }
        assertReturns(head);
        assertReturns(next);
    }

    // ---- Helpers -----------------------------------------------------------------------------------------

    /**
     * Yields until {@code go} reaches {@code round}; false if the test is {@code over} first. Three threads
     * share two cores here, so a waiting one must yield, not spin.
     */
    private static boolean spinUntil(AtomicInteger go, int round, AtomicBoolean over) {
        while (go.get() < round) {
            if (over.get()) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /** Fails unless {@code done} reaches {@code round} within {@value #BOUND_MILLIS} ms, naming {@code who}. */
    private static void awaitRound(AtomicInteger done, int round, Thread thread, String who) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
        while (done.get() < round) {
            if (!thread.isAlive()) {
                assertReturns(thread); // rethrows what it threw
            }
            assertTrue(System.nanoTime() < deadline, () -> "round " + round + ": " + who + " was still waiting "
                    + BOUND_MILLIS + " ms later (" + thread.getState() + ")");
            Thread.yield();
        }
    }

    /** One arrival of {@link #race}: takes a permit from {@code semaphore}, or not. */
    interface Arrival {
        boolean take(Semaphore semaphore, int round) throws Exception;
    }

    /**
     * Races an arrival against a release, {@value #RACE_ROUNDS} times, each on a new semaphore of 0
     * permits: a waiter and the test thread start each round together at a spin barrier, and the release
     * is held back 0 to {@value #RACE_SWEEP_NANOS} ns in 2 ns steps, swept over the rounds, so that it
     * lands before, inside and after the arrival. After each round the permit is where the arrival says:
     * taken if it reports so, else available; and nobody waits.
     */
    private void race(boolean fair, Arrival arrival) throws InterruptedException {
        List<Semaphore> semaphores = new ArrayList<>(RACE_ROUNDS);
        for (int round = 0; round < RACE_ROUNDS; round++) {
            semaphores.add(newSemaphore(0, fair));
        }
        boolean[] took = new boolean[RACE_ROUNDS]; // written before done.set(round), read after it.
        AtomicInteger go = new AtomicInteger(-1);
        AtomicInteger done = new AtomicInteger(-1);
        AtomicBoolean over = new AtomicBoolean(); // set if the test fails, so the waiter stops spinning
        Thread waiter = start("arriving-waiter", () -> {
            for (int round = 0; round < RACE_ROUNDS; round++) {
                while (go.get() < round) {
                    if (over.get()) {
                        return;
                    }
                    Thread.onSpinWait();
                }
                took[round] = arrival.take(semaphores.get(round), round);
                done.set(round);
            }
        });
        try {
            runRounds(semaphores, took, go, done, waiter);
        } finally {
            over.set(true);
        }
        assertReturns(waiter);
    }

    /** The test thread's side of {@link #race}: each round's release, then its checks. */
    private static void runRounds(List<Semaphore> semaphores, boolean[] took, AtomicInteger go, AtomicInteger done,
            Thread waiter) throws InterruptedException {
        for (int round = 0; round < RACE_ROUNDS; round++) {
            go.set(round);
            long holdBack = (2L * round) % (RACE_SWEEP_NANOS + 2);
            long until = System.nanoTime() + holdBack;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            Semaphore semaphore = semaphores.get(round);
            semaphore.release();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            while (done.get() < round) {
                if (!waiter.isAlive()) {
                    assertReturns(waiter); // rethrows what it threw
                }
                int finished = round;
                assertTrue(System.nanoTime() < deadline, () -> "round " + finished + " (release held back "
                        + holdBack + " ns): the waiter that arrived as the release came was still waiting "
                        + BOUND_MILLIS + " ms later (" + waiter.getState() + ")");
                Thread.onSpinWait();
            }
            String where = "round " + round + " (release held back " + holdBack + " ns, the waiter "
                    + (took[round] ? "took the permit)" : "reported none)");
            assertEquals(took[round] ? 0 : 1, semaphore.availablePermits(), where);
            assertEquals(0, semaphore.getQueueLength(), where);
        }
    }


    private static boolean acquired(Semaphore semaphore, int n) throws InterruptedException {
        semaphore.acquire(n);
        return true;
    }

    /** Something a thread does that may throw. */
    interface Body {
        void run() throws Exception;
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
    static Thread start(String name, Body body) {
        Worker worker = new Worker(name, body);
        worker.start();
        return worker;
    }

    /** Waits until {@code thread} is in the semaphore's queue and parked there, timed or not. */
    static void awaitQueued(Semaphore semaphore, Thread thread) {
        Parking.awaitParkedOn(thread, semaphore);
        assertTrue(semaphore.getQueuedThreads().contains(thread), thread.getName() + " parked, but not in the queue");
    }

    /** Fails unless {@code thread} ends within {@value #BOUND_MILLIS} ms. */
    static void assertReturns(Thread thread) throws InterruptedException {
        thread.join(BOUND_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " did not return within " + BOUND_MILLIS + " ms");
        if (thread instanceof Worker worker && worker.failure != null) {
            throw new AssertionError(thread.getName() + " failed", worker.failure);
        }
    }
}
