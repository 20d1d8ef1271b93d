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
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * The contract of the blocking stack, on top of {@link StackContract}: bounded insertion that throws,
 * refuses, waits or times out when the stack is full; removal that waits or times out when it is
 * empty; interrupts and timeouts that neither lose nor duplicate an element, nor a wake-up; remaining
 * capacity. {@link #newStack()} is unbounded, so the {@link StackContract} tests run on an unbounded
 * stack; the tests here build bounded ones with {@link #newStack(int)}.
 *
 * <p>Interrupts follow {@code BlockingQueue}'s javadoc and the JDK's queues: a blocking or timed
 * method called with the interrupt status set, or interrupted while it waits, throws
 * {@link InterruptedException}, clears the status, and has pushed or popped nothing. A timeout of zero
 * or less never waits. The non-waiting methods ignore the interrupt status.
 */
public abstract class BlockingStackContract extends StackContract {

    /** How long a test waits for something that must happen promptly. Generous: CI machines are slow. */
    private static final long PROMPT_MILLIS = 10_000;

    /**
     * Creates a new, empty stack that holds at most {@code capacity} elements.
     *
     * @param capacity the capacity, positive; {@link Integer#MAX_VALUE} for an unbounded stack
     * @return a new empty stack
     */
    protected abstract LockingStack<Integer> newStack(int capacity);

    /** @return a new, empty, unbounded stack */
    @Override
    protected LockingStack<Integer> newStack() {
        return newStack(Integer.MAX_VALUE);
    }

    /** A stack of the given capacity with the given elements offered in order: the last is on top. */
    private LockingStack<Integer> stackOf(int capacity, Integer... bottomToTop) {
        LockingStack<Integer> stack = newStack(capacity);
        for (Integer element : bottomToTop) {
            assertTrue(stack.offer(element));
        }
        return stack;
    }

    /** A task that returns a result and may throw. */
    @FunctionalInterface
    interface Callable {
        Object call() throws Exception;
    }

    /** Starts a daemon thread; its result, or the exception it threw, is kept in {@code outcome}. */
    private static Thread startWaiter(String name, AtomicReference<Object> outcome, Callable body) {
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

    /**
     * Runs a waiting call, reporting an interrupt as {@code "interrupted, status false"} (or true):
     * whether the interrupt status was still set when the exception arrived.
     */
    private static Callable reportingInterrupts(Callable call) {
        return () -> {
            try {
                return call.call();
            } catch (InterruptedException interrupted) {
                return "interrupted, status " + Thread.currentThread().isInterrupted();
            }
        };
    }

    /** Waits until {@code thread} is parked (waiting or timed waiting), or fails. */
    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            assertTrue(thread.isAlive(), thread.getName() + " ended instead of waiting");
            assertTrue(System.nanoTime() < deadline, thread.getName() + " never waited");
            Thread.sleep(1);
        }
    }

    private static void awaitEnd(Thread thread) throws InterruptedException {
        thread.join(PROMPT_MILLIS);
        assertFalse(thread.isAlive(), thread.getName() + " was not woken");
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    // ------------------------------------------------------------------------------------------------
    // Sequential behaviour

    @Test
    void pushOnAFullStackThrowsStackFullAndChangesNothing() {
        LockingStack<Integer> stack = stackOf(2, 1, 2);
        IllegalStateException full = assertThrows(IllegalStateException.class, () -> stack.push(3));
        assertEquals("Stack full", full.getMessage());
        assertEquals("[2, 1]", stack.toString());
        assertEquals(2, stack.size());
        assertEquals(0, stack.remainingCapacity());
        assertEquals(2, stack.peek());
        assertEquals(2, stack.pop());
        stack.push(3);
        assertEquals("[3, 1]", stack.toString());
    }

    @Test
    void offerOnAFullStackReturnsFalseAndChangesNothing() {
        LockingStack<Integer> stack = stackOf(3, 1, 2, 3);
        assertFalse(stack.offer(4));
        assertFalse(stack.offer(4));
        assertEquals("[3, 2, 1]", stack.toString());
        assertEquals(3, stack.pop());
        assertTrue(stack.offer(4));
        assertFalse(stack.offer(5));
        assertEquals("[4, 2, 1]", stack.toString());
    }

    @Test
    void aStackOfCapacityOneAlternatesFullAndEmpty() {
        LockingStack<Integer> stack = newStack(1);
        for (int i = 0; i < 1_000; i++) {
            assertTrue(stack.offer(i));
            assertFalse(stack.offer(-1));
            assertThrows(IllegalStateException.class, () -> stack.push(-1));
            assertEquals(i, stack.peek());
            assertEquals(1, stack.size());
            assertEquals(0, stack.remainingCapacity());
            assertEquals(i, stack.pop());
            assertNull(stack.pop());
            assertEquals(1, stack.remainingCapacity());
        }
    }

    @Test
    void remainingCapacityIsCapacityMinusSize() {
        LockingStack<Integer> stack = newStack(5);
        for (int i = 0; i < 5; i++) {
            assertEquals(5 - i, stack.remainingCapacity());
            stack.push(i);
        }
        assertEquals(0, stack.remainingCapacity());
        stack.pop();
        assertEquals(1, stack.remainingCapacity());
        LockingStack<Integer> unbounded = newStack();
        assertEquals(Integer.MAX_VALUE, unbounded.remainingCapacity());
        unbounded.push(1);
        unbounded.push(2);
        assertEquals(Integer.MAX_VALUE - 2, unbounded.remainingCapacity());
    }

    @Test
    void putAndTakeAreLastInFirstOut() throws InterruptedException {
        LockingStack<Integer> stack = newStack(8);
        for (int i = 0; i < 8; i++) {
            stack.put(i);
        }
        for (int i = 7; i >= 0; i--) {
            assertEquals(i, stack.take());
        }
        assertTrue(stack.isEmpty());
        assertTrue(stack.offer(1, 1, TimeUnit.SECONDS));
        assertTrue(stack.offer(2, 1, TimeUnit.SECONDS));
        assertEquals(2, stack.poll(1, TimeUnit.SECONDS));
        assertEquals(1, stack.poll(1, TimeUnit.SECONDS));
    }

    /** Null is refused before anything else happens: before the interrupt status is even looked at. */
    @Test
    void nullIsRejectedByEveryMethodAndChangesNothing() {
        LockingStack<Integer> stack = stackOf(8, 1);
        assertThrows(NullPointerException.class, () -> stack.push(null));
        assertThrows(NullPointerException.class, () -> stack.offer(null));
        assertThrows(NullPointerException.class, () -> stack.put(null));
        assertThrows(NullPointerException.class, () -> stack.offer(null, 1, TimeUnit.MILLISECONDS));
        assertThrows(NullPointerException.class, () -> stack.offer(2, 1, null));
        assertThrows(NullPointerException.class, () -> stack.poll(1, null));
        Thread.currentThread().interrupt();
        assertThrows(NullPointerException.class, () -> stack.put(null));
        assertThrows(NullPointerException.class, () -> stack.offer(null, 1, TimeUnit.MILLISECONDS));
        assertThrows(NullPointerException.class, () -> stack.offer(2, 1, null));
        assertThrows(NullPointerException.class, () -> stack.poll(1, null));
        assertTrue(Thread.interrupted(), "a refused null must leave the interrupt status alone");
        assertEquals("[1]", stack.toString());
        assertEquals(1, stack.size());
    }

    @Test
    void timedMethodsWithNoTimeLeftDoNotWait() throws InterruptedException {
        LockingStack<Integer> stack = newStack(1);
        long start = System.nanoTime();
        assertNull(stack.poll(0, TimeUnit.SECONDS));
        assertNull(stack.poll(-1, TimeUnit.SECONDS));
        assertNull(stack.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertTrue(stack.offer(1, 0, TimeUnit.SECONDS)); // room: a zero timeout still pushes
        assertFalse(stack.offer(2, 0, TimeUnit.SECONDS));
        assertFalse(stack.offer(2, -1, TimeUnit.DAYS));
        assertFalse(stack.offer(2, Long.MIN_VALUE, TimeUnit.NANOSECONDS));
        assertEquals("[1]", stack.toString());
        assertEquals(1, stack.poll(0, TimeUnit.SECONDS)); // an element: a zero timeout still pops
        assertTrue(millisSince(start) < PROMPT_MILLIS / 2, "a timeout of zero or less waited");
    }

    @Test
    void timedPollTimesOutOnAnEmptyStack() throws InterruptedException {
        LockingStack<Integer> stack = newStack(4);
        long start = System.nanoTime();
        assertNull(stack.poll(50, TimeUnit.MILLISECONDS));
        long waited = millisSince(start);
        assertTrue(waited >= 50, "returned after " + waited + " ms, before its timeout");
        assertTrue(waited < PROMPT_MILLIS, "returned after " + waited + " ms, long after its timeout");
        assertTrue(stack.isEmpty());
    }

    @Test
    void timedOfferTimesOutOnAFullStackAndPushesNothing() throws InterruptedException {
        LockingStack<Integer> stack = stackOf(2, 1, 2);
        long start = System.nanoTime();
        assertFalse(stack.offer(3, 50, TimeUnit.MILLISECONDS));
        long waited = millisSince(start);
        assertTrue(waited >= 50, "returned after " + waited + " ms, before its timeout");
        assertTrue(waited < PROMPT_MILLIS, "returned after " + waited + " ms, long after its timeout");
        assertEquals("[2, 1]", stack.toString());
    }

    /** Interrupted on entry, the waiting methods throw even when they would not have had to wait. */
    @Test
    void anInterruptStatusSetOnEntryThrowsAndChangesNothing() {
        LockingStack<Integer> stack = stackOf(8, 1);
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> stack.put(2));
        assertFalse(Thread.interrupted(), "the interrupt status must be cleared");
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> stack.offer(2, 1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> stack.offer(2, 0, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, stack::take);
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> stack.poll(1, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> stack.poll(0, TimeUnit.SECONDS));
        assertFalse(Thread.interrupted());
        assertEquals("[1]", stack.toString());
    }

    @Test
    void theNonWaitingMethodsIgnoreTheInterruptStatus() {
        LockingStack<Integer> stack = newStack(8);
        Thread.currentThread().interrupt();
        try {
            stack.push(1);
            assertTrue(stack.offer(2));
            assertEquals(2, stack.peek());
            assertEquals(2, stack.pop());
            assertEquals(1, stack.size());
            assertFalse(stack.isEmpty());
            assertEquals(7, stack.remainingCapacity());
            assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status must be kept");
        } finally {
            Thread.interrupted();
        }
        assertEquals("[1]", stack.toString());
    }

    // ------------------------------------------------------------------------------------------------
    // Blocking, waking, interrupts

    @Test
    void takeWaitsForAPush() throws Exception {
        LockingStack<Integer> stack = newStack(4);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = startWaiter("taker", outcome, stack::take);
        awaitParked(taker);
        stack.push(42);
        awaitEnd(taker);
        assertEquals(42, outcome.get());
        assertTrue(stack.isEmpty());
    }

    @Test
    void timedPollIsWokenByAPush() throws Exception {
        LockingStack<Integer> stack = newStack(4);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = startWaiter("taker", outcome, () -> stack.poll(PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
        awaitParked(taker);
        assertTrue(stack.offer(42));
        awaitEnd(taker);
        assertEquals(42, outcome.get());
        assertTrue(stack.isEmpty());
    }

    @Test
    void putWaitsForRoomAndThenPushesOnTop() throws Exception {
        LockingStack<Integer> stack = stackOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = startWaiter("putter", outcome, () -> {
            stack.put(3);
            return "put";
        });
        awaitParked(putter);
        assertEquals("[2, 1]", stack.toString());
        assertEquals(2, stack.take());
        awaitEnd(putter);
        assertEquals("put", outcome.get());
        assertEquals("[3, 1]", stack.toString());
    }

    @Test
    void timedOfferIsWokenByAPop() throws Exception {
        LockingStack<Integer> stack = stackOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = startWaiter("putter", outcome, () -> stack.offer(3, PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
        awaitParked(putter);
        assertEquals(2, stack.pop());
        awaitEnd(putter);
        assertEquals(Boolean.TRUE, outcome.get());
        assertEquals("[3, 1]", stack.toString());
    }

    @Test
    void anInterruptedTakePopsNothing() throws Exception {
        assertAnInterruptedRemovalPopsNothing(stack -> stack::take);
    }

    @Test
    void anInterruptedTimedPollPopsNothing() throws Exception {
        assertAnInterruptedRemovalPopsNothing(stack -> () -> stack.poll(PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
    }

    /** The waiting call a test interrupts, on a given stack. */
    @FunctionalInterface
    interface WaitingCall {
        Callable on(LockingStack<Integer> stack);
    }

    private void assertAnInterruptedRemovalPopsNothing(WaitingCall removal) throws Exception {
        LockingStack<Integer> stack = newStack(4);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread taker = startWaiter("taker", outcome, reportingInterrupts(removal.on(stack)));
        awaitParked(taker);
        taker.interrupt();
        awaitEnd(taker);
        assertEquals("interrupted, status false", outcome.get());
        stack.push(7); // nobody is waiting for it any more
        assertEquals("[7]", stack.toString());
        assertEquals(7, stack.take());
    }

    @Test
    void anInterruptedPutPushesNothing() throws Exception {
        assertAnInterruptedInsertionPushesNothing(stack -> () -> {
            stack.put(3);
            return "put";
        });
    }

    @Test
    void anInterruptedTimedOfferPushesNothing() throws Exception {
        assertAnInterruptedInsertionPushesNothing(stack -> () -> stack.offer(3, PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS));
    }

    private void assertAnInterruptedInsertionPushesNothing(WaitingCall insertion) throws Exception {
        LockingStack<Integer> stack = stackOf(2, 1, 2);
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread putter = startWaiter("putter", outcome, reportingInterrupts(insertion.on(stack)));
        awaitParked(putter);
        putter.interrupt();
        awaitEnd(putter);
        assertEquals("interrupted, status false", outcome.get());
        assertEquals("[2, 1]", stack.toString());
        assertEquals(2, stack.take());
        assertTrue(stack.offer(4)); // the freed slot is ours: the interrupted putter is gone
        assertEquals("[4, 1]", stack.toString());
    }

    /** Several waiting takers, then as many pushes: every taker gets one element, none is left asleep. */
    @Test
    void everyWaitingTakerIsWoken() throws Exception {
        LockingStack<Integer> stack = newStack(8);
        int takers = 4;
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            Callable take = (i % 2 == 0) ? stack::take : () -> stack.poll(PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS);
            threads.add(startWaiter("taker-" + i, outcome, take));
        }
        for (Thread thread : threads) {
            awaitParked(thread);
        }
        for (int i = 0; i < takers; i++) {
            stack.push(i);
        }
        List<Object> taken = new ArrayList<>();
        for (int i = 0; i < takers; i++) {
            awaitEnd(threads.get(i));
            taken.add(outcomes.get(i).get());
        }
        taken.sort(null);
        assertEquals(List.of(0, 1, 2, 3), taken);
        assertTrue(stack.isEmpty());
    }

    /** Several waiting putters on a full stack, then enough pops: every putter gets in, none left asleep. */
    @Test
    void everyWaitingPutterIsWoken() throws Exception {
        LockingStack<Integer> stack = stackOf(2, 100, 101);
        int putters = 4;
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        for (int i = 0; i < putters; i++) {
            int element = i;
            AtomicReference<Object> outcome = new AtomicReference<>();
            outcomes.add(outcome);
            Callable put = (i % 2 == 0) ? () -> {
                stack.put(element);
                return true;
            } : () -> stack.offer(element, PROMPT_MILLIS * 3, TimeUnit.MILLISECONDS);
            threads.add(startWaiter("putter-" + i, outcome, put));
        }
        for (Thread thread : threads) {
            awaitParked(thread);
        }
        List<Integer> taken = new ArrayList<>();
        for (int i = 0; i < putters + 2; i++) {
            Integer element = stack.poll(PROMPT_MILLIS, TimeUnit.MILLISECONDS);
            assertTrue(element != null, "a putter was left asleep");
            taken.add(element);
        }
        for (int i = 0; i < putters; i++) {
            awaitEnd(threads.get(i));
            assertEquals(Boolean.TRUE, outcomes.get(i).get());
        }
        assertEquals(101, taken.get(0));
        Collections.sort(taken);
        assertEquals(List.of(0, 1, 2, 3, 100, 101), taken);
        assertTrue(stack.isEmpty());
    }

    /**
     * Two putters wait on a full stack of one; a slot frees and the first putter is interrupted at
     * about the same time. Whoever wins, the freed slot is used: either the first putter pushed
     * (perhaps returning with its interrupt status set), or it threw having pushed nothing and the
     * second putter pushed. Nothing is lost, nothing duplicated, and no putter is left asleep beside a
     * free slot.
     */
    @Test
    void aSignalRacingAnInterruptOfAPutterIsNeverLost() throws Exception {
        for (int round = 0; round < 100; round++) {
            LockingStack<Integer> stack = stackOf(1, 0);
            AtomicReference<Object> firstOutcome = new AtomicReference<>();
            AtomicReference<Object> secondOutcome = new AtomicReference<>();
            Thread first = startWaiter("putter-1", firstOutcome, reportingInterrupts(() -> {
                stack.put(1);
                return "pushed";
            }));
            awaitParked(first);
            Thread second = startWaiter("putter-2", secondOutcome, reportingInterrupts(() -> {
                stack.put(2);
                return "pushed";
            }));
            awaitParked(second);
            if (round % 2 == 0) {
                first.interrupt();
                assertEquals(0, stack.take());
            } else {
                assertEquals(0, stack.take());
                first.interrupt();
            }
            awaitEnd(first);
            List<Integer> received = new ArrayList<>();
            received.add(stack.poll(PROMPT_MILLIS, TimeUnit.MILLISECONDS)); // the freed slot was used: no wake-up lost
            if ("pushed".equals(firstOutcome.get())) {
                received.add(stack.poll(PROMPT_MILLIS, TimeUnit.MILLISECONDS)); // then the second putter's turn
            }
            awaitEnd(second);
            assertNull(stack.pop());
            assertEquals("pushed", secondOutcome.get());
            received.sort(null);
            if ("pushed".equals(firstOutcome.get())) {
                assertEquals(List.of(1, 2), received);
            } else {
                assertEquals("interrupted, status false", firstOutcome.get());
                assertEquals(List.of(2), received);
            }
        }
    }

    /**
     * Two takers wait on an empty stack; an element is pushed and the first taker is interrupted at
     * about the same time. Whoever wins, the element is taken exactly once: by the first taker
     * (perhaps returning with its interrupt status set), or, if it threw having taken nothing, by the
     * second. A second element then goes to whichever taker still waits.
     */
    @Test
    void aSignalRacingAnInterruptOfATakerIsNeverLost() throws Exception {
        for (int round = 0; round < 100; round++) {
            LockingStack<Integer> stack = newStack(4);
            AtomicReference<Object> firstOutcome = new AtomicReference<>();
            AtomicReference<Object> secondOutcome = new AtomicReference<>();
            Thread first = startWaiter("taker-1", firstOutcome, reportingInterrupts(stack::take));
            awaitParked(first);
            Thread second = startWaiter("taker-2", secondOutcome, reportingInterrupts(stack::take));
            awaitParked(second);
            if (round % 2 == 0) {
                first.interrupt();
                stack.push(1);
            } else {
                stack.push(1);
                first.interrupt();
            }
            awaitEnd(first);
            if (Integer.valueOf(1).equals(firstOutcome.get())) {
                stack.push(2); // the second taker still waits: this wakes it
                awaitEnd(second);
                assertEquals(2, secondOutcome.get());
            } else {
                assertEquals("interrupted, status false", firstOutcome.get());
                awaitEnd(second); // the element was not lost with the first taker's wake-up
                assertEquals(1, secondOutcome.get());
            }
            assertTrue(stack.isEmpty());
        }
    }

    /**
     * Producers put and consumers take through a small stack, with no interrupts: every element put is
     * taken exactly once, and nobody is left asleep (a lost wake-up would hang the test).
     */
    @Test
    void putAndTakeUnderContentionLoseAndDuplicateNothing() throws Exception {
        LockingStack<Integer> stack = newStack(4);
        int producers = 2;
        int consumers = 2;
        int perProducer = 50_000;
        int total = producers * perProducer;
        AtomicIntegerArray received = new AtomicIntegerArray(total);
        AtomicInteger claims = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            threads.add(start("producer-" + p, failure, () -> {
                for (int i = 0; i < perProducer && failure.get() == null; i++) {
                    stack.put(first + i);
                }
            }));
        }
        for (int c = 0; c < consumers; c++) {
            threads.add(start("consumer-" + c, failure, () -> {
                while (claims.getAndIncrement() < total && failure.get() == null) { // one take per element
                    Integer element = stack.take();
                    if (received.getAndIncrement(element) != 0) {
                        throw new AssertionError("element " + element + " was taken twice");
                    }
                }
            }));
        }
        joinAll(threads, failure);
        for (int element = 0; element < total; element++) {
            assertEquals(1, received.get(element), "element " + element + " was lost");
        }
        assertTrue(stack.isEmpty());
    }

    /**
     * Producers put (and offer with a short timeout) and consumers take (and poll with a short
     * timeout) through a small stack while an interrupter interrupts them at random. An element
     * counts as pushed only when its put returned normally or its offer returned true. At the end,
     * every element pushed must have been taken exactly once or still be in the stack, and nothing
     * that was not pushed may come out: pushed = taken + remaining, element by element. Every round
     * is checked so; rounds repeat (at most {@value #INTERRUPT_ROUNDS}) until some call has timed out
     * and some has been interrupted, since a round on a fast machine can pass with no timeout at all
     * (seen once in CI, on JDK 25).
     */
    @Test
    void interruptsAndTimeoutsLoseAndDuplicateNothing() throws Exception {
        int interruptions = 0;
        int timeouts = 0;
        for (int round = 0; round < INTERRUPT_ROUNDS && (interruptions == 0 || timeouts == 0); round++) {
            int[] counts = interruptsAndTimeoutsRound();
            interruptions += counts[0];
            timeouts += counts[1];
        }
        assertTrue(interruptions > 0, "no call was interrupted in " + INTERRUPT_ROUNDS + " rounds: the test proved nothing");
        assertTrue(timeouts > 0, "no call timed out in " + INTERRUPT_ROUNDS + " rounds: the test proved nothing");
    }

    private static final int INTERRUPT_ROUNDS = 10;

    /** One round of {@link #interruptsAndTimeoutsLoseAndDuplicateNothing()}: its interruptions and its timeouts. */
    private int[] interruptsAndTimeoutsRound() throws Exception {
        LockingStack<Integer> stack = newStack(4);
        int producers = 2;
        int consumers = 2;
        int perProducer = 20_000;
        int total = producers * perProducer;
        AtomicIntegerArray pushed = new AtomicIntegerArray(total);
        AtomicIntegerArray taken = new AtomicIntegerArray(total);
        AtomicBoolean producing = new AtomicBoolean(true);
        AtomicInteger interruptions = new AtomicInteger();
        AtomicInteger timeouts = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> producerThreads = new ArrayList<>();
        List<Thread> consumerThreads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int first = p * perProducer;
            producerThreads.add(start("producer-" + p, failure, () -> {
                for (int i = 0; i < perProducer && failure.get() == null; i++) {
                    int element = first + i;
                    try {
                        boolean accepted;
                        if (i % 2 == 0) {
                            stack.put(element);
                            accepted = true;
                        } else {
                            accepted = stack.offer(element, 100, TimeUnit.MICROSECONDS);
                        }
                        if (accepted) {
                            pushed.set(element, 1);
                        } else {
                            timeouts.incrementAndGet();
                        }
                    } catch (InterruptedException interrupted) {
                        interruptions.incrementAndGet(); // not pushed: it must never come out
                    }
                }
            }));
        }
        for (int c = 0; c < consumers; c++) {
            consumerThreads.add(start("consumer-" + c, failure, () -> {
                for (int round = 0; failure.get() == null; round++) {
                    Integer element;
                    try {
                        element = (round % 2 == 0) ? stack.take() : stack.poll(100, TimeUnit.MICROSECONDS);
                    } catch (InterruptedException interrupted) {
                        interruptions.incrementAndGet(); // nothing taken
                        if (!producing.get()) {
                            return; // the end: the main thread interrupts us out of take()
                        }
                        continue;
                    }
                    if (element == null) {
                        timeouts.incrementAndGet();
                        if (!producing.get()) {
                            return;
                        }
                    } else if (taken.getAndIncrement(element) != 0) {
                        throw new AssertionError("element " + element + " was taken twice");
                    }
                }
            }));
        }
        List<Thread> workers = new ArrayList<>(producerThreads);
        workers.addAll(consumerThreads);
        Thread interrupter = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            while (producing.get()) {
                workers.get(random.nextInt(workers.size())).interrupt();
                LockSupport.parkNanos(random.nextInt(50_000)); // let some waits park before the next
            }
        }, "interrupter");
        interrupter.setDaemon(true);
        interrupter.start();
        joinAll(producerThreads, failure);
        producing.set(false);
        interrupter.join(PROMPT_MILLIS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        for (Thread consumer : consumerThreads) {
            while (consumer.isAlive() && System.nanoTime() < deadline) {
                consumer.interrupt(); // out of a take() on an empty stack
                consumer.join(10);
            }
        }
        joinAll(consumerThreads, failure);
        AtomicIntegerArray remaining = new AtomicIntegerArray(total);
        for (Integer element = stack.pop(); element != null; element = stack.pop()) {
            if (remaining.getAndIncrement(element) != 0 || taken.get(element) != 0) {
                throw new AssertionError("element " + element + " is still in the stack and was taken");
            }
        }
        int pushedCount = 0;
        int takenCount = 0;
        int remainingCount = 0;
        for (int element = 0; element < total; element++) {
            int out = taken.get(element) + remaining.get(element);
            assertEquals(pushed.get(element), out, "element " + element
                    + (pushed.get(element) == 1 ? " was pushed but lost" : " came out but was never pushed"));
            pushedCount += pushed.get(element);
            takenCount += taken.get(element);
            remainingCount += remaining.get(element);
        }
        assertEquals(pushedCount, takenCount + remainingCount);
        assertTrue(pushedCount > 0, "nothing got through the interrupts: the test proved nothing");
        return new int[] {interruptions.get(), timeouts.get()};
    }
}
