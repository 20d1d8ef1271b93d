/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import java.util.concurrent.BrokenBarrierException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The publication promise of a broken barrier: a party released because its generation broke sees it
    broken, and throws, never returns an index as if the generation had tripped. Barrier writes its
    generation's plain broken field, then sets the generation's Event; the released party reads the
    Event's state, then broken. The Event's set() and the read of its state are volatile, so the write
    happens-before the read (the class's notes, invariant 2). Written the other way round (the Event set
    first), a party that arrives just as abort() runs finds the Event set and may read broken before it
    is written: it returns its index from a generation that never tripped.

    A barrier of 2 parties. actor1 calls await(), into r1: its index if it returned, -2 if it threw
    BrokenBarrierException. actor2 calls abort(). Nobody else arrives, so the generation can only break:
      - -2: actor1 arrived before the abort() and was released broken, or arrived after it and was
            refused at once.

    0 is a party that returned from a generation that never tripped: the reordered publication. The
    window is a few instructions wide (between the abort's set() and its write of broken, actor1 must
    find the Event set and read broken), so this test is a judge on weaker hardware and of a reordering
    by the JIT; mutations.py's sync.Barrier.publication-order plants the swap.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_15_BreakPublishesBroken
 */
@Outcome(id = "-2", expect = ACCEPTABLE, desc = "actor1 saw the generation broken.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "actor1 returned its index from a generation that never tripped.")
@Outcome(expect = FORBIDDEN, desc = "Anything else.")
public class Sync_15_BreakPublishesBroken {

    @JCStressTest
    @JCStressMeta(Sync_15_BreakPublishesBroken.class)
    @State
    public static class Barrier {
        private final dev.interlock.sync.Barrier barrier = new dev.interlock.sync.Barrier(2);

        @Actor
        public void actor1(I_Result r) {
            try {
                r.r1 = barrier.await();
            } catch (BrokenBarrierException broken) {
                r.r1 = -2;
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2() {
            barrier.abort();
        }
    }
}
