/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenBoundSemaphore;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The bound of a bounded semaphore: releases may bring the permits back up to the bound, and no
    further. Two racing releases that together reach the bound exactly must both succeed; a release
    refused below or at the bound would leave a permit that never comes back.

    A bounded semaphore of 2, both permits taken first. Each actor releases one permit, into r1 and
    r2 (true: released; false: refused, IllegalStateException). When both have finished, the arbiter
    reads availablePermits() into r3.
      - (true, true, 2): both came back; the permits are at the bound.

    (true, false, 1) and (false, true, 1): the release that reached the bound was refused, as a bound
    checked with >= instead of > refuses it. (true, true, 1) would be a release lost between the two.
    Any other outcome is unknown to jcstress, and fails the test too.

    Variants:
      - Semaphore:  the bounded semaphore.
      - BrokenBound: the negative control, BrokenBoundSemaphore, generated from Semaphore with one bug:
                    a release that would bring the permits exactly to the bound is refused. No race:
                    every sample shows a FORBIDDEN outcome. NegativeControlsIT asserts it, and
                    SyncNegativeControlTest is its Lincheck judge.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_12_ReleaseUpToTheBound
 */
@Outcome(id = "true, true, 2", expect = ACCEPTABLE, desc = "Both permits came back, up to the bound.")
@Outcome(id = {"true, false, 1", "false, true, 1"}, expect = FORBIDDEN, desc = "The release that reached the bound was refused.")
@Outcome(id = "true, true, 1", expect = FORBIDDEN, desc = "A release was lost.")
public class Sync_12_ReleaseUpToTheBound {

    /** Releases one permit; true if released, false if refused above the bound. */
    static boolean released(Runnable release) {
        try {
            release.run();
            return true;
        } catch (IllegalStateException aboveTheBound) {
            return false;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_12_ReleaseUpToTheBound.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = dev.interlock.sync.Semaphore.bounded(2);

        public Semaphore() {
            semaphore.drainPermits();
        }

        @Actor
        public void actor1(ZZI_Result r) {
            r.r1 = released(semaphore::release);
        }

        @Actor
        public void actor2(ZZI_Result r) {
            r.r2 = released(semaphore::release);
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_12_ReleaseUpToTheBound.class)
    @State
    public static class BrokenBound {
        private final BrokenBoundSemaphore semaphore = BrokenBoundSemaphore.bounded(2);

        public BrokenBound() {
            semaphore.drainPermits();
        }

        @Actor
        public void actor1(ZZI_Result r) {
            r.r1 = released(semaphore::release);
        }

        @Actor
        public void actor2(ZZI_Result r) {
            r.r2 = released(semaphore::release);
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }
}
