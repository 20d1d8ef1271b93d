/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ManualTimeSource}'s bad input: a clear exception, and the time unchanged. */
class ManualTimeSourceTest {

    ManualTimeSourceTest() {
    }

    @Test
    void aStepBackwardsOrPastTheLastTimeIsRefusedAndChangesNothing() {
        ManualTimeSource clock = new ManualTimeSource(123_456_789L);
        assertMessage("never goes backwards", () -> clock.advance(-1));
        assertMessage("past Long.MAX_VALUE", () -> clock.advance(Long.MAX_VALUE));
        assertMessage("past Long.MAX_VALUE", () -> clock.advance(Duration.ofNanos(Long.MAX_VALUE)));
        assertMessage("more nanoseconds than a long holds", () -> clock.advance(Duration.ofDays(365L * 300)));
        assertMessage("never goes backwards", () -> clock.advance(Duration.ofNanos(-1)));
        assertThrows(NullPointerException.class, () -> clock.advance(null));
        assertEquals(123_456_789L, clock.nanoTime());

        clock.advance(Long.MAX_VALUE - 123_456_789L); // the last time there is
        assertEquals(Long.MAX_VALUE, clock.nanoTime());
        clock.advance(0);
        assertMessage("past Long.MAX_VALUE", () -> clock.advance(1));
        assertEquals(Long.MAX_VALUE, clock.nanoTime());
    }

    private static void assertMessage(String fragment, Runnable call) {
        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(thrown.getMessage().contains(fragment), () -> "the message \"" + thrown.getMessage()
                + "\" does not say \"" + fragment + "\"");
    }
}
