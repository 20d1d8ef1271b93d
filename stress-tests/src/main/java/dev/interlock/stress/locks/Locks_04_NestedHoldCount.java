/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenHoldCountMutex;
import java.util.concurrent.locks.Lock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Reentrancy: a thread that holds a reentrant lock may lock it again, and it holds the lock until
    it has unlocked as many times as it locked. The lock counts the holds; an inner unlock only
    takes one away.

    Each actor locks twice, unlocks once (the inner unlock: the lock must stay held), increments the
    plain field v in two steps (read it, then write the value read plus one), and unlocks again (the
    outer unlock). The arbiter then reads v into r1.

    If the lock forgets a hold, the inner unlock releases the lock, the increment that follows runs
    unprotected, and the other actor can take the lock and increment at the same time: a lost
    increment, r1 = 1 (r1 = 0 cannot come from two increments that each write; it is listed for an
    exhaustive list). Such a lock can show the bug in a second way: having released at the inner
    unlock, it no longer counts the actor as its owner, and the outer unlock throws
    IllegalMonitorStateException. The actors catch that exception, and the arbiter reports in r2
    how many of the two outer unlocks threw, so that either symptom is a FORBIDDEN outcome rather
    than an error in an actor. The only correct outcome is (2, 0).

    Only the reentrant locks have this test: a spin lock's holder that locks again waits for itself
    forever.
      - ReentrantMutex:     non-fair.
      - ReentrantMutexFair: fair. The second lock() by the holder must not queue behind waiters,
                            which a fair lock might be tempted to do.
      - BrokenHoldCount:    the negative control, BrokenHoldCountMutex: a reentrant lock that sets
                            its hold count to one when its owner locks again, instead of adding
                            one, so the inner unlock releases the lock. Its unlock checks the
                            owner, so it shows both symptoms: every outer unlock throws (r2 = 2),
                            and in some samples an increment is lost as well, (1, 2). It must be
                            observed with a FORBIDDEN outcome; the suite run excludes it, and
                            NegativeControlsIT runs it alone and expects the run to fail.

    How to run this test, and its negative control alone, as NegativeControlsIT does:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_04_NestedHoldCount
       $ java -jar stress-tests/target/interlock-stress.jar -t 'Locks_04.*BrokenHoldCount' -m quick
 */
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "Both increments counted, both outer unlocks released a held lock.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "Lost increment: the inner unlock released the lock, and the increments overlapped.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Both increments lost.")
@Outcome(id = {"2, 1", "1, 1", "0, 1"}, expect = FORBIDDEN, desc = "One outer unlock threw: the lock forgot a hold and no longer counted the actor as its owner.")
@Outcome(id = {"2, 2", "1, 2", "0, 2"}, expect = FORBIDDEN, desc = "Both outer unlocks threw: the lock forgot a hold and no longer counted the actors as owners.")
public class Locks_04_NestedHoldCount {

    /**
     * The outer unlock, with its failure turned into a result: a lock that forgot a hold may no
     * longer count the actor as its owner and throw here. Recording it makes that symptom a
     * FORBIDDEN outcome like the lost increment, instead of an error in the actor.
     *
     * @return 0 if the unlock returned normally, 1 if it threw IllegalMonitorStateException
     */
    static int outerUnlock(Lock lock) {
        try {
            lock.unlock();
            return 0;
        } catch (IllegalMonitorStateException e) {
            return 1;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_04_NestedHoldCount.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        /** 1 if actor1's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew1;

        /** 1 if actor2's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew2;

        @Actor
        public void actor1() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew1 = outerUnlock(lock);
        }

        @Actor
        public void actor2() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew2 = outerUnlock(lock);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = v;
            r.r2 = outerUnlockThrew1 + outerUnlockThrew2;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_04_NestedHoldCount.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        /** 1 if actor1's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew1;

        /** 1 if actor2's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew2;

        @Actor
        public void actor1() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew1 = outerUnlock(lock);
        }

        @Actor
        public void actor2() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew2 = outerUnlock(lock);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = v;
            r.r2 = outerUnlockThrew1 + outerUnlockThrew2;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_04_NestedHoldCount.class)
    @State
    public static class BrokenHoldCount {
        private final BrokenHoldCountMutex lock = new BrokenHoldCountMutex();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        /** 1 if actor1's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew1;

        /** 1 if actor2's outer unlock threw IllegalMonitorStateException; read by the arbiter. */
        private int outerUnlockThrew2;

        @Actor
        public void actor1() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew1 = outerUnlock(lock);
        }

        @Actor
        public void actor2() {
            lock.lock();
            lock.lock();
            lock.unlock(); // inner: the hold count drops from 2 to 1, and the lock stays held
            int read = v;
            v = read + 1;
            outerUnlockThrew2 = outerUnlock(lock);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            r.r1 = v;
            r.r2 = outerUnlockThrew1 + outerUnlockThrew2;
        }
    }
}
