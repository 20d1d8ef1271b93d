/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * <b>Negative control: deliberately broken.</b> {@link TreiberStack} with one bug, in
 * {@code tryPush()}: it publishes the node by its CAS before it writes the node's next link and
 * depth, so a pop or a size in between sees a stack cut short or a size of zero (a publication
 * order swapped).
 *
 * <p>Generated from {@code TreiberStack.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenEarlyPublishTreiberStack<E> implements ConcurrentStack<E> {
    /*
     * Implementation notes.
     *
     * Treiber's stack (IBM RJ 5118, 1986; Herlihy and Shavit, ch. 11.2): push CASes head from the node it
     * read to a new node linked to it; pop, from that node to its next. A CAS fails only if another
     * operation succeeded.
     *
     * Invariants: head changes only by CAS. A published node never changes; its depth counts the nodes
     * from it to the bottom, so head.depth is the size.
     *
     * No ABA: each push allocates a new node, and the GC never reuses a referenced node.
     *
     * Access modes: head is read acquire, pairing with the publishing CAS: the node's fields and the
     * pusher's earlier writes are visible. A new node is written plain before that CAS.
     *
     * Evidence: TreiberStackTest, TreiberStackLincheckTest, StackNegativeControlTest, jcstress Stacks_*.
     */

    /** Fields plain: set before the publishing CAS. */
    static final class Node<E> {
        final E item;
        Node<E> next;
        int depth;

        Node(E item) {
            this.item = item;
        }
    }

    /** tryPop's result when it lost a race. */
    static final Node<Object> CONTENDED = new Node<>(new Object());

    /** The top node, or null. Written only by CAS. */
    private volatile Node<E> head;

    /** Creates an empty stack. */
    public BrokenEarlyPublishTreiberStack() {
    }

    /**
     * Pushes the element; never fails for lack of space.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void push(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        while (!tryPush(node)) {
            Thread.onSpinWait();
        }
    }

    /**
     * Removes and returns the top element, or {@code null} if the stack is empty.
     *
     * @return the top element, or {@code null}
     */
    @Override
    public E pop() {
        while (true) {
            Node<E> top = tryPop();
            if (top != CONTENDED) {
                return top == null ? null : top.item;
            }
            Thread.onSpinWait();
        }
    }

    /**
     * Returns the top element without removing it, or {@code null} if the stack is empty.
     *
     * @return the top element, or {@code null}
     */
    @Override
    public E peek() {
        Node<E> top = top(); // the linearization point.
        return top == null ? null : top.item;
    }

    /**
     * Returns whether the stack is empty.
     *
     * @return {@code true} if the stack is empty
     */
    @Override
    public boolean isEmpty() {
        return top() == null; // the linearization point.
    }

    /**
     * Returns the number of elements, exactly, in constant time.
     *
     * @return the number of elements, or {@link Integer#MAX_VALUE} if there are more
     */
    @Override
    public int size() {
        Node<E> top = top(); // the linearization point.
        return top == null ? 0 : top.depth;
    }

    /**
     * Returns the elements from the top down, like {@code [3, 2, 1]}: a snapshot at one instant.
     *
     * @return a string listing the elements
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (Node<E> node = top(); node != null; node = node.next) { // plain: immutable nodes.
            text.append(node.item).append(node.next == null ? "" : ", ");
        }
        return text.append(']').toString();
    }

    /** Reads head with acquire (see Access modes). */
    @SuppressWarnings("unchecked")
    Node<E> top() {
        return (Node<E>) HEAD.getAcquire(this); // acquire: see above.
    }

    /** One attempt to push a node that no other thread sees yet. */
    boolean tryPush(Node<E> node) {
        Node<E> top = top(); // acquire: top.depth is visible.
        // THE BUG: was node.next = top; node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE : top.depth + 1); return HEAD.compareAndSet(this, top, node);
        if (!HEAD.compareAndSet(this, top, node)) {
            return false;
        }
        node.next = top;
        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE : top.depth + 1);
        return true;
    }

    /** One attempt: the node popped, null if empty, or CONTENDED if another thread won. */
    @SuppressWarnings("unchecked") // CONTENDED is never dereferenced
    Node<E> tryPop() {
        Node<E> top = top(); // acquire: top.next is visible.
        if (top == null) {
            return null; // the read of head: linearization point of an empty pop.
        }
        if (HEAD.compareAndSet(this, top, top.next)) {
            return top; // linearization point of pop.
        }
        return (Node<E>) (Node<?>) CONTENDED;
    }

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(BrokenEarlyPublishTreiberStack.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
