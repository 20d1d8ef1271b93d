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
import java.util.function.Predicate;

/**
 * An unbounded, thread-safe, lock-free FIFO queue: the Michael–Scott non-blocking queue, with the
 * behaviour of {@link java.util.concurrent.ConcurrentLinkedQueue} for everything except removal from
 * the middle.
 *
 * <p>Elements are returned in the order they were inserted ({@link #offer offer} at the tail,
 * {@link #poll poll} and {@link #peek peek} at the head). The queue is never full: {@link #offer offer}
 * and {@link #add add} always return {@code true}. Null elements are refused with
 * {@link NullPointerException}.
 *
 * <p><b>Exactness.</b> {@link #offer offer}, {@link #poll poll}, {@link #peek peek} and
 * {@link #isEmpty isEmpty} are linearizable: each takes effect at one instant inside its call.
 * {@link #size size}, {@link #contains contains}, {@link #toArray() toArray}, {@link #toString toString}
 * and the iterator walk the list while it changes.
 * <b>Note:</b> {@code size()} is therefore <em>not</em> linearizable and takes time linear in the
 * number of elements; see {@link #size()} for exactly what it returns while other threads work.
 *
 * <p><b>Iterators</b> are <i>weakly consistent</i>: they never throw
 * {@link java.util.ConcurrentModificationException}, return elements in FIFO order, return every
 * element that is in the queue for the whole iteration exactly once, never return an element twice,
 * and may or may not return elements offered or polled while they run.
 *
 * <p><b>Note:</b> there is no removal from the middle. The Michael–Scott algorithm links and unlinks
 * nodes only at the ends, so {@link #remove(Object)}, {@link Iterator#remove()},
 * {@link #removeAll removeAll}, {@link #retainAll retainAll} and {@link #removeIf removeIf} throw
 * {@link UnsupportedOperationException} and change nothing. Use {@code TwoLockLinkedQueue} when
 * elements must be removed from the middle. {@link #clear()} is supported: it polls until it sees the
 * queue empty.
 *
 * <p><b>Memory consistency effects:</b> as with other concurrent collections, actions in a thread
 * prior to placing an object into the queue happen-before actions subsequent to the access or removal
 * of that element from the queue in another thread.
 *
 * <p><b>Progress:</b> every method is lock-free and none blocks or waits. {@code offer}, {@code poll},
 * {@code peek} and {@code isEmpty} retry only when a CAS fails, a snapshot has gone stale, or they have
 * just helped the tail on, and each of these happens only because another thread's {@code offer} or
 * {@code poll} succeeded in between (the tail lags by at most one node, so each {@code offer} causes
 * at most one round of helping): some thread always completes. None of them is wait-free: a thread may
 * keep losing. The traversals
 * ({@code size}, {@code contains}, the iterator) restart from the head only when a {@code poll}
 * succeeded under them, and a traversal that producers keep outrunning may walk for as long as they
 * keep offering.
 *
 * <h2>Implementation notes</h2>
 * <b>The list.</b> A singly linked list of {@code Node}s, each with an {@code item} and a {@code next}
 * link. {@code head} points to a <i>sentinel</i>: a node whose item has been taken (at first a dummy);
 * the elements are the items of the nodes after it. {@code tail} points to the last node or to the one
 * before it. Both are volatile fields, moved only forward, by CAS.
 *
 * <p><b>offer</b> (Michael and Scott's enqueue). Read {@code tail} into {@code last} and
 * {@code last.next} into {@code next}; re-read {@code tail} and retry if it moved. If {@code next} is null,
 * {@code last} is the last node: CAS {@code last.next} from null to the new node. The successful CAS is the
 * linearization point, and then the enqueuer tries once to swing {@code tail} from {@code last} to the new
 * node by CAS; if that CAS fails, another thread already did it. If {@code next} is not null, the tail
 * lags behind an enqueue that has linked its node but not yet swung the tail: help it by CAS of
 * {@code tail} from {@code last} to {@code next}, and retry. Helping is what makes the queue lock-free
 * rather than merely obstruction-free: no thread waits for a stalled enqueuer.
 *
 * <p><b>poll</b> (dequeue). Read {@code head} into {@code sentinel}, {@code tail} into {@code last} and
 * {@code sentinel.next} into {@code first}, then re-read {@code head}; if it moved, the three reads are no
 * consistent snapshot: retry. If {@code sentinel == last}: either {@code first} is null and the queue is empty,
 * or the tail lags, and the dequeuer helps it forward (so that {@code head} never passes {@code tail})
 * and retries. Otherwise read {@code first.item} and CAS {@code head} from {@code sentinel} to {@code first}:
 * the successful CAS is the linearization point, {@code first} becomes the new sentinel, and its item
 * is the element returned. {@link #peek()} and {@link #isEmpty()} read {@code head} and its
 * {@code next} the same way, without writing.
 *
 * <p><b>Linearization points.</b> A successful {@code offer}: its CAS of {@code last.next}. A
 * {@code poll} that returns an element: its CAS of {@code head}. A {@code poll}, {@code peek} or
 * {@code isEmpty} that finds the queue empty: its volatile read of {@code sentinel.next} that returns null.
 * At that instant {@code sentinel} is still the head (the head leaves a node only for that node's successor,
 * which {@code sentinel} does not have yet) and has no successor, so the queue is empty. A {@code peek} that
 * returns the item of {@code first}, or an {@code isEmpty} that returns {@code false} after reading
 * {@code first}: the read of {@code head} if {@code first} was already linked after {@code sentinel} then;
 * otherwise the CAS that linked {@code first}, which happened during the call and at which {@code sentinel}
 * was the head for the same reason. Either way {@code first} was the first element at an instant
 * inside the call.
 *
 * <p><b>Garbage-collector hygiene.</b> A polled item must not stay reachable from the queue. The
 * thread whose CAS of {@code head} succeeds clears {@code item} of the new sentinel right after the
 * CAS, so that the sentinel does not keep the element alive. Readers ({@code peek}, the traversals)
 * that race with that clear see the item or null; null means the node has been polled, and they
 * re-read {@code head} or skip the node. The same thread then <i>self-links</i> the old sentinel
 * ({@code sentinel.next = sentinel}), as {@code java.util.concurrent} does: without it, a dead node that had been
 * promoted to an old generation would keep its successor alive, which keeps its own successor alive,
 * and so on ("nepotism"), until an old-generation collection. A self-link is never followed as a link:
 * {@code poll}, {@code peek} and {@code isEmpty} re-read {@code head} when they meet one (the recheck
 * of {@code head} fails anyway), and a traversal restarts from the current head's successor, which
 * comes after every node it has already visited, so it neither skips a present element nor returns
 * one twice.
 *
 * <p><b>Invariants.</b> In every state reachable between any two atomic steps:
 * <ol>
 *   <li>The list from {@code head} is never broken: following {@code next} from {@code head} reaches
 *       the last node (the one whose {@code next} is null) through nodes none of which is self-linked.
 *       Only nodes before {@code head} are ever self-linked.</li>
 *   <li>{@code tail} is reachable from {@code head} ({@code head} is never after {@code tail}), and
 *       {@code tail} is the last node or the last but one: a node is linked only after a tail that
 *       is the last node, and the tail is swung (or helped) before the next link can happen.</li>
 *   <li>{@code head} and {@code tail} only move forward, each by one node per successful CAS, to the
 *       successor of the node they point to.</li>
 *   <li>A node's {@code next} goes from null to its successor, and later, only after {@code head} has
 *       left the node, to the node itself (the self-link); it never changes otherwise.</li>
 *   <li>Every node but the initial dummy is constructed with a non-null {@code item}, which stays
 *       until the CAS that makes the node the sentinel; it is then cleared (set to null) by the thread
 *       whose CAS did that, right after, and by no one else. The sentinel's item is therefore null,
 *       except between that CAS and the clear.</li>
 *   <li>The elements of the queue are the items of the nodes after {@code head}, in list order, which
 *       is the order of their linearization points.</li>
 * </ol>
 *
 * <p><b>No ABA.</b> Michael and Scott tag their pointers with counts because a freed node can be
 * reused while a slow thread still expects it at the head or tail. In Java every {@code offer}
 * allocates a fresh node, and the garbage collector reclaims a node only when no thread can reference
 * it; a thread that holds {@code sentinel} keeps {@code sentinel} from being recycled, so a CAS that expects
 * {@code sentinel} can only succeed on that very node in that very position. Plain references are enough.
 *
 * <p><b>Access modes.</b> {@code head}, {@code tail} and {@code Node.next} are volatile fields and
 * change only by CAS (the self-link by a release write). {@code Node.item} is plain: it is written in
 * the constructor before the CAS that links the node (the CAS is a release), and read only after a
 * volatile or acquire read of the link that leads to the node, so the element and everything its
 * producer did before {@code offer} are visible (this is the happens-before promised above). The
 * reads of {@code sentinel.next} on which {@code poll}, {@code peek} and {@code isEmpty} decide emptiness are
 * volatile, so they take their place in the single total order of volatile accesses with the CASes of
 * other threads, which the linearizability argument needs. Reads that are only a guess checked by a
 * later CAS, and the reads of the weakly consistent traversals, are acquire. Each weaker access says
 * why at its line.
 *
 * <p>References: Maged M. Michael and Michael L. Scott, "Simple, Fast, and Practical Non-Blocking and
 * Blocking Concurrent Queue Algorithms", PODC 1996; Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i>, 2nd ed., ch. 10.5 ("An unbounded lock-free queue"); Doug Lea's
 * {@code ConcurrentLinkedQueue} for the self-link. Evidence: {@code LockFreeLinkedQueueTest} (the
 * {@code QueueContract}, size under concurrency, the sentinel retaining nothing, iterators while others
 * poll), {@code LockFreeLinkedQueueLincheckTest} (linearizability of offer, poll, peek and isEmpty),
 * the {@code dev.interlock.stress.queues.Queues_*} jcstress tests, and the negative control
 * {@code BrokenPlainTailLinkedQueue} (the tail swung by a plain write instead of a CAS), which
 * {@code LinkedQueueNegativeControlTest} shows Lincheck rejects with the same budget: model checking as
 * it is, stress with the enqueuer delayed inside that window (that test says why and what was measured).
 *
 * @param <E> the type of the elements
 */
