/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenPassOnSemaphore;
import java.util.concurrent.TimeUnit;
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
    The pass-on promise of a semaphore's queue: a waiter at the head that gives up lets the waiter
    behind it in, if the permits fit that one. Waiters are served first in, first out, so a head that
    needs more than is there holds back the ones behind it; when it leaves, they must not be left
    asleep beside permits that fit them.

    A fair semaphore of 1 permit. actor1 asks for 2 permits with a timeout of 100 microseconds, into
    r1: it can never have them, and gives up. actor2 asks for 1 permit with a timeout of half a
    second, into r2. When both have finished, the arbiter reads availablePermits() into r3.
      - (false, true, 0): actor2 got the permit: it came first and took it, or it came while actor1
        waited, queued behind it (fair), and was served when actor1 gave up; or it came after.

    (false, false, 1) is the place not passed on: actor2 queued behind actor1, actor1 left without
    serving it, and actor2 slept beside the permit until its own half second ran out. A correct
    semaphore can show it only if actor1's departure is delayed by half a second. Any other outcome
    is unknown to jcstress (actor1 cannot get 2 permits where 1 exists), and fails the test too.

    Variants:
      - Semaphore:      the fair semaphore.
      - BrokenPassOn:   the negative control, BrokenPassOnSemaphore, generated from Semaphore with one
                        bug: a waiter that gives up at the head does not serve the new head. Whenever
                        actor2 queues behind actor1 before actor1's time runs out, the FORBIDDEN
                        (false, false, 1) is observed. NegativeControlsIT asserts it, and
                        PassOnNegativeControlTest is its bounded test.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_10_HeadThatGivesUpPassesOn
 */
@Outcome(id = "false, true, 0", expect = ACCEPTABLE, desc = "actor2 got the permit, whether before, behind or after actor1.")
@Outcome(id = "false, false, 1", expect = FORBIDDEN, desc = "The head gave up without passing on: actor2 slept beside a permit that fits it.")
public class Sync_10_HeadThatGivesUpPassesOn {

    /** actor1's timeout: it can never be served, so it always gives up. */
    static final long HEAD_MICROS = 100;

    /** actor2's timeout: far longer than actor1's, so only a place not passed on runs it out. */
    static final long NEXT_MILLIS = 500;

    @JCStressTest
    @JCStressMeta(Sync_10_HeadThatGivesUpPassesOn.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(1, true);

        @Actor
        public void actor1(ZZI_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(2, HEAD_MICROS, TimeUnit.MICROSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2(ZZI_Result r) {
            try {
                r.r2 = semaphore.tryAcquire(1, NEXT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_10_HeadThatGivesUpPassesOn.class)
    @State
    public static class BrokenPassOn {
        private final BrokenPassOnSemaphore semaphore = new BrokenPassOnSemaphore(1, true);

        @Actor
        public void actor1(ZZI_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(2, HEAD_MICROS, TimeUnit.MICROSECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2(ZZI_Result r) {
            try {
                r.r2 = semaphore.tryAcquire(1, NEXT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Arbiter
        public void arbiter(ZZI_Result r) {
            r.r3 = semaphore.availablePermits();
        }
    }
}
