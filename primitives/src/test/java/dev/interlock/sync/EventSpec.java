/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

/**
 * The sequential specification of {@link Event} for {@link EventLincheckTest}: a plain boolean flag.
 * A wait that may not wait ({@code await(0, NANOSECONDS)}) answers with the flag. Lincheck matches the
 * methods to the test's operations by name and signature; not thread-safe, since Lincheck calls it from
 * one thread.
 */
public class EventSpec {

    private boolean set;

    /** Lincheck creates a fresh specification for every scenario. */
    public EventSpec() {
    }

    public void set() {
        set = true;
    }

    public void clear() {
        set = false;
    }

    public boolean isSet() {
        return set;
    }

    public boolean awaitWithoutWaiting() {
        return set;
    }
}
