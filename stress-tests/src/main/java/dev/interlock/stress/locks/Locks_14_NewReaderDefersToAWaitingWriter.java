/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenPolicyReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
import dev.interlock.stress.ParkedThreads;
import java.util.concurrent.locks.ReadWriteLock;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The promise that keeps a writer from starving: under WRITER_PREFERRING and FAIR, a new reader does
    not enter while a writer waits, even though only readers hold the lock. A reader R holds the read
    lock and a writer W waits for the write lock; the actor, a new reader, calls readLock().tryLock(),
    which must be refused. A reader let in there is how a stream of overlapping readers keeps the
    writer out for ever (ReadWriteMutexTest's starvation tests show that over time).

    Mode.Termination, for its one state per sample: the state starts R and W, two threads of its own,
    and a test of the usual kind would build many states at once. The actor throws if it entered, which
    jcstress reports as ERROR. The signal waits until the actor has tried (at most a second), then lets
    R go, so that W gets in and out and every sample ends with its threads done. So the outcome is
    TERMINATED or ERROR; STALE would be a harness fault, and is forbidden too.

    The state waits until W is queued (parked on the lock) before the sample starts, so the actor always
    meets a waiting writer: there is no race, and a lock that skips its policy's check is caught by every
    sample.

    Variants:
      - WriterPreferring: ReadWriteMutex(WRITER_PREFERRING), the default.
      - Fair:             ReadWriteMutex(FAIR).
      - BrokenPolicy:     the negative control, BrokenPolicyReadWriteMutex (WRITER_PREFERRING),
                          generated from ReadWriteMutex with one bug: a new reader skips the policy's
                          check. ERROR must be seen: NegativeControlsIT asserts it, and
                          PolicyNegativeControlTest is its bounded test.
    READER_PREFERRING admits the new reader by design: no variant.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_14_NewReaderDefersToAWaitingWriter -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The new reader was refused while the writer waited.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The new reader entered past the waiting writer (or the actor threw otherwise).")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor never returned from a tryLock().")
public class Locks_14_NewReaderDefersToAWaitingWriter {

    /** How long the signal waits for the actor's try before it lets the reader go anyway. */
    static final long ACTOR_TRY_WAIT_NANOS = 1_000_000_000L;

    /** The reader that holds, the writer that waits, and the actor's try, around one lock. */
    static final class Race {
        private final ReadWriteLock lock;
        private final LockHolder reader;
        private volatile boolean tried;

        /** {@code blocker} is the object the lock's waiters park on. */
        Race(ReadWriteLock lock, Object blocker) {
            this.lock = lock;
            reader = LockHolder.holding(lock.readLock());
            Thread writer = new Thread(() -> {
                lock.writeLock().lock();
                lock.writeLock().unlock();
            }, "interlock-waiting-writer");
            writer.setDaemon(true);
            writer.start();
            ParkedThreads.requireParked(writer, blocker, "the writer");
        }

        /** The actor: a new reader, which must be refused. */
        void actor() {
            boolean entered = lock.readLock().tryLock();
            if (entered) {
                lock.readLock().unlock();
            }
            tried = true;
            if (entered) {
                throw new IllegalStateException("a new reader entered while a writer waited: " + lock);
            }
        }

        /** The signal: once the actor has tried, the reader leaves, and the writer gets in and out. */
        void signal() {
            long start = System.nanoTime();
            while (!tried && System.nanoTime() - start < ACTOR_TRY_WAIT_NANOS) {
                Thread.onSpinWait();
            }
            reader.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_14_NewReaderDefersToAWaitingWriter.class)
    @State
    public static class WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);
        private final Race race = new Race(lock, lock);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_14_NewReaderDefersToAWaitingWriter.class)
    @State
    public static class Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);
        private final Race race = new Race(lock, lock);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_14_NewReaderDefersToAWaitingWriter.class)
    @State
    public static class BrokenPolicy {
        private final BrokenPolicyReadWriteMutex lock =
                new BrokenPolicyReadWriteMutex(BrokenPolicyReadWriteMutex.Policy.WRITER_PREFERRING);
        private final Race race = new Race(lock, lock);

        @Actor
        public void actor() {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }
}
