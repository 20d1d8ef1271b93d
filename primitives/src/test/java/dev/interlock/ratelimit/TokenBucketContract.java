/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.lang.reflect.Method;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The contract of a token bucket, for every implementation: configuration checks, exact refill,
 * the capacity, all-or-nothing acquisition, the probe, the conformance bound, and blocking
 * acquisition with FIFO waiters that give back every token when interrupted or timed out.
 *
 * <p>Every test but the virtual-thread one runs on a {@link ManualTimeSource}: time moves only when
 * the test moves it, so each expected value is exact and nothing depends on scheduling.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
abstract class TokenBucketContract {

    /** How long a test waits for something that should happen promptly. */
    static final long PROMPT_MILLIS = 10_000;

    private static final long SECOND = 1_000_000_000L;

    /** The bucket under test, configured by the builder. */
    protected abstract TokenBucket build(TokenBucket.Builder configured);

    final ManualTimeSource clock = new ManualTimeSource(123_456_789L);

    private TokenBucket bucket(long capacity, long tokens, Duration period, long initial) {
        return build(TokenBucket.builder().capacity(capacity).refill(tokens, period).initialTokens(initial).timeSource(clock));
    }

    // ---- Configuration ---------------------------------------------------------------------------

    @Test
    void badConfigurationFailsFastWithAClearMessage() {
        assertMessage(IllegalArgumentException.class, "capacity must be positive", () -> TokenBucket.builder().capacity(0));
        assertMessage(IllegalArgumentException.class, "capacity must be positive", () -> TokenBucket.builder().capacity(-5));
        assertMessage(IllegalArgumentException.class, "at most Long.MAX_VALUE / 2",
                () -> TokenBucket.builder().capacity(TokenBucket.MAX_CAPACITY + 1));
        assertMessage(IllegalArgumentException.class, "refill tokens must be positive",
                () -> TokenBucket.builder().refill(0, Duration.ofSeconds(1)));
        assertMessage(IllegalArgumentException.class, "refill period must be positive",
                () -> TokenBucket.builder().refill(1, Duration.ZERO));
        assertMessage(IllegalArgumentException.class, "refill period must be positive",
                () -> TokenBucket.builder().refill(1, Duration.ofSeconds(-1)));
        assertMessage(IllegalArgumentException.class, "longer than a long counts",
                () -> TokenBucket.builder().refill(1, Duration.ofSeconds(Long.MAX_VALUE)));
        assertMessage(IllegalArgumentException.class, "exceeds one token a nanosecond",
                () -> TokenBucket.builder().refill(1_000_000_001L, Duration.ofSeconds(1)));
        assertMessage(IllegalArgumentException.class, "initial tokens must not be negative",
                () -> TokenBucket.builder().initialTokens(-1));
        assertMessage(IllegalArgumentException.class, "initial tokens (11) exceed the capacity (10)",
                () -> TokenBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1)).initialTokens(11).build());
        assertMessage(IllegalStateException.class, "capacity is required",
                () -> TokenBucket.builder().refill(1, Duration.ofSeconds(1)).build());
        assertMessage(IllegalStateException.class, "rate is required", () -> TokenBucket.builder().capacity(1).build());
        assertThrows(NullPointerException.class, () -> TokenBucket.builder().refill(1, null));
        assertThrows(NullPointerException.class, () -> TokenBucket.builder().timeSource(null));
    }

    @Test
    void aNewBucketStartsEmptyUnlessToldOtherwise() {
        assertEquals(0, bucket(10, 10, Duration.ofSeconds(1), 0).availableTokens());
        assertFalse(bucket(10, 10, Duration.ofSeconds(1), 0).tryAcquire());
        assertEquals(10, bucket(10, 10, Duration.ofSeconds(1), 10).availableTokens());
        assertEquals(10, build(TokenBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1)).timeSource(clock))
                .capacity());
    }

    // ---- Refill: exact, carried fractions, the capacity ------------------------------------------

    @Test
    void tokensArriveEvenlyAndExactlyOnTime() {
        TokenBucket bucket = bucket(10, 10, Duration.ofSeconds(1), 0); // one token every 100 ms
        clock.advance(100_000_000L - 1);
        assertEquals(0, bucket.availableTokens());
        clock.advance(1);
        assertEquals(1, bucket.availableTokens());
        clock.advance(Duration.ofMillis(250));
        assertEquals(3, bucket.availableTokens());
    }

    @Test
    void fractionsOfATokenAreCarriedNotLost() {
        TokenBucket bucket = bucket(100, 3, Duration.ofNanos(10), 0); // 0.3 tokens a nanosecond
        long granted = 0;
        for (int step = 1; step <= 1_000; step++) {
            clock.advance(1); // each step adds 0.3 of a token: a bucket that rounded per step would never fill
            while (bucket.tryAcquire()) {
                granted++;
            }
            assertEquals(3L * step / 10, granted, "after " + step + " ns");
        }
    }

    @Test
    void theBucketNeverHoldsMoreThanItsCapacity() {
        TokenBucket bucket = bucket(5, 1, Duration.ofMillis(1), 0);
        clock.advance(Duration.ofHours(1));
        assertEquals(5, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(5));
        assertFalse(bucket.tryAcquire());
        clock.advance(Duration.ofMillis(1));
        assertEquals(1, bucket.availableTokens(), "tokens beyond the capacity were lost, not banked");
    }

    /**
     * The cap must hold on the acquiring paths themselves, not only in {@code availableTokens()}: after
     * a long idle, with nothing reading the bucket first, a burst through each path, and through four
     * threads at once, gets exactly the capacity (the clock does not move during the burst).
     */
    @Test
    void afterALongIdleTheFirstBurstGetsExactlyTheCapacity() throws InterruptedException {
        TokenBucket oneByOne = bucket(5, 1, Duration.ofMillis(1), 0);
        clock.advance(Duration.ofHours(1));
        int granted = 0;
        while (oneByOne.tryAcquire()) {
            granted++;
        }
        assertEquals(5, granted, "tryAcquire() after an hour's idle");

        TokenBucket probed = bucket(5, 1, Duration.ofMillis(1), 0);
        clock.advance(Duration.ofHours(1));
        granted = 0;
        while (probed.tryAcquireAndProbe(1).granted()) {
            granted++;
        }
        assertEquals(5, granted, "tryAcquireAndProbe(1) after an hour's idle");

        TokenBucket whole = bucket(5, 1, Duration.ofMillis(1), 0);
        clock.advance(Duration.ofHours(1));
        assertTrue(whole.tryAcquire(5));
        assertFalse(whole.tryAcquire(1), "tryAcquire(5) after an hour's idle left tokens beyond the capacity");

        TokenBucket shared = bucket(10_000, 1, Duration.ofMillis(1), 0);
        clock.advance(Duration.ofDays(30));
        AtomicLong total = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                long mine = 0;
                while (shared.tryAcquire()) {
                    mine++;
                }
                total.addAndGet(mine);
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join(PROMPT_MILLIS);
            assertFalse(thread.isAlive(), "a thread was still acquiring after " + PROMPT_MILLIS + " ms");
        }
        assertEquals(10_000, total.get(), "four threads after a month's idle");
    }

    @Test
    void exactAtOneTokenADay() {
        TokenBucket bucket = bucket(2, 1, Duration.ofDays(1), 0);
        clock.advance(Duration.ofDays(1).toNanos() - 1);
        assertFalse(bucket.tryAcquire());
        assertEquals(1, bucket.tryAcquireAndProbe(1).nanosToWait());
        clock.advance(1);
        assertTrue(bucket.tryAcquire());
        assertEquals(Duration.ofDays(1).toNanos(), bucket.tryAcquireAndProbe(1).nanosToWait());
    }

    @Test
    void exactAtABillionTokensASecond() {
        TokenBucket bucket = bucket(2_000_000_000L, 1_000_000_000L, Duration.ofSeconds(1), 0);
        clock.advance(1);
        assertEquals(1, bucket.availableTokens());
        clock.advance(SECOND - 1);
        assertEquals(1_000_000_000L, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(1_000_000_000L));
        assertFalse(bucket.tryAcquire());
    }

    @Test
    void exactAtAPrimeRateOverAHundredYears() {
        long tokens = 999_999_937L; // prime: the rate does not reduce, and elapsed * tokens overflows after 9 s
        TokenBucket bucket = bucket(TokenBucket.MAX_CAPACITY, tokens, Duration.ofSeconds(1), 0);
        long elapsed = 0;
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200; i++) {
            long step = random.nextLong(Duration.ofDays(365).toNanos());
            clock.advance(step);
            elapsed += step;
            long expected = BigInteger.valueOf(elapsed).multiply(BigInteger.valueOf(tokens))
                    .divide(BigInteger.valueOf(SECOND)).longValueExact();
            assertEquals(expected, bucket.availableTokens(), "after " + elapsed + " ns");
        }
    }

    @Test
    void noOverflowAfterCenturiesOfIdlingOrWithTheLargestCapacity() {
        TokenBucket bucket = bucket(TokenBucket.MAX_CAPACITY, 1_000_000_000L, Duration.ofSeconds(1), TokenBucket.MAX_CAPACITY);
        clock.advance(Duration.ofDays(365L * 280));
        assertEquals(TokenBucket.MAX_CAPACITY, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(TokenBucket.MAX_CAPACITY));
        assertEquals(0, bucket.availableTokens());
        clock.advance(5);
        assertEquals(5, bucket.availableTokens());
    }

    @Test
    void aCenturyLongPeriodRefillsOnTime() {
        TokenBucket slow = bucket(3, 1, Duration.ofDays(365L * 100), 3);
        assertTrue(slow.tryAcquire(3));
        clock.advance(Duration.ofDays(365L * 100).toNanos() - 1);
        assertEquals(0, slow.availableTokens());
        clock.advance(1);
        assertEquals(1, slow.availableTokens());
    }

    /** Like {@code System.nanoTime()}'s, the clock's readings may wrap: only their differences count. */
    @Test
    void refillsAcrossTheWrapOfTheClocksReadings() {
        ManualTimeSource wrapping = new ManualTimeSource(Long.MAX_VALUE - SECOND / 2);
        TokenBucket bucket = build(TokenBucket.builder().capacity(100).refill(10, Duration.ofSeconds(1)).timeSource(wrapping));
        wrapping.advance(SECOND);
        assertTrue(wrapping.nanoTime() < 0, "the readings wrapped");
        assertEquals(10, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(10));
        wrapping.advance(Duration.ofDays(365L * 200));
        assertEquals(100, bucket.availableTokens());
    }

    // ---- Non-blocking acquisition and bad calls --------------------------------------------------

    @Test
    void tryAcquireIsAllOrNothing() {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 4);
        assertFalse(bucket.tryAcquire(5));
        assertEquals(4, bucket.availableTokens());
        assertTrue(bucket.tryAcquire(4));
        assertEquals(0, bucket.availableTokens());
    }

    @Test
    void badPermitsAreRefusedAndChangeNothing() throws InterruptedException {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 3);
        assertMessage(IllegalArgumentException.class, "permits must be positive: 0", () -> bucket.tryAcquire(0));
        assertMessage(IllegalArgumentException.class, "permits must be positive: -1", () -> bucket.tryAcquireAndProbe(-1));
        assertMessage(IllegalArgumentException.class, "permits (11) exceed the capacity (10)", () -> bucket.tryAcquire(11));
        assertMessage(IllegalArgumentException.class, "could never be granted", () -> bucket.acquire(11));
        assertMessage(IllegalArgumentException.class, "could never be granted",
                () -> bucket.tryAcquire(11, Duration.ofDays(1)));
        assertThrows(NullPointerException.class, () -> bucket.tryAcquire(1, (Duration) null));
        assertThrows(NullPointerException.class, () -> bucket.tryAcquire(1, 1, null));
        assertEquals(3, bucket.availableTokens());
        assertEquals(0, bucket.getQueueLength());
    }

    @Test
    void theProbeSaysWhetherHowManyLeftAndHowLongToWait() {
        TokenBucket bucket = bucket(10, 10, Duration.ofSeconds(1), 3); // a token every 100 ms
        assertEquals(new TokenBucket.Probe(true, 1, 0), bucket.tryAcquireAndProbe(2));
        assertEquals(new TokenBucket.Probe(false, 1, 200_000_000L), bucket.tryAcquireAndProbe(3));
        clock.advance(Duration.ofMillis(150));
        assertEquals(new TokenBucket.Probe(false, 2, 50_000_000L), bucket.tryAcquireAndProbe(3));
        assertEquals(1, bucket.tryAcquireAndProbe(3).retryAfterSeconds());
        clock.advance(Duration.ofMillis(50));
        assertEquals(new TokenBucket.Probe(true, 0, 0), bucket.tryAcquireAndProbe(3));
        assertEquals(0, new TokenBucket.Probe(true, 0, 0).retryAfterSeconds());
        assertEquals(2, new TokenBucket.Probe(false, 0, SECOND + 1).retryAfterSeconds());
    }

    /**
     * The probe and {@code availableTokens()} report one instant, even when another acquisition and a
     * refill fall between their read of the bucket and their read of the clock. Here 3 tokens are
     * taken and 1 produced in that gap: a report built from the old tokens at the new time (4 left,
     * 100 ms to wait) describes a bucket that never existed. A planted bug that skipped the probe's
     * re-read passed every other test (docs/verification-mutations.md).
     */
    @Test
    void aReportComesFromOneInstantWhenTheBucketChangesWhileTheClockIsRead() {
        AtomicReference<Runnable> beforeNextRead = new AtomicReference<>();
        TimeSource interleaving = () -> {
            Runnable interloper = beforeNextRead.getAndSet(null);
            if (interloper != null) {
                interloper.run();
            }
            return clock.nanoTime();
        };
        TokenBucket bucket = build(TokenBucket.builder().capacity(10).refill(10, Duration.ofSeconds(1))
                .initialTokens(3).timeSource(interleaving)); // a token every 100 ms
        Runnable takeThreeThenTick = () -> {
            assertTrue(bucket.tryAcquire(3));
            clock.advance(Duration.ofMillis(100));
        };
        beforeNextRead.set(takeThreeThenTick);
        assertEquals(new TokenBucket.Probe(false, 1, 400_000_000L), bucket.tryAcquireAndProbe(5));
        clock.advance(Duration.ofMillis(300)); // 4 tokens
        beforeNextRead.set(takeThreeThenTick);
        assertEquals(2, bucket.availableTokens());
    }

    // ---- The conformance bound -------------------------------------------------------------------

    /**
     * Over any interval {@code [t, t + d]}, the permits granted are at most the tokens in the bucket
     * at {@code t} plus {@code ceil(rate * d)}, and the bucket never holds more than its capacity:
     * checked over every pair of instants of a long random run.
     */
    @Test
    void grantsNeverExceedTheTokensAtTheStartPlusTheRateTimesTheInterval() {
        long tokens = 7;
        long periodNanos = 1_000;
        long capacity = 13;
        TokenBucket bucket = bucket(capacity, tokens, Duration.ofNanos(periodNanos), 5);
        SplittableRandom random = new SplittableRandom(11);
        int steps = 3_000;
        long[] time = new long[steps + 1];
        long[] availableBefore = new long[steps + 1];
        long[] grantedBefore = new long[steps + 1]; // cumulative permits granted before step i
        long now = 0;
        long granted = 0;
        for (int i = 0; i <= steps; i++) {
            long available = bucket.availableTokens();
            assertTrue(available <= capacity, "the bucket holds " + available + " > capacity " + capacity);
            time[i] = now;
            availableBefore[i] = available;
            grantedBefore[i] = granted;
            long permits = 1 + random.nextInt((int) capacity);
            if (bucket.tryAcquire(permits)) {
                granted += permits;
            }
            long step = random.nextInt(400);
            clock.advance(step);
            now += step;
        }
        for (int i = 0; i <= steps; i++) {
            for (int j = i + 1; j <= steps; j++) {
                long grantedInInterval = grantedBefore[j] - grantedBefore[i];
                long interval = time[j] - time[i];
                long bound = availableBefore[i] + ceilDiv(interval * tokens, periodNanos);
                assertTrue(grantedInInterval <= bound, "granted " + grantedInInterval + " in [" + time[i] + ", " + time[j]
                        + "], bound " + bound);
            }
        }
        assertTrue(granted > steps / 2, "the run granted too little to test anything: " + granted);
    }

    /** Threads race for tokens while the clock moves: exactly what was produced is granted, no more. */
    @Test
    void concurrentAcquisitionsGrantExactlyWhatWasProduced() throws InterruptedException {
        long capacity = 1L << 40; // never full: no token is lost to overflow, so the count is exact
        TokenBucket bucket = bucket(capacity, 1, Duration.ofNanos(1), 0);
        int threads = 4;
        long produced = 200_000;
        AtomicLong granted = new AtomicLong();
        AtomicBoolean done = new AtomicBoolean();
        List<Thread> takers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int permits = 1 + t;
            takers.add(start(() -> {
                long mine = 0;
                while (!done.get()) {
                    if (bucket.tryAcquire(permits)) {
                        mine += permits;
                    }
                }
                granted.addAndGet(mine);
            }));
        }
        for (long i = 0; i < produced; i += 100) {
            clock.advance(100);
        }
        done.set(true);
        joinAll(takers);
        assertEquals(produced, granted.get() + bucket.availableTokens(), "granted plus left must equal produced");
    }

    // ---- Blocking acquisition --------------------------------------------------------------------

    @Test
    void acquireWaitsForTheTokensAndNoLonger() throws Exception {
        TokenBucket bucket = bucket(10, 10, Duration.ofSeconds(1), 0);
        AtomicBoolean acquired = new AtomicBoolean();
        Thread waiter = start(() -> {
            bucket.acquire(3);
            acquired.set(true);
        });
        awaitSleepers(1);
        assertEquals(1, bucket.getQueueLength());
        assertTrue(bucket.hasQueuedThreads());
        clock.advance(Duration.ofMillis(300).toNanos() - 1);
        Thread.sleep(20);
        assertFalse(acquired.get(), "granted before its tokens were produced");
        clock.advance(1);
        join(waiter);
        assertTrue(acquired.get());
        assertEquals(0, bucket.availableTokens());
        assertEquals(0, bucket.getQueueLength());
    }

    @Test
    void waitersAreServedInOrderAndNoNewcomerOvertakesThem() throws Exception {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 0);
        List<String> order = new ArrayList<>();
        Thread large = start(() -> {
            bucket.acquire(5);
            synchronized (order) {
                order.add("large");
            }
        });
        awaitSleepers(1);
        Thread small = start(() -> {
            bucket.acquire(1);
            synchronized (order) {
                order.add("small");
            }
        });
        awaitSleepers(2);
        for (int second = 1; second <= 5; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertFalse(bucket.tryAcquire(), "a newcomer took a token owed to a waiter, at second " + second);
        }
        join(large);
        clock.advance(Duration.ofSeconds(1));
        join(small);
        assertEquals(List.of("large", "small"), order);
        assertEquals(0, bucket.availableTokens());
    }

    @Test
    void anInterruptedWaiterGivesItsTokensToTheWaitersBehindIt() throws Exception {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 0);
        AtomicReference<Throwable> firstOutcome = new AtomicReference<>();
        Thread first = start(() -> {
            try {
                bucket.acquire(5);
                firstOutcome.set(new AssertionError("granted"));
            } catch (InterruptedException expected) {
                firstOutcome.set(expected);
            }
        });
        awaitSleepers(1);
        AtomicBoolean secondAcquired = new AtomicBoolean();
        Thread second = start(() -> {
            bucket.acquire(2);
            secondAcquired.set(true);
        });
        awaitSleepers(2);
        first.interrupt();
        join(first);
        assertTrue(firstOutcome.get() instanceof InterruptedException, String.valueOf(firstOutcome.get()));
        assertEquals(1, bucket.getQueueLength());
        clock.advance(Duration.ofSeconds(2)); // the second waiter's 2 tokens, no longer behind 5
        join(second);
        assertTrue(secondAcquired.get());
        clock.advance(Duration.ofSeconds(3));
        assertEquals(3, bucket.availableTokens(), "the interrupted waiter's 5 tokens were lost or spent twice");
    }

    @Test
    void aTimedAcquireThatCannotSucceedReturnsAtOnceAndChangesNothing() throws InterruptedException {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 1);
        assertFalse(bucket.tryAcquire(3, Duration.ofMillis(1_999)));    // needs 2 more seconds
        assertFalse(bucket.tryAcquire(3, 1_999, TimeUnit.MILLISECONDS));
        assertFalse(bucket.tryAcquire(3, Duration.ZERO));
        assertFalse(bucket.tryAcquire(3, Duration.ofSeconds(-1)));
        assertEquals(0, clock.sleepingThreads());
        assertEquals(1, bucket.availableTokens());
        assertEquals(0, bucket.getQueueLength());
        assertTrue(bucket.tryAcquire(1, Duration.ZERO));
    }

    @Test
    void aTimedAcquireWaitsWhenTheTokensWillComeInTime() throws Exception {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 1);
        AtomicBoolean acquired = new AtomicBoolean();
        Thread waiter = start(() -> acquired.set(bucket.tryAcquire(3, Duration.ofSeconds(2))));
        awaitSleepers(1);
        clock.advance(Duration.ofSeconds(2));
        join(waiter);
        assertTrue(acquired.get());
        assertEquals(0, bucket.availableTokens());
    }

    @Test
    void anInterruptBeforeWaitingThrowsAndChangesNothing() {
        TokenBucket bucket = bucket(10, 1, Duration.ofSeconds(1), 5);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> bucket.acquire(1));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> bucket.tryAcquire(1, Duration.ofSeconds(1)));
        assertFalse(Thread.interrupted());
        assertEquals(5, bucket.availableTokens());
    }

    /**
     * Many waiters, random interrupts, a moving clock: at the end every token produced was either
     * granted or is still in the bucket. Nothing lost, nothing spent twice.
     */
    @Test
    void interruptsNeverLoseOrDuplicateTokens() throws Exception {
        long capacity = 1L << 40; // never full, so the count is exact
        TokenBucket bucket = bucket(capacity, 1, Duration.ofMillis(1), 0);
        int threads = 8;
        AtomicLong granted = new AtomicLong();
        List<Thread> waiters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int permits = 1 + t % 3;
            waiters.add(start(() -> {
                for (int i = 0; i < 200; i++) {
                    try {
                        bucket.acquire(permits);
                        granted.addAndGet(permits);
                    } catch (InterruptedException interrupted) {
                        // gave up; its reservation went back
                    }
                }
            }));
        }
        SplittableRandom random = new SplittableRandom(5);
        long produced = 0;
        while (waiters.stream().anyMatch(Thread::isAlive)) {
            clock.advance(Duration.ofMillis(1));
            produced++;
            Thread victim = waiters.get(random.nextInt(threads));
            if (random.nextInt(4) == 0) {
                victim.interrupt();
            }
            Thread.onSpinWait();
        }
        joinAll(waiters);
        assertEquals(produced, granted.get() + bucket.availableTokens());
        assertEquals(0, bucket.getQueueLength());
    }

    // ---- Virtual threads -------------------------------------------------------------------------

    /**
     * A virtual thread waiting for tokens parks, so it unmounts: more virtual waiters than carriers,
     * and one more virtual thread still runs. JDK 21+ API, reached through reflection; skipped on
     * JDK 17 (.ci/run runs it on JDK 25).
     */
    @Test
    void waitingVirtualThreadsUnmountFromTheirCarriers() throws Exception {
        assumeTrue(Runtime.version().feature() >= 21, "virtual threads need JDK 21+");
        TokenBucket bucket = bucket(100, 1, Duration.ofSeconds(1), 0);
        int waiters = 4 * Runtime.getRuntime().availableProcessors() + 4;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            threads.add(startVirtualThread(() -> {
                try {
                    bucket.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        awaitSleepers(waiters);
        CountDownLatch ranAnyway = new CountDownLatch(1);
        threads.add(startVirtualThread(ranAnyway::countDown));
        assertTrue(ranAnyway.await(PROMPT_MILLIS, TimeUnit.MILLISECONDS),
                "no carrier was free: the waiting virtual threads did not unmount");
        clock.advance(Duration.ofSeconds(waiters));
        joinAll(threads);
    }

    // ---- Helpers ---------------------------------------------------------------------------------

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    static Thread start(ThrowingRunnable body) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.set(t);
                throw new IllegalStateException("a test thread failed", t);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static Thread startVirtualThread(Runnable task) throws ReflectiveOperationException {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
        return (Thread) start.invoke(builder, task);
    }

    void awaitSleepers(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (clock.sleepingThreads() < count) {
            assertTrue(System.nanoTime() - deadline < 0, "expected " + count + " threads asleep on the clock: " + clock);
            Thread.sleep(1);
        }
    }

    static void join(Thread thread) throws InterruptedException {
        thread.join(PROMPT_MILLIS);
        assertFalse(thread.isAlive(), thread + " is still waiting");
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            join(thread);
        }
    }

    static long ceilDiv(long dividend, long divisor) {
        return -Math.floorDiv(-dividend, divisor);
    }

    static void assertMessage(Class<? extends Throwable> type, String fragment, ThrowingRunnable call) {
        Throwable thrown = assertThrows(type, call::run);
        assertTrue(String.valueOf(thrown.getMessage()).contains(fragment),
                "the message \"" + thrown.getMessage() + "\" does not say \"" + fragment + "\"");
    }
}
