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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link EliminationBackoffStack}, as built by default, keeps the {@link StackContract}; its
 * constructor refuses bad arguments. {@code EliminatingFirstStackTest} runs the same contract on a
 * stack that sends every operation through the elimination array first.
 */
class EliminationBackoffStackTest extends StackContract {

    @Override
    protected ConcurrentStack<Integer> newStack() {
        return new EliminationBackoffStack<>();
    }

    @Test
    void badConstructorArgumentsAreRefusedWithTheReason() {
        IllegalArgumentException noExchangers = assertThrows(IllegalArgumentException.class,
                () -> new EliminationBackoffStack<Integer>(0, 10));
        assertTrue(noExchangers.getMessage().contains("exchangers"), noExchangers.getMessage());
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> new EliminationBackoffStack<Integer>(Integer.MAX_VALUE, 32));
        assertTrue(tooMany.getMessage().contains("from 1 to 65536"), tooMany.getMessage());
        assertEquals(65_536, EliminationBackoffStack.MAX_EXCHANGERS);
        IllegalArgumentException negativeSpins = assertThrows(IllegalArgumentException.class,
                () -> new EliminationBackoffStack<Integer>(1, -1));
        assertTrue(negativeSpins.getMessage().contains("spins"), negativeSpins.getMessage());
    }

    @Test
    void aStackWithoutPatienceStillWorks() {
        EliminationBackoffStack<Integer> stack = new EliminationBackoffStack<>(4, 0);
        stack.push(1);
        stack.push(2);
        assertEquals("[2, 1]", stack.toString());
        assertEquals(2, stack.pop());
        assertEquals(1, stack.pop());
        assertEquals(null, stack.pop());
    }
}
