/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenPlainSemaphore;
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
    The counting promise of a semaphore: a permit is handed out once, and a permit that is there is
    handed out. Two threads that ask for the last permit at the same time: exactly one gets it.

    A semaphore of 1 permit. Each actor calls tryAcquire() once, into r1 and r2. When both have
    finished, the arbiter reads availablePermits() into r3; nothing runs concurrently with it, so the
    read is quiescent and exact.
      - (true, false, 0) and (false, true, 0): one actor took the permit, the other found none.

    (true, true, 0) is the permit handed out twice: both actors read 1 permit and both wrote 0, one
    write replacing the other, as a take by a read, a check and a write (not a CAS) does. (false,
    false, 1) is a permit that was there and was not handed out: an actor whose CAS the other beat
    gave up instead of reading the permits again (here, it would read 0 and fail rightly; the outcome
    is listed so that the list is exhaustive). Any other outcome is unknown to jcstress, and fails
    the test too.

    Variants:
      - Semaphore:       non-fair, tryAcquire() by CAS, retried while enough permits are there.
      - Semaphore_Fair:  fair; the same CAS, after the check that nobody waits.
      - BrokenPlain:     the negative control, BrokenPlainSemaphore, generated from Semaphore with one
                         bug: tryAcquire() takes permits by a plain read, a check and a write. It must
                         be observed with the FORBIDDEN (true, true, 0): NegativeControlsIT asserts it,
                         and SyncNegativeControlTest is its Lincheck judge.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_08_NoPermitTwice
 */
@Outcome(id = {"true, false, 0", "false, true, 0"}, expect = ACCEPTABLE, desc = "One actor took the permit.")
@Outcome(id = "true, true, 0", expect = FORBIDDEN, desc = "The permit was handed out twice: one write replaced the other.")
@Outcome(id = "false, false, 1", expect = FORBIDDEN, desc = "Neither actor took the permit that was there.")
public class Sync_08_NoPermitTwice {

    @JCStressTest
    @JCStressMeta(Sync_08_NoPermitTwice.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(1);

        @Actor
        public void actor1(ZZI_Result r) {
            r.r1 = semaphore.tryAcquire();
        }

        @Actor
        public void actor2(ZZI_Result r) {
            r.r2 = semaphore.tryAcquire();
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_08_NoPermitTwice.class)
    @State
    public static class Semaphore_Fair {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(1, true);

        @Actor
        public void actor1(ZZI_Result r) {
            r.r1 = semaphore.tryAcquire();
        }

        @Actor
        public void actor2(ZZI_Result r) {
            r.r2 = semaphore.tryAcquire();
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_08_NoPermitTwice.class)
    @State
    public static class BrokenPlain {
        private final BrokenPlainSemaphore semaphore = new BrokenPlainSemaphore(1);

        @Actor
        public void actor1(ZZI_Result r) {
            r.r1 = semaphore.tryAcquire();
        }

        @Actor
        public void actor2(ZZI_Result r) {
            r.r2 = semaphore.tryAcquire();
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }
}
