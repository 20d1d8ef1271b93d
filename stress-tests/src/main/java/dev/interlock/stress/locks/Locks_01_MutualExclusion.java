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
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The first promise of every lock: mutual exclusion. Between a thread's lock() and its matching
    unlock(), no other thread is inside a critical section of the same lock.

    Two actors each lock, increment the field v in two steps (read it, then write the value read plus
    one), and unlock. When both have finished, the arbiter reads v. The field is plain on purpose:
    nothing but the lock keeps the two increments apart. If the critical sections are exclusive, one
    of them runs entirely after the other, after its unlock, and reads the 1 it wrote (Locks_02 is
    that happens-before on its own): the total is 2. If they overlap, both actors can read 0 and both
    write 1: one increment is lost, and the total is 1. A total of 0 cannot come from two
    increments that each write something; it is listed so that the list of outcomes is exhaustive
    (any outcome not listed is reported as unknown, which fails the test too).

    This is jcstress's Mutex samples' property, with our locks in place of the JDK's.

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
      - BrokenTtas:         the negative control, BrokenTtasLock: a TTAS lock whose test-and-set is
                            a read of the flag then a plain write, not an atomic exchange: both
                            actors can read the flag clear, both set it, and both enter. It must
                            be observed with the FORBIDDEN total 1; if it is not, the harness
                            cannot see two threads in one critical section, and the other variants
                            passing proves nothing. The suite run excludes it; NegativeControlsIT
                            runs it alone and expects the run to fail.

    How to run this test, and its negative control alone, as NegativeControlsIT does:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_01_MutualExclusion
       $ java -jar stress-tests/target/interlock-stress.jar -t 'Locks_01.*BrokenTtas' -m quick
 */
@Outcome(id = "2", expect = ACCEPTABLE, desc = "Both increments counted: the critical sections ran one after the other.")
@Outcome(id = "1", expect = FORBIDDEN, desc = "Lost increment: both actors were inside at once, read the same value, and one write replaced the other.")
@Outcome(id = "0", expect = FORBIDDEN, desc = "Both increments lost.")
public class Locks_01_MutualExclusion {

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Tas {
        private final TasLock lock = new TasLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Ttas {
        private final TtasLock lock = new TtasLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Backoff {
        private final BackoffLock lock = new BackoffLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Ticket {
        private final TicketLock lock = new TicketLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Clh {
        private final ClhLock lock = new ClhLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class Mcs {
        private final McsLock lock = new McsLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class ReentrantMutex {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class ReentrantMutexFair {
        private final Lock lock = new dev.interlock.locks.ReentrantMutex(true);

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_01_MutualExclusion.class)
    @State
    public static class BrokenTtas {
        private final BrokenTtasLock lock = new BrokenTtasLock();

        /** Guarded by the lock, and plain on purpose: only the lock keeps the increments apart. */
        private int v;

        @Actor
        public void actor1() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Actor
        public void actor2() {
            lock.lock();
            try {
                int read = v;
                v = read + 1;
            } finally {
                lock.unlock();
            }
        }

        @Arbiter
        public void arbiter(I_Result r) {
            r.r1 = v;
        }
    }
}
