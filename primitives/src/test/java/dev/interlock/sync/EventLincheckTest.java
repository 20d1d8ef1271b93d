/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import dev.interlock.testing.LincheckTestBase;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * {@link Event} is linearizable against {@link EventSpec}, a plain flag: {@code set()}, {@code clear()},
 * {@code isSet()}, and {@code await} with a timeout of zero, which answers with the flag without waiting,
 * in any mix, as {@link LincheckTestBase} runs them (model checking and stress).
 *
 * <p>No operation waits. Lincheck's model checker cannot finish an untimed {@code await()} that no
 * {@code set()} follows, and its clock stands still, so a positive timeout never runs out; nor could it
 * show a lost wake-up (see {@code docs/verification.md}, "Lincheck facts"). The waiting paths are checked
 * by {@link EventTest} and the jcstress tests.
 */
public class EventLincheckTest extends LincheckTestBase {

    private final Event event = new Event();

    public EventLincheckTest() {
    }

    @Override
    protected Class<?> specification() {
        return EventSpec.class;
    }

    @Operation
    public void set() {
        event.set();
    }

    @Operation
    public void clear() {
        event.clear();
    }

    @Operation
    public boolean isSet() {
        return event.isSet();
    }

    /** The timed {@code await} with a timeout of zero: whether the flag is set, without waiting. */
    @Operation
    public boolean awaitWithoutWaiting() throws InterruptedException {
        return event.await(0, TimeUnit.NANOSECONDS);
    }
}
