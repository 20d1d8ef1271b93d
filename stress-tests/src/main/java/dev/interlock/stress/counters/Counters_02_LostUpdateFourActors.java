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
    Counters_01_LostUpdate with four updaters instead of two. Four actors increment one fresh
    counter, once each; the arbiter then reads get(), quiescently, and must see exactly 4. Every
    total below 4 is a lost update: 4 - n means that n increments vanished.

    Why a second test: StripedCounter doubles its table of cells when threads keep colliding on a
    cell, up to the smallest power of two at least the number of CPUs. With four threads on four or
    more CPUs, collisions are frequent, the table can grow while another thread is updating a cell
    of the old one, and the invariant that keeps that update (a grown table holds the same cell
    objects) is exercised. On two CPUs the table never grows beyond its first two cells.

    This test needs four CPUs. jcstress 0.16 runs a test only when it can give each actor a CPU of
    its own, and it cannot oversubscribe: on fewer CPUs it prints "No scheduling is possible",
    skips the test and still exits 0, and it refuses a -c larger than the machine's CPU count.
    StressSuiteIT therefore leaves this test out on small machines and reports it as skipped.

    How to run this test (on a machine with at least four CPUs):
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_02_LostUpdateFourActors
 */
@Outcome(id = "4", expect = ACCEPTABLE, desc = "All four increments counted.")
@Outcome(id = "3", expect = FORBIDDEN, desc = "One increment lost.")
@Outcome(id = "2", expect = FORBIDDEN, desc = "Two increments lost.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Three increments lost.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "All four increments lost.")
public class Counters_02_LostUpdateFourActors {

    @JCStressTest
    @JCStressMeta(Counters_02_LostUpdateFourActors.class)
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

        @Actor
        public void actor3() {
            counter.increment();
        }

        @Actor
        public void actor4() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_02_LostUpdateFourActors.class)
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

        @Actor
        public void actor3() {
            counter.increment();
        }

        @Actor
        public void actor4() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_02_LostUpdateFourActors.class)
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

        @Actor
        public void actor3() {
            counter.increment();
        }

        @Actor
        public void actor4() {
            counter.increment();
        }

        @Arbiter
        public void arbiter(J_Result r) {
            r.r1 = counter.get();
        }
    }
}
