/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.counters;

import dev.interlock.counters.StripedCounter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JJI_Result;
import org.openjdk.jcstress.infra.results.JJ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    StripedCounter.sumThenReset() is exact in a stronger sense than LongAdder's: every update is
    counted by exactly one sumThenReset(), or is still in the counter afterwards, even when the
    update runs concurrently with the reset. A metrics reporter that calls sumThenReset() once a
    second relies on that: nothing may be lost between two reports, nothing reported twice.

    Striped: actor1 increments; actor2 calls sumThenReset() into r1; the arbiter then reads what
    is left, get() into r2. The increment must end up on exactly one side: (1, 0) if the reset
    took it, (0, 1) if it came after the reset and stayed. (0, 0) is an update lost in the reset,
    as a get() followed by a separate reset would lose it; (1, 1) is an update counted twice, as a
    reset that restores an older value would count it.

    That scenario only reaches the base. A lone increment CASes the base from 0 to 1, and the
    reset's getAndSet(0) leaves a base of 0 unchanged, so the CAS never fails and no table of
    cells is ever installed. A variant whose @State constructor inflates the cells first (by
    running two threads against the counter until cellCount() > 0) was measured and rejected: it
    takes 10 to 40 ms per counter on two CPUs, against about 15 ns for a fresh one, and jcstress
    builds a fresh state for every sample. There is no public way to install the cells without
    contention.

    StripedContended gets to the cells by contention within the sample instead: both actors
    increment, so their CASes on the base collide in some samples and the loser installs the table
    and retries on a cell; then actor2 calls sumThenReset(), possibly while actor1's update of a
    cell is still in flight. The arbiter records in r3 whether the table was installed (1) or not
    (0), so the report shows how many samples went through the cells. Both values are acceptable;
    the property is the same on either path:
      - actor2's own increment happened-before its sumThenReset(), so r1 >= 1;
      - each of the two increments is counted exactly once, so r1 + r2 = 2.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_07_SumThenResetExactlyOnce
 */
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "The reset took the increment.")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "The increment came after the reset and stayed in the counter.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Lost: neither the reset nor the counter has the increment.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Counted twice: the reset returned the increment and left it in the counter.")
public class Counters_07_SumThenResetExactlyOnce {

    @JCStressTest
    @JCStressMeta(Counters_07_SumThenResetExactlyOnce.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2(JJ_Result r) {
            r.r1 = counter.sumThenReset();
        }

        @Arbiter
        public void arbiter(JJ_Result r) {
            r.r2 = counter.get();
        }
    }

    @JCStressTest
    @Outcome(id = {"2, 0, 0", "2, 0, 1"}, expect = ACCEPTABLE, desc = "The reset took both increments.")
    @Outcome(id = {"1, 1, 0", "1, 1, 1"}, expect = ACCEPTABLE, desc = "The reset took actor2's increment; actor1's came after it and stayed.")
    @Outcome(id = {"0, 0, 0", "0, 0, 1"}, expect = FORBIDDEN, desc = "The reset missed its own thread's increment, and both increments were lost.")
    @Outcome(id = {"0, 1, 0", "0, 1, 1"}, expect = FORBIDDEN, desc = "The reset missed its own thread's increment, and one increment was lost.")
    @Outcome(id = {"0, 2, 0", "0, 2, 1"}, expect = FORBIDDEN, desc = "The reset missed its own thread's increment, which happened-before it.")
    @Outcome(id = {"1, 0, 0", "1, 0, 1"}, expect = FORBIDDEN, desc = "Lost: one increment is neither in the reset's sum nor in the counter.")
    @Outcome(id = {"2, 1, 0", "2, 1, 1"}, expect = FORBIDDEN, desc = "Counted twice: an increment the reset returned is still in the counter.")
    @Outcome(id = {"1, 2, 0", "1, 2, 1"}, expect = FORBIDDEN, desc = "Counted twice: the increment the reset returned is still in the counter.")
    @Outcome(id = {"2, 2, 0", "2, 2, 1"}, expect = FORBIDDEN, desc = "Counted twice: both increments the reset returned are still in the counter.")
    @State
    public static class StripedContended {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2(JJI_Result r) {
            counter.increment();
            r.r1 = counter.sumThenReset();
        }

        @Arbiter
        public void arbiter(JJI_Result r) {
            r.r2 = counter.get();
            r.r3 = counter.cellCount() > 0 ? 1 : 0;
        }
    }
}
