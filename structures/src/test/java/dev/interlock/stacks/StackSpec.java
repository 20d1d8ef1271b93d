/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.util.ArrayDeque;

/**
 * The sequential specification of a stack for Lincheck: an {@link ArrayDeque} used as a stack (its
 * head is the top), with an optional limit, and one method for each operation that any stack Lincheck
 * test declares (Lincheck matches them by name and signature). Lincheck checks that every concurrent
 * history of the real stack could have come from calling these methods one at a time, in some order
 * that respects real time. {@link Bounded} and {@link Unbounded} fix the limit, because Lincheck
 * builds the specification through a public no-argument constructor.
 */
public abstract class StackSpec {

    private final ArrayDeque<Integer> elements = new ArrayDeque<>();
    private final int limit;

    StackSpec(int limit) {
        this.limit = limit;
    }

    /** A stack that holds at most {@link StackLincheckBase#CAPACITY} elements. */
    public static final class Bounded extends StackSpec {
        /** Lincheck creates a fresh specification for every scenario. */
        public Bounded() {
            super(StackLincheckBase.CAPACITY);
        }
    }

    /** A stack with no limit. */
    public static final class Unbounded extends StackSpec {
        /** Lincheck creates a fresh specification for every scenario. */
        public Unbounded() {
            super(Integer.MAX_VALUE);
        }
    }

    /** {@code push}, reported as the test reports it: "ok", or "full" for a refused push. */
    public String push(int element) {
        if (elements.size() == limit) {
            return "full";
        }
        elements.push(element);
        return "ok";
    }

    public boolean offer(int element) {
        if (elements.size() == limit) {
            return false;
        }
        elements.push(element);
        return true;
    }

    public Integer pop() {
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

    public int remainingCapacity() {
        return limit == Integer.MAX_VALUE ? Integer.MAX_VALUE : limit - elements.size();
    }
}
