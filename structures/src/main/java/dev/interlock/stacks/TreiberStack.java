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
 * An unbounded, lock-free LIFO stack: Treiber's stack, a linked list whose top is swung by
 * compare-and-set.
 *
 * <pre>{@code
 * ConcurrentStack<Connection> idle = new TreiberStack<>();
 * idle.push(connection);
 * Connection reused = idle.pop();      // null when the stack is empty
 * }</pre>
 *
 * <p>{@link #push(Object)}, {@link #pop()}, {@link #peek()}, {@link #isEmpty()} and {@link #size()}
 * are linearizable: each takes effect at one instant inside its call. {@link #size()} is exact and
 * takes constant time, because every node records how deep it is (see the implementation notes). The
 * stack is never full. Null elements are refused with {@link NullPointerException}.
 *
 * <p><b>Memory consistency effects:</b> actions in a thread prior to pushing an element happen-before
 * actions subsequent to the pop or peek of that element in another thread.
 *
 * <p><b>Progress:</b> lock-free. {@code push} and {@code pop} retry only when their compare-and-set
 * fails, and it fails only because another thread's {@code push} or {@code pop} succeeded in between:
 * some thread always completes. Neither is wait-free: a thread may keep losing the race to others.
 * {@code peek}, {@code isEmpty} and {@code size} are wait-free: one read each. Every method allocates
 * nothing except {@code push}, which allocates one node.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is R. Kent Treiber's, <i>Systems Programming: Coping with Parallelism</i> (IBM
 * Almaden Research Center, RJ 5118, 1986); see also Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i> (2nd ed., ch. 11.2) and Goetz et al., <i>Java Concurrency in Practice</i>, ch. 15.4.
 * The stack is a singly linked list of immutable-once-published {@code Node}s; {@code head} points to
 * the top node, or is null when the stack is empty.
 * <ul>
 *   <li><b>push</b>: read {@code head} into {@code top}, point the new node at it, and CAS {@code head}
 *       from {@code top} to the new node; retry from the read if the CAS fails. <b>The successful CAS
 *       is the linearization point.</b></li>
 *   <li><b>pop</b>: read {@code head} into {@code top}; if it is null, return null (that read is the
 *       linearization point of an empty pop); otherwise CAS {@code head} from {@code top} to
 *       {@code top.next}, and return {@code top}'s item; retry if the CAS fails. <b>The successful CAS is
 *       the linearization point.</b></li>
 *   <li><b>peek</b>, <b>isEmpty</b>, <b>size</b>: one read of {@code head}, which is the linearization
 *       point.</li>
 * </ul>
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>The nodes reachable from {@code head} are the elements, top first; the list ends in null.</li>
 *   <li>A node's {@code item}, {@code next} and {@code depth} never change once the node has been
 *       published by a successful CAS, and {@code depth} is the number of nodes from it to the end of
 *       the list, itself included (capped at {@link Integer#MAX_VALUE}). So {@code head.depth} is the
 *       size, and reading it is as atomic as reading {@code head}. The field costs no memory with
 *       compressed references and 12-byte object headers: a node's header, item and next take 20
 *       bytes, padded to 24 anyway (with JDK 24+'s compact 8-byte headers, it makes the node 24 bytes
 *       instead of 16). It costs a read: a push reads {@code top.depth}, where a plain Treiber push
 *       never touches the top node, and under contention that node was just written by another core.</li>
 *   <li>{@code head} changes only by CAS, from the node a thread read to that node's successor (pop) or
 *       to a new node whose {@code next} is that node (push).</li>
 * </ol>
 *
 * <p><b>No ABA problem.</b> A CAS from {@code top} to {@code top.next} is wrong if, between the read and
 * the CAS, {@code top} was popped and pushed again with a different successor: the CAS would succeed
 * and install a stale successor. That cannot happen here: a push always allocates a new node, and the
 * garbage collector never reuses the memory of a node that a thread still refers to, so a {@code head}
 * equal to {@code top} means no push or pop has completed since the read. Languages without a garbage
 * collector need tagged pointers, hazard pointers or epochs for this (Herlihy and Shavit, ch. 10.6).
 *
 * <p><b>Access modes</b> (vocabulary: {@code docs/memory-ordering.md}). {@code head} is read with
 * acquire: it pairs with the CAS that published the node, so the node's fields, and the pushing
 * thread's prior actions, are visible to the reader; the value is only a guess that the CAS then
 * checks. A new node's fields are written plain: no other thread can see the node until the CAS
 * publishes it. Every write of {@code head} is a CAS.
 *
 * <p><b>Contention.</b> Every operation CASes the one {@code head} field, so under contention the cache
 * line holding it moves between cores on every operation, and failed CASes add retries. The stack
 * therefore does not scale with threads; {@link EliminationBackoffStack} adds a way around the head for
 * pushes and pops that meet. {@code docs/stacks.md} measures both.
 *
 * <p>Evidence: {@code TreiberStackTest} (the stack contract), {@code TreiberStackLincheckTest} (push,
 * pop, peek, isEmpty and size are linearizable, under model checking and stress), the negative control
 * {@code StackNegativeControlTest} (a Treiber stack that swings the head with a plain write is rejected
 * by Lincheck and by jcstress), and the {@code dev.interlock.stress.stacks.Stacks_*} jcstress tests.
 *
 * @param <E> the type of the elements
 */
public final class TreiberStack<E> implements ConcurrentStack<E> {

    /** A list node. Its fields are written before it is published and never after (invariant 2). */
    static final class Node<E> {
        /** The element. Final; non-null. */
        final E item;
        /** The node below, or null at the bottom. Plain: written before the publishing CAS. */
        Node<E> next;
        /** The number of nodes from this one to the bottom. Plain: written before the publishing CAS. */
        int depth;

        Node(E item) {
            this.item = item;
        }
    }

    /** What {@link #tryPop()} returns when it lost a race: not a node of any stack. */
    static final Node<Object> CONTENDED = new Node<>(new Object());

    /** The top node, or null when empty. Written only by CAS (invariant 3). */
    private volatile Node<E> head;

    /** Creates an empty stack. */
    public TreiberStack() {
    }

    /**
     * Pushes the element on top of the stack. Never fails for lack of space.
     *
     * @param element the element to push
     * @throws NullPointerException if {@code element} is null
     */
    @Override
    public void push(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        while (!tryPush(node)) {
            Thread.onSpinWait(); // another thread's push or pop won: retry at once, with a hint to the CPU.
        }
    }

    /**
     * Removes and returns the top element, or returns {@code null} if the stack is empty.
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
     * @return {@code true} if the stack held no element at the instant of the call
     */
    @Override
    public boolean isEmpty() {
        return top() == null; // the linearization point.
    }

    /**
     * Returns the number of elements: exact and linearizable, in constant time. It is the depth of the
     * top node at one instant (see the implementation notes).
     *
     * @return the number of elements, or {@link Integer#MAX_VALUE} if there are more
     */
    @Override
    public int size() {
        Node<E> top = top(); // the linearization point.
        return top == null ? 0 : top.depth;
    }

    /**
     * Returns the elements from the top down, like {@code [3, 2, 1]}: a snapshot of the stack at one
     * instant, since the nodes never change once published.
     *
     * @return a string listing the elements
     */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (Node<E> node = top(); node != null; node = node.next) { // plain reads: immutable after publication.
            text.append(node.item).append(node.next == null ? "" : ", ");
        }
        return text.append(']').toString();
    }

    // ---- The algorithm, shared with EliminationBackoffStack -----------------------------------

    /** The top node: an acquire read of {@code head}, which pairs with the CAS that published it. */
    @SuppressWarnings("unchecked") // HEAD is the VarHandle of a Node<E> field
    Node<E> top() {
        return (Node<E>) HEAD.getAcquire(this); // acquire: see above.
    }

    /**
     * One attempt to push the node.
     *
     * @param node a node that no other thread can see yet
     * @return {@code true} if pushed, {@code false} if another thread changed the head first
     */
    boolean tryPush(Node<E> node) {
        Node<E> top = top(); // acquire: a guess at the top, and top.depth is visible; the CAS checks it.
        node.next = top; // plain: the node is not shared yet; the CAS below publishes it.
        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE : top.depth + 1); // plain: as above.
        return HEAD.compareAndSet(this, top, node); // success: the linearization point of push.
    }

    /**
     * One attempt to pop the top node.
     *
     * @return the node popped, null if the stack was empty, or {@link #CONTENDED} if another thread
     *         changed the head first
     */
    @SuppressWarnings("unchecked") // CONTENDED is never dereferenced as a Node<E>
    Node<E> tryPop() {
        Node<E> top = top(); // acquire: pairs with the CAS that published top, so top.next is visible.
        if (top == null) {
            return null; // the read of an empty head is the linearization point of an empty pop.
        }
        if (HEAD.compareAndSet(this, top, top.next)) {
            return top; // the successful CAS is the linearization point of pop.
        }
        return (Node<E>) (Node<?>) CONTENDED;
    }

    // ---- VarHandles ------------------------------------------------------------------------------

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(TreiberStack.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
