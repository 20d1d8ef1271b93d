/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import dev.interlock.stacks.TreiberStack.Node;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An unbounded, lock-free LIFO stack that lets a push and a pop that meet under contention cancel
 * each other without touching the stack: a {@link TreiberStack} with an elimination array of
 * {@link LockFreeExchanger}s (Hendler, Shavit and Yerushalmi, 2004).
 *
 * <pre>{@code
 * ConcurrentStack<Task> work = new EliminationBackoffStack<>();
 * work.push(task);
 * Task next = work.pop();               // null when the stack is empty
 * }</pre>
 *
 * <p>It behaves exactly as a {@link TreiberStack}: {@link #push(Object)}, {@link #pop()},
 * {@link #peek()}, {@link #isEmpty()} and {@link #size()} are linearizable, {@code size()} is exact and
 * takes constant time, and null elements are refused with {@link NullPointerException}. Only the
 * cost under contention differs: a thread whose compare-and-set on the top of the stack fails
 * backs off to a randomly chosen exchanger, and if a push and a pop meet there, the pop takes the
 * push's element directly and both return; a thread that meets no partner within a short spin goes
 * back to the stack.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to pushing an element happen-before
 * actions subsequent to the pop or peek of that element in another thread, whether the element went
 * through the stack or through an exchanger.
 *
 * <p><b>Progress:</b> lock-free. A thread leaves the stack for an exchanger only after its
 * compare-and-set failed, which means another thread's operation succeeded; in the exchanger it waits
 * a bounded number of spins and never for a particular thread. {@code peek}, {@code isEmpty} and
 * {@code size} are wait-free. {@code push} allocates one node; a visit to the elimination array, by a
 * push or a pop, allocates one exchanger offer if it has to wait for a partner.
 *
 * <p><b>Note:</b> elimination itself needs many threads failing on the top at once. With two threads
 * it cannot happen: a thread's compare-and-set fails only because the other thread's succeeded, and
 * that thread is then on the stack, not at an exchanger (measured on two cores: 0 eliminations in 181
 * million pushes on two threads, 48 in 190 million on four). The visit still acts as a back-off: the
 * thread that lost waits its spins while the winner runs on, and on two cores that made this stack
 * several times faster than {@link TreiberStack} under contention. {@code docs/stacks.md} has the
 * numbers.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is the elimination-backoff stack of D. Hendler, N. Shavit and L. Yerushalmi,
 * "A Scalable Lock-free Stack Algorithm" (SPAA 2004), in the form of Herlihy and Shavit, <i>The Art
 * of Multiprocessor Programming</i> (2nd ed., ch. 11.4): the stack is a {@link TreiberStack}, whose
 * single attempts ({@code tryPush}, {@code tryPop}) this class calls, and the back-off after a failed
 * attempt is a visit to the <i>elimination array</i>, an array of exchangers:
 * <ul>
 *   <li>a pusher that failed offers its element at a random exchanger, with
 *       {@link LockFreeExchanger}'s bounded-spin exchange. If it receives the {@code POP} marker, a
 *       popper took its element: it returns. Otherwise (no partner, or another pusher's element, which
 *       it drops, as the other pusher drops its own) it retries the stack;</li>
 *   <li>a popper that failed offers the {@code POP} marker. If it receives an element, it returns it.
 *       Otherwise (no partner, or another popper's marker) it retries the stack.</li>
 * </ul>
 *
 * <p><b>Linearization points.</b> Through the stack, those of {@link TreiberStack}: the successful CAS
 * of the head, or, for a pop that finds the stack empty, its read of the head. Through an exchanger:
 * <b>the exchanger's matching CAS is the linearization point of both the push and the pop, the push
 * first and the pop immediately after.</b> Both calls are in progress at that instant, and the pair
 * leaves the stack as it found it, so every other operation, {@code size} and {@code peek} included,
 * sees a state that the sequential stack could have had.
 *
 * <p><b>Invariants.</b> Those of {@link TreiberStack} for the stack, and of {@link LockFreeExchanger}
 * for each exchanger: each offer is decided once, so an element given to a popper in an exchange is
 * returned by that popper only, and its pusher returns, having pushed it (no element lost or
 * duplicated). A pusher's element reaches an exchanger only as its value, never as a node, so a push
 * that was eliminated leaves nothing in the stack, and a push whose exchange failed still owns its
 * element and its unpublished node.
 *
 * <p><b>Choices.</b> The array has one exchanger per two processors by default (at least one, at most
 * eight) and a waiter spins 32 times before it withdraws; both are constructor arguments. The book's
 * adaptive range, a per-thread count that shrinks the part of the array in use after timeouts and
 * grows it after collisions, is left out: it needs per-thread state (a {@code ThreadLocal} lookup on
 * every visit), and with an array this small it has little to adapt. The slot is chosen with
 * {@link ThreadLocalRandom}, so that threads spread over the array without sharing a random-number
 * state. Two refinements are not made, and are measured candidates for later: the exchangers' slots and
 * the stack's head are not padded onto cache lines of their own (they are small objects allocated
 * together, so a thread spinning on an exchanger may share a line with the head it just failed to
 * CAS), and a visitor pairs with a waiting visitor of its own kind (push with push), which uses up
 * both visits for nothing, where it could skip such an offer.
 *
 * <p><b>Access modes:</b> this class has no shared fields of its own; those of the stack and the
 * exchangers are documented in {@link TreiberStack} and {@link LockFreeExchanger}.
 *
 * <p>Evidence: {@code EliminationBackoffStackTest} (the stack contract), {@code
 * EliminationBackoffStackLincheckTest} (Lincheck, both strategies, on a stack that visits the
 * elimination array on every operation, so that the exchanges are checked in every scenario, not
 * only after a failed CAS), and the {@code dev.interlock.stress.stacks.Stacks_*} jcstress tests.
 *
 * @param <E> the type of the elements
 */
public final class EliminationBackoffStack<E> implements ConcurrentStack<E> {

    /** The default number of spins a visitor of the elimination array waits for a partner. */
    public static final int DEFAULT_SPINS = 32;

    /** What a popper offers in an exchange: never an element, since elements are never null and it is private. */
    private static final Object POP = new Object();

    /** The stack itself: its single attempts are this class's fast path. */
    private final TreiberStack<E> stack = new TreiberStack<>();

    /** The elimination array. Final, and so are its elements: safely published with the stack. */
    private final LockFreeExchanger<?>[] eliminationArray;

    /** How many spins a visitor waits for a partner. */
    private final int spins;

    /**
     * The largest elimination array: 65,536 exchangers, allocated up front. More exchangers than
     * threads that visit the array at once only spread the visitors thinner, so that fewer meet.
     */
    public static final int MAX_EXCHANGERS = 1 << 16;

    /** For tests: visit the elimination array before every attempt on the stack, not only after a failed one. */
    private final boolean eliminateFirst;

    /**
     * Creates an empty stack with the default elimination array: one exchanger per two available
     * processors (at least one, at most eight), each visit waiting {@value #DEFAULT_SPINS} spins.
     */
    public EliminationBackoffStack() {
        this(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2)), DEFAULT_SPINS);
    }

    /**
     * Creates an empty stack with an elimination array of the given size and patience.
     *
     * @param exchangers the number of exchangers in the elimination array
     * @param spins how many spins a visitor of the array waits for a partner before it goes back to
     *        the stack; 0 means it only pairs with a visitor already waiting
     * @throws IllegalArgumentException if {@code exchangers} is not positive or exceeds
     *         {@link #MAX_EXCHANGERS}, or if {@code spins} is negative
     */
    public EliminationBackoffStack(int exchangers, int spins) {
        this(exchangers, spins, false);
    }

    /**
     * The constructor for tests, which may ask for elimination to be tried first on every operation.
     *
     * @param eliminateFirst {@code true} to visit the elimination array before every attempt on the stack
     */
    EliminationBackoffStack(int exchangers, int spins, boolean eliminateFirst) {
        if (exchangers <= 0 || exchangers > MAX_EXCHANGERS) {
            throw new IllegalArgumentException("exchangers must be from 1 to " + MAX_EXCHANGERS
                    + " (EliminationBackoffStack.MAX_EXCHANGERS), but was " + exchangers);
        }
        if (spins < 0) {
            throw new IllegalArgumentException("spins must not be negative, but was " + spins);
        }
        this.eliminationArray = new LockFreeExchanger<?>[exchangers];
        for (int i = 0; i < exchangers; i++) {
            eliminationArray[i] = new LockFreeExchanger<>();
        }
        this.spins = spins;
        this.eliminateFirst = eliminateFirst;
    }

    /**
     * Pushes the element on top of the stack, or hands it to a concurrent pop. Never fails for lack
     * of space.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void push(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        if (eliminateFirst && visitEliminationArray(element) == POP) {
            return; // a popper took the element: the exchange's CAS was the linearization point.
        }
        while (!stack.tryPush(node)) {
            if (visitEliminationArray(element) == POP) {
                return; // a popper took the element: the exchange's CAS was the linearization point.
            }
            // No partner, or another pusher (its element and ours both dropped): back to the stack.
        }
    }

    /**
     * Removes and returns the top element, or an element a concurrent push hands over, or returns
     * {@code null} if the stack is empty.
     *
     * @return the element popped, or {@code null}
     */
    @Override
    @SuppressWarnings("unchecked") // only pushers offer anything but POP, and they offer an E
    public E pop() {
        if (eliminateFirst) {
            Object received = visitEliminationArray(POP);
            if (received != POP && received != LockFreeExchanger.NO_PARTNER) {
                return (E) received; // a pusher's element: the exchange's CAS was the linearization point.
            }
        }
        while (true) {
            Node<E> top = stack.tryPop();
            if (top != TreiberStack.CONTENDED) {
                return top == null ? null : top.item;
            }
            Object received = visitEliminationArray(POP);
            if (received != POP && received != LockFreeExchanger.NO_PARTNER) {
                return (E) received; // a pusher's element: the exchange's CAS was the linearization point.
            }
            // No partner, or another popper: back to the stack.
        }
    }

    /**
     * Returns the top element without removing it, or {@code null} if the stack is empty.
     *
     * @return the top element, or {@code null}
     */
    @Override
    public E peek() {
        return stack.peek();
    }

    /**
     * Returns whether the stack is empty.
     *
     * @return {@code true} if the stack held no element at the instant of the call
     */
    @Override
    public boolean isEmpty() {
        return stack.isEmpty();
    }

    /**
     * Returns the number of elements: exact and linearizable, in constant time, as
     * {@link TreiberStack#size()}. Elements in flight between an eliminated push and pop were never
     * in the stack, and are not counted.
     *
     * @return the number of elements, or {@link Integer#MAX_VALUE} if there are more
     */
    @Override
    public int size() {
        return stack.size();
    }

    /**
     * Returns the elements from the top down, like {@code [3, 2, 1]}: a snapshot at one instant.
     *
     * @return a string listing the elements
     */
    @Override
    public String toString() {
        return stack.toString();
    }

    /** One visit to a random exchanger of the elimination array, offering {@code value}. */
    private Object visitEliminationArray(Object value) {
        LockFreeExchanger<?> exchanger = eliminationArray.length == 1
                ? eliminationArray[0]
                : eliminationArray[ThreadLocalRandom.current().nextInt(eliminationArray.length)];
        return exchanger.exchangeWithin(value, spins);
    }
}
