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
 * <b>Negative control: deliberately broken.</b> {@link EliminationBackoffStack} with one bug, in
 * {@code push()}: a pusher that tries the exchanger first does not check that its partner was a
 * popper, so two pushers that meet there both return as if a pop had taken their elements, and both
 * elements are lost (a skipped check).
 *
 * <p>Generated from {@code EliminationBackoffStack.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenPartnerEliminationStack<E> implements ConcurrentStack<E> {
    /*
     * Implementation notes.
     *
     * Hendler, Shavit and Yerushalmi's elimination-backoff stack (SPAA 2004; Herlihy and Shavit, ch.
     * 11.4). After a failed tryPush or tryPop, which means another operation succeeded, a thread visits
     * an exchanger for a bounded spin: a pusher offers its element, a popper POP. A pusher that receives
     * POP, or a popper an element, is done; any other outcome goes back to the stack.
     *
     * Linearization points: through the stack, TreiberStack's; through an exchanger, its matching CAS,
     * for the push and immediately after it the pop. The pair leaves the stack as it found it, so size
     * and peek stay linearizable.
     *
     * Invariants: those of TreiberStack and LockFreeExchanger; no shared fields here. An element reaches
     * an exchanger as a value, never as a node, so a push whose exchange failed still owns its node.
     *
     * Left out: the book's adaptive range (a ThreadLocal lookup per visit). Candidates to measure: padding
     * the exchangers and head onto their own cache lines; skipping a waiting offer of one's own kind.
     *
     * Evidence: EliminationBackoffStackTest, EliminationBackoffStackLincheckTest (eliminating first), and
     * the jcstress tests Stacks_*.
     */

    /** A visit's default patience, in spins. */
    public static final int DEFAULT_SPINS = 32;

    /** What a popper offers; never an element. */
    private static final Object POP = new Object();

    private final TreiberStack<E> stack = new TreiberStack<>();

    /** Final, as are its elements: published with the stack. */
    private final LockFreeExchanger<?>[] eliminationArray;

    private final int spins;

    /** The largest elimination array: 65,536 exchangers, all allocated up front. */
    public static final int MAX_EXCHANGERS = 1 << 16;

    /** For tests: visit the elimination array before every attempt on the stack. */
    private final boolean eliminateFirst;

    /**
     * Creates an empty stack with the default elimination array: one exchanger per two available
     * processors (at least one, at most eight), each visit waiting {@value #DEFAULT_SPINS} spins.
     */
    public BrokenPartnerEliminationStack() {
        this(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2)), DEFAULT_SPINS);
    }

    /**
     * Creates an empty stack with an elimination array of the given size and patience.
     *
     * @param exchangers the number of exchangers in the elimination array
     * @param spins how many spins a visit waits for a partner; 0 pairs only with a visitor already waiting
     * @throws IllegalArgumentException if {@code exchangers} is not positive or exceeds
     *         {@link #MAX_EXCHANGERS}, or if {@code spins} is negative
     */
    public BrokenPartnerEliminationStack(int exchangers, int spins) {
        this(exchangers, spins, false);
    }

    /** For tests. */
    BrokenPartnerEliminationStack(int exchangers, int spins, boolean eliminateFirst) {
        if (exchangers <= 0 || exchangers > MAX_EXCHANGERS) {
            throw new IllegalArgumentException("exchangers must be from 1 to " + MAX_EXCHANGERS
                    + " (BrokenPartnerEliminationStack.MAX_EXCHANGERS), but was " + exchangers);
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
     * Pushes the element, or hands it to a concurrent pop; never fails for lack of space.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void push(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        if (eliminateFirst && visitEliminationArray(element) != LockFreeExchanger.NO_PARTNER /* THE BUG: was eliminateFirst && visitEliminationArray(element) == POP */) {
            return; // linearization point: the exchange's CAS.
        }
        while (!stack.tryPush(node)) {
            if (visitEliminationArray(element) == POP) {
                return; // linearization point: the exchange's CAS.
            }
        }
    }

    /**
     * Removes and returns the top element, or one a concurrent push hands over, or {@code null} if the
     * stack is empty.
     *
     * @return the element popped, or {@code null}
     */
    @Override
    @SuppressWarnings("unchecked") // pushers offer only an E
    public E pop() {
        if (eliminateFirst) {
            Object received = visitEliminationArray(POP);
            if (received != POP && received != LockFreeExchanger.NO_PARTNER) {
                return (E) received; // linearization point: the exchange's CAS.
            }
        }
        while (true) {
            Node<E> top = stack.tryPop();
            if (top != TreiberStack.CONTENDED) {
                return top == null ? null : top.item;
            }
            Object received = visitEliminationArray(POP);
            if (received != POP && received != LockFreeExchanger.NO_PARTNER) {
                return (E) received; // linearization point: the exchange's CAS.
            }
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
     * @return {@code true} if the stack is empty
     */
    @Override
    public boolean isEmpty() {
        return stack.isEmpty();
    }

    /**
     * Returns the number of elements, exactly, in constant time. An element handed from a push to a
     * pop is never counted.
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

    /** Offers the value at a random exchanger. */
    private Object visitEliminationArray(Object value) {
        LockFreeExchanger<?> exchanger = eliminationArray.length == 1
                ? eliminationArray[0]
                : eliminationArray[ThreadLocalRandom.current().nextInt(eliminationArray.length)];
        return exchanger.exchangeWithin(value, spins);
    }
}
