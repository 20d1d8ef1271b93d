/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of the token bucket's refund, and its negative control. On a clock that moves only
 * when the test moves it, a waiter reserves 5 tokens and a second waiter 2 behind it; the first is
 * interrupted, and the clock moves by the 2 tokens' worth. The second must be granted: the interrupted
 * waiter gave its 5 back, and the second's tokens are no longer behind them. {@link BrokenRefundBucket}
 * keeps the 5, and the same test, with the same bound, must find the second waiter still asleep: the
 * missing refund shows as a waiter that no token will ever wake. (TokenBucketContract's
 * anInterruptedWaiterGivesItsTokensToTheWaitersBehindIt checks the same on the real class, and the
 * count of tokens after it.) {@link BrokenWakeUpBucket} gives the tokens back but does not wake the waiter
 * behind, which sleeps on towards the deadline it computed behind them: the same test must catch it too.
 * jcstress is the other judge ({@code RateLimit_04_WaiterWakesUp.BrokenRefund} and
 * {@code RateLimit_05_RefundWakesTheWaiterBehind}).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RefundNegativeControlTest {

    /** How long the second waiter may take once its tokens are there: the positive run needs microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** A bucket's blocking acquire: the real class and its copy share no type. */
    interface Acquire {
        void acquire(long permits) throws InterruptedException;
    }

    @Test
    void anInterruptedWaiterGivesItsTokensToTheWaiterBehindIt() throws InterruptedException {
        ManualTimeSource clock = new ManualTimeSource();
        TokenBucket bucket = TokenBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1)).initialTokens(0)
                .timeSource(clock).build();
        assertTrue(secondWaiterGranted(clock, bucket::acquire, bucket::getQueueLength),
                "the waiter behind the interrupted one was not granted its tokens");
    }

    @Test
    void theControlKeepsTheInterruptedWaitersTokens() throws InterruptedException {
        ManualTimeSource clock = new ManualTimeSource();
        BrokenRefundBucket bucket = BrokenRefundBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1))
                .initialTokens(0).timeSource(clock).build();
        assertFalse(secondWaiterGranted(clock, bucket::acquire, bucket::getQueueLength),
                "the broken bucket granted the second waiter: this test cannot see a missing refund");
    }

    @Test
    void theWakeUpControlLeavesTheWaiterBehindAsleep() throws InterruptedException {
        ManualTimeSource clock = new ManualTimeSource();
        BrokenWakeUpBucket bucket = BrokenWakeUpBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1))
                .initialTokens(0).timeSource(clock).build();
        assertFalse(secondWaiterGranted(clock, bucket::acquire, bucket::getQueueLength),
                "the broken bucket granted the second waiter: this test cannot see a refund that wakes no one");
    }

    /** The race described above; returns whether the second waiter was granted within the bound. */
    private static boolean secondWaiterGranted(ManualTimeSource clock, Acquire bucket, IntSupplier queueLength)
            throws InterruptedException {
        Thread first = new Thread(() -> {
            try {
                bucket.acquire(5);
            } catch (InterruptedException expected) {
                // the interrupt below: the only way out, as no token comes before it
            }
        }, "first-waiter");
        first.setDaemon(true); // a failed wait below must not leave it keeping the JVM alive
        first.start();
        awaitSleepers(clock, 1);
        CountDownLatch secondGranted = new CountDownLatch(1);
        Thread second = new Thread(() -> {
            try {
                bucket.acquire(2);
                secondGranted.countDown();
            } catch (InterruptedException e) {
                // the clean-up of the broken control
            }
        }, "second-waiter");
        second.setDaemon(true);
        second.start();
        awaitSleepers(clock, 2);
        first.interrupt();
        first.join();
        assertTrue(queueLength.getAsInt() == 1, "the interrupted waiter is still queued");
        clock.advance(Duration.ofSeconds(2)); // the second waiter's 2 tokens, if the 5 went back
        boolean granted = secondGranted.await(BOUND_MILLIS, TimeUnit.MILLISECONDS);
        second.interrupt();
        second.join();
        return granted;
    }

    private static void awaitSleepers(ManualTimeSource clock, int sleepers) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (clock.sleepingThreads() < sleepers) {
            assertTrue(System.nanoTime() < deadline, "fewer than " + sleepers + " waiters parked in 10 s");
            Thread.yield();
        }
    }
}
