/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openjdk.jol.info.ClassLayout;
import org.openjdk.jol.info.FieldLayout;

/**
 * Checks, on the running JVM, the layout that {@link PaddedLongLeftPadding} relies on: at least 128
 * bytes of the object before the padded value and at least 128 after it, so that nothing else in the
 * object, nor a neighbouring object, shares its cache line or the adjacent one.
 */
class PaddedLongLayoutTest {

    static final int PADDING_BYTES = 128;

    @Test
    void atomicCounterValueHasTwoCacheLinesOnEachSide() {
        assertPadded(AtomicCounter.class);
    }

    @Test
    void stripedCounterCellValueHasTwoCacheLinesOnEachSide() throws ClassNotFoundException {
        assertPadded(Class.forName("dev.interlock.counters.StripedCounter$Cell"));
    }

    private static void assertPadded(Class<?> type) {
        ClassLayout layout = ClassLayout.parseClass(type);
        FieldLayout value = layout.fields().stream()
                .filter(field -> field.name().equals("value"))
                .findFirst()
                .orElseThrow();
        long before = value.offset();
        long after = layout.instanceSize() - (value.offset() + value.size());
        String printable = layout.toPrintable();
        assertTrue(before >= PADDING_BYTES, () -> before + " bytes before the value:\n" + printable);
        assertTrue(after >= PADDING_BYTES, () -> after + " bytes after the value:\n" + printable);
    }
}
