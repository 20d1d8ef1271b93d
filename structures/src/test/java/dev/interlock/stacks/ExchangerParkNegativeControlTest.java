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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.BoundedControl;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bounded test of {@link LockFreeExchanger}'s park handshake, and its negative control. Two threads
 * swap {@value #ROUNDS} times through an exchanger whose waiters park at once; every swap must finish
 * within {@value #BOUND_MILLIS} ms of the one before. {@link BrokenParkRecheckExchanger} parks without
 * re-reading {@code match} after it announces the park, and the same test, with the same rounds and
 * bound, must find one of its waiters asleep beside its partner's value. Lincheck cannot be the judge
 * here (its model checker wakes parked threads spuriously); jcstress is the other one
 * ({@code Stacks_07_ExchangerWakesUp.BrokenParkRecheck}). The control widens its window with a delay;
 * a third test aims the partner at the real class's unwidened window instead, and catches that bug
 * there (20 of 20 runs; docs/verification.md).
 */
@BoundedControl
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExchangerParkNegativeControlTest {

    /** Swaps per thread: the positive run needs about a second. */
    static final int ROUNDS = 20_000;

    /** How long one swap may take: the positive run needs tens of microseconds. */
    static final long BOUND_MILLIS = 5_000;

    /** One thread's exchange. */
    interface Exchange {
        int swap(int value) throws InterruptedException;
    }

    @Test
    void everyParkedWaiterIsWokenByItsPartner() throws InterruptedException {
        LockFreeExchanger<Integer> exchanger = new LockFreeExchanger<>(0);
        String stuck = firstStuckSwap(exchanger::exchange);
        assertEquals(null, stuck, "a waiter was never woken");
    }

    /**
     * The same swaps, each started together by both threads, the second held back by 0 to 2 µs
     * swept over the rounds: a partner's match is aimed across the waiter's announcement of its park.
     * This is the test that catches, on the real class, a waiter that parks without re-reading
     * {@code match} after announcing (a window of a few instructions; see the class comment).
     */
    @Test
    void aPartnerAimedAtTheWaitersAnnouncementWakesIt() throws InterruptedException {
        LockFreeExchanger<Integer> exchanger = new LockFreeExchanger<>(0);
        AtomicIntegerArray started = new AtomicIntegerArray(2);
        String stuck = firstStuckSwap(value -> {
            int self = value / ROUNDS;
            int round = value % ROUNDS;
            started.set(self, round + 1);
            while (started.get(1 - self) <= round) {
                if (Thread.interrupted()) {
                    throw new InterruptedException(); // the clean-up after a stuck swap
                }
                Thread.onSpinWait(); // both threads start the round together
            }
            if (self == 1) {
                long aim = System.nanoTime() + 2L * (round % 200);
                while (System.nanoTime() - aim < 0) {
                    Thread.onSpinWait();
                }
            }
            return exchanger.exchange(value);
        });
        assertEquals(null, stuck, "a waiter was never woken");
    }

    @Test
    void theControlLeavesAWaiterParked() throws InterruptedException {
        BrokenParkRecheckExchanger<Integer> exchanger =
                new BrokenParkRecheckExchanger<>(BrokenParkRecheckExchanger.DELAY_SPINS);
        String stuck = firstStuckSwap(exchanger::exchange);
        System.out.println("[negative control] " + stuck);
        assertTrue(stuck != null, "the broken exchanger finished every swap: this test cannot see a lost wake-up");
    }

    /**
     * Runs the swaps; returns null if they all finished, or which swap made no progress within the bound.
     * A swap that received anything but the partner's value of the same round fails the test at once.
     */
    private static String firstStuckSwap(Exchange exchange) throws InterruptedException {
        AtomicIntegerArray done = new AtomicIntegerArray(2);
        Thread[] threads = new Thread[2];
        Throwable[] failures = new Throwable[2];
        for (int t = 0; t < 2; t++) {
            int self = t;
            threads[t] = new Thread(() -> {
                try {
                    for (int i = 0; i < ROUNDS; i++) {
                        int received = exchange.swap(self * ROUNDS + i);
                        if (received != (1 - self) * ROUNDS + i) {
                            throw new AssertionError("thread " + self + " round " + i + " received " + received);
                        }
                        done.set(self, i + 1);
                    }
                } catch (InterruptedException e) {
                    // the clean-up after a stuck swap
                } catch (Throwable e) {
                    failures[self] = e;
                }
            }, "swapper-" + t);
            threads[t].setDaemon(true);
            threads[t].start();
        }
        while (threads[0].isAlive() || threads[1].isAlive()) {
            int before0 = done.get(0);
            int before1 = done.get(1);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOUND_MILLIS);
            for (Thread thread : threads) {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            if ((threads[0].isAlive() || threads[1].isAlive()) && done.get(0) == before0 && done.get(1) == before1) {
                for (Thread thread : threads) {
                    thread.interrupt();
                    thread.join();
                }
                return "no swap finished for " + BOUND_MILLIS + " ms after thread 0 had done " + before0
                        + " and thread 1 " + before1 + " of " + ROUNDS + ": a waiter is parked and nobody will unpark it";
            }
        }
        for (Throwable failure : failures) {
            if (failure != null) {
                throw new AssertionError("a swapper failed", failure);
            }
        }
        return null;
    }
}
