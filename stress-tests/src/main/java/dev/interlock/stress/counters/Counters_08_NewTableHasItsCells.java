/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.counters;

import dev.interlock.counters.BrokenEarlyTableStripedCounter;
import dev.interlock.counters.Counter;
import dev.interlock.counters.StripedCounter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A cell table is published with its cells: a thread that reads the table finds every cell there.

    StripedCounter starts with no table. Two actors increment a fresh counter twice each. When
    their first increments collide on the base, the loser installs a table of two cells and
    retries on one of them; the other actor's second increment then reads that table and adds to
    its own cell. Each actor counts the increments that returned (one that throws ends its
    actor), and the arbiter reads get(), -1 if it throws.
    Results: (r1, r2, r3) = (actor 1's increments, actor 2's, the total).

    Every outcome:
      - 2, 2, 4: every increment returned and counted. Acceptable.
      - anything else: an increment threw or was lost. A table published before its cells are
        created lets the second increment read a null cell and throw: 2, 1, 3 or 1, 2, 3.

    Variants:
      - Striped:          StripedCounter: the table's CAS publishes it after its cells are written.
      - BrokenEarlyTable: the negative control BrokenEarlyTableStripedCounter, generated from
                          StripedCounter with the CAS moved before the loop that creates the cells.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_08_NewTableHasItsCells
 */
@Outcome(id = "2, 2, 4", expect = ACCEPTABLE, desc = "Every increment returned and was counted.")
@Outcome(id = {"2, 1, 3", "1, 2, 3"}, expect = FORBIDDEN, desc = "An increment met a cell not created yet and threw.")
@Outcome(expect = FORBIDDEN, desc = "An increment threw or was lost.")
public class Counters_08_NewTableHasItsCells {

    @JCStressTest
    @JCStressMeta(Counters_08_NewTableHasItsCells.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1(III_Result r) {
            r.r1 = increments(counter);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = increments(counter);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = total(counter);
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_08_NewTableHasItsCells.class)
    @State
    public static class BrokenEarlyTable {
        private final BrokenEarlyTableStripedCounter counter = new BrokenEarlyTableStripedCounter();

        @Actor
        public void actor1(III_Result r) {
            r.r1 = increments(counter);
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = increments(counter);
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = total(counter);
        }
    }

    /** Increments twice; returns how many of the two returned before one threw. */
    static int increments(Counter counter) {
        int returned = 0;
        try {
            counter.increment();
            returned++;
            counter.increment();
            returned++;
        } catch (RuntimeException e) {
            // a null cell: the count so far is the result
        }
        return returned;
    }

    static int total(Counter counter) {
        try {
            return (int) counter.get();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
