/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.counters;

import dev.interlock.counters.AtomicCounter;
import dev.interlock.counters.LockedCounter;
import dev.interlock.counters.StripedCounter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Quiescent exactness: a get() that runs while no update is in progress returns exactly the sum
    of all the updates that happened-before it. This is the promise that makes StripedCounter
    usable at all: its get() is not a snapshot while updates run, but once they have stopped, the
    total must be exact.

    The updates mix sizes and signs: actor1 adds 5, then decrements; actor2 adds -2, then
    increments. The arbiter reads get() after both actors have finished, so its read is quiescent:
    5 - 1 - 2 + 1 = 3, and nothing else.

    Every other total the four updates can produce is listed, each FORBIDDEN. When a write replaces
    another, the updates it replaced are lost and the total becomes the sum of only some of the
    deltas. The sums of the non-empty subsets of {5, -1, -2, +1} are exactly the integers from -3
    to 6, so that range is the exhaustive list, and each description names the updates counted.

    A limit of these deltas: the decrement and the increment cancel, so a run that lost both of
    them also totals 3 and passes. Counters_01_LostUpdate and Counters_03_ReadYourWrites catch lost
    updates directly; this test is about the exact sum of mixed deltas spread over the base and
    the cells.

    For StripedCounter, the two actors contend on the base, so in many samples the table of cells
    is installed mid-test and the updates end up split between the base and the cells; the
    arbiter's sum must still be exact.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_05_QuiescentTotal
 */
@Outcome(id = "3", expect = ACCEPTABLE, desc = "The exact total: 5 - 1 - 2 + 1.")
@Outcome(id = "6", expect = FORBIDDEN, desc = "Lost updates: only 5 + 1 counted.")
@Outcome(id = "5", expect = FORBIDDEN, desc = "Lost updates: only 5, or 5 - 1 + 1, counted.")
@Outcome(id = "4", expect = FORBIDDEN, desc = "Lost updates: only 5 - 1, or 5 - 2 + 1, counted.")
@Outcome(id = "2", expect = FORBIDDEN, desc = "Lost update: only 5 - 1 - 2 counted.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Lost updates: only +1 counted.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "Lost updates: only -1 + 1 counted.")
@Outcome(id = "-1", expect = FORBIDDEN, desc = "Lost updates: only -1, or -2 + 1, counted.")
@Outcome(id = "-2", expect = FORBIDDEN, desc = "Lost updates: only -2, or -1 - 2 + 1, counted.")
@Outcome(id = "-3", expect = FORBIDDEN, desc = "Lost updates: only -1 - 2 counted.")
public class Counters_05_QuiescentTotal {

    @JCStressTest
    @JCStressMeta(Counters_05_QuiescentTotal.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        @Actor
        public void actor1() {
            counter.add(5);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-2);
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_05_QuiescentTotal.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.add(5);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-2);
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_05_QuiescentTotal.class)
    @State
    public static class Locked {
        private final LockedCounter counter = new LockedCounter();

        @Actor
        public void actor1() {
            counter.add(5);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-2);
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }
}
