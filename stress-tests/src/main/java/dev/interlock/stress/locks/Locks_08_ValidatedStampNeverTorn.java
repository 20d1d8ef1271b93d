/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenOptimisticReadMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The promise of an optimistic read: a stamp that validates vouches for the reads made under it.
    ReadWriteMutex's write sequence is a seqlock. tryOptimisticRead() returns a stamp (the sequence,
    or zero while a writer holds the lock) without locking anything; the reader reads the guarded
    fields into locals; validate(stamp) then says whether a writer acquired the lock since the stamp.
    If it did not, the locals are a state as of the last write release before the stamp, never half
    of one write and half of another.

    Under the write lock, the writer writes 1 to the plain field y, then 1 to the plain field x: the
    pair (x, y) goes from (0, 0) to (1, 1). The reader takes a stamp, reads x into r1, then y into
    r2, and reports validate(stamp) in r3. Nothing orders the reader's reads against the writer's
    writes but the seqlock: the reader holds no lock, and may read at any point of the writer's
    critical section.

    Outcomes with validated = false are all acceptable, torn pairs included. A reader that failed
    to validate must discard what it read (the javadoc's fallback: read again under the read lock),
    so what it read does not matter. The torn ones, (0, 1, false) and (1, 0, false), are exactly
    what validation exists to catch: seeing them means the reader's reads did overlap the writer's
    writes, and the stamp noticed.

    Outcomes with validated = true must be a whole state:
      - (0, 0, true): the stamp and the reads came before the writer acquired.
      - (1, 1, true): the writer released before the stamp; the stamp's volatile read of the state
        synchronizes with that release, so the reads see both writes.
      - (0, 1, true) and (1, 0, true), torn and validated, are forbidden: a writer acquired between
        the stamp and the validation, and validate did not see it. That is what happens if the
        validation's re-read of the state is performed before the data reads: the acquire fence at
        the top of validate() exists to prevent it (see ReadWriteMutex's "The write sequence is a
        seqlock"). (1, 0, true) would also be a reader that saw the writer's later write without
        its earlier one.

    Why the writer writes y first while the reader reads x first. x86-64 is TSO: it does not
    reorder loads with loads, nor stores with stores. The reader then sees a torn pair only where its
    two loads and the writer's two stores interleave. Writing in the opposite order to the reads
    makes (0, 1) the result of every interleaving where the loads and the stores overlap (x loaded
    before x is stored, y loaded after y is stored). Writing in the same order leaves only the two
    narrowest ones, both stores between the two loads for (0, 1) or both loads between the two
    stores for (1, 0). Measured with the negative control in quick mode on 2 x86-64 cores, JDK 17:
    49 to 164 forbidden samples per run in the opposite order (four runs), 42 in the same order
    (one run). (1, 0) needs the reader to see the later write without the earlier one: on x86-64
    only the JIT's reorderings produce it (C2 may swap two plain stores, or two plain loads; the
    real variants do show (1, 0, false), from C2-compiled writers and stress-compiled readers).
    (1, 0, true) stays forbidden and listed.

    Note: because x86-64 keeps loads in order, a validate() that merely lacked its fence would
    still pass this test here (only the JIT's own reorderings could make it fail); it would fail on
    ARM or POWER. Run it there before trusting it; see docs/verification.md.

    One variant per policy (the optimistic read itself does not depend on the policy, but a
    writer's acquisition does):
      - ReaderPreferring:     ReadWriteMutex(READER_PREFERRING).
      - WriterPreferring:     ReadWriteMutex(WRITER_PREFERRING), the default.
      - Fair:                 ReadWriteMutex(FAIR), FIFO.
      - BrokenOptimisticRead: the negative control, BrokenOptimisticReadMutex: a real ReadWriteMutex
                              whose validation re-reads the state inside tryOptimisticRead(),
                              before the data reads, as a missing fence would permit. A writer
                              that runs between the stamp and the data reads goes unnoticed, and a
                              torn pair validates. It must be observed with a FORBIDDEN outcome
                              (measured: (0, 1, true), now and then (1, 0, true) too); if it is
                              not, this test cannot see a torn validated pair, and the other
                              variants passing proves nothing. The suite run excludes it;
                              NegativeControlsIT runs it alone and expects the run to fail.

    How to run this test, and its negative control alone, as NegativeControlsIT does:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_08_ValidatedStampNeverTorn
       $ java -jar stress-tests/target/interlock-stress.jar -t 'Locks_08.*BrokenOptimisticRead' -m quick
 */
@Outcome(id = "0, 0, false", expect = ACCEPTABLE, desc = "Not validated (a writer acquired, or held the lock at the stamp): the reader discards what it read, so any pair is fine.")
@Outcome(id = "0, 1, false", expect = ACCEPTABLE, desc = "Torn, and not validated: the reads overlapped the writer's writes, and the stamp caught it. The reader discards the pair.")
@Outcome(id = "1, 0, false", expect = ACCEPTABLE, desc = "Torn, and not validated: the stamp caught it. The reader discards the pair.")
@Outcome(id = "1, 1, false", expect = ACCEPTABLE, desc = "Not validated (a writer acquired, or held the lock at the stamp): the reader discards what it read, so any pair is fine.")
@Outcome(id = "0, 0, true", expect = ACCEPTABLE, desc = "Validated: the stamp and the reads came before the writer acquired.")
@Outcome(id = "1, 1, true", expect = ACCEPTABLE, desc = "Validated: the writer released before the stamp, and the reads saw both writes.")
@Outcome(id = "0, 1, true", expect = FORBIDDEN, desc = "Torn and validated: the reads overlapped the writer's critical section, and validate() did not see the writer's acquisition.")
@Outcome(id = "1, 0, true", expect = FORBIDDEN, desc = "Torn and validated: the reader saw the writer's later write without its earlier one, and validate() vouched for it.")
public class Locks_08_ValidatedStampNeverTorn {

    @JCStressTest
    @JCStressMeta(Locks_08_ValidatedStampNeverTorn.class)
    @State
    public static class ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** The pair: plain on purpose, so that only the seqlock can vouch for it. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            lock.writeLock().lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Actor
        public void reader(IIZ_Result r) {
            long stamp = lock.tryOptimisticRead();
            int readX = x;
            int readY = y;
            r.r1 = readX;
            r.r2 = readY;
            r.r3 = lock.validate(stamp);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_08_ValidatedStampNeverTorn.class)
    @State
    public static class WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** The pair: plain on purpose, so that only the seqlock can vouch for it. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            lock.writeLock().lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Actor
        public void reader(IIZ_Result r) {
            long stamp = lock.tryOptimisticRead();
            int readX = x;
            int readY = y;
            r.r1 = readX;
            r.r2 = readY;
            r.r3 = lock.validate(stamp);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_08_ValidatedStampNeverTorn.class)
    @State
    public static class Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** The pair: plain on purpose, so that only the seqlock can vouch for it. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            lock.writeLock().lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Actor
        public void reader(IIZ_Result r) {
            long stamp = lock.tryOptimisticRead();
            int readX = x;
            int readY = y;
            r.r1 = readX;
            r.r2 = readY;
            r.r3 = lock.validate(stamp);
        }
    }

    @JCStressTest
    @JCStressMeta(Locks_08_ValidatedStampNeverTorn.class)
    @State
    public static class BrokenOptimisticRead {
        private final BrokenOptimisticReadMutex lock = new BrokenOptimisticReadMutex();

        /** The pair: plain on purpose, so that only the seqlock can vouch for it. */
        private int x;
        private int y;

        @Actor
        public void writer() {
            lock.writeLock().lock();
            try {
                y = 1; // the opposite order to the reads: see the comment at the top
                x = 1;
            } finally {
                lock.writeLock().unlock();
            }
        }

        @Actor
        public void reader(IIZ_Result r) {
            long stamp = lock.tryOptimisticRead();
            int readX = x;
            int readY = y;
            r.r1 = readX;
            r.r2 = readY;
            r.r3 = lock.validate(stamp);
        }
    }
}
