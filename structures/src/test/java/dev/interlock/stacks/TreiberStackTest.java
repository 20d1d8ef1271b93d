/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link TreiberStack} keeps the {@link StackContract}. */
class TreiberStackTest extends StackContract {

    @Override
    protected ConcurrentStack<Integer> newStack() {
        return new TreiberStack<>();
    }

    @Test
    void toStringListsTheElementsTopFirst() {
        TreiberStack<Integer> stack = new TreiberStack<>();
        assertEquals("[]", stack.toString());
        stack.push(1);
        stack.push(2);
        stack.push(3);
        assertEquals("[3, 2, 1]", stack.toString());
    }
}
