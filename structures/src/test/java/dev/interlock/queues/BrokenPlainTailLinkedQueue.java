/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.AbstractQueue;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * <b>Negative control: deliberately broken.</b> A copy of {@link LockFreeLinkedQueue}'s Michael–Scott
 * algorithm with one change: the tail is swung by a <em>plain write</em> ({@code tail = node}) instead
 * of a CAS from the tail the thread read, both in the enqueuer's final swing and in the helping swings
 * of {@code offer} and {@code poll}. Everything else (the links by CAS, the head by CAS, the clear and
 * the self-link) is the real algorithm, line for line. It exists to prove that the verification can
 * fail: {@code LinkedQueueNegativeControlTest} asserts that Lincheck's model checking rejects it with
 * the budget that passes the real queue, and jcstress's {@code Queues_07_TailNeverBehindHead} must
 * observe it. Never copy it.
 *
 * <p><b>What goes wrong.</b> A CAS swings the tail from the node the thread read to its successor, so
 * the tail only moves forward. A plain write stores whatever the thread decided on, however long ago:
 * a thread delayed between linking its node and swinging the tail writes a tail that others have long
 * since moved past. The tail moves <em>backward</em>, even behind the head, and invariant 2 of
 * {@code LockFreeLinkedQueue} ({@code head} is never after {@code tail}) breaks. The failing
 * interleaving, from an empty queue (sentinel {@code S}, {@code head == tail == S}), with two threads:
 * <ol>
 *   <li>T1 {@code offer(1)}: reads {@code tail == S} and {@code S.next == null}, CASes
 *       {@code S.next} to its node {@code A} (the linearization point), and is preempted before its
 *       swing {@code tail = A}.</li>
 *   <li>T2 {@code offer(2)}: reads {@code tail == S}, {@code S.next == A}: helps, {@code tail = A};
 *       reads {@code tail == A}, {@code A.next == null}: CASes {@code A.next} to {@code B};
 *       {@code tail = B}.</li>
 *   <li>T2 {@code poll()}: head {@code S}, tail {@code B}, first {@code A}: CASes the head to
 *       {@code A}, returns 1 (and self-links {@code S}). T2 {@code poll()} again: head {@code A}, tail
 *       {@code B}, first {@code B}: CASes the head to {@code B}, returns 2, self-links {@code A}. The
 *       queue is empty: {@code head == tail == B}, {@code B.next == null}.</li>
 *   <li>T1 resumes: its stale {@code tail = A}. Now the tail is a dead, self-linked node behind the
 *       head.</li>
 *   <li>Any {@code poll()}: head {@code B}, tail {@code A}, first {@code B.next == null}; the head has
 *       not moved, and {@code B != A}, so the textbook code takes the "not empty" branch and reads
 *       {@code first.item}: {@link NullPointerException} on an empty queue, where the specification
 *       returns {@code null}. Lincheck reports an exception where the specification has a result.</li>
 * </ol>
 * If an {@code offer} comes first instead, it reads {@code tail == A} and {@code A.next == A} (the
 * self-link), and its helping swing writes {@code tail = A} again: it spins for ever, which Lincheck
 * reports as a hang. (The textbook queue, without self-links, would follow {@code A.next == B} and
 * heal; the {@code poll} above fails the same way with or without self-links.) With a CAS, T1's late
 * swing {@code CAS(tail, S, A)} simply fails, because the tail is no longer {@code S}.
 *
 * <p><b>The delay.</b> The window is the two adjacent instructions of step 1, which real threads on
 * x86 almost never split: jcstress ran {@code Queues_01} on this queue in {@code quick} mode without
 * seeing it. So the queue built by {@link #BrokenPlainTailLinkedQueue(int)} spins {@code delaySpins}
 * times with {@link Thread#onSpinWait()} between the link CAS and the plain tail write: an enqueuer
 * delayed right there, as a preemption would delay it. jcstress's {@code Queues_07_TailNeverBehindHead}
 * uses {@value #DELAY_SPINS}. Lincheck's model checker needs no delay (it switches threads between
 * those two accesses by itself) and must not get one (it would take the loop for a hung thread), so
 * the no-argument constructor has none.
 *
 * <p>The traversals are omitted except {@code size} and {@code iterator}, which {@link AbstractQueue}
 * needs; they are not under test.
 *
 * @param <E> the type of the elements
 */
public final class BrokenPlainTailLinkedQueue<E> extends AbstractQueue<E> {

    private static final class Node<E> {

        E item;

        volatile Node<E> next;

        Node(E item) {
            this.item = item;
        }

        @SuppressWarnings("unchecked") // NEXT is the VarHandle of a Node<E> field of a Node<E>
        Node<E> nextAcquire() {
            return (Node<E>) NEXT.getAcquire(this);
        }

        boolean casNext(Node<E> expected, Node<E> update) {
            return NEXT.compareAndSet(this, expected, update);
        }
    }

    private volatile Node<E> head;

    /** Written with a plain (here: unconditional volatile) write instead of a CAS: the bug. */
    private volatile Node<E> tail;

    /** The delay jcstress uses between the link CAS and the plain tail write. */
    public static final int DELAY_SPINS = 1_000;

    /** How many times {@code offer} spins between its link CAS and its tail write. */
    private final int delaySpins;

    /** Creates an empty broken queue with no delay (for Lincheck). */
    public BrokenPlainTailLinkedQueue() {
        this(0);
    }

    /**
     * Creates an empty broken queue.
     *
     * @param delaySpins how many times an offer spins between linking its node and writing the tail
     */
    public BrokenPlainTailLinkedQueue(int delaySpins) {
        Node<E> sentinel = new Node<>(null);
        this.head = sentinel;
        this.tail = sentinel;
        this.delaySpins = delaySpins;
    }

    @Override
    public boolean offer(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        while (true) {
            Node<E> last = tail;
            Node<E> next = last.nextAcquire();
            if (last != tail) {
                continue;
            }
            if (next == null) {
                if (last.casNext(null, node)) {
                    for (int spin = 0; spin < delaySpins; spin++) {
                        Thread.onSpinWait(); // an enqueuer delayed between its link and its swing
                    }
                    tail = node; // BROKEN: was TAIL.compareAndSet(this, last, node); may move tail back.
                    return true;
                }
            } else {
                tail = next; // BROKEN: was TAIL.compareAndSet(this, last, next).
            }
        }
    }

    @Override
    public E poll() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> last = tail;
            Node<E> first = sentinel.next;
            if (sentinel != head) {
                continue;
            }
            if (sentinel == last) {
                if (first == null) {
                    return null;
                }
                tail = first; // BROKEN: was TAIL.compareAndSet(this, last, first).
            } else {
                E item = first.item; // NullPointerException once the tail is behind an empty head.
                if (HEAD.compareAndSet(this, sentinel, first)) {
                    first.item = null;
                    NEXT.setRelease(sentinel, sentinel);
                    return item;
                }
            }
        }
    }

    @Override
    public E peek() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next;
            if (first == null) {
                return null;
            }
            if (first == sentinel) {
                continue;
            }
            E item = first.item;
            if (item != null) {
                return item;
            }
        }
    }

    @Override
    public boolean isEmpty() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next;
            if (first != sentinel) {
                return first == null;
            }
        }
    }

    @Override
    public int size() {
        int count = 0;
        for (Iterator<E> iterator = iterator(); iterator.hasNext(); iterator.next()) {
            count++;
        }
        return count;
    }

    @Override
    public Iterator<E> iterator() {
        return new Iterator<>() {
            private Node<E> nextNode;
            private E nextItem;

            {
                advanceTo(firstNode());
            }

            private void advanceTo(Node<E> candidate) {
                Node<E> node = candidate;
                while (node != null) {
                    E item = node.item;
                    if (item != null) {
                        nextNode = node;
                        nextItem = item;
                        return;
                    }
                    node = successor(node);
                }
                nextNode = null;
                nextItem = null;
            }

            @Override
            public boolean hasNext() {
                return nextNode != null;
            }

            @Override
            public E next() {
                Node<E> current = nextNode;
                if (current == null) {
                    throw new NoSuchElementException();
                }
                E item = nextItem;
                advanceTo(successor(current));
                return item;
            }
        };
    }

    private Node<E> firstNode() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.nextAcquire();
            if (first != sentinel) {
                return first;
            }
        }
    }

    private Node<E> successor(Node<E> node) {
        Node<E> next = node.nextAcquire();
        return next == node ? firstNode() : next;
    }

    private static final VarHandle HEAD;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(BrokenPlainTailLinkedQueue.class, "head", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
