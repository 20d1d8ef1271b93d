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
import org.openjdk.jcstress.infra.results.J_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Read your own updates: a get() reflects every update that happened-before it, and in particular
    every earlier update made by the reading thread itself.

    actor1 increments twice and then reads get(); actor2 increments once, concurrently. Program
    order makes both of actor1's increments happen-before its read, so the read must count them:
    it returns 2 if actor2's increment has not taken effect yet, 3 if it has.

    A read below 2 lost one of the reader's own updates: either an increment was overwritten by a
    concurrent one (a lost update, as in Counters_01_LostUpdate), or the read missed a write that
    the same thread had just made. For StripedCounter the second cause is the interesting one: the
    two actors contend on the base, so in some samples the table of cells is installed during the
    test, and get(), which sums the base and the cells one at a time, must still find both of
    actor1's updates wherever they landed.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_03_ReadYourWrites
 */
@Outcome(id = "3", expect = ACCEPTABLE, desc = "Read both own increments and the other actor's.")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Read both own increments; the other actor's not yet.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "The read misses one of the reader's own increments.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "The read misses both of the reader's own increments.")
public class Counters_03_ReadYourWrites {

    @JCStressTest
    @JCStressMeta(Counters_03_ReadYourWrites.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        @Actor
        public void actor1(J_Result r) {
            counter.increment();
            counter.increment();
            r.r1 = counter.get();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_03_ReadYourWrites.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        @Actor
        public void actor1(J_Result r) {
            counter.increment();
            counter.increment();
            r.r1 = counter.get();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_03_ReadYourWrites.class)
    @State
    public static class Locked {
        private final LockedCounter counter = new LockedCounter();

        @Actor
        public void actor1(J_Result r) {
            counter.increment();
            counter.increment();
            r.r1 = counter.get();
        }

        @Actor
        public void actor2() {
            counter.increment();
        }
    }
}