public class LockFreeLinkedQueue<E> extends AbstractInterlockQueue<E> implements Queue<E> {

    /**
     * A list node. {@code item} is plain: written before the node is published, cleared once by the
     * thread that makes the node the sentinel (invariant 5). {@code next} is volatile, set by CAS
     * (invariant 4).
     */
    private static final class Node<E> {

        E item;

        volatile Node<E> next;

        Node(E item) {
            // plain: published by the CAS that links this node (a release), read after a volatile
            // or acquire read of that link.
            this.item = item;
        }

        /** An acquire read of {@code next}, for guesses checked by a CAS and for traversals. */
        @SuppressWarnings("unchecked") // NEXT is the VarHandle of a Node<E> field of a Node<E>
        Node<E> nextAcquire() {
            return (Node<E>) NEXT.getAcquire(this); // acquire: see above.
        }

        boolean casNext(Node<E> expected, Node<E> update) {
            return NEXT.compareAndSet(this, expected, update);
        }
    }

    /** The sentinel: the node before the first element. Volatile; moved forward only by CAS. */
    private volatile Node<E> head;

    /** The last node, or the one before it (invariant 2). Volatile; moved forward only by CAS. */
    private volatile Node<E> tail;

    /** Creates an empty queue. */
    public LockFreeLinkedQueue() {
        Node<E> sentinel = new Node<>(null);
        this.head = sentinel;
        this.tail = sentinel;
    }

