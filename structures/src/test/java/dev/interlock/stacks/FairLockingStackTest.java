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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The blocking stack contract ({@link BlockingStackContract}, and through it {@link StackContract})
 * for a fair {@link LockingStack}, and what fairness promises: blocked producers complete, and blocked
 * consumers take, in the order they blocked.
 */
public class FairLockingStackTest extends BlockingStackContract {

    @Override
    protected LockingStack<Integer> newStack(int capacity) {
        return new LockingStack<>(capacity, true);
    }

    @Test
    void theStackIsFair() {
        assertTrue(newStack(1).isFair());
        assertTrue(newStack().isFair());
    }

    @Test
    void blockedPuttersCompleteInArrivalOrder() throws Exception {
        LockingStack<Integer> stack = newStack(1);
        stack.put(0);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> putters = new ArrayList<>();
        for (int element = 1; element <= 5; element++) {
            int value = element;
            Thread putter = start("putter-" + element, failure, () -> stack.put(value));
            LockingStackTest.awaitBlocked(putter); // so that they block in this order
            putters.add(putter);
        }
        List<Integer> taken = new ArrayList<>();
        for (int index = 0; index <= 5; index++) {
            taken.add(stack.take());
        }
        assertEquals(List.of(0, 1, 2, 3, 4, 5), taken);
        joinAll(putters, failure);
        assertNull(stack.pop());
    }

    @Test
    void blockedTakersTakeInArrivalOrder() throws Exception {
        LockingStack<Integer> stack = newStack(4);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Integer> order = new ArrayList<>();
        List<Thread> takers = new ArrayList<>();
        for (int taker = 0; taker < 4; taker++) {
            int name = taker;
            Thread thread = start("taker-" + taker, failure, () -> {
                int element = stack.take();
                synchronized (order) {
                    order.add(name * 10 + element);
                }
            });
            LockingStackTest.awaitBlocked(thread);
            takers.add(thread);
        }
        for (int element = 0; element < 4; element++) {
            stack.put(element);
            takers.get(element).join(); // the taker that blocked first takes the first element
        }
        joinAll(takers, failure);
        assertEquals(List.of(0, 11, 22, 33), order);
    }
}
