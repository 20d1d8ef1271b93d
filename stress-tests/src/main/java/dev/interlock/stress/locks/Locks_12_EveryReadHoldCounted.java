/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenGiveUpReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
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
    Readers share the lock, and the lock counts every one of them: a writer may enter only when the
    count of read holds is zero, so a hold that is not counted is a reader a writer can overrun.

    Two actors take the read lock of one fresh lock at the same moment, and keep it. Each records
    its own read holds (getReadHoldCount(), its thread's record); after both, the arbiter reads the
    read holds of all threads together (getReadLockCount(), the count in the lock's state). Both
    acquisitions add one hold to the same word by a CAS, so when they collide one CAS fails and that
    reader must try again: the race every shared acquisition of a reader-writer lock has.

    Results: (r1, r2, r3) = (actor 1's holds, actor 2's holds, all holds). Every outcome:
      - 1, 1, 2: both readers hold the lock and both holds are counted. Acceptable, and the only one.
      - 1, 1, 1: both readers think they hold it, but the lock counted one: two CASes collided and
        the loser reported success without its hold in the state. When the counted reader leaves,
        a writer finds the count at zero and writes beside the other.
      - anything else: a count that is off. (A reader that could not get the lock, which nobody
        writes, would not return: the test would hang rather than report.)

    Variants:
      - WriterPreferring, ReaderPreferring, Fair: ReadWriteMutex in each policy. With no writer
        present each takes the same fast path (a CAS on the state, retried when another CAS came
        first); they differ in the test that lets a new reader in, which must pass here.
      - BrokenGiveUp: the negative control, BrokenGiveUpReadWriteMutex: ReadWriteMutex generated with
        a read acquisition that ignores its CAS's result. It must show 1, 1, 1. The suite run
        excludes it; NegativeControlsIT runs it and expects a FORBIDDEN outcome.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_12_EveryReadHoldCounted
 */
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "Both readers hold the lock, and the lock counts both holds.")
@Outcome(id = "1, 1, 1", expect = FORBIDDEN, desc = "A hold was not counted: two CASes collided and the loser reported success.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: a count that is off.")
public class Locks_12_EveryReadHoldCounted {

    @JCStressTest
    @JCStressMeta(Locks_12_EveryReadHoldCounted.class)
    @State
    public static class WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        @Actor
        public void actor1(III_Result r) {
            lock.readLock().lock();
            r.r1 = lock.getReadHoldCount();
        }

        @Actor
        public void actor2(III_Result r) {
            lock.readLock().lock();
            r.r2 = lock.getReadHoldCount();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_12_EveryReadHoldCounted.class)
    @State
    public static class ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        @Actor
        public void actor1(III_Result r) {
            lock.readLock().lock();
            r.r1 = lock.getReadHoldCount();
        }

        @Actor
        public void actor2(III_Result r) {
            lock.readLock().lock();
            r.r2 = lock.getReadHoldCount();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_12_EveryReadHoldCounted.class)
    @State
    public static class Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        @Actor
        public void actor1(III_Result r) {
            lock.readLock().lock();
            r.r1 = lock.getReadHoldCount();
        }

        @Actor
        public void actor2(III_Result r) {
            lock.readLock().lock();
            r.r2 = lock.getReadHoldCount();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_12_EveryReadHoldCounted.class)
    @State
    public static class BrokenGiveUp {
        private final BrokenGiveUpReadWriteMutex lock = new BrokenGiveUpReadWriteMutex(BrokenGiveUpReadWriteMutex.Policy.WRITER_PREFERRING);

        @Actor
        public void actor1(III_Result r) {
            lock.readLock().lock();
            r.r1 = lock.getReadHoldCount();
        }

        @Actor
        public void actor2(III_Result r) {
            lock.readLock().lock();
            r.r2 = lock.getReadHoldCount();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            r.r3 = lock.getReadLockCount();
        }
    }
}