    /**
     * Creates a queue that holds the elements of the given collection, in the order of its iterator.
     *
     * @param elements the elements to place in the queue
     * @throws NullPointerException if {@code elements} or any of its elements is null
     */
    public LockFreeLinkedQueue(Collection<? extends E> elements) {
        Node<E> sentinel = new Node<>(null);
        Node<E> last = sentinel;
        for (E element : Objects.requireNonNull(elements, "elements")) {
            Node<E> node = new Node<>(Objects.requireNonNull(element, "element"));
            last.next = node; // volatile write, though no other thread can see this queue yet.
            last = node;
        }
        this.head = sentinel;
        this.tail = last;
    }

    // ---- Queue -----------------------------------------------------------------------------------

    /**
     * Inserts the element at the tail of the queue. The queue is unbounded, so this never fails for
     * lack of space. Lock-free.
     *
     * @param element the element to add
     * @return {@code true} (as specified by {@link Queue#offer})
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
                // the successful CAS is the linearization point.
                if (last.casNext(null, node)) {
                    // Swing the tail; if this CAS fails, another thread has already helped it on.
                    TAIL.compareAndSet(this, last, node);
                    return true;
                }
            } else {
                // The tail lags behind a linked node (or, if next == last, last was polled and
                // self-linked, and the recheck above has just seen tail move: this CAS then fails).
                TAIL.compareAndSet(this, last, next);
            }
        }
    }

    /**
     * Inserts the element at the tail of the queue. Lock-free.
     *
     * @param element the element to add
     * @return {@code true} (as specified by {@link java.util.Collection#add})
     * @throws NullPointerException if the element is null
     */
    @Override
    public boolean add(E element) {
        return offer(element);
    }

