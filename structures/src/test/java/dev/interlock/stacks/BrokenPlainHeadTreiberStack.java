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
 * A negative control: {@link TreiberStack} with its one essential atomic step taken out. It reads
 * {@code head} (volatile) and then swings it with a <em>plain write</em> instead of a compare-and-set,
 * so a push or a pop is a read-modify-write that another thread can interleave:
 * <ul>
 *   <li>two pushes read the same top, and each writes its own node on top of it: the node written
 *       first is overwritten and its element is <b>lost</b>;</li>
 *   <li>two pops read the same top, and both return its element: the element is <b>duplicated</b>;</li>
 *   <li>a pop reads the top, a push completes on top of it, and the pop writes the old top's successor
 *       back: the pushed element is lost.</li>
 * </ul>
 * Both tools must reject it at the budget that passes the real stack: {@code StackNegativeControlTest}
 * (Lincheck, both strategies) and the {@code Broken*} variants of
 * {@code dev.interlock.stress.stacks.Stacks_01_NothingLostOrDuplicated} (jcstress). The window is an
 * ordinary lost-update window, a read and a write several instructions apart, with an allocation in
 * between for a push, so real threads hit it without help; no delay is needed.
 *
 * <p>Everything else (node depth, the acquire read, the memory-consistency reasoning) is as in
 * {@link TreiberStack}, so that the only difference is the missing CAS.
 *
 * @param <E> the type of the elements
 */
public final class BrokenPlainHeadTreiberStack<E> implements ConcurrentStack<E> {

    private static final class Node<E> {
        final E item;
        Node<E> next;
        int depth;

        Node(E item) {
            this.item = item;
        }
    }

    private volatile Node<E> head;

    @Override
    public void push(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        Node<E> top = top();
        node.next = top;
        node.depth = top == null ? 1 : top.depth + 1;
        HEAD.set(this, node); // BROKEN: a plain write where TreiberStack has a CAS; a concurrent update is overwritten.
    }

    @Override
    public E pop() {
        Node<E> top = top();
        if (top == null) {
            return null;
        }
        HEAD.set(this, top.next); // BROKEN: a plain write where TreiberStack has a CAS; two pops may take one node.
        return top.item;
    }

    @Override
    public E peek() {
        Node<E> top = top();
        return top == null ? null : top.item;
    }

    @Override
    public boolean isEmpty() {
        return top() == null;
    }

    @Override
    public int size() {
        Node<E> top = top();
        return top == null ? 0 : top.depth;
    }

    @SuppressWarnings("unchecked")
    private Node<E> top() {
        return (Node<E>) HEAD.getAcquire(this);
    }

    private static final VarHandle HEAD;

    static {
        try {
            HEAD = MethodHandles.lookup().findVarHandle(BrokenPlainHeadTreiberStack.class, "head", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
