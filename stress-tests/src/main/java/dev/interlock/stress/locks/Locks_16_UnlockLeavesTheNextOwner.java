/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.spin.BackoffLock;
import dev.interlock.locks.spin.BrokenLateOwnerBackoffLock;
import dev.interlock.locks.spin.TasLock;
import dev.interlock.locks.spin.TtasLock;
import java.util.concurrent.locks.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    An unlock clears its owner before it lets the next thread in, so it never erases the next
    owner's claim.

    Two actors each lock(), then unlock(). Each records whether its unlock() was accepted: an
    unlock that finds another owner recorded throws IllegalMonitorStateException. A spin lock
    records its owner after it takes the flag, so the releasing thread must clear the owner
    first and then release the flag; in the other order, a thread that takes the flag between
    the two writes has its owner overwritten with null, and its own unlock() is refused.
    Results: (r1, r2) = (actor 1's unlock accepted ? 1 : 0, actor 2's).

    Every outcome:
      - 1, 1: both unlocks accepted. Acceptable.
      - 1, 0 / 0, 1: the second owner's record was erased by the first's late clear.
      - 0, 0: both refused.

    Variants, one per spin lock whose unlock is the control's two writes (clear the owner, then
    release the flag); TicketLock, ClhLock and McsLock clear their owner the same way before
    another release write, and have no variant here yet:
      - Tas, Ttas, Backoff: TasLock, TtasLock, BackoffLock (default backoff bounds).
      - BrokenLateOwner:    the negative control BrokenLateOwnerBackoffLock, generated from
                            BackoffLock with the two writes of unlock() swapped and a 20 us park
                            between them, as a preemption there would delay them.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_16_UnlockLeavesTheNextOwner
 */
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "Both unlocks accepted.")
@Outcome(id = {"1, 0", "0, 1"}, expect = FORBIDDEN, desc = "A late clear erased the next owner's record: its unlock was refused.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Both unlocks refused.")
public class Locks_16_UnlockLeavesTheNextOwner {

    /** Locks and unlocks; returns 1 if the unlock was accepted, 0 if it was refused. */
    static int lockThenUnlock(Lock lock) {
        lock.lock();
        try {
            lock.unlock();
            return 1;
        } catch (IllegalMonitorStateException refused) {
            return 0;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_16_UnlockLeavesTheNextOwner.class)
    @State
    public static class Tas {
        private final Lock lock = new TasLock();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = lockThenUnlock(lock);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = lockThenUnlock(lock);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_16_UnlockLeavesTheNextOwner.class)
    @State
    public static class Ttas {
        private final Lock lock = new TtasLock();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = lockThenUnlock(lock);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = lockThenUnlock(lock);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_16_UnlockLeavesTheNextOwner.class)
    @State
    public static class Backoff {
        private final Lock lock = new BackoffLock();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = lockThenUnlock(lock);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = lockThenUnlock(lock);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_16_UnlockLeavesTheNextOwner.class)
    @State
    public static class BrokenLateOwner {
        private final Lock lock = new BrokenLateOwnerBackoffLock();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = lockThenUnlock(lock);
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = lockThenUnlock(lock);
        }
    }
}