    /**
     * Retrieves and removes the head of the queue, or returns {@code null} if the queue is empty.
     * Lock-free.
     *
     * @return the head of the queue, or {@code null} if it is empty
     */
    @Override
    public E poll() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> last = tail;
            Node<E> first = sentinel.next; // volatile: decides emptiness (see the class notes).
            if (sentinel != head) {
                continue; // the head moved: the three reads are no snapshot (first may be a self-link).
            }
            if (sentinel == last) {
                if (first == null) {
                    // empty: the read of sentinel.next that returned null is the linearization point.
                    return null;
                }
                // The tail lags behind a linked node: help it on, so that head never passes tail.
                TAIL.compareAndSet(this, last, first);
            } else {
                // plain: ordered after the volatile read of sentinel.next, which saw the CAS that
                // linked first (a release) after its item was written. Null only if another thread has
                // already polled first; then the CAS below fails.
                E item = first.item;
                // the successful CAS is the linearization point.
                if (HEAD.compareAndSet(this, sentinel, first)) {
                    // plain: first is the new sentinel and must not keep the element alive. Racing
                    // readers see the item or null, and null only tells them to re-read the head.
                    first.item = null;
                    // release: a traversal that reads this self-link (acquire) also sees the head CAS
                    // above, so when it restarts from head it starts after this node.
                    NEXT.setRelease(sentinel, sentinel);
                    return item;
                }
            }
        }
    }

    /**
     * Retrieves, but does not remove, the head of the queue, or returns {@code null} if the queue is
     * empty. Lock-free.
     *
     * @return the head of the queue, or {@code null} if it is empty
     */
    @Override
    public E peek() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next; // volatile: decides emptiness (see the class notes).
            if (first == null) {
                return null; // the read of sentinel.next that returned null is the linearization point.
            }
            if (first == sentinel) {
                continue; // self-linked: sentinel has been left behind by a poll; re-read the head.
            }
            // plain: after the volatile read of the link to first. Null if first has since been polled
            // and cleared; then re-read the head.
            E item = first.item;
            if (item != null) {
                // linearization point: the read of head, or the CAS that linked first if that came
                // later (see the class notes).
                return item;
            }
        }
    }

    /**
     * Returns {@code true} if the queue holds no elements. Linearizable, unlike {@code size() == 0}
     * under concurrency, and constant-time. Lock-free.
     *
     * @return {@code true} if the queue is empty
     */
    @Override
    public boolean isEmpty() {
        while (true) {
            Node<E> sentinel = head;
            Node<E> first = sentinel.next; // volatile: decides emptiness (see the class notes).
            if (first != sentinel) {
                // linearization point: this read if it returned null; otherwise as for peek.
                return first == null;
            }
            // self-linked: sentinel has been left behind by a poll; re-read the head.
        }
    }

    /**
     * Returns the number of elements in the queue, by counting them; capped at
     * {@link Integer#MAX_VALUE}.
     *
     * <p><b>Note:</b> this is <em>not</em> a constant-time operation, and <em>not</em> linearizable.
     * When the queue is quiescent it is exact. While other threads offer and poll, the count includes
     * every element that is in the queue for the whole call, excludes every element that is never in
     * the queue during the call, and counts no element twice; an element offered or polled during the
     * call may or may not be counted. So the result lies between the number of elements present
     * throughout the call and the number present at some time during it, but it may match no state
     * the queue was ever in. Use {@link #isEmpty()}, not {@code size() == 0}, to test for emptiness.
     *
     * @return the number of elements counted, at most {@link Integer#MAX_VALUE}
     */
    @Override
    public int size() {
        int count = 0;
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            // plain: after the acquire read of the link to node. Null: polled, not counted.
            if (node.item != null && ++count == Integer.MAX_VALUE) {
                break;
            }
        }
        return count;
    }

    /**
     * Returns {@code true} if the queue contains an element equal to {@code object}. Weakly
     * consistent, like the iterator: an element present for the whole call is found; one offered or
     * polled during the call may or may not be. Lock-free, linear in the number of elements.
     *
     * @param object the object to look for; {@code null} is never contained
     * @return {@code true} if an equal element was found
     */
    @Override
    public boolean contains(Object object) {
        if (object == null) {
            return false;
        }
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            E item = node.item; // plain: after the acquire read of the link to node.
            if (item != null && object.equals(item)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns an array of the elements, in FIFO order, from one weakly consistent traversal.
     *
     * @return a new array of the elements
     */
    @Override
    public Object[] toArray() {
        return snapshot().toArray();
    }

    /**
     * Returns the elements, in FIFO order, from one weakly consistent traversal, in the given array if
     * they fit (followed by a {@code null} if there is room), otherwise in a new array of its runtime
     * type, as {@link java.util.Collection#toArray(Object[])} specifies.
     *
     * @param array the array to fill, if it is big enough
     * @param <T> the component type of the array
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
     * Returns an iterator over the elements, in FIFO order. The iterator is weakly consistent (see the
     * class documentation) and does not support {@link Iterator#remove()}.
     *
     * @return a weakly consistent iterator
     */
    @Override
    public Iterator<E> iterator() {
        return new WeaklyConsistentIterator();
    }

    /**
     * Returns a spliterator over the elements, in FIFO order, weakly consistent like the iterator. It
     * reports {@link Spliterator#CONCURRENT}, {@link Spliterator#NONNULL} and
     * {@link Spliterator#ORDERED}, and, unlike the default for collections, not
     * {@link Spliterator#SIZED}: the size is only an estimate while other threads work.
     *
     * @return a weakly consistent spliterator
     */
    @Override
    public Spliterator<E> spliterator() {
        return Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.CONCURRENT | Spliterator.NONNULL | Spliterator.ORDERED);
    }

    // ---- Unsupported removal ---------------------------------------------------------------------

    /**
     * Not supported: always throws, whatever the argument, and changes nothing.
     *
     * <p><b>Note:</b> the Michael–Scott queue cannot unlink a node from the middle of the list; use
     * {@code TwoLockLinkedQueue} when elements must be removed from the middle.
     *
     * @param object ignored
     * @return never returns
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object object) {
        throw removalUnsupported();
    }

    /**
     * Not supported: always throws, whatever the argument, even if no element would be removed, and
     * changes nothing.
     *
     * <p><b>Note:</b> see {@link #remove(Object)}.
     *
     * @param collection ignored
     * @return never returns
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeAll(Collection<?> collection) {
        throw removalUnsupported();
    }

    /**
     * Not supported: always throws, whatever the argument, even if no element would be removed, and
     * changes nothing.
     *
     * <p><b>Note:</b> see {@link #remove(Object)}.
     *
     * @param collection ignored
     * @return never returns
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean retainAll(Collection<?> collection) {
        throw removalUnsupported();
    }

    /**
     * Not supported: always throws, whatever the argument, even if no element would be removed, and
     * changes nothing.
     *
     * <p><b>Note:</b> see {@link #remove(Object)}.
     *
     * @param filter ignored
     * @return never returns
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw removalUnsupported();
    }

    /**
     * Removes elements by {@link #poll()} until it finds the queue empty. Each removal is a
     * linearizable poll, but the whole is not atomic: an element offered concurrently may or may not
     * be removed, and producers that keep offering faster than it polls keep it running. Lock-free.
     */
    @Override
    public void clear() {
        while (poll() != null) {
            // each iteration removes one element; the loop ends when poll finds the queue empty.
        }
    }

    // ---- Traversal ------------------------------------------------------------------------------

    /**
     * The first node after the current sentinel, or null if there is none. Its item may already have
     * been cleared by a poll. Never returns the sentinel itself, whose item may be a stale element
     * polled before the traversal began.
     */
    private Node<E> firstNode() {
        while (true) {
            Node<E> sentinel = head;
            // acquire: traversals are weakly consistent, so no place in the volatile total order is
            // needed; acquire pairs with the linking CAS (the item is visible) and the self-link's release.
            Node<E> first = sentinel.nextAcquire();
            if (first != sentinel) {
                return first;
            }
            // self-linked: a poll has moved the head on since we read it; read it again.
        }
    }

    /**
     * The node after {@code node} in a traversal. If {@code node} has been polled and self-linked, the
     * traversal restarts at the current first node: every node after the head comes after
     * {@code node} in the list, so nothing already visited is visited again, and every node still in
     * the queue is still ahead.
     */
    private Node<E> successor(Node<E> node) {
        // acquire: pairs with the linking CAS, so the next node's item is visible, and with the release
        // of the self-link, so a restart reads a head at or after the one that left node behind.
        Node<E> next = node.nextAcquire();
        return next == node ? firstNode() : next;
    }

    /** The elements, in FIFO order, from one weakly consistent traversal. */
    private ArrayList<E> snapshot() {
        ArrayList<E> elements = new ArrayList<>();
        for (Node<E> node = firstNode(); node != null; node = successor(node)) {
            E item = node.item; // plain: after the acquire read of the link to node.
            if (item != null) {
                elements.add(item);
            }
        }
        return elements;
    }

    private static UnsupportedOperationException removalUnsupported() {
        return new UnsupportedOperationException(
                "LockFreeLinkedQueue cannot remove from the middle (Michael-Scott); use TwoLockLinkedQueue");
    }

    /**
     * The weakly consistent iterator. It holds the next node and its item, read when the node was
     * reached, so that {@code next()} returns what {@code hasNext()} promised even if the element is
     * polled in between (as in {@code java.util.concurrent}). It moves only forward along the list, or
     * restarts from the head's successor after a self-link, which is further forward still: it never
     * returns an element twice, and it cannot miss a node that stays in the queue.
     */
    private final class WeaklyConsistentIterator implements Iterator<E> {

        /** The node whose item {@link #next()} returns, or null at the end. */
        private Node<E> nextNode;

        /** The item of {@link #nextNode}, non-null while nextNode is. */
        private E nextItem;

        WeaklyConsistentIterator() {
            advanceTo(firstNode());
        }

        /** Moves to the first node from {@code candidate} on that still holds an item. */
        private void advanceTo(Node<E> candidate) {
            Node<E> node = candidate;
            while (node != null) {
                E item = node.item; // plain: after the acquire read of the link to node.
                if (item != null) {
                    nextNode = node;
                    nextItem = item;
                    return;
                }
                node = successor(node); // polled since we reached it: skip it.
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
            throw removalUnsupported();
        }
    }

    // ---- VarHandles ------------------------------------------------------------------------------

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(LockFreeLinkedQueue.class, "head", Node.class);
            TAIL = lookup.findVarHandle(LockFreeLinkedQueue.class, "tail", Node.class);
            NEXT = lookup.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
