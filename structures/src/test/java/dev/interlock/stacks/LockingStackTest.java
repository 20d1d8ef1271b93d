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

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The blocking stack contract ({@link BlockingStackContract}, and through it {@link StackContract})
 * for the non-fair {@link LockingStack}, and the behaviour specific to it: construction, capacity and
 * remaining capacity, growth of the array past its initial length, no preallocation, no popped element
 * kept reachable, {@code clear}, {@code toString}, and timeouts too long to add to {@code nanoTime}.
 * {@link FairLockingStackTest} runs the contract for the fair stack.
 */
public class LockingStackTest extends BlockingStackContract {

    /** How long a test waits for something that must happen promptly. */
    private static final long PROMPT_MILLIS = 10_000;

    @Override
    protected LockingStack<Integer> newStack(int capacity) {
        return new LockingStack<>(capacity);
    }

    /** The unbounded stack of the {@link StackContract} tests, through the no-argument constructor. */
    @Override
    protected LockingStack<Integer> newStack() {
        return new LockingStack<>();
    }

    // ---- Construction and accessors ---------------------------------------------------------------

    @Test
    void capacityMustBePositive() {
        for (int capacity : new int[] {0, -1, Integer.MIN_VALUE}) {
            IllegalArgumentException nonFair =
                    assertThrows(IllegalArgumentException.class, () -> new LockingStack<>(capacity));
            assertEquals("capacity must be positive, but was " + capacity, nonFair.getMessage());
            IllegalArgumentException fair =
                    assertThrows(IllegalArgumentException.class, () -> new LockingStack<>(capacity, true));
            assertEquals("capacity must be positive, but was " + capacity, fair.getMessage());
            assertThrows(IllegalArgumentException.class, () -> new LockingStack<>(capacity, false));
        }
    }

    @Test
    void theDefaultStackIsUnboundedAndNonFair() {
        LockingStack<Integer> stack = new LockingStack<>();
        assertEquals(Integer.MAX_VALUE, stack.capacity());
        assertEquals(Integer.MAX_VALUE, stack.remainingCapacity());
        assertFalse(stack.isFair());
    }

    @Test
    void capacityAndFairnessAreReported() {
        assertEquals(5, new LockingStack<>(5).capacity());
        assertEquals(5, new LockingStack<>(5).remainingCapacity());
        assertFalse(new LockingStack<>(5).isFair());
        assertTrue(new LockingStack<>(5, true).isFair());
        assertFalse(new LockingStack<>(5, false).isFair());
        assertEquals(1, new LockingStack<>(1, true).capacity());
        assertEquals(Integer.MAX_VALUE, new LockingStack<>(Integer.MAX_VALUE, true).capacity());
    }

    // ---- Growth and memory -------------------------------------------------------------------------

    /** Capacities around the initial array length (16) and its doublings: full exactly at capacity. */
    @Test
    void aBoundedStackGrowsToExactlyItsCapacity() {
        for (int capacity : new int[] {1, 2, 15, 16, 17, 31, 32, 33, 100, 1_000}) {
            LockingStack<Integer> stack = new LockingStack<>(capacity);
            for (int lap = 0; lap < 2; lap++) { // the second lap reuses the grown array
                for (int i = 0; i < capacity; i++) {
                    assertEquals(capacity - i, stack.remainingCapacity());
                    assertTrue(stack.offer(i), "capacity " + capacity + " refused element " + i);
                }
                assertFalse(stack.offer(-1), "capacity " + capacity + " accepted one too many");
                assertThrows(IllegalStateException.class, () -> stack.push(-1));
                assertEquals(capacity, stack.size());
                assertEquals(0, stack.remainingCapacity());
                for (int i = capacity - 1; i >= 0; i--) {
                    assertEquals(i, stack.pop());
                }
                assertNull(stack.pop());
            }
        }
    }

