/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

/**
 * The {@link StackContract} on an {@link EliminationBackoffStack} that visits its elimination array
 * (one exchanger, a long patience) before every attempt on the stack, so that the contract's
 * concurrent tests (nothing lost or duplicated, each pusher's order, safe publication) hand an element
 * straight from a pusher to a popper whenever the two overlap at the exchanger, not only after the
 * rare failed CAS that sends a default stack there.
 */
class EliminatingFirstStackTest extends StackContract {

    @Override
    protected ConcurrentStack<Integer> newStack() {
        return new EliminationBackoffStack<>(1, 64, true);
    }
}
