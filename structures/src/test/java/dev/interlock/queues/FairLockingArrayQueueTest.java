/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The {@link BlockingQueue} contract, and every queue-specific test of {@link LockingArrayQueueTest},
 * for a fair {@link LockingArrayQueue}; and the order in which it serves blocked threads.
 */
public class FairLockingArrayQueueTest extends LockingArrayQueueTest {

    /** Rounds of the order tests: a signal that only woke its waiter lost the order in most of them. */
    private static final int ROUNDS = 20;

    @Override
    protected BlockingQueue<Integer> newQueue(int capacity) {
        return new LockingArrayQueue<>(capacity, true);
    }

    @Override
    protected <E> LockingArrayQueue<E> newSpecificQueue(int capacity) {
        return new LockingArrayQueue<>(capacity, true);
    }

    /**
     * Takers that block one after another get the elements in that order, however fast the puts come:
     * each signal queues its taker for the lock before the putter can take the lock again.
     */
    @Test
    void blockedTakersAreServedInTheOrderTheyBlocked() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            BlockingQueue<Integer> queue = newQueue(CAPACITY);
            int takers = 4;
            List<Thread> threads = new ArrayList<>();
            List<AtomicReference<Object>> taken = new ArrayList<>();
            for (int i = 0; i < takers; i++) {
                taken.add(new AtomicReference<>());
                threads.add(start("taker-" + i, taken.get(i), queue::take));
                awaitParked(threads.get(i)); // so that they block in this order
            }
            for (int i = 0; i < takers; i++) {
                queue.put(i);
            }
            for (int i = 0; i < takers; i++) {
                awaitEnd(threads.get(i));
                assertEquals(i, taken.get(i).get(), "round " + round + ": taker " + i + " was served out of order");
            }
        }
    }

    /** Putters that block on a full queue one after another get in in that order. */
    @Test
    void blockedPuttersAreServedInTheOrderTheyBlocked() throws InterruptedException {
        for (int round = 0; round < ROUNDS; round++) {
            BlockingQueue<Integer> queue = newQueue(1);
            queue.put(-1);
            int putters = 4;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < putters; i++) {
                int element = i;
                threads.add(start("putter-" + i, new AtomicReference<>(), () -> {
                    queue.put(element);
                    return null;
                }));
                awaitParked(threads.get(i)); // so that they block in this order
            }
            List<Integer> taken = new ArrayList<>();
            for (int i = 0; i <= putters; i++) {
                taken.add(queue.take());
            }
            for (Thread thread : threads) {
                awaitEnd(thread);
            }
            assertEquals(List.of(-1, 0, 1, 2, 3), taken, "round " + round);
        }
    }
}
