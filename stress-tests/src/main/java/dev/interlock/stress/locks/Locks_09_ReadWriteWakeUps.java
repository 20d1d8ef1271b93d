/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

import dev.interlock.locks.BrokenReadReleaseReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
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
    The blocking promises of a reader-writer lock: a thread that waits for one mode, because another
    thread holds the other mode, is woken by that thread's unlock, or by an interrupt if it waits in
    lockInterruptibly(). Each scenario is Locks_05's or Locks_06's test, with the other mode as the
    obstacle. A lost wake-up leaves the waiter blocked forever though nothing holds the
    lock any more, and Lincheck's model checker cannot see it (see Locks_05 and
    docs/verification.md), so these are the tests that catch it in ReadWriteMutex's queue.

    Mode.Termination: jcstress starts the one actor, then calls the signal, then waits for the actor
    to return. TERMINATED if it returns in time, STALE if it does not.

    The design is Locks_05's and Locks_06's: a LockHolder holds one mode on a thread of its own (our
    read holds belong to a thread, as write holds do, so the holder must unlock on the thread that
    locked). LockHolder takes any Lock, so it holds readLock() as well as writeLock().

    Four scenarios:
      - WriteUnlockWakesReader: the holder holds the write lock; the actor calls readLock().lock();
        the signal releases the holder. The write release must wake the queued reader (or the
        reader, not yet queued, must find the lock free).
      - ReadUnlockWakesWriter: the holder holds the read lock; the actor calls writeLock().lock();
        the signal releases the holder. The release of the last read hold must wake the queued
        writer.
      - InterruptWakesReader: the holder holds the write lock, and lets go only when the actor
        tells it to. The actor publishes its thread and calls readLock().lockInterruptibly(); the
        signal interrupts it, the only way out. Then the abandoned wait must have left the lock
        usable in both modes: the actor releases the holder, then takes and releases the read lock,
        then the write lock. A ticket the interrupted reader left in the queue would keep a FAIR
        writer out for ever (it is admitted only from the front of the queue).
      - InterruptWakesWriter: the same with the modes swapped: the holder holds the read lock, the
        actor is interrupted in writeLock().lockInterruptibly(). Then, while the holder still holds
        the read lock, the actor takes and releases the read lock itself: nothing waits any more, so
        every policy must admit a new reader. An interrupted writer still counted as waiting would
        keep it out for ever under WRITER_PREFERRING (new readers wait while a writer waits) and
        FAIR (new readers queue behind anybody queued). Then it releases the holder, and takes and
        releases the write lock.
    In the last two, if lockInterruptibly() returned normally, the actor would have acquired a mode
    that the holder's excludes: it throws IllegalStateException, reported as ERROR.

    The signal races with the actor, as in Locks_05 and Locks_06: the release or the interrupt may
    come before the actor waits, while it spins, while it is on its way into the queue, or while it
    is parked. Every interleaving must terminate.

    Each scenario runs on each policy, since each policy admits a waiter by its own test, both in
    the short spin before queueing and in the queue, and wakes the queue on its own events:
      - ..._ReaderPreferring: ReadWriteMutex(READER_PREFERRING).
      - ..._WriterPreferring: ReadWriteMutex(WRITER_PREFERRING), the default.
      - ..._Fair:             ReadWriteMutex(FAIR), FIFO.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    The negative control, BrokenReadRelease, is ReadUnlockWakesWriter_Fair on
    BrokenReadReleaseReadWriteMutex, a copy of ReadWriteMutex whose last read release does not hand
    the lock to the queue: a writer that queued sleeps on, and the run must report STALE.

    Note: jcstress 0.16 samples a Termination test for its "time per iteration", which is 0 ms in
    sanity mode: a sanity run takes no sample at all (its report lists no outcome) and passes
    whatever the lock does. The same holds for Locks_05 and Locks_06. Run it in quick mode or
    longer (measured: about 5,000 samples per variant in quick mode, on 2 cores).

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Locks_09_ReadWriteWakeUps -m quick
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The wait ended (by the holder's unlock, or by the interrupt), and the lock was usable afterwards.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor never returned: a lost wake-up, an interrupt that did not end lockInterruptibly(), or an abandoned wait that broke the lock.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: lockInterruptibly() acquired a mode the holder's excludes, or another exception.")
public class Locks_09_ReadWriteWakeUps {

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class WriteUnlockWakesReader_ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** Holds the write lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        @Actor
        public void actor() {
            lock.readLock().lock();
            lock.readLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class WriteUnlockWakesReader_WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** Holds the write lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        @Actor
        public void actor() {
            lock.readLock().lock();
            lock.readLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class WriteUnlockWakesReader_Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** Holds the write lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        @Actor
        public void actor() {
            lock.readLock().lock();
            lock.readLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class ReadUnlockWakesWriter_ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** Holds the read lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        @Actor
        public void actor() {
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class ReadUnlockWakesWriter_WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** Holds the read lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        @Actor
        public void actor() {
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class ReadUnlockWakesWriter_Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** Holds the read lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        @Actor
        public void actor() {
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesReader_ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** Holds the write lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.readLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.readLock().unlock();
                throw new IllegalStateException(
                        "readLock().lockInterruptibly() acquired while another thread held the write lock");
            }
            // The abandoned wait must have left both modes usable.
            lock.readLock().lock();
            lock.readLock().unlock();
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesReader_WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** Holds the write lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.readLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.readLock().unlock();
                throw new IllegalStateException(
                        "readLock().lockInterruptibly() acquired while another thread held the write lock");
            }
            // The abandoned wait must have left both modes usable.
            lock.readLock().lock();
            lock.readLock().unlock();
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesReader_Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** Holds the write lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.writeLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.readLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            holder.release();
            if (acquired) {
                lock.readLock().unlock();
                throw new IllegalStateException(
                        "readLock().lockInterruptibly() acquired while another thread held the write lock");
            }
            // The abandoned wait must have left both modes usable.
            lock.readLock().lock();
            lock.readLock().unlock();
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesWriter_ReaderPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.READER_PREFERRING);

        /** Holds the read lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.writeLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            if (acquired) {
                lock.writeLock().unlock();
                holder.release();
                throw new IllegalStateException(
                        "writeLock().lockInterruptibly() acquired while another thread held the read lock");
            }
            // Nothing waits any more: a new reader must share the holder's read lock under every policy.
            lock.readLock().lock();
            lock.readLock().unlock();
            holder.release();
            // And the abandoned wait must have left the write lock usable.
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesWriter_WriterPreferring {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.WRITER_PREFERRING);

        /** Holds the read lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.writeLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            if (acquired) {
                lock.writeLock().unlock();
                holder.release();
                throw new IllegalStateException(
                        "writeLock().lockInterruptibly() acquired while another thread held the read lock");
            }
            // Nothing waits any more: a new reader must share the holder's read lock under every policy.
            lock.readLock().lock();
            lock.readLock().unlock();
            holder.release();
            // And the abandoned wait must have left the write lock usable.
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class InterruptWakesWriter_Fair {
        private final ReadWriteMutex lock = new ReadWriteMutex(Policy.FAIR);

        /** Holds the read lock on a thread of its own until the actor releases it. */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        /** The actor's thread, published for signal(). */
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            actorThread.publishCurrentThread();
            boolean acquired;
            try {
                lock.writeLock().lockInterruptibly();
                acquired = true;
            } catch (InterruptedException expected) {
                acquired = false; // the interrupt from signal(), the only way out
            }
            if (acquired) {
                lock.writeLock().unlock();
                holder.release();
                throw new IllegalStateException(
                        "writeLock().lockInterruptibly() acquired while another thread held the read lock");
            }
            // Nothing waits any more: a new reader must share the holder's read lock under every policy.
            lock.readLock().lock();
            lock.readLock().unlock();
            holder.release();
            // And the abandoned wait must have left the write lock usable.
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Locks_09_ReadWriteWakeUps.class)
    @State
    public static class BrokenReadRelease {
        private final BrokenReadReleaseReadWriteMutex lock =
                new BrokenReadReleaseReadWriteMutex(BrokenReadReleaseReadWriteMutex.Policy.FAIR);

        /** Holds the read lock on a thread of its own from now until signal(). */
        private final LockHolder holder = LockHolder.holding(lock.readLock());

        @Actor
        public void actor() {
            lock.writeLock().lock();
            lock.writeLock().unlock();
        }

        @Signal
        public void signal() {
            holder.release();
        }
    }
}
