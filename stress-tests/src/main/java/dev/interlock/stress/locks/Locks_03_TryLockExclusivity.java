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
import dev.interlock.locks.spin.BrokenTtasLock;
import dev.interlock.locks.spin.ClhLock;
import dev.interlock.locks.spin.McsLock;
import dev.interlock.locks.spin.TasLock;
import dev.interlock.locks.spin.TicketLock;
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
    tryLock() is exclusive too, and it fails only for a reason. It acquires the lock if the lock is
    free at the moment of the call and returns true; it returns false, at once, only when another
    thread holds the lock. No two threads may be inside at once, whether they came in through lock()
    or through tryLock().

    Both actors call tryLock() once. An actor that gets the lock marks that it has entered (a plain
    write of its own flag, entered1 or entered2), reads the other actor's flag, and unlocks; an actor
    that does not get it records only that. The flags are never cleared: each says "this actor has
    been inside". Each actor's result is
      0  (FAILED)         its tryLock() returned false;
      1  (ALONE)          it got the lock, and the other actor had not entered yet;
      2  (OTHER_ENTERED)  it got the lock, and the other actor had entered already.

    A correct lock allows two stories, each in either order:
      - one actor gets the lock, and the other's tryLock() comes while it is held and fails:
        (1, 0) or (0, 1);
      - both get it, one after the other. The second critical section starts after the first one's
        unlock, which happens-before it (Locks_02), so the second actor sees the first one's flag:
        (1, 2) or (2, 1).

    It forbids the others:
      - (2, 2): each actor saw the other's entry, so each had entered before the other read. Both
        were inside at once: the direct witness of two holders.
      - (1, 1): both got the lock and neither saw the other. Critical sections that run one after
        the other cannot produce it, since the second sees the first one's flag. Either they
        overlapped (each read the other's flag before the other's write reached it, which store
        buffers allow even on x86-64), or the lock gives no happens-before from unlock to tryLock.
      - (0, 0): both calls failed. A call may fail only while another thread holds the lock, and
        here the only other thread never held it: a spurious failure. Every lock here documents
        that tryLock() acquires a free lock: none of them may fail spuriously.
      - (2, 0) and (0, 2): an actor saw the entry of an actor whose tryLock() failed. A flag is only
        written after a successful tryLock(), so no lock can cause these; they would mean the test
        itself is wrong. Listed so that the list of outcomes is exhaustive.

    The race is the point: both actors start together, so in many samples both calls reach the
    lock's state at about the same instant, the case where an exchange or a CAS must pick exactly
    one winner. For the queue locks, tryLock() is more than one exchange: Ticket's and Mcs's must
    judge from the queue's state whether the lock is free and claim it in one CAS, and Clh's joins
    the queue and leaves it again when it is not first.

    One variant per lock:
      - Tas:                TasLock, test-and-set: every waiter spins on an atomic exchange of one
                            flag.
      - Ttas:               TtasLock, test-and-test-and-set: waiters spin on a read of the flag and
                            try the exchange only when they see it free.
      - Backoff:            BackoffLock, TTAS that backs off for a growing, random time after a
                            lost race.
      - Ticket:             TicketLock: take a number, wait until it is served; FIFO.
      - Clh:                ClhLock, the CLH queue lock: each waiter spins on its predecessor's
                            node, and a waiter that gives up leaves its node behind for its
                            successor to skip.
      - Mcs:                McsLock, the MCS queue lock: each waiter spins on its own node, and the
                            holder hands the lock to its successor.
      - ReentrantMutex:     the parking, reentrant mutex, non-fair (a thread may barge in).
      - ReentrantMutexFair: the same, fair: the lock goes to the longest waiter.
      - BrokenTtas:         the negative control, BrokenTtasLock, whose tryLock() reads the flag and
                            then sets it with a plain write: both actors can read it clear and both
                            "succeed". It must be observed with a FORBIDDEN outcome, (1, 1) or
                            (2, 2); if it is not, this design cannot see two holders at once. The
                            suite run excludes it; NegativeControlsIT runs it alone.

    How to run this test, and its negative control alone, as NegativeControlsIT does:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_03_TryLockExclusivity
       $ java -jar stress-tests/target/interlock-stress.jar -t 'Locks_03.*BrokenTtas' -m quick
 */
@Outcome(id = {"1, 0", "0, 1"}, expect = ACCEPTABLE, desc = "One actor got the lock; the other's tryLock() came while it was held, and failed.")
@Outcome(id = {"1, 2", "2, 1"}, expect = ACCEPTABLE, desc = "Both got the lock, one after the other; the second saw the first one's entry.")
@Outcome(id = "2, 2", expect = FORBIDDEN, desc = "Both inside at once: each saw the other's entry before it left.")
@Outcome(id = "1, 1", expect = FORBIDDEN, desc = "Both got the lock and neither saw the other: overlapping critical sections, or no happens-before.")
@Outcome(id = "0, 0", expect = FORBIDDEN, desc = "Both tryLock() calls failed, though nobody held the lock: a spurious failure.")
@Outcome(id = {"2, 0", "0, 2"}, expect = FORBIDDEN, desc = "Saw the entry of an actor whose tryLock() failed: impossible, the test itself is broken.")
public class Locks_03_TryLockExclusivity {

    /** An actor's result: its tryLock() returned false. */
    static final int FAILED = 0;

    /** An actor's result: it got the lock, and the other actor had not entered yet. */
    static final int ALONE = 1;

    /** An actor's result: it got the lock, and the other actor had entered already. */
    static final int OTHER_ENTERED = 2;

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Tas {
        private final TasLock lock = new TasLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Ttas {
        private final TtasLock lock = new TtasLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Backoff {
        private final BackoffLock lock = new BackoffLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Ticket {
        private final TicketLock lock = new TicketLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Clh {
        private final ClhLock lock = new ClhLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class Mcs {
        private final McsLock lock = new McsLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_03_TryLockExclusivity.class)
    @State
    public static class BrokenTtas {
        private final BrokenTtasLock lock = new BrokenTtasLock();

        /** Set by actor1 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered1;

        /** Set by actor2 once inside, never cleared. Plain on purpose: only the lock orders it. */
        private boolean entered2;

        @Actor
        public void actor1(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered1 = true;
                    r.r1 = entered2 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r1 = FAILED;
            }
        }

        @Actor
        public void actor2(II_Result r) {
            if (lock.tryLock()) {
                try {
                    entered2 = true;
                    r.r2 = entered1 ? OTHER_ENTERED : ALONE;
                } finally {
                    lock.unlock();
                }
            } else {
                r.r2 = FAILED;
            }
        }
    }
}
