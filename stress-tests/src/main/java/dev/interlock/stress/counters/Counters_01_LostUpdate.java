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
import dev.interlock.counters.BrokenGiveUpCounter;
import dev.interlock.counters.BrokenPlainCounter;
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
    The first promise of every Counter: no lost updates. Each increment() takes effect exactly
    once, whatever the other threads do at the same time.

    Two actors increment one fresh counter, once each. When both have finished, the arbiter reads
    get(). Nothing runs concurrently with the arbiter, so the read is quiescent and must be exact,
    even for StripedCounter, whose get() is not a snapshot in general. The only correct total is 2.

    A total of 1 is the classic read-modify-write race: both actors read 0, both wrote 1, and one
    write replaced the other. A total of 0 cannot come from any interleaving of two updates that
    each write something; it is listed so that the list of outcomes is exhaustive, and any value
    not listed would be reported by jcstress as an unknown outcome, which also fails the test.

    One variant per implementation:
      - Atomic:      each increment is one atomic getAndAdd.
      - Striped:     a CAS on the base; the actor whose CAS fails installs the cells and retries on
                     one of them. This test is one of the few that reach that contended path.
      - Locked:      a plain += inside synchronized.
      - BrokenPlain: the negative control, a plain read then a plain write. It must be observed
                     with the FORBIDDEN total 1: if it is not, it is the harness that cannot see a
                     lost update, and the other variants passing proves nothing. The suite run
                     excludes it; NegativeControlsIT runs it alone and expects the run to fail.
      - BrokenGiveUp: the second negative control, BrokenGiveUpCounter: AtomicCounter generated
                     with an update loop that gives up after one failed CAS and reports success.
                     The actors increment by updateAndGet, the method that runs that loop; the
                     actor whose CAS loses leaves the total at 1.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_01_LostUpdate
 */
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Lost update: both actors read the same old value, one write replaced the other.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "Both increments lost.")
public class Counters_01_LostUpdate {

    @JCStressTest
    @JCStressMeta(Counters_01_LostUpdate.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_01_LostUpdate.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_01_LostUpdate.class)
    @State
    public static class Locked {
        private final LockedCounter counter = new LockedCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_01_LostUpdate.class)
    @State
    public static class BrokenPlain {
        private final BrokenPlainCounter counter = new BrokenPlainCounter();

        @Actor
        public void actor1() {
            counter.increment();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_01_LostUpdate.class)
    @State
    public static class BrokenGiveUp {
        private final BrokenGiveUpCounter counter = new BrokenGiveUpCounter();

        @Actor
        public void actor1() {
            counter.updateAndGet(value -> value + 1);
        }

        @Actor
        public void actor2() {
            counter.updateAndGet(value -> value + 1);
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }
}