    @Test
    void anUnboundedStackGrowsPastItsInitialArrayAndKeepsItsOrder() {
        LockingStack<Integer> stack = new LockingStack<>();
        int n = 100_000; // many doublings of the initial 16
        for (int i = 0; i < n; i++) {
            stack.push(i);
            if (i % 1_000 == 999) {
                assertEquals(i, stack.peek());
                assertEquals(i + 1, stack.size());
            }
        }
        assertEquals(Integer.MAX_VALUE - n, stack.remainingCapacity());
        for (int i = n - 1; i >= 0; i--) {
            assertEquals(i, stack.pop());
        }
        assertTrue(stack.isEmpty());
    }

    /**
     * Stacks whose capacity is close to the largest array must not reserve it: a thousand of them, each
     * holding one element, fit in any heap. Reserving Integer.MAX_VALUE - 8 references takes 8 or 16 GB,
     * and Integer.MAX_VALUE exceeds the VM's limit on array length. The OutOfMemoryError of a stack that
     * does reserve is turned into a test failure: uncaught, it would end the test JVM.
     */
    @Test
    void aStackWithAHugeCapacityDoesNotPreallocate() {
        List<LockingStack<Integer>> stacks = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                int capacity = i % 2 == 0 ? Integer.MAX_VALUE : Integer.MAX_VALUE - 8;
                LockingStack<Integer> stack = new LockingStack<>(capacity, i % 3 == 0);
                stack.push(i);
                stacks.add(stack);
            }
        } catch (OutOfMemoryError preallocated) {
            stacks.clear();
            throw new AssertionError("a stack reserved memory for its whole capacity", preallocated);
        }
        for (int i = 0; i < stacks.size(); i++) {
            assertEquals(i, stacks.get(i).pop());
            assertEquals(stacks.get(i).capacity(), stacks.get(i).remainingCapacity());
        }
    }

    /** A popped element, and a cleared one, must not stay reachable from the stack. */
    @Test
    void popAndClearKeepNothingReachable() throws InterruptedException {
        LockingStack<Object> stack = new LockingStack<>();
        Object bottom = new Object();
        WeakReference<Object> bottomReference = new WeakReference<>(bottom);
        stack.push(bottom);
        bottom = null;
        WeakReference<Object> poppedReference = pushAndPopAnObject(stack);
        assertCollected(poppedReference, "a popped element");
        assertTrue(bottomReference.get() != null, "an element still in the stack was collected");
        stack.clear();
        assertCollected(bottomReference, "a cleared element");
        assertTrue(stack.isEmpty());
    }

    /** In a method of its own, so that no local variable of the caller keeps the element alive. */
    private static WeakReference<Object> pushAndPopAnObject(LockingStack<Object> stack) {
        Object element = new Object();
        stack.push(element);
        assertTrue(stack.pop() == element);
        return new WeakReference<>(element);
    }

    private static void assertCollected(WeakReference<Object> reference, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (reference.get() != null) {
            assertTrue(System.nanoTime() < deadline, what + " is still reachable after repeated garbage collections");
            System.gc();
            Thread.sleep(10);
        }
    }

    // ---- clear and toString ------------------------------------------------------------------------

    @Test
    void clearEmptiesTheStackAndItStillWorks() {
        LockingStack<Integer> stack = new LockingStack<>(1_000);
        stack.clear(); // on an empty stack: nothing happens
        assertTrue(stack.isEmpty());
        for (int lap = 0; lap < 3; lap++) {
            for (int i = 0; i < 100; i++) { // past the initial array
                stack.push(i);
            }
            stack.clear();
            assertTrue(stack.isEmpty());
            assertEquals(0, stack.size());
            assertEquals(1_000, stack.remainingCapacity());
            assertNull(stack.peek());
            assertNull(stack.pop());
            assertEquals("[]", stack.toString());
        }
        for (int i = 0; i < 1_000; i++) {
            stack.push(i);
        }
        assertFalse(stack.offer(-1));
        assertEquals(999, stack.pop());
        LockingStack<Integer> small = new LockingStack<>(4);
        small.push(1);
        small.push(2);
        small.clear(); // an array not grown is cleared in place
        small.push(3);
        assertEquals("[3]", small.toString());
    }

    @Test
    void clearWakesEveryBlockedPutterThatFits() throws Exception {
        LockingStack<Integer> stack = new LockingStack<>(2);
        stack.push(1);
        stack.push(2);
        List<Thread> putters = new ArrayList<>();
        List<AtomicReference<Throwable>> failures = new ArrayList<>();
        for (int element = 3; element <= 5; element++) {
            int value = element;
            AtomicReference<Throwable> failure = new AtomicReference<>();
            failures.add(failure);
            Thread putter = start("putter-" + element, failure, () -> stack.put(value));
            awaitBlocked(putter);
            putters.add(putter);
        }
        stack.clear(); // two slots free: two of the three putters get in, the third waits again
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (stack.size() < 2) {
            assertTrue(System.nanoTime() < deadline, "clear() did not wake the blocked putters");
            Thread.sleep(1);
        }
        Thread.sleep(20);
        assertEquals(2, stack.size());
        assertEquals(1, putters.stream().filter(Thread::isAlive).count(), "exactly one putter must still wait");
        stack.pop();
        for (int i = 0; i < putters.size(); i++) {
            putters.get(i).join(PROMPT_MILLIS);
            assertFalse(putters.get(i).isAlive(), "the last putter was not woken");
            assertNull(failures.get(i).get());
        }
        assertEquals(2, stack.size());
    }

    @Test
    void toStringListsTheElementsTopFirst() {
        LockingStack<Object> stack = new LockingStack<>();
        assertEquals("[]", stack.toString());
        stack.push(1);
        assertEquals("[1]", stack.toString());
        stack.push("two");
        stack.push(3);
        assertEquals("[3, two, 1]", stack.toString());
        stack.pop();
        assertEquals("[two, 1]", stack.toString());
        stack.push(stack);
        assertEquals("[(this Stack), two, 1]", stack.toString());
        for (int i = 0; i < 20; i++) { // past the initial array
            stack.pop();
            stack.push(i);
            stack.push(stack);
        }
        assertEquals(23, stack.size());
        assertTrue(stack.toString().startsWith("[(this Stack), 19, 18, 17, "), stack.toString());
        assertTrue(stack.toString().endsWith(", 1, 0, two, 1]"), stack.toString());
    }

    // ---- Timeouts ----------------------------------------------------------------------------------

    /**
     * A timeout of Long.MAX_VALUE (in any unit: it saturates to Long.MAX_VALUE nanoseconds) overflows
     * when added to {@code System.nanoTime()}; it must still mean "wait", not "already expired".
     */
    @Test
    void theLongestTimeoutsWaitUntilWoken() throws Exception {
        LockingStack<Integer> stack = new LockingStack<>(1);
        stack.push(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Object> offered = new AtomicReference<>();
        Thread putter = start("putter", failure, () -> offered.set(stack.offer(2, Long.MAX_VALUE, TimeUnit.DAYS)));
        awaitBlocked(putter);
        assertEquals(1, stack.pop());
        putter.join(PROMPT_MILLIS);
        assertFalse(putter.isAlive(), "the putter was not woken");
        assertEquals(Boolean.TRUE, offered.get());
        assertEquals(2, stack.pop());
        AtomicReference<Object> polled = new AtomicReference<>();
        Thread taker = start("taker", failure, () -> polled.set(stack.poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS)));
        awaitBlocked(taker);
        stack.push(3);
        taker.join(PROMPT_MILLIS);
        assertFalse(taker.isAlive(), "the taker was not woken");
        assertEquals(3, polled.get());
        assertNull(failure.get());
    }

    /** Waits until {@code thread} is parked (on the stack's condition, since nothing else holds the lock). */
    static void awaitBlocked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROMPT_MILLIS);
        while (thread.getState() != Thread.State.WAITING && thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(thread.getName() + " did not block: " + thread.getState());
            }
            Thread.sleep(1);
        }
    }
}
