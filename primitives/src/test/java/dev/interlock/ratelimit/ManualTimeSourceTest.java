/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.time.Duration;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The test clock's bad input: each is refused with a clear message, and the time is unchanged. */
class ManualTimeSourceTest {

    @Test
    void refusesToGoBackwards() {
        ManualTimeSource clock = new ManualTimeSource(42);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(-1));
        assertEquals("a clock never goes backwards: advance(-1)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofNanos(-1)));
        assertEquals(42, clock.nanoTime());
    }

    @Test
    void refusesToRunMoreThanANanoTimeDifferenceHolds() {
        ManualTimeSource clock = new ManualTimeSource(1_000);
        clock.advance(7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(Long.MAX_VALUE));
        assertEquals("advance(9223372036854775807) would take the clock more than Long.MAX_VALUE ns (about 292 years)"
                + " past its start, 7 ns have run: nanoTime() differences overflow there", e.getMessage());
        assertEquals(1_007, clock.nanoTime());
        IllegalArgumentException viaDuration = assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofNanos(Long.MAX_VALUE)));
        assertEquals(e.getMessage(), viaDuration.getMessage());
        assertEquals(1_007, clock.nanoTime());

        clock.advance(Long.MAX_VALUE - 7); // exactly the whole span: allowed, and the reading wraps
        assertEquals(1_000 + Long.MAX_VALUE, clock.nanoTime());
        assertEquals(Long.MAX_VALUE, clock.nanoTime() - 1_000);
        assertThrows(IllegalArgumentException.class, () -> clock.advance(1));
        clock.advance(0);
        assertEquals(Long.MAX_VALUE, clock.nanoTime() - 1_000);
    }

    @Test
    void refusesADurationLongerThanALongHolds() {
        ManualTimeSource clock = new ManualTimeSource();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofDays(365L * 1_000)));
        assertEquals(ArithmeticException.class, e.getCause().getClass());
        assertThrows(NullPointerException.class, () -> clock.advance((Duration) null));
        assertEquals(0, clock.nanoTime());
    }
}
