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
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Monotonic reads: when every update adds a non-negative delta, the reads made by any one thread
    never decrease. A reader that polls a counter of completed tasks must never see it go back.

    actor1 increments twice. actor2 reads get() twice, into r1 and then r2. Each read returns 0, 1
    or 2; every pair with r1 <= r2 is fine, and every pair with r1 > r2 is FORBIDDEN: the second read
    saw fewer increments than the first, as if an update had been taken back.

    For AtomicCounter and LockedCounter this follows from linearizability. StripedCounter is not
    linearizable in general, and its get() sums the base and the cells one field at a time, so it
    is the variant this test is for: it keeps monotonic reads because, with increments only, the
    base and each cell only grow, cells are never dropped, and coherence forbids a later read of a
    field to return an older value than an earlier read of it did.

    In Striped, actor1 is the only updater, so the cells are never installed and get() reads the
    base alone. StripedContended makes actor2 increment once before its two reads: the updates
    then collide on the base in some samples, the cells are installed, and the reads sum the base
    and the cells while actor1 is still updating them. Its reads return 1, 2 or 3 (the reader's own
    increment happened-before them); a 0 would mean a read missed it.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_06_MonotonicReads
 */
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Both reads before either increment.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
@Outcome(id = "0, 2", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both reads between the increments.")
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
@Outcome(id = "2, 0", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
@Outcome(id = "2, 1", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
@Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "Both reads after both increments.")
public class Counters_06_MonotonicReads {

    @JCStressTest
    @JCStressMeta(Counters_06_MonotonicReads.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        @Actor
        public void actor1() {
            counter.increment();
            counter.increment();
        }

        @Actor
        public void actor2(JJ_Result r) {
            r.r1 = counter.get();
            r.r2 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_06_MonotonicReads.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.increment();
            counter.increment();
        }

        @Actor
        public void actor2(JJ_Result r) {
            r.r1 = counter.get();
            r.r2 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_06_MonotonicReads.class)
    @State
    public static class Locked {
        private final LockedCounter counter = new LockedCounter();

        @Actor
        public void actor1() {
            counter.increment();
            counter.increment();
        }

        @Actor
        public void actor2(JJ_Result r) {
            r.r1 = counter.get();
            r.r2 = counter.get();
        }
    }

    @JCStressTest
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "0, 1", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "0, 2", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "0, 3", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "1, 0", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both reads saw the same increments.")
    @Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
    @Outcome(id = "1, 3", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "2, 1", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
    @Outcome(id = "2, 2", expect = ACCEPTABLE, desc = "Both reads saw the same increments.")
    @Outcome(id = "2, 3", expect = ACCEPTABLE, desc = "The second read saw more increments: reads moved forward.")
    @Outcome(id = "3, 0", expect = FORBIDDEN, desc = "A read missed the reader's own increment, which happened-before it.")
    @Outcome(id = "3, 1", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
    @Outcome(id = "3, 2", expect = FORBIDDEN, desc = "Went backwards: the second read saw fewer increments than the first.")
    @Outcome(id = "3, 3", expect = ACCEPTABLE, desc = "Both reads saw the same increments.")
    @State
    public static class StripedContended {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.increment();
            counter.increment();
        }

        @Actor
        public void actor2(JJ_Result r) {
            counter.increment();
            r.r1 = counter.get();
            r.r2 = counter.get();
        }
    }
}
