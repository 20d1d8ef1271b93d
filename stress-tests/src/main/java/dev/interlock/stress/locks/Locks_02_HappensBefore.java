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
    The second promise of every lock: an unlock happens-before every later lock of the same lock.
    Everything a thread wrote before it released the lock is visible to the next thread that
    acquires it. This is what the Lock interface calls its "memory synchronization" effects, and what
    lets a critical section use plain fields at all.

    Under the lock, actor1 writes 1 to the plain field x, then 1 to the plain field y. Under the
    lock, actor2 reads y into r1, then x into r2. The critical sections run one after the other, in
    either order:
      - actor2's first: it reads both fields before actor1 writes either, (0, 0);
      - actor1's first: its unlock happens-before actor2's lock, so actor2 sees both writes, (1, 1).
    Which one happens depends only on who gets the lock first; both are acceptable.

    (1, 0) is the broken message: actor2 saw y, written last, but not x, written before it. With
    exclusion, actor2 can only see y = 1 after actor1's unlock, so it saw the unlock without
    everything before it: the lock's release in unlock() and its acquire in lock() do not pair up.
    It would appear if unlock() cleared the lock's state with a plain or opaque write (nothing then
    keeps the critical section's writes before it), or if lock() read that state without acquire and
    the reads of x and y floated above it.

    (0, 1) is forbidden for another reason: actor2 saw x but not y, so it read between actor1's two
    writes, that is inside actor1's critical section. Exclusion rules it out (Locks_01).

    Note: x86-64 is TSO: stores are not reordered with stores, nor loads with loads, so a lock that
    is missing its release or acquire often passes this test on x86-64 (only the JIT's own
    reorderings can make it fail), and fails on ARM or POWER. Run it there before trusting it; see
    docs/verification.md.

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

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_02_HappensBefore
 */
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "actor2's critical section first: it read both fields before actor1 wrote them.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "actor1's critical section first: its unlock happened-before actor2's lock, so actor2 saw both writes.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "Saw the later write but not the earlier one: no happens-before from unlock to lock.")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "Saw the earlier write but not the later one: actor2 read inside actor1's critical section.")
public class Locks_02_HappensBefore {

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Tas {
        private final TasLock lock = new TasLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Ttas {
        private final TtasLock lock = new TtasLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Backoff {
        private final BackoffLock lock = new BackoffLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Ticket {
        private final TicketLock lock = new TicketLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Clh {
        private final ClhLock lock = new ClhLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class Mcs {
        private final McsLock lock = new McsLock();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_02_HappensBefore.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** The message: plain on purpose, so that only the lock can order it. */
        private int x;
        private int y;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                x = 1;
                y = 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2(II_Result r) {
            lock.lock();
            try {
                r.r1 = y;
                r.r2 = x;
            } finally {
                lock.unlock();
            }
        }
    }
}
