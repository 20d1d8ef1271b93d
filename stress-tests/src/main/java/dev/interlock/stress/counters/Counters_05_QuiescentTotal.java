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

    The updates mix sizes and signs: actor1 adds 8, then decrements; actor2 adds -4, then adds 2.
    The arbiter reads get() after both actors have finished, so its read is quiescent:
    8 - 1 - 4 + 2 = 5, and nothing else.

    The deltas are distinct powers of two with signs, so every subset of them has a different sum:
    whatever combination of updates a broken counter loses, the total it shows is wrong. (With
    deltas that cancel, such as +1 and -1, losing both would still give the right total and pass.)
    When a write replaces another, the replaced updates are lost and the total becomes the sum of
    some non-empty subset of {+8, -1, -4, +2}. Those 15 sums are listed below, each FORBIDDEN except
    the full one, and each description names the updates that were counted.

    For StripedCounter, the two actors contend on the base, so in many samples the table of cells
    is installed mid-test and the updates end up split between the base and the cells; the
    arbiter's sum must still be exact.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_05_QuiescentTotal
 */
@Outcome(id = "10", expect = FORBIDDEN, desc = "Lost updates: only 8 + 2 counted.")
@Outcome(id = "9", expect = FORBIDDEN, desc = "Lost updates: only 8 - 1 + 2 counted.")
@Outcome(id = "8", expect = FORBIDDEN, desc = "Lost updates: only 8 counted.")
@Outcome(id = "7", expect = FORBIDDEN, desc = "Lost updates: only 8 - 1 counted.")
@Outcome(id = "6", expect = FORBIDDEN, desc = "Lost updates: only 8 - 4 + 2 counted.")
@Outcome(id = "5", expect = ACCEPTABLE, desc = "The exact total: 8 - 1 - 4 + 2.")
@Outcome(id = "4", expect = FORBIDDEN, desc = "Lost updates: only 8 - 4 counted.")
@Outcome(id = "3", expect = FORBIDDEN, desc = "Lost updates: only 8 - 1 - 4 counted.")
@Outcome(id = "2", expect = FORBIDDEN, desc = "Lost updates: only 2 counted.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Lost updates: only -1 + 2 counted.")
@Outcome(id = "-1", expect = FORBIDDEN, desc = "Lost updates: only -1 counted.")
@Outcome(id = "-2", expect = FORBIDDEN, desc = "Lost updates: only -4 + 2 counted.")
@Outcome(id = "-3", expect = FORBIDDEN, desc = "Lost updates: only -1 - 4 + 2 counted.")
@Outcome(id = "-4", expect = FORBIDDEN, desc = "Lost updates: only -4 counted.")
@Outcome(id = "-5", expect = FORBIDDEN, desc = "Lost updates: only -1 - 4 counted.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "Every update lost (no interleaving of writes can give it; listed to be exhaustive).")
public class Counters_05_QuiescentTotal {

    @JCStressTest
    @JCStressMeta(Counters_05_QuiescentTotal.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        @Actor
        public void actor1() {
            counter.add(8);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-4);
            counter.add(2);
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
            counter.add(8);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-4);
            counter.add(2);
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
            counter.add(8);
            counter.decrement();
        }

        @Actor
        public void actor2() {
            counter.add(-4);
            counter.add(2);
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }
}
