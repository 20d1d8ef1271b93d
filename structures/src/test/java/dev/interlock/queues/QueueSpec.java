/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.ArrayDeque;

/**
 * The sequential specification of a queue for Lincheck: an {@link ArrayDeque} with an optional limit,
 * and one method for each operation that any queue Lincheck test declares (Lincheck matches them by
 * name and signature). Lincheck checks that every concurrent history of the real queue could have
 * come from calling these methods one at a time, in some order that respects real time.
 * {@link Bounded} and {@link Unbounded} fix the limit, because Lincheck builds the specification
 * through a public no-argument constructor.
 */
public abstract class QueueSpec {

    private final ArrayDeque<Integer> elements = new ArrayDeque<>();
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
        elements.addLast(element);
        return true;
    }

    public Integer poll() {
        return elements.pollFirst();
    }

    public Integer peek() {
        return elements.peekFirst();
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
        return elements.removeFirstOccurrence(element);
    }

    public int remainingCapacity() {
        return limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : limit - elements.size();
    }

    public String drainTwo() {
        StringBuilder drained = new StringBuilder();
        for (int i = 0; i < 2 && !elements.isEmpty(); i++) {
            drained.append(elements.pollFirst()).append(';');
        }
        return drained.toString();
    }
}
