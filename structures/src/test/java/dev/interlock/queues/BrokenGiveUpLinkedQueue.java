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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Queue;
import java.util.Spliterator;
import java.util.Spliterators;

/**
 * <b>Negative control: deliberately broken.</b> {@link LockFreeLinkedQueue} with one bug, in
 * {@code offer(E element)}: it gives up after one failed CAS on the last node's link and reports
 * the element offered, so an offer that another thread's CAS beat is lost.
 *
 * <p>Generated from {@code LockFreeLinkedQueue.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public class BrokenGiveUpLinkedQueue<E> extends AbstractPollOnlyQueue<E> implements Queue<E> {
    /*
     * Implementation notes.
     *
     * The Michael–Scott queue: head is a sentinel whose item has been taken, tail the last node or the
     * one before it. offer links by CAS of last.next, then tries once to swing tail; whoever finds tail
     * lagging helps it on by CAS (poll too, rather than pass it). Each offer causes at most one round of
     * helping, so every retry means another operation succeeded: lock-free.
     *
     * Linearization points: offer, its CAS of last.next; a poll that returns an element, its CAS of head;
     * a poll, peek or isEmpty that finds the queue empty, its read of sentinel.next returning null
     * (sentinel is head then: head leaves a node only for its successor); a peek or a false isEmpty, its
     * read of head if first was linked by then, else the CAS that linked first.
     *
     * GC hygiene: the poller clears the new sentinel's item (null: polled) and
     * self-links the old sentinel, as ConcurrentLinkedQueue does, lest a dead node in the old generation
     * keep its successors alive. A self-link is never followed: poll, peek and isEmpty re-read head; a
     * traversal restarts at head's successor, which is after every node it has visited.
     *
     * Invariants: next links lead from head to the last node; only nodes before head are self-linked;
     * head and tail only move forward, head never after tail; a node's next goes null, successor,
     * itself; only the thread whose CAS made a node the sentinel clears its item; the elements are the
     * items after head, in their offers' order.
     *
     * No ABA: nodes are fresh, and the GC frees none that a thread holds.
     *
     * Access modes: head, tail and next are volatile and change by CAS, the self-link by a release
     * write. item is plain: written before the linking CAS (a release), read after a volatile or acquire
     * read of that link. The reads of sentinel.next that decide emptiness are volatile, to be in the
     * total order with other threads' CASes. Guesses checked by a later CAS, and traversals, read next
     * with acquire: it pairs with the linking CAS (the item is visible) and the self-link's release (a
     * restart then reads a head at or after the one that left the node).
     *
     * References: Michael and Scott, PODC 1996; Herlihy and Shavit, ch. 10.5. Evidence:
     * LockFreeLinkedQueueTest, LockFreeLinkedQueueLincheckTest, jcstress Queues_01-03, 05, 07; the control
     * BrokenPlainTailLinkedQueue (tail swung by a plain write) is caught by LinkedQueueNegativeControlTest
     * (both Lincheck strategies) and Queues_07.
     */

    private static final class Node<E> {

        E item;

        volatile Node<E> next;

        Node(E item) {
            // plain: published by the linking CAS (see Access modes).
            this.item = item;
        }

        @SuppressWarnings("unchecked") // next holds a Node<E>
        Node<E> nextAcquire() {
            return (Node<E>) NEXT.getAcquire(this); // acquire: see Access modes.
        }

        boolean casNext(Node<E> expected, Node<E> update) {
            return NEXT.compareAndSet(this, expected, update);
        }
    }

    /** The sentinel; moved by CAS. */
    private volatile Node<E> head;

    /** The last node or the one before it; moved by CAS. */
    private volatile Node<E> tail;

    /** Creates an empty queue. */
    public BrokenGiveUpLinkedQueue() {
        Node<E> sentinel = new Node<>(null);
        this.head = sentinel;
        this.tail = sentinel;
    }

    /**
     * Creates a queue that holds the elements of the collection, in its iteration order.
     *
     * @param elements the elements
     * @throws NullPointerException if {@code elements} or any element is null
     */
    public BrokenGiveUpLinkedQueue(Collection<? extends E> elements) {
        Node<E> sentinel = new Node<>(null);
        Node<E> last = sentinel;
        for (E element : Objects.requireNonNull(elements, "elements")) {
            Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
            last.next = node;
            last = node;
        }
        this.head = sentinel;
        this.tail = last;
    }

    /**
     * Inserts the element at the tail of the queue.
     *
     * @param element the element to add
     * @return {@code true}
     * @throws NullPointerException if the element is null
     */
    @Override
    public boolean offer(E element) {
        Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
        while (true) {
            Node<E> last = tail;
            // acquire: only a guess, checked by the CAS below or by the recheck of tail; acquire so
            // that a node we help the tail onto is fully visible to us before we republish it.
            Node<E> next = last.nextAcquire();
            if (last != tail) {
                continue; // the tail moved: the two reads are no snapshot.
            }
            if (next == null) {
                // THE BUG: was if (last.casNext(null, node)) { TAIL.compareAndSet(this, last, node); return true; }
                if (!last.casNext(null, node)) {
                    return true;
                }
                TAIL.compareAndSet(this, last, node);
                return true;
            } else {
                // help the lagging tail on (fails if next == last, a self-link: tail has moved).
                TAIL.compareAndSet(this, last, next);
            }
        }
    }

    /**
     * Inserts the element at the tail of the queue.
     *
     * @param element the element to add
     * @return {@code true}
     * @throws NullPointerException if the element is null
     */
    @Override
    public boolean add(E element) {
        return offer(element);
    }

    /**
     * Retrieves and removes the head of the queue, or returns null if it is empty.
     *
     * @return the head, or null if the queue is empty
     */
    @Override
    public E poll() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> last = tail;
            Node<E> first = sentinel.next; // volatile: decides emptiness.
            if (sentinel != head) {
                continue; // head moved: no snapshot (first may be a self-link).
            }
            if (sentinel == last) {
                if (first == null) {
                    // linearization point: the read of sentinel.next (empty).
                    return null;
                }
                TAIL.compareAndSet(this, last, first);
            } else {
                // plain: see Access modes. Null only if first was polled: then the CAS fails.
                E item = first.item;
                // the successful CAS is the linearization point.
                if (HEAD.compareAndSet(this, sentinel, first)) {
                    // plain: see GC hygiene.
                    first.item = null;
                    // release: pairs with a traversal's acquire (see Access modes).
                    NEXT.setRelease(sentinel, sentinel);
                    return item;
                }
            }
        }
    }

    /**
     * Retrieves, but does not remove, the head of the queue, or returns null if it is empty.
     *
     * @return the head, or null if the queue is empty
     */
    @Override
    public E peek() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next; // volatile: decides emptiness.
            if (first == null) {
                return null; // linearization point: the read of sentinel.next.
            }
            if (first == sentinel) {
                continue; // self-linked: re-read head.
            }
            // plain: see Access modes. Null if polled since: re-read head.
            E item = first.item;
            if (item != null) {
                // linearization point: the read of head, or the later CAS that linked first.
                return item;
            }
        }
    }

    /**
     * Returns whether the queue is empty. Linearizable, unlike {@code size() == 0}.
     *
     * @return {@code true} if the queue is empty
     */
    @Override
    public boolean isEmpty() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next; // volatile: decides emptiness.
            if (first != sentinel) {
                // linearization point: this read if it returned null; otherwise as for peek.
                return first == null;
            }
            // self-linked: re-read head.
        }
    }

    /**
     * Returns the number of elements, counted by one weakly consistent traversal. <b>Note:</b> under
     * concurrency it may match no state the queue was ever in; test emptiness by
     * {@link #isEmpty()}.
     *
     * @return the number of elements counted, at most {@link Integer#MAX_VALUE}
     */
    @Override
    public int size() {
        int count = 0;
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            // plain: see Access modes. Null: polled.
            if (node.item != null && ++count == Integer.MAX_VALUE) {
                break;
            }
        }
        return count;
    }

    /**
     * Returns whether one traversal finds an element equal to {@code object}; null is
     * never found.
     *
     * @param object the object to look for
     * @return {@code true} if found
     */
    @Override
    public boolean contains(Object object) {
        if (object == null) {
            return false;
        }
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            E item = node.item; // plain: see Access modes.
            if (item != null && object.equals(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns the elements, from one traversal.
     *
     * @return a new array of the elements
     */
    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    /**
     * Returns the elements, from one traversal, in {@code array} if they fit.
     *
     * @param array the array to fill, or whose type to use
     * @param <T> the component type
     * @return an array of the elements
     * @throws ArrayStoreException if an element is not an instance of the array's component type
     * @throws NullPointerException if {@code array} is null
     */
    @Override
    public <T> T[] toArray(T[] array) {
        Objects.requireNonNull(array, "array");
        return snapshot().toArray(array);
    }

    /**
     * Returns a weakly consistent iterator, without {@link Iterator#remove()}.
     *
     * @return the iterator
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }

    /**
     * Returns a weakly consistent spliterator: CONCURRENT, NONNULL and ORDERED, not SIZED.
     *
     * @return the spliterator
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.CONCURRENT | Spliterator.NONNULL | Spliterator.ORDERED);
    }





    /**
     * Polls until it finds the queue empty. Not atomic: an element offered meanwhile may or may not be
     * removed, and producers that keep offering keep it running.
     */
    @Override
    public void clear() {
        while (poll() != null) {
            // until empty
        }
    }

    /** The node after the sentinel (never the sentinel, whose item may be stale), or null. */
    private Node<E> firstNode() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.nextAcquire();
            if (first != sentinel) {
                return first;
            }
            // self-linked: re-read head.
        }
    }

    /** The node after node in a traversal; after a self-link, the first node (see GC hygiene). */
    private Node<E> successor(Node<E> node) {
        Node<E> next = node.nextAcquire();
        return next == node ? firstNode() : next;
    }

    /** The elements, from one weakly consistent traversal. */
    private ArrayList<E> snapshot() {
        ArrayList<E> elements = new ArrayList<>();
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            E item = node.item; // plain: see Access modes.
            if (item != null) {
                elements.add(item);
            }
        }
        return elements;
    }

    /** Holds the next item: next() returns what hasNext() promised, even if it was polled meanwhile. */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        private Node<E> nextNode; // null at the end

        private E nextItem; // non-null while nextNode is

        WeaklyConsistentIterator() {
            advanceTo(firstNode());
        }

        /** Moves to the first node from candidate on that still holds an item. */
        private void advanceTo(Node<E> candidate) {
            Node<E> node = candidate;
            while (node != null) {
                E item = node.item; // plain: see Access modes.
                if (item != null) {
                    nextNode = node;
                    nextItem = item;
                    return;
                }
                node = successor(node); // polled: skip it.
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

        /**
         * Not supported.
         *
         * @throws UnsupportedOperationException always
         */
        @Override
        public void remove() {
            throw removalUnsupported("the iterator's remove");
        }
    }

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(BrokenGiveUpLinkedQueue.class, "head", Node.class);
            TAIL = lookup.findVarHandle(BrokenGiveUpLinkedQueue.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
