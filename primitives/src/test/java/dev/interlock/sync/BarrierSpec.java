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
 * The sequential specification of the {@link Barrier} that {@link BarrierLincheckTest} creates: a barrier
 * of {@link #PARTIES} parties whose arrivals never wait ({@code await(0, NANOSECONDS)}). So no generation
 * ever trips: the barrier is open or broken. An arrival at an open barrier times out and breaks it, one
 * at a broken barrier is refused; {@code reset()} opens it, {@code abort()} breaks it, and nobody is ever
 * counted as waiting. Lincheck matches the methods to the test's operations by name and signature; not
 * thread-safe, since Lincheck calls it from one thread.
 */
public class BarrierSpec {

    /** The parties: two, so that a lone arrival is never the last. */
    static final int PARTIES = 2;

    /** What an arrival reports when its time ran out. */
    static final int TIMED_OUT = -1;

    /** What an arrival reports when the barrier was broken. */
    static final int BROKEN = -2;

    private boolean broken;

    /** Lincheck creates a fresh specification for every scenario. */
    public BarrierSpec() {
    }

    public int awaitWithoutWaiting() {
        if (broken) {
            return BROKEN;
        }
        broken = true;
        return TIMED_OUT;
    }

    public void reset() {
        broken = false;
    }

    public void abort() {
        broken = true;
    }

    public boolean isBroken() {
        return broken;
    }

    public int getNumberWaiting() {
        return 0;
    }
}
