/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.LongBinaryOperator;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/** {@link AtomicCounter} against the {@link CounterContract}, and its AtomicLong-like API. */
class AtomicCounterTest extends CounterContract {

    @Override
    Counter newCounter() {
        return new AtomicCounter();
    }

    @Test
    void initialValue() {
        assertEquals(-7L, new AtomicCounter(-7L).get());
    }

    @Test
    void readsAndWritesInEveryMode() {
        AtomicCounter counter = new AtomicCounter();
        counter.set(5L);
        assertEquals(5L, counter.get());
        counter.setRelease(6L);
        assertEquals(6L, counter.getAcquire());
        assertEquals(6L, counter.getOpaque());
    }

    @Test
    void getAndAddFamilyReturnsTheRightSideOfTheUpdate() {
        AtomicCounter counter = new AtomicCounter(10L);
        assertEquals(10L, counter.getAndIncrement());
        assertEquals(12L, counter.incrementAndGet());
        assertEquals(12L, counter.getAndDecrement());
        assertEquals(10L, counter.decrementAndGet());
        assertEquals(10L, counter.getAndAdd(5L));
        assertEquals(20L, counter.addAndGet(5L));
        assertEquals(20L, counter.getAndSet(-1L));
        assertEquals(-1L, counter.get());
    }

    @Test
    void compareAndSetChangesNothingWhenItFails() {
        AtomicCounter counter = new AtomicCounter(3L);
        assertFalse(counter.compareAndSet(4L, 100L));
        assertEquals(3L, counter.get());
        assertTrue(counter.compareAndSet(3L, 100L));
        assertEquals(100L, counter.get());
    }

    @Test
    void compareAndExchangeReturnsTheWitness() {
        AtomicCounter counter = new AtomicCounter(3L);
        assertEquals(3L, counter.compareAndExchange(4L, 100L)); // failed: the witness is the current value
        assertEquals(3L, counter.get());
        assertEquals(3L, counter.compareAndExchange(3L, 100L)); // succeeded: the witness is the expected value
        assertEquals(100L, counter.get());
    }

    @Test
    void weakCompareAndSetEventuallySucceeds() {
        AtomicCounter counter = new AtomicCounter(3L);
        while (!counter.weakCompareAndSetVolatile(3L, 4L)) {
            assertEquals(3L, counter.get()); // a spurious failure changes nothing
        }
        assertEquals(4L, counter.get());
        assertFalse(counter.weakCompareAndSetVolatile(3L, 5L));
        assertEquals(4L, counter.get());
    }

    @Test
    void updateAndAccumulateFunctions() {
        AtomicCounter counter = new AtomicCounter(3L);
        assertEquals(3L, counter.getAndUpdate(v -> v * 10));
        assertEquals(31L, counter.updateAndGet(v -> v + 1));
        assertEquals(31L, counter.getAndAccumulate(2L, Math::max));
        assertEquals(62L, counter.accumulateAndGet(2L, (v, x) -> v * x));
        assertEquals(62L, counter.get());
    }

    @Test
    void updateAndGetAppliesTheFunctionOnceWithoutContention() {
        AtomicCounter counter = new AtomicCounter(1L);
        int[] calls = {0};
        assertEquals(2L, counter.updateAndGet(v -> {
            calls[0]++;
            return v + 1;
        }));
        assertEquals(1, calls[0]);
    }

    @Test
    void nullFunctionsAreRejectedAndChangeNothing() {
        AtomicCounter counter = new AtomicCounter(9L);
        assertThrows(NullPointerException.class, () -> counter.getAndUpdate((LongUnaryOperator) null));
        assertThrows(NullPointerException.class, () -> counter.updateAndGet((LongUnaryOperator) null));
        assertThrows(NullPointerException.class, () -> counter.getAndAccumulate(1L, (LongBinaryOperator) null));
        assertThrows(NullPointerException.class, () -> counter.accumulateAndGet(1L, (LongBinaryOperator) null));
        assertEquals(9L, counter.get());
    }

    @Test
    void concurrentUpdateFunctionsAreAtomic() throws InterruptedException {
        AtomicCounter counter = new AtomicCounter();
        runConcurrently(thread -> {
            for (int i = 0; i < 100_000; i++) {
                counter.updateAndGet(v -> v + 2);
                counter.accumulateAndGet(-1L, Long::sum);
            }
        });
        assertEquals(THREADS * 100_000L, counter.get());
    }
}
