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
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link ConcurrentStack} keeps, as one abstract test base: last-in, first-out
 * order, the empty edge, null elements, {@code peek}, {@code isEmpty} and {@code size}, and coarse
 * concurrent properties: nothing lost or duplicated, each thread's own pushes in LIFO order, safe
 * publication of the elements' fields, and a size that is exact when no thread is changing the stack.
 * Each stack has a small subclass, {@code <Name>Test}, that supplies the factory.
 *
 * <p>The concurrent tests run more threads than the two cores of the CI machine, so that threads are
 * preempted in the middle of operations; each checks a property that a broken stack violates in a
 * way the test can see (an element popped twice, an element missing at the end, an element of one
 * thread popped out of order, a {@code pop} that returns null while the stack cannot be empty). They
 * are probabilistic: a pass is evidence, not proof. Linearizability is Lincheck's job
 * ({@link StackLincheckBase}), memory-model subtleties jcstress's.
 *
 * <p>Every test runs under a {@link Timeout} in a separate thread, so a stack that hangs fails its
 * test instead of the build; helper threads are daemons.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public abstract class StackContract {

    /** Elements each thread pushes in the concurrent tests. */
    protected static final int PER_THREAD = 100_000;

    /** Threads in the concurrent tests: more than the two cores of the CI machine. */
    protected static final int THREADS = 4;

    /** How long a test waits for another thread to do something it must do soon. Generous: CI is slow. */
    private static final long PROMPT_SECONDS = 10;

    /** Rounds of the concurrent tests that realign their threads at a barrier. */
    private static final int ROUNDS = 100;

    /**
     * How long the concurrent tests that look for lost and duplicated elements repeat their trial, on
     * a fresh stack each time: at least once, and then as long as this budget lasts (at most
     * {@value #MAX_TRIALS} times). A race that one trial catches only now and then is caught in
     * almost every run; a slow stack (a fair lock hands over at every operation) runs one trial.
     */
    private static final long TRIALS_MILLIS = 1_000;

    /** The most trials a repeated test runs. */
    private static final int MAX_TRIALS = 20;

    /**
     * Creates a new, empty stack. A bounded stack must hold at least {@code THREADS * PER_THREAD}
     * elements (the tests push that many before popping them).
     *
     * @return a new empty stack
     */
    protected abstract ConcurrentStack<Integer> newStack();

    /** A stack with the given elements pushed in order: the last is on top. */
    private ConcurrentStack<Integer> stackOf(Integer... bottomToTop) {
        ConcurrentStack<Integer> stack = newStack();
        for (Integer element : bottomToTop) {
            stack.push(element);
        }
        return stack;
    }

    /** Pops every element; the result is top first. */
    private static <E> List<E> popAll(ConcurrentStack<E> stack) {
        List<E> popped = new ArrayList<>();
        for (E element = stack.pop(); element != null; element = stack.pop()) {
            popped.add(element);
        }
        return popped;
    }

    /**
     * Asserts every non-destructive observer agrees the stack holds {@code topFirst.length} elements
     * with {@code topFirst[0]} on top, then pops them all, checking their order, and leaves the stack
     * empty.
     */
    private static void assertPopsExactly(ConcurrentStack<Integer> stack, Integer... topFirst) {
        assertEquals(topFirst.length, stack.size(), "size");
        assertEquals(topFirst.length == 0, stack.isEmpty(), "isEmpty");
        assertEquals(topFirst.length == 0 ? null : topFirst[0], stack.peek(), "peek");
        assertEquals(List.of(topFirst), popAll(stack));
        assertEmpty(stack);
    }

    private static void assertEmpty(ConcurrentStack<Integer> stack) {
        assertTrue(stack.isEmpty(), "isEmpty");
        assertEquals(0, stack.size(), "size");
        assertNull(stack.peek(), "peek");
        assertNull(stack.pop(), "pop");
    }

    // ------------------------------------------------------------------------------------------------
    // Sequential behaviour

    @Test
    void aNewStackIsEmpty() {
        ConcurrentStack<Integer> stack = newStack();
        assertEmpty(stack);
        assertEmpty(stack); // and popping an empty stack changed nothing
    }

    @Test
    void elementsComeOutInTheReverseOrderOfTheirPushes() {
        ConcurrentStack<Integer> stack = stackOf(1, 2, 3, 4, 5);
        assertPopsExactly(stack, 5, 4, 3, 2, 1);
    }

    @Test
    void interleavedPushesAndPopsAreLastInFirstOut() {
        ConcurrentStack<Integer> stack = newStack();
        stack.push(1);
        stack.push(2);
        assertEquals(2, stack.pop());
        stack.push(3);
        stack.push(4);
        assertEquals(4, stack.pop());
        assertEquals(3, stack.pop());
        stack.push(5);
        assertEquals(5, stack.peek());
        assertEquals(5, stack.pop());
        assertEquals(1, stack.pop());
        assertEmpty(stack);
        stack.push(6); // an emptied stack still works
        assertPopsExactly(stack, 6);
    }

    @Test
    void popAndPeekOnAnEmptyStackReturnNullAndChangeNothing() {
        ConcurrentStack<Integer> stack = stackOf(1);
        assertEquals(1, stack.pop());
        for (int i = 0; i < 3; i++) {
            assertNull(stack.pop());
            assertNull(stack.peek());
        }
        assertEmpty(stack);
        stack.push(2);
        stack.push(3);
        assertPopsExactly(stack, 3, 2);
    }

    @Test
    void peekReturnsTheTopWithoutRemovingIt() {
        ConcurrentStack<Integer> stack = stackOf(7, 8);
        for (int i = 0; i < 3; i++) {
            assertEquals(8, stack.peek());
            assertEquals(2, stack.size());
            assertFalse(stack.isEmpty());
        }
        assertEquals(8, stack.pop());
        assertEquals(7, stack.peek());
        assertEquals(7, stack.peek());
        assertPopsExactly(stack, 7);
    }

    @Test
    void sizeAndIsEmptyFollowEveryPushAndPop() {
        ConcurrentStack<Integer> stack = newStack();
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            assertEquals(i, stack.size());
            assertEquals(i == 0, stack.isEmpty());
            stack.push(i);
            assertEquals(i + 1, stack.size());
            assertFalse(stack.isEmpty());
        }
        for (int i = n - 1; i >= 0; i--) {
            assertEquals(i + 1, stack.size());
            assertEquals(i, stack.pop());
            assertEquals(i, stack.size());
            assertEquals(i == 0, stack.isEmpty());
        }
        assertEmpty(stack);
    }

    @Test
    void aNullElementIsRejectedAndChangesNothing() {
        ConcurrentStack<Integer> empty = newStack();
        assertThrows(NullPointerException.class, () -> empty.push(null));
        assertEmpty(empty);
        ConcurrentStack<Integer> stack = stackOf(1, 2);
        assertThrows(NullPointerException.class, () -> stack.push(null));
        assertThrows(NullPointerException.class, () -> stack.push(null));
        assertPopsExactly(stack, 2, 1);
    }

    @Test
    void duplicatesAreDistinctElements() {
        ConcurrentStack<Integer> stack = stackOf(1, 1, 2, 1);
        assertPopsExactly(stack, 1, 2, 1, 1);
    }

    /** The stack hands back the very objects pushed, not copies, and tells equal objects apart. */
    @Test
    void theSameElementObjectsComeBackInReverseOrder() {
        Integer first = Integer.valueOf(123_456_789); // outside the Integer cache: distinct objects
        Integer second = Integer.valueOf(123_456_789);
        assertNotSame(first, second);
        ConcurrentStack<Integer> stack = stackOf(first, second);
        assertSame(second, stack.peek());
        assertSame(second, stack.pop());
        assertSame(first, stack.pop());
        assertEmpty(stack);
    }

    @Test
    void manyElementsComeBackInReverseOrder() {
        ConcurrentStack<Integer> stack = newStack();
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            stack.push(i);
        }
        assertEquals(n, stack.size());
        for (int i = n - 1; i >= 0; i--) {
            assertEquals(i, stack.pop());
        }
        assertEmpty(stack);
    }

    /** Random pushes, pops and peeks, compared step by step with an {@link ArrayDeque} used as a stack. */
    @Test
    void randomOperationsAgreeWithASequentialModel() {
        Random random = new Random(42);
        ConcurrentStack<Integer> stack = newStack();
        ArrayDeque<Integer> model = new ArrayDeque<>();
        for (int step = 0; step < 20_000; step++) {
            int element = random.nextInt(5);
            switch (random.nextInt(5)) {
                case 0:
                case 1:
                    stack.push(element);
                    model.push(element);
                    break;
                case 2:
                case 3:
                    assertEquals(model.pollFirst(), stack.pop(), "pop at step " + step);
                    break;
                default:
                    assertEquals(model.peekFirst(), stack.peek(), "peek at step " + step);
                    break;
            }
            assertEquals(model.size(), stack.size(), "size at step " + step);
            assertEquals(model.isEmpty(), stack.isEmpty(), "isEmpty at step " + step);
        }
        assertEquals(new ArrayList<>(model), popAll(stack));
    }

    // ------------------------------------------------------------------------------------------------
    // Concurrent behaviour

    /** A task that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Starts a daemon thread that reports its first failure into {@code failure}. */
    static Thread start(String name, AtomicReference<Throwable> failure, ThrowingRunnable body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    static void joinAll(List<Thread> threads, AtomicReference<Throwable> failure) throws Exception {
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(50));
            assertFalse(thread.isAlive(), thread.getName() + " did not finish");
        }
        if (failure.get() != null) {
            throw new AssertionError("a worker thread failed", failure.get());
        }
    }

    /** A trial of a concurrent test: it fails by throwing. */
    @FunctionalInterface
    interface Trial {
        void run() throws Exception;
    }

    /** Runs {@code trial} once, then again while {@code millis} have not passed, at most {@value #MAX_TRIALS} times. */
    private static void repeatForAbout(long millis, Trial trial) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        int trials = 0;
        do {
            trial.run();
            trials++;
        } while (trials < MAX_TRIALS && System.nanoTime() - deadline < 0);
    }

    /** Records one pop of {@code element}; fails on an element never pushed or popped before. */
    private static void recordPop(AtomicIntegerArray popped, Integer element) {
        if (element < 0 || element >= popped.length()) {
            throw new AssertionError("popped " + element + ", which was never pushed");
        }
        if (popped.getAndIncrement(element) != 0) {
            throw new AssertionError("element " + element + " was popped twice");
        }
    }

    /** After the workers: pops what is left and checks that every element was popped exactly once. */
    private static void assertEachPoppedOnce(ConcurrentStack<Integer> stack, AtomicIntegerArray popped) {
        for (Integer element : popAll(stack)) {
            recordPop(popped, element);
        }
        for (int element = 0; element < popped.length(); element++) {
            assertEquals(1, popped.get(element), "element " + element + " was lost");
        }
        assertEmpty(stack);
    }

    /**
     * Every thread pushes bursts of its own distinct elements and pops about as many, so the stack
     * stays shallow, its top is contended by every thread, and pops often find it empty. The threads
     * meet at a barrier before each of {@value #ROUNDS} rounds, so that they start each round
     * together instead of one finishing before the next is scheduled. Every element must be popped
     * exactly once, by a worker or by the final drain, and no pop may return an element that was
     * never pushed.
     */
    @Test
    void threadsThatPushAndPopLoseAndDuplicateNothing() throws Exception {
        repeatForAbout(TRIALS_MILLIS, () -> pushAndPopTrial(newStack()));
    }

    private static void pushAndPopTrial(ConcurrentStack<Integer> stack) throws Exception {
        AtomicIntegerArray popped = new AtomicIntegerArray(THREADS * PER_THREAD);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier roundStart = new CyclicBarrier(THREADS);
        int perRound = PER_THREAD / ROUNDS;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t * PER_THREAD;
            long seed = t;
            threads.add(start("pusher-popper-" + t, failure, () -> {
                try {
                    Random random = new Random(seed);
                    int next = first;
                    for (int round = 0; round < ROUNDS && failure.get() == null; round++) {
                        roundStart.await(50, TimeUnit.SECONDS);
                        int end = next + perRound;
                        while (next < end && failure.get() == null) {
                            int burst = Math.min(1 + random.nextInt(8), end - next);
                            for (int i = 0; i < burst; i++) {
                                stack.push(next++);
                            }
                            int pops = burst + random.nextInt(2); // now and then one more: the empty edge
                            for (int p = 0; p < pops; p++) {
                                Integer element = stack.pop();
                                if (element != null) {
                                    recordPop(popped, element);
                                }
                            }
                        }
                    }
                } catch (Throwable thrown) {
                    failure.compareAndSet(null, thrown); // first, so that it is the failure reported
                    roundStart.reset(); // and the others stop waiting for this thread at the barrier
                }
            }));
        }
        joinAll(threads, failure);
        assertEachPoppedOnce(stack, popped);
    }

    /**
     * Half the threads only push and half only pop, the poppers spinning on an empty stack; when the
     * pushers are done and the stack is empty, the poppers stop. Every element must be popped exactly
     * once.
     */
    @Test
    void separatePushersAndPoppersLoseAndDuplicateNothing() throws Exception {
        repeatForAbout(TRIALS_MILLIS, () -> separatePushersAndPoppersTrial(newStack()));
    }

    private static void separatePushersAndPoppersTrial(ConcurrentStack<Integer> stack) throws Exception {
        int pushers = THREADS / 2;
        int poppers = THREADS - pushers;
        AtomicIntegerArray popped = new AtomicIntegerArray(pushers * PER_THREAD);
        AtomicBoolean pushing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> pusherThreads = new ArrayList<>();
        List<Thread> popperThreads = new ArrayList<>();
        for (int t = 0; t < pushers; t++) {
            int first = t * PER_THREAD;
            pusherThreads.add(start("pusher-" + t, failure, () -> {
                go.await();
                for (int i = 0; i < PER_THREAD && failure.get() == null; i++) {
                    stack.push(first + i);
                }
            }));
        }
        for (int t = 0; t < poppers; t++) {
            popperThreads.add(start("popper-" + t, failure, () -> {
                go.await();
                while (failure.get() == null) {
                    boolean lastRound = !pushing.get(); // read before the pop: then no push can follow it
                    Integer element = stack.pop();
                    if (element != null) {
                        recordPop(popped, element);
                    } else if (lastRound) {
                        return;
                    } else {
                        Thread.onSpinWait();
                    }
                }
            }));
        }
        go.countDown();
        joinAll(pusherThreads, failure);
        pushing.set(false);
        joinAll(popperThreads, failure);
        assertEachPoppedOnce(stack, popped);
    }

    /**
     * Several threads push concurrently and nobody pops; then one thread pops everything. Each
     * pusher's elements were pushed in increasing order, so they must come out in decreasing order
     * (a push goes on top of everything pushed before it returned), interleaved with the others'.
     */
    @Test
    void eachPushersElementsComeOutInReverseOrder() throws Exception {
        ConcurrentStack<Integer> stack = newStack();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t * PER_THREAD;
            threads.add(start("pusher-" + t, failure, () -> {
                go.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    stack.push(first + i);
                }
            }));
        }
        go.countDown();
        joinAll(threads, failure);
        assertEquals(THREADS * PER_THREAD, stack.size(), "size after the pushes");
        int[] lastSeen = new int[THREADS];
        Arrays.fill(lastSeen, PER_THREAD);
        AtomicIntegerArray popped = new AtomicIntegerArray(THREADS * PER_THREAD);
        for (Integer element : popAll(stack)) {
            recordPop(popped, element);
            int pusher = element / PER_THREAD;
            int index = element % PER_THREAD;
            if (index >= lastSeen[pusher]) {
                throw new AssertionError("pusher " + pusher + "'s element " + index
                        + " came out after its element " + lastSeen[pusher] + ", which it pushed later");
            }
            lastSeen[pusher] = index;
        }
        assertEachPoppedOnce(stack, popped);
    }

    /**
     * One thread, the only popper, pushes a batch of its own elements and then pops until it has them
     * all back, while the other threads push elements of their own now and then (each time the owner
     * grants them a few pushes, so that they keep pushing throughout). Nobody else pops, so the
     * owner's elements stay in the stack in the order it pushed them, with only other elements pushed
     * on top: it must get them back exactly reversed, and no pop may return null while one of them is
     * still in the stack. At the end every element pushed, the others' included, must have been
     * popped exactly once.
     *
     * <p>On a loaded machine the owner could finish all its batches before another thread was even
     * scheduled (seen once in CI: 0.05 s, no other push), which proves nothing. So the owner waits for
     * the other pushers to be running before it starts, and, until the first of their pushes has
     * happened, waits after each batch (at most {@value #PROMPT_SECONDS} s in all) for the pushes it
     * granted to be taken.
     */
    @Test
    void aThreadsOwnPushesComeBackReversedWhileOthersPush() throws Exception {
        int ownElements = PER_THREAD;
        int noisePushers = THREADS - 1;
        int total = ownElements + noisePushers * PER_THREAD;
        ConcurrentStack<Integer> stack = newStack();
        AtomicIntegerArray pushed = new AtomicIntegerArray(total);
        AtomicIntegerArray popped = new AtomicIntegerArray(total);
        AtomicInteger grantedPushes = new AtomicInteger();
        AtomicInteger otherPushes = new AtomicInteger();
        CountDownLatch othersRunning = new CountDownLatch(noisePushers);
        AtomicBoolean ownerDone = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        threads.add(start("owner", failure, () -> {
            go.await();
            othersRunning.await();
            long patience = System.nanoTime() + TimeUnit.SECONDS.toNanos(PROMPT_SECONDS);
            try {
                Random random = new Random(7);
                int next = 0; // the owner's elements are 0 to ownElements - 1
                while (next < ownElements && failure.get() == null) {
                    grantedPushes.addAndGet(random.nextInt(9));
                    int batch = Math.min(1 + random.nextInt(32), ownElements - next);
                    for (int i = 0; i < batch; i++) {
                        pushed.set(next + i, 1);
                        stack.push(next + i);
                    }
                    while (otherPushes.get() == 0 && grantedPushes.get() > 0 && System.nanoTime() - patience < 0) {
                        Thread.yield(); // until the others have pushed once: see the method's comment.
                    }
                    int expected = next + batch - 1; // the owner's element it must pop next
                    while (expected >= next) {
                        Integer element = stack.pop();
                        if (element == null) {
                            throw new AssertionError("pop returned null while the owner's element " + expected
                                    + " was in the stack");
                        }
                        recordPop(popped, element);
                        if (element < ownElements) {
                            if (element != expected) {
                                throw new AssertionError("the owner popped its element " + element
                                        + " where it expected " + expected);
                            }
                            expected--;
                        }
                    }
                    next += batch;
                }
            } finally {
                ownerDone.set(true);
            }
        }));
        for (int t = 0; t < noisePushers; t++) {
            int first = ownElements + t * PER_THREAD;
            threads.add(start("pusher-" + t, failure, () -> {
                go.await();
                othersRunning.countDown();
                int i = 0;
                while (i < PER_THREAD && !ownerDone.get()) {
                    int granted = grantedPushes.get();
                    if (granted > 0 && grantedPushes.compareAndSet(granted, granted - 1)) {
                        pushed.set(first + i, 1);
                        stack.push(first + i);
                        otherPushes.incrementAndGet();
                        i++;
                    } else {
                        Thread.yield();
                    }
                }
            }));
        }
        go.countDown();
        joinAll(threads, failure);
        for (Integer element : popAll(stack)) {
            recordPop(popped, element);
        }
        int others = 0;
        for (int element = 0; element < total; element++) {
            assertEquals(pushed.get(element), popped.get(element), "element " + element
                    + (pushed.get(element) == 1 ? " was lost" : " was popped but never pushed"));
            others += element >= ownElements ? pushed.get(element) : 0;
        }
        assertTrue(others > 0, "the other threads pushed nothing: the test proved nothing");
        assertEmpty(stack);
    }

    /** A mutable element whose fields are written with plain writes after its construction. */
    private static final class Box {
        int value;
        int twice;
        int[] digits;
    }

    /**
     * Pushers create a {@link Box}, fill its plain fields, and push it; poppers read the fields of
     * every box they pop. The stack's memory consistency effects (actions before a push happen-before
     * actions after the pop of that element) mean every field must be seen filled in. On x86-64 a
     * stack that lacks the release and acquire rarely shows it, since loads and stores are not
     * reordered with each other there; the jcstress tests are the sharper check. This test does catch
     * a stack that publishes an element before it is pushed or hands out a half-built node.
     */
    @Test
    void aPoppedElementsFieldsAreVisible() throws Exception {
        repeatForAbout(TRIALS_MILLIS, () -> {
            @SuppressWarnings("unchecked") // the stacks are generic; erasure makes this one hold boxes
            ConcurrentStack<Box> stack = (ConcurrentStack<Box>) (ConcurrentStack<?>) newStack();
            publicationTrial(stack);
        });
    }

    private static void publicationTrial(ConcurrentStack<Box> stack) throws Exception {
        int pushers = THREADS / 2;
        int poppers = THREADS - pushers;
        int perPusher = PER_THREAD / 2;
        AtomicIntegerArray popped = new AtomicIntegerArray(pushers * perPusher);
        AtomicBoolean pushing = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> pusherThreads = new ArrayList<>();
        List<Thread> popperThreads = new ArrayList<>();
        for (int t = 0; t < pushers; t++) {
            int first = t * perPusher;
            pusherThreads.add(start("pusher-" + t, failure, () -> {
                for (int i = 0; i < perPusher && failure.get() == null; i++) {
                    Box box = new Box();
                    box.value = first + i;
                    box.twice = 2 * (first + i) + 1; // never 0, so a default value is always wrong
                    box.digits = new int[] {first + i, ~(first + i)};
                    stack.push(box);
                }
            }));
        }
        for (int t = 0; t < poppers; t++) {
            popperThreads.add(start("popper-" + t, failure, () -> {
                while (failure.get() == null) {
                    boolean lastRound = !pushing.get();
                    Box box = stack.pop();
                    if (box == null) {
                        if (lastRound) {
                            return;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    int value = box.value;
                    int twice = box.twice;
                    int[] digits = box.digits;
                    if (twice != 2 * value + 1 || digits == null || digits.length != 2 || digits[0] != value
                            || digits[1] != ~value) {
                        throw new AssertionError("a popped element was not fully visible: value " + value
                                + ", twice " + twice + ", digits " + Arrays.toString(digits));
                    }
                    recordPop(popped, value);
                }
            }));
        }
        joinAll(pusherThreads, failure);
        pushing.set(false);
        joinAll(popperThreads, failure);
        for (Box box : popAll(stack)) {
            recordPop(popped, box.value);
        }
        for (int element = 0; element < popped.length(); element++) {
            assertEquals(1, popped.get(element), "element " + element + " was lost");
        }
    }

    /**
     * Threads push and pop different numbers of elements at once; when they have all finished, the
     * size must be exactly the pushes minus the successful pops, {@code isEmpty} must agree, and
     * popping everything must yield exactly that many elements. Several rounds, on the same stack.
     */
    @Test
    void sizeIsExactWhenNoThreadIsChangingTheStack() throws Exception {
        ConcurrentStack<Integer> stack = newStack();
        int expectedSize = 0;
        for (int round = 0; round < 4; round++) {
            AtomicIntegerArray successfulPops = new AtomicIntegerArray(THREADS);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            int pushesInRound = 0;
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                int pushes = (round + t) % 2 == 0 ? 20_000 : 5_000;
                int pops = (round + t) % 2 == 0 ? 5_000 : 15_000;
                pushesInRound += pushes;
                threads.add(start("worker-" + t, failure, () -> {
                    go.await();
                    for (int i = 0; i < Math.max(pushes, pops); i++) {
                        if (i < pushes) {
                            stack.push(i);
                        }
                        if (i < pops && stack.pop() != null) {
                            successfulPops.incrementAndGet(thread);
                        }
                    }
                }));
            }
            go.countDown();
            joinAll(threads, failure);
            expectedSize += pushesInRound;
            for (int t = 0; t < THREADS; t++) {
                expectedSize -= successfulPops.get(t);
            }
            assertEquals(expectedSize, stack.size(), "size after round " + round);
            assertEquals(expectedSize == 0, stack.isEmpty(), "isEmpty after round " + round);
            assertEquals(expectedSize, stack.size(), "size, read twice");
        }
        assertEquals(expectedSize, popAll(stack).size(), "elements popped after the last round");
        assertEmpty(stack);
    }

    /**
     * An observer calls {@code size}, {@code isEmpty} and {@code peek} while the others push and pop.
     * They must never throw, {@code size} must stay between 0 and the number of elements pushed, and
     * {@code peek} must return null or an element that was pushed.
     */
    @Test
    void observersNeverFailWhileTheStackChanges() throws Exception {
        ConcurrentStack<Integer> stack = newStack();
        int workers = THREADS - 1;
        int perWorker = PER_THREAD / 2;
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workerThreads = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            workerThreads.add(start("worker-" + t, failure, () -> {
                for (int i = 0; i < perWorker && failure.get() == null; i++) {
                    stack.push(i);
                    if (i % 3 != 0) {
                        stack.pop();
                    }
                }
            }));
        }
        Thread observer = start("observer", failure, () -> {
            long observations = 0;
            while ((!done.get() || observations < 1_000) && failure.get() == null) {
                int size = stack.size();
                if (size < 0 || size > workers * perWorker) {
                    throw new AssertionError("size " + size + " outside [0, " + workers * perWorker + "]");
                }
                stack.isEmpty();
                Integer top = stack.peek();
                if (top != null && (top < 0 || top >= perWorker)) {
                    throw new AssertionError("peek returned " + top + ", which was never pushed");
                }
                observations++;
            }
        });
        joinAll(workerThreads, failure);
        done.set(true);
        joinAll(List.of(observer), failure);
    }
}
