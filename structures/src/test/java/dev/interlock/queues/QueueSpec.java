/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The sequential specification of a queue for Lincheck: a list in arrival order with an optional limit,
 * and one method for each operation that any queue Lincheck test declares (Lincheck matches them by
 * name and signature). Lincheck checks that every concurrent history of the real queue could have
 * come from calling these methods one at a time, in some order that respects real time.
 * {@link Bounded} and {@link Unbounded} fix the limit, because Lincheck builds the specification
 * through a public no-argument constructor. {@link StablePriority} replaces FIFO by a stable priority
 * order: the head is the first-arrived of the elements with the least key.
 */
public abstract class QueueSpec {

    /** In arrival order. */
    private final List<Integer> elements = new ArrayList<>();
    private final int limit;

    QueueSpec(int limit) {
        this.limit = limit;
    }

    /** A queue that holds at most {@link QueueLincheckBase#CAPACITY} elements. */
    public static final class Bounded extends QueueSpec {
        /** Lincheck creates a fresh specification for every scenario. */
        public Bounded() {
            super(QueueLincheckBase.CAPACITY);
        }
    }

    /**
     * An unbounded priority queue whose key is {@code element / 2}, ties leaving in arrival order: of the
     * elements 1 to 3, 1 comes first, and 2 and 3 tie ({@link #KEY_ORDER}), so a scenario can tell a
     * stable order from an unstable one.
     */
    public static final class StablePriority extends QueueSpec {
        /** The order of the queue under test: a class of our own, whose fields Lincheck may read. */
        public static final Comparator<Integer> KEY_ORDER = new KeyOrder();

        private static final class KeyOrder implements Comparator<Integer> {
            @Override
            public int compare(Integer first, Integer second) {
                return Integer.compare(first / 2, second / 2);
            }
        }

        /** Lincheck creates a fresh specification for every scenario. */
        public StablePriority() {
            super(Integer.MAX_VALUE);
        }

        @Override
        int headIndex() {
            int head = 0;
            for (int index = 1; index < elements().size(); index++) {
                if (KEY_ORDER.compare(elements().get(index), elements().get(head)) < 0) {
                    head = index;
                }
            }
            return head;
        }
    }

    /** A queue with no limit. */
    public static final class Unbounded extends QueueSpec {
        /** Lincheck creates a fresh specification for every scenario. */
        public Unbounded() {
            super(Integer.MAX_VALUE);
        }
    }

    public boolean offer(int element) {
        if (elements.size() == limit) {
            return false;
        }
        elements.add(element);
        return true;
    }

    /** An unbounded queue's put: an offer that always succeeds. */
    public void put(int element) {
        offer(element);
    }

    /** The index of the head in arrival order; the queue is not empty. FIFO: the first. */
    int headIndex() {
        return 0;
    }

    List<Integer> elements() {
        return elements;
    }

    public Integer poll() {
        return elements.isEmpty() ? null : elements.remove(headIndex());
    }

    public Integer peek() {
        return elements.isEmpty() ? null : elements.get(headIndex());
    }

    public boolean isEmpty() {
        return elements.isEmpty();
    }

    public int size() {
        return elements.size();
    }

    public boolean contains(int element) {
        return elements.contains(element);
    }

    public boolean remove(int element) {
        return elements.remove(Integer.valueOf(element)); // the first to arrive: equal elements tie.
    }

    public int remainingCapacity() {
        return limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : limit - elements.size();
    }

    public String drainTwo() {
        StringBuilder drained = new StringBuilder();
        for (int i = 0; i < 2 && !elements.isEmpty(); i++) {
            drained.append(poll()).append(';');
        }
        return drained.toString();
    }
}
