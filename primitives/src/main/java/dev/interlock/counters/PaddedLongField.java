/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The middle of the three padding classes: the value itself, and the {@link VarHandle} through
 * which {@link AtomicCounter} and the cells of {@link StripedCounter} update it. See
 * {@link PaddedLongLeftPadding} for why the padding is built this way.
 */
abstract class PaddedLongField extends PaddedLongLeftPadding {

    /** The value. Declared volatile, so a plain Java read or write of it is a volatile access. */
    volatile long value;

    /** The handle for every access to {@link #value} weaker than volatile, and for every CAS or RMW on it. */
    static final VarHandle VALUE;

    static {
        try {
            VALUE = MethodHandles.lookup().findVarHandle(PaddedLongField.class, "value", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
