/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

/**
 * {@link StripedCounter} is linearizable when every update is an increment, as its class
 * documentation claims; so this test declares exactly {@code increment} and {@code get}.
 *
 * <p>With mixed deltas it is not linearizable (the class documentation gives the history), so no
 * {@code add} or {@code decrement} operation appears here: that would test a claim the class does not
 * make. Its guarantees under mixed updates (no lost update, the exact quiescent total, exactly-once
 * {@code sumThenReset}) are checked by {@code StripedCounterTest} and the jcstress suite.
 */
public class StripedCounterLincheckTest extends CounterLincheckBase {

    public StripedCounterLincheckTest() {
        super(new StripedCounter());
    }
}
