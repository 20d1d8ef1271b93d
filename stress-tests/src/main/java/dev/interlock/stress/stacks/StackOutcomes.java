/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.ConcurrentStack;

/**
 * How the stack tests turn what a stack did into jcstress's integer results. Every method catches
 * what the stack throws and reports it as {@link #THREW}, so that a broken stack's exception (or a
 * bounded stack that wrongly says it is full) is an outcome of its own (FORBIDDEN), not an error that
 * ends the sample. Elements are the integers 1 to 9.
 */
final class StackOutcomes {

    /** The result of a call that threw. */
    static final int THREW = -1;

    private StackOutcomes() {
    }

    /** @return the popped element, 0 for null (empty), or {@link #THREW} */
    static int pop(ConcurrentStack<Integer> stack) {
        try {
            Integer element = stack.pop();
            return element == null ? 0 : element;
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /** @return {@code true} if the push returned, {@code false} if it threw */
    static boolean push(ConcurrentStack<Integer> stack, int element) {
        try {
            stack.push(element);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** @return the top element, 0 for null (empty), or {@link #THREW} */
    static int peek(ConcurrentStack<Integer> stack) {
        try {
            Integer element = stack.peek();
            return element == null ? 0 : element;
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /** @return the size, or {@link #THREW} */
    static int size(ConcurrentStack<Integer> stack) {
        try {
            return stack.size();
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /** @return 1 if the stack says it is empty, 0 if not, or {@link #THREW} */
    static int isEmpty(ConcurrentStack<Integer> stack) {
        try {
            return stack.isEmpty() ? 1 : 0;
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /**
     * Pops until the stack says it is empty, and writes down what came out as decimal digits, top
     * first: 0 for nothing, 32 for 3 then 2.
     *
     * @return the digits, or {@link #THREW}
     */
    static int drainDigits(ConcurrentStack<Integer> stack) {
        try {
            int digits = 0;
            for (Integer element = stack.pop(); element != null; element = stack.pop()) {
                digits = digits * 10 + element;
            }
            return digits;
        } catch (RuntimeException e) {
            return THREW;
        }
    }
}
