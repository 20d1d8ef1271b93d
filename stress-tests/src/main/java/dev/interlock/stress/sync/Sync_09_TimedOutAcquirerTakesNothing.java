/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenTimeoutSemaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The refund promise of a semaphore's timed acquire: a thread whose time runs out takes nothing,
    then or later, and one that reports success has its permit. No permit is lost or handed out twice
    when a release races the timeout.

    A fair semaphore of 0 permits. actor1 asks for one permit with a timeout of one nanosecond, into r1:
    its time runs out almost at once, usually after it has queued. actor2 releases one permit. When
    both have finished, the arbiter reads availablePermits() into r2; nothing runs concurrently with
    it, so the read is quiescent and exact.
      - (true, 0):  actor1 got the permit: the release came first, or while it was queued and before
                    its time ran out (the grant, under the semaphore's lock, beat its departure; non-fair: its own take at the head did).
      - (false, 1): actor1 gave up first, and the permit stayed.

    (false, 0) is a lost permit: actor1 reported a timeout, but the permit went anyway, as it does
    when a timed-out waiter leaves its node queued and the release then grants the permit to a
    thread that has gone. (true, 1) would be a permit handed out twice; listed so that the list is
    exhaustive.

    Variants:
      - Semaphore:      the fair semaphore, whose release grants the permit to the queued actor1.
      - Semaphore_NonFair: the non-fair semaphore, whose release wakes actor1 to take the permit.
      - BrokenTimeout:  the negative control, BrokenTimeoutSemaphore, generated from Semaphore with one
                        bug: a timed-out waiter returns without leaving the queue. Whenever actor1
                        queues before the release and times out before it, the FORBIDDEN (false, 0)
                        is observed. NegativeControlsIT asserts it, and TimeoutNegativeControlTest is
                        its bounded test.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_09_TimedOutAcquirerTakesNothing
 */
@Outcome(id = "true, 0", expect = ACCEPTABLE, desc = "actor1 got the permit.")
@Outcome(id = "false, 1", expect = ACCEPTABLE, desc = "actor1 timed out first, and the permit stayed.")
@Outcome(id = "false, 0", expect = FORBIDDEN, desc = "Lost permit: actor1 timed out, yet the permit went to it.")
@Outcome(id = "true, 1", expect = FORBIDDEN, desc = "The permit was handed out and kept at once.")
public class Sync_09_TimedOutAcquirerTakesNothing {

    @JCStressTest
    @JCStressMeta(Sync_09_TimedOutAcquirerTakesNothing.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(0, true);

        @Actor
        public void actor1(ZI_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(1, 1, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2() {
            semaphore.release();
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_09_TimedOutAcquirerTakesNothing.class)
    @State
    public static class Semaphore_NonFair {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(0);

        @Actor
        public void actor1(ZI_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(1, 1, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2() {
            semaphore.release();
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_09_TimedOutAcquirerTakesNothing.class)
    @State
    public static class BrokenTimeout {
        private final BrokenTimeoutSemaphore semaphore = new BrokenTimeoutSemaphore(0, true);

        @Actor
        public void actor1(ZI_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(1, 1, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2() {
            semaphore.release();
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = semaphore.availablePermits();
        }
    }
}
