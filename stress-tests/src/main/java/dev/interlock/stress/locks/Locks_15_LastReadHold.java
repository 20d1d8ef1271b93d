/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenLimitReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex;
import java.util.concurrent.locks.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The read count has a limit, and the lock keeps it: the state counts read holds in 16 bits, so
    it can count 65,535 of them, and an acquisition past that must be refused (an Error, "Maximum
    lock count exceeded") rather than carry into the bit above, which is the write bit.

    The state holds 65,534 read holds, taken by the thread that built it, and two actors race for
    the last one. jcstress builds each state on one of the actors' threads, so one racer's hold is
    re-entrant and the other's is a new reader's: the limit must hold for both. Each records 1 if its
    read lock() returned and 0 if it threw the Error (any other Error is rethrown); after both, the
    arbiter reads the read holds of all threads (getReadLockCount()). One of them comes first and
    takes hold 65,535; the other finds the count full.

    Results: (r1, r2, r3) = (actor 1 took a hold, actor 2 took a hold, all read holds). Every outcome:
      - 1, 0, 65535 and 0, 1, 65535: one took the last hold, the other was refused and changed
        nothing. Acceptable, and the only ones.
      - 1, 1, 0: both took a hold, and the second carried into the write bit: the count reads zero
        and the lock reads as write-locked, by no writer. The off-by-one at the capacity edge.
      - anything else: a count that is off, or both refused.

    Variants:
      - LastHold: ReadWriteMutex (WRITER_PREFERRING; with no writer waiting, every policy admits
                  both readers, and the limit is the same in each).
      - BrokenLimit: the negative control, BrokenLimitReadWriteMutex: ReadWriteMutex generated with
        the limit compared one too high. It must show 1, 1, 0 (every sample: no interleaving is
        needed). The suite run excludes it; NegativeControlsIT runs it and expects a FORBIDDEN
        outcome, and ReadHoldLimitNegativeControlTest is its bounded test.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_15_LastReadHold
 */
@Outcome(id = {"1, 0, 65535", "0, 1, 65535"}, expect = ACCEPTABLE, desc = "One reader took the last hold; the other was refused.")
@Outcome(id = "1, 1, 0", expect = FORBIDDEN, desc = "Both took a hold: the second carried into the write bit.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: a count that is off, or both refused.")
public class Locks_15_LastReadHold {

    /** The read holds the state starts with: one short of the limit. */
    static final int PREFILLED = 65_534;

    /** Takes a read hold and keeps it: 1, or 0 if the lock refused it with the limit's Error. */
    static int tryToHold(Lock readLock) {
        try {
            readLock.lock();
            return 1;
        } catch (Error refused) {
            if (!String.valueOf(refused.getMessage()).startsWith("Maximum lock count exceeded")) {
                throw refused;
            }
            return 0;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_15_LastReadHold.class)
    @State
    public static class LastHold {
        private final ReadWriteMutex lock = new ReadWriteMutex();

        public LastHold() {
            for (int hold = 0; hold < PREFILLED; hold++) {
                lock.readLock().lock();
            }
        }

        @Actor
        public void actor1(III_Result r) {
            r.r1 = tryToHold(lock.readLock());
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = tryToHold(lock.readLock());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_15_LastReadHold.class)
    @State
    public static class BrokenLimit {
        private final BrokenLimitReadWriteMutex lock = new BrokenLimitReadWriteMutex();

        public BrokenLimit() {
            for (int hold = 0; hold < PREFILLED; hold++) {
                lock.readLock().lock();
            }
        }

        @Actor
        public void actor1(III_Result r) {
            r.r1 = tryToHold(lock.readLock());
        }

        @Actor
        public void actor2(III_Result r) {
            r.r2 = tryToHold(lock.readLock());
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }
}
