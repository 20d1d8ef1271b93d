/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
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
    The first promise of a reader-writer lock: a reader never sees a write half done. The read lock
    excludes the write lock (readers share only with readers), and a write-lock release
    happens-before every later read-lock acquisition. So a reader that reads several fields under the
    read lock sees them all from before a critical section of a writer, or all from after it.

    Under the write lock, the writer writes 1 to the plain field y, then 1 to the plain field x: the
    pair (x, y) goes from (0, 0) to (1, 1). Under the read lock, the reader reads x into r1, then y
    into r2. The fields are plain on purpose: only the lock orders them. The two critical sections
    run one after the other, in either order:
      - the reader's first: it reads both fields before the writer writes either, (0, 0);
      - the writer's first: its release happens-before the reader's acquisition, so the reader sees
        both writes, (1, 1).
    Both are acceptable: which one happens depends only on who gets the lock first.

    (0, 1) and (1, 0) are torn pairs, half of one state and half of the other, and both are
    forbidden:
      - (0, 1): the reader read x before the writer wrote it, and y after. The two critical
        sections overlapped: the read lock did not exclude the write lock. (Or the reader acquired
        after the writer's release and missed part of what came before it.)
      - (1, 0): the reader saw x, written last, without y, written before it: it saw the writer's
        release without everything before it, so the write release and the read acquisition do not
        pair up (no happens-before); or the writes or the reads were reordered inside critical
        sections that also overlapped.

    Why the writer writes y first while the reader reads x first: x86-64 is TSO, it reorders
    neither loads with loads nor stores with stores, so two overlapping critical sections show a torn
    pair only where the reader's two loads and the writer's two stores interleave. In the opposite
    order, every overlap gives (0, 1) (x loaded before x is stored, y loaded after y is stored). In
    the same order, only the two narrowest interleavings tear: both stores between the two loads, or
    both loads between the two stores. Locks_08 measured the difference on its negative control.
    (1, 0), a happens-before failure, is what ARM or POWER would show; on x86-64 only the JIT's own
    reorderings can produce it (see Locks_02 and docs/verification.md).

    One variant per policy, since each admits a thread that arrives while the other mode is held
    by a path of its own (a short spin, then the queue, with the policy's own admission test):
      - ReaderPreferring: ReadWriteMutex(READER_PREFERRING).
      - WriterPreferring: ReadWriteMutex(WRITER_PREFERRING), the default.
      - Fair:             ReadWriteMutex(FAIR), FIFO.
    and one per way of holding a lock that is not a plain lock() and unlock(), each on the default
    policy:
      - ReentrantRead:    the reader takes the read lock twice, reads x, releases the inner hold,
                          then reads y under the outer one. If releasing the inner hold released
                          the lock (a hold-count bug), the writer could run between the two reads:
                          (0, 1). Under WRITER_PREFERRING the second hold is also the javadoc's
                          "reentrant reads always succeed, even while a writer waits": if it
                          queued behind the writer, which waits for the reader, the test would
                          hang.
      - ReentrantWrite:   the writer takes the write lock twice, writes y, releases the inner hold,
                          then writes x under the outer one. If releasing the inner hold released
                          the lock, the reader could read between the two writes: (0, 1).
      - Downgrade:        the reader gets its read hold by downgrading: it takes the write lock,
                          then the read lock, then releases the write lock, and reads the pair
                          under the read hold that remains. The write release must leave that read
                          hold in the state and keep the writer out until the read unlock; if it
                          dropped the read hold, the writer could tear the pair: (0, 1).

    No negative control of its own: Locks_01's BrokenTtas shows that this harness sees two threads in
    one critical section, and Locks_08's BrokenOptimisticRead that it sees a torn pair.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_07_NoTornPairUnderRead
 */
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "The reader's critical section first: it read both fields before the writer wrote them.")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "The writer's critical section first: its release happened-before the read acquisition, so the reader saw both writes.")
@Outcome(id = "0, 1", expect = FORBIDDEN, desc = "Torn pair: the reader read x before the writer wrote it, and y after: a read and a write critical section overlapped.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "Torn pair: the reader saw x, written last, without y, written first: no happens-before from the write release to the read acquisition, or reordered accesses in overlapping critical sections.")
public class Locks_07_NoTornPairUnderRead {

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void reader(II_Result r) {
            Lock read = lock.readLock();
            read.lock();
            try {
                r.r1 = x;
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void reader(II_Result r) {
            Lock read = lock.readLock();
            read.lock();
            try {
                r.r1 = x;
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void reader(II_Result r) {
            Lock read = lock.readLock();
            read.lock();
            try {
                r.r1 = x;
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class ReentrantRead {
        private final ReadWriteMutex lock = new ReadWriteMutex();

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void reader(II_Result r) {
            Lock read = lock.readLock();
            read.lock();
            try {
                read.lock(); // reentrant: must succeed at once, even if the writer waits
                try {
                    r.r1 = x;
                } finally {
                    read.unlock(); // the inner hold: the outer one must still keep the writer out
                }
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class ReentrantWrite {
        private final ReadWriteMutex lock = new ReadWriteMutex();

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                write.lock(); // reentrant
                try {
                    y = 1;
                } finally {
                    write.unlock(); // the inner hold: the outer one must still keep the reader out
                }
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void reader(II_Result r) {
            Lock read = lock.readLock();
            read.lock();
            try {
                r.r1 = x;
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_07_NoTornPairUnderRead.class)
    @State
    public static class Downgrade {
        private final ReadWriteMutex lock = new ReadWriteMutex();

        /** The pair: plain on purpose, so that only the lock keeps it whole. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            Lock write = lock.writeLock();
            write.lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                write.unlock();
            }
        }

        @Actor
        public void downgradingReader(II_Result r) {
            Lock write = lock.writeLock();
            Lock read = lock.readLock();
            write.lock();
            read.lock(); // the downgrade: take the read lock while writing ...
            write.unlock(); // ... then let the write lock go: the read hold must remain
            try {
                r.r1 = x;
                r.r2 = y;
            } finally {
                read.unlock();
            }
        }
    }
}
