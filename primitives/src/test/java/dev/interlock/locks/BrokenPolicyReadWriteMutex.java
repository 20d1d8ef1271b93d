/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * <b>Negative control: deliberately broken.</b> {@link ReadWriteMutex} with one bug, in
 * {@code tryLockRead()}: a new reader skips the policy's check and enters whenever no writer holds
 * the lock, so under WRITER_PREFERRING and FAIR readers overtake a waiting writer, which can starve
 * (a skipped check of policy).
 *
 * <p>Generated from {@code ReadWriteMutex.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenPolicyReadWriteMutex implements ReadWriteLock {
    /*
     * Implementation notes.
     *
     * State. One volatile long, changed by CAS:
     *
     *   bits 63 ........................... 16 | 15 ........... 0
     *        write sequence (48 bits)           | read holds (16 bits)
     *        odd: a writer holds the lock       | total, all threads
     *
     * A writer acquires by a CAS from "sequence even, no read holds" to "sequence + 1" and releases by a
     * volatile write of "sequence + 1": while the sequence is odd no other thread changes the state, so that
     * read-modify-write needs no CAS. A reader acquires by a CAS that adds one hold while the sequence is
     * even (or while it is the writer: downgrade) and releases by an atomic add of -1. writer (opaque: only
     * the writer writes itself there) and writeHolds (plain: the writer's alone) sit outside the state. Each
     * thread's read holds live in a ThreadLocal record, the last reader's cached in a field, as
     * ReentrantReadWriteLock does; the record names its thread by id, so the cache keeps no thread alive.
     *
     * The write sequence is a seqlock (Lameter 2005; Boehm, "Can seqlocks get along with programming language
     * memory models?", MSPC 2012). A stamp is the sequence, taken only when even. validate issues an acquire
     * fence, then re-reads the state, so the caller's data reads cannot sink below the re-read (a volatile
     * read alone would let them). The writer's CAS orders its earlier accesses, not its later data writes, so
     * right after it the writer issues a store-store fence (as StampedLock does): the odd sequence is visible
     * before any data written under the lock. So if a data read saw a value written under the lock, the
     * re-read sees the advanced sequence and the stamp fails. x86-64 cannot show either fence missing; they are
     * for ARM and POWER.
     *
     * Waiting: a queue under a gate. A thread that cannot acquire after its short spin takes the internal
     * ReentrantMutex gate, appends a Ticket to the readers' or the writers' FIFO list, counts itself in
     * waiters (a writer also in waitingWriters), runs grantFromQueue, lets go of the gate and parks until its
     * ticket is served. grantFromQueue asks the policy's writerGoesFirst which head goes first. A writer is granted the
     * lock if the state allows: the server takes it for the writer by the newcomers' CAS, unlinks the ticket
     * and unparks that one thread. A reader at the front is granted a hold under FAIR, and under the
     * preference policies woken (wakesReaders): unlinked and unparked without a hold, and counted in
     * wokenReaders until its hold is in the state, it queues again or it gives up; its attempts skip the
     * policy's check, since the queue admitted it. The server repeats while readers are at the front. Write
     * releases (when waiters != 0), the last read release (when waitingWriters != 0) and withdrawals run
     * grantFromQueue. A release never blocks on the gate: it sets
     * grantPending and tries the gate, and a holder serves the request as it lets go (unlockGate; Dekker's
     * pattern: the flag is written before the gate's CAS, the gate's owner before the flag is read).
     * Withdrawal and service are both decided under the gate: a waiter that gives up either leaves untouched
     * or is served, as if its interrupt or timeout had come a moment later (a woken reader holds nothing:
     * interrupted, it throws; timed out, it still makes its attempts).
     *
     * Why wake readers. A grant keeps the lock idle for a thread that is not yet running; a woken reader lets
     * whoever runs first use it. If a writer comes first (WRITER_PREFERRING), the reader queues again (a
     * futile wake-up) and that writer's release serves it. Writers stay granted: woken to compete, a writer
     * would lose to readers again and again under READER_PREFERRING, which keeps readers first both ways: a
     * queued writer waits for the readers woken before it (writerWaitsForWokenReaders), and a newcomer writer
     * does not take the lock while a reader is queued or woken (writerShouldBlock), so a reader
     * waits at most for the writers already past that check. Measured in docs/locks.md.
     *
     * The policy's predicates switch on it rather than being overridden by each constant: three overriding
     * constants make the read path's call megamorphic in a JVM that uses all three policies (docs/locks.md).
     *
     * Cost. A queued acquisition takes the gate once (twice if it gives up, or is woken and overtaken); a
     * release that serves the queue, once if the gate is free. grantFromQueue looks at one ticket per thread it lets
     * in, plus one: O(k) for k let in, whatever the queue's length, and it unparks only them, bar the futile
     * wake-ups above. ReadWriteMutexScaleTest counts tickets and futile wake-ups.
     *
     * No lost wake-up. A queuing thread writes waiters (a writer also waitingWriters) before grantFromQueue
     * reads the state; a releaser writes the state before it reads waiters (the write-lock release) or
     * waitingWriters (the last read hold: a read release can let in only a writer, as nothing else waits for
     * read holds to go). All these accesses are volatile, so either the queuing thread's own call admits it or
     * the releaser sees it and serves (hence a volatile write, not a release store, for the write-lock
     * release). Reading waiters there instead would serve the queue at nearly every read release while any
     * reader is queued, each time writing grantPending and trying the gate for nothing (docs/locks.md). A
     * waiter sets parking before its last read of served, and a server reads parking after writing served: the
     * same pairing, so a waiter that parks is unparked, and a service leaves at most one stray permit, which
     * every park loop tolerates by re-checking its condition. A writer that waits for woken readers
     * (READER_PREFERRING) is served by one of them: one that enters adds its hold before it leaves
     * wokenReaders, so its release serves the queue; one that queues again leaves it under the gate, before
     * its own grantFromQueue; one that throws after its wake-up (interrupted, the count full, or an Error such
     * as OutOfMemoryError) leaves it, then runs admitQueued. An Error thrown inside the wait (out of memory as
     * the waiter takes the gate to withdraw, say) is caught, and abandon takes the ticket out of the queue or
     * gives back what it was served. A reader granted while the count is full is granted a refusal, and
     * throws. A writer handed the lock issues the seqlock's writer fence itself, after reading served.
     *
     * Invariants.
     * 1. The sequence is odd if and only if a writer holds the lock; then writer is that thread (once it has
     *    written itself there), and only it changes the state.
     * 2. The read holds in the state equal the sum of every thread's record, plus the holds granted to
     *    readers that have not yet woken to count them.
     * 3. wokenReaders counts the readers served by a wake-up that have neither added a hold to the state nor
     *    queued again nor given up; a reader leaves it only after its hold is in the state. Only under
     *    READER_PREFERRING does it hold back a writer.
     * 4. waiters and waitingWriters equal the tickets, and the write tickets, in the lists; they, the lists
     *    and served change only under the gate, and a ticket is served only as it leaves its list.
     * 5. Under FAIR, tickets are granted in arrival order, a run of readers together; a thread outside the
     *    lists tries a non-reentrant acquisition only if it found them empty (it may then win against a
     *    ticket queued just after it looked: the two arrived concurrently, and either order is FIFO).
     *
     * Linearization points: the successful CAS of an acquisition (made by the granter for a queued thread);
     * the volatile write of a write-lock release; the atomic add of a read-lock release; the volatile read of
     * the state in tryOptimisticRead and in validate.
     *
     * References: Herlihy and Shavit, The Art of Multiprocessor Programming, 2nd ed., ch. 8.3 (readers-writers
     * locks); Courtois, Heymans and Parnas, "Concurrent control with readers and writers", CACM 1971 (the two
     * preference policies); Brandenburg and Anderson, "Spin-based reader-writer synchronization for
     * multiprocessor real-time systems", 2010 (task-fair and phase-fair orders). Evidence: ReadWriteMutexTest
     * (the ReadWriteLockContract, per policy, with the starvation tests), ReadWriteMutexWriteLockTest (the
     * LockContract), ReadWriteMutexLincheckTest, PolicyNegativeControlTest, ReadHoldLimitNegativeControlTest,
     * and the jcstress tests Locks_07 to Locks_15 in dev.interlock.stress.locks.
     */

    /** Who goes first when readers and writers compete; see the class documentation. */
    public enum Policy {
        /** New readers enter whenever no writer holds the lock; writers can starve. */
        READER_PREFERRING(true, true, SPINS_BEFORE_QUEUEING, LONG_SPINS_BEFORE_QUEUEING),
        /** New readers wait while a writer waits; readers can starve under a stream of writers. */
        WRITER_PREFERRING(true, false, SPINS_BEFORE_QUEUEING, SPINS_BEFORE_QUEUEING),
        /** First in, first out, with consecutive readers admitted together; nobody starves. */
        FAIR(false, false, LONG_SPINS_BEFORE_QUEUEING, LONG_SPINS_BEFORE_QUEUEING);

        /** A queued reader at the front is woken to compete, rather than granted a hold. */
        final boolean wakesReaders;
        /** A queued writer waits for the readers woken before it to enter. */
        final boolean writerWaitsForWokenReaders;
        final int readerSpins;
        final int writerSpins;

        Policy(boolean wakesReaders, boolean writerWaitsForWokenReaders, int readerSpins, int writerSpins) {
            this.wakesReaders = wakesReaders;
            this.writerWaitsForWokenReaders = writerWaitsForWokenReaders;
            this.readerSpins = readerSpins;
            this.writerSpins = writerSpins;
        }

        /** Whether a thread that holds no read lock must not take one now, outside the queue. */
        boolean readerShouldBlock(BrokenPolicyReadWriteMutex lock) {
            return switch (this) {
                case READER_PREFERRING -> false;
                case WRITER_PREFERRING -> lock.waitingWriters != 0;
                case FAIR -> lock.waiters != 0; // somebody is queued, whom a newcomer must not overtake.
            };
        }

        /** Whether a thread that does not write must not take the write lock now, outside the queue. */
        boolean writerShouldBlock(BrokenPolicyReadWriteMutex lock) {
            return switch (this) {
                case READER_PREFERRING -> lock.waiters != lock.waitingWriters || lock.wokenReaders != 0; // a reader queued or woken.
                case WRITER_PREFERRING -> false;
                case FAIR -> lock.waiters != 0;
            };
        }

        /** Whether the first queued writer goes before the first queued reader. */
        boolean writerGoesFirst(long writerArrival, long readerArrival) {
            return switch (this) {
                case READER_PREFERRING -> false;
                case WRITER_PREFERRING -> true;
                case FAIR -> writerArrival < readerArrival;
            };
        }
    }

    /** The bits of the state that count read holds. */
    static final int READ_BITS = 16;
    /** The most read holds the lock can count, across all threads. */
    static final int MAX_READ_HOLDS = (1 << READ_BITS) - 1;
    static final long READ_MASK = MAX_READ_HOLDS;
    /** One step of the write sequence: its lowest bit is the "write-locked" bit. */
    static final long WRITE_UNIT = 1L << READ_BITS;
    /** The stamp bits: the sequence. A stamp also has bit 0 set, so that no valid stamp is zero. */
    static final long SEQUENCE_MASK = ~READ_MASK;
    /** The bits every stamp has the same: an even sequence (write bit clear), and 1 in the read bits. */
    static final long STAMP_FORMAT_MASK = READ_MASK | WRITE_UNIT;

    /** How many times an acquisition retries before it queues: short, as a queued thread is woken or granted. */
    static final int SPINS_BEFORE_QUEUEING = 2;
    /**
     * The spin before queueing under {@link Policy#FAIR}, whose waiters take turns by grants, and of a
     * writer under {@link Policy#READER_PREFERRING}: refused while a woken reader is in flight (for
     * microseconds), and once queued it waits for every reader.
     */
    static final int LONG_SPINS_BEFORE_QUEUEING = 64;
    /** How many times a reader woken to compete tries before it queues again. */
    static final int WOKEN_READER_TRIES = 2;

    private final Policy policy;
    /** A reader's spin before queueing: {@link #SPINS_BEFORE_QUEUEING}, or the test constructor's. */
    private final int spinsBeforeQueueing;
    /** A writer's: the same, but {@link #LONG_SPINS_BEFORE_QUEUEING} under {@code READER_PREFERRING}. */
    private final int writerSpinsBeforeQueueing;
    private final ReadLock readLock = new ReadLock();
    private final WriteLock writeLock = new WriteLock();

    /** The sequence and the read holds (see State in the notes); changed by CAS. */
    private volatile long state;

    /** The thread holding the write lock, or null. Accessed opaque, by {@link #WRITER}. */
    @SuppressWarnings("unused") // accessed through the WRITER VarHandle
    private Thread writer;

    /** The writer's hold count. Plain: only the writer reads or writes it. */
    private int writeHolds;

    /** Each thread's read holds. */
    private final ThreadLocal<ReadHolds> readHolds = new ThreadLocal<>();

    /** The last reader's record: a cache in front of {@link #readHolds}. Accessed opaque, by {@link #LAST_READER}. */
    @SuppressWarnings("unused") // accessed through the LAST_READER VarHandle
    private ReadHolds lastReader;

    /** Guards the slow path: the ticket lists, the waiter counts and every grant. */
    private final ReentrantMutex gate = new ReentrantMutex();

    /** Threads in the slow path. Volatile; written only under the gate. */
    private volatile int waiters;
    /** Readers woken to compete that have neither entered nor queued again. Changed by RMW. */
    @SuppressWarnings("unused") // accessed through the WOKEN_READERS VarHandle
    private volatile int wokenReaders;
    /** A release found waiters and did not get the gate: its holder must grant. Volatile. */
    private volatile boolean grantPending;
    /** Writers in the slow path. Volatile; written only under the gate. */
    private volatile int waitingWriters;

    /** The queued threads, per kind, in arrival order. Plain: only under the gate. */
    private final TicketList queuedReaders = new TicketList();
    private final TicketList queuedWriters = new TicketList();
    /** The arrival number of the last ticket: FAIR orders the two lists by it. Plain: under the gate. */
    private long arrivals;

    /** For the scale tests: tickets looked at by grantFromQueue. Plain: under the gate. */
    private long ticketsVisited;
    /** For the scale tests: returns from park with no grant, interrupt or timeout. Changed by RMW. */
    @SuppressWarnings("unused") // accessed through the FUTILE_WAKEUPS VarHandle
    private volatile long futileWakeups;

    /** Creates a {@link Policy#WRITER_PREFERRING} lock. */
    public BrokenPolicyReadWriteMutex() {
        this(Policy.WRITER_PREFERRING);
    }

    /**
     * Creates a lock with the given policy.
     *
     * @param policy who goes first when readers and writers compete
     * @throws NullPointerException if {@code policy} is null
     */
    public BrokenPolicyReadWriteMutex(Policy policy) {
        this(Objects.requireNonNull(policy, "policy"), policy.readerSpins, policy.writerSpins);
    }

    /** For tests: with 0 spins every blocked acquisition queues, so Lincheck's model checker explores the queue. */
    BrokenPolicyReadWriteMutex(Policy policy, int spinsBeforeQueueing) {
        this(policy, spinsBeforeQueueing, spinsBeforeQueueing);
    }

    private BrokenPolicyReadWriteMutex(Policy policy, int spinsBeforeQueueing, int writerSpinsBeforeQueueing) {
        if (spinsBeforeQueueing < 0 || writerSpinsBeforeQueueing < 0) {
            throw new IllegalArgumentException("spins before queueing must not be negative: " + spinsBeforeQueueing
                    + " (readers), " + writerSpinsBeforeQueueing + " (writers)");
        }
        this.policy = Objects.requireNonNull(policy, "policy");
        this.spinsBeforeQueueing = spinsBeforeQueueing;
        this.writerSpinsBeforeQueueing = writerSpinsBeforeQueueing;
    }

    /**
     * Returns the read lock: shared, reentrant, without conditions.
     *
     * @return the read lock
     */
    @Override
    public Lock readLock() {
        return readLock;
    }

    /**
     * Returns the write lock: exclusive, reentrant, with conditions.
     *
     * @return the write lock
     */
    @Override
    public Lock writeLock() {
        return writeLock;
    }

    /**
     * Returns the policy chosen at construction.
     *
     * @return the policy
     */
    public Policy policy() {
        return policy;
    }

    // ---- Optimistic reads

    /**
     * Returns a stamp for an optimistic read, or zero if a writer holds the lock now (a zero stamp
     * never validates). Never blocks, and acquires nothing: there is nothing to release.
     *
     * @return a non-zero stamp, or zero if write-locked
     */
    public long tryOptimisticRead() {
        long current = state; // volatile read: the reads that follow see the last write release. Linearization point.
        return isWriteLocked(current) ? 0L : (current & SEQUENCE_MASK) | 1L;
    }

    /**
     * Returns whether no writer has acquired the lock since {@code stamp} was returned by
     * {@link #tryOptimisticRead()}: if so, the reads made in between saw a consistent state. Call it
     * after reading the guarded fields into locals and before acting on them.
     *
     * <p>A value that {@code tryOptimisticRead()} never returns (zero, or any value whose format no
     * stamp has) never validates. A value with a stamp's format validates exactly as the stamp of
     * that write sequence would: a stamp carries no identity of the lock that issued it.
     *
     * @param stamp a stamp from {@link #tryOptimisticRead()}
     * @return {@code true} if the stamp is a stamp's value and no write-lock acquisition happened since
     */
    public boolean validate(long stamp) {
        VarHandle.acquireFence(); // the validation acquire fence: the caller's data reads stay before the re-read.
        long current = state; // volatile read: linearization point.
        return (stamp & STAMP_FORMAT_MASK) == 1L && (current & SEQUENCE_MASK) == (stamp & SEQUENCE_MASK);
    }

    // ---- Introspection

    /**
     * Returns the read holds of all threads together (a thread that holds the read lock twice counts
     * twice); a snapshot, for monitoring.
     *
     * @return the total read holds
     */
    public int getReadLockCount() {
        return (int) (state & READ_MASK);
    }

    /**
     * Returns how many times the current thread holds the read lock.
     *
     * @return the current thread's read holds
     */
    public int getReadHoldCount() {
        return readHoldsOf(Thread.currentThread());
    }

    /**
     * Returns how many times the current thread holds the write lock: 0 if it does not hold it.
     *
     * @return the current thread's write holds
     */
    public int getWriteHoldCount() {
        return isWriteLockedByCurrentThread() ? writeHolds : 0; // plain: we are the writer.
    }

    /**
     * Returns whether any thread holds the write lock; a snapshot, for monitoring.
     *
     * @return {@code true} if write-locked
     */
    public boolean isWriteLocked() {
        return isWriteLocked(state);
    }

    /**
     * Returns whether the current thread holds the write lock.
     *
     * @return {@code true} if the current thread is the writer
     */
    public boolean isWriteLockedByCurrentThread() {
        return WRITER.getOpaque(this) == Thread.currentThread(); // opaque: only we write ourselves there.
    }

    /**
     * Returns whether any thread is queued, waiting for either lock; a snapshot, for monitoring.
     *
     * @return {@code true} if a thread may be waiting
     */
    public boolean hasQueuedThreads() {
        return waiters > 0;
    }

    /**
     * Returns the number of threads queued, waiting for either lock; a snapshot, for monitoring.
     * Threads still in their short spin before queueing are not counted.
     *
     * @return the number of queued threads
     */
    public int getQueueLength() {
        return waiters;
    }

    /**
     * Describes the policy and the state, for example
     * {@code BrokenPolicyReadWriteMutex[FAIR, write-locked by thread "main", read holds = 0]},
     * {@code BrokenPolicyReadWriteMutex[WRITER_PREFERRING, read-locked, read holds = 2]} or
     * {@code BrokenPolicyReadWriteMutex[READER_PREFERRING, unlocked, read holds = 0]}.
     *
     * @return a description of the lock
     */
    @Override
    public String toString() {
        long current = state;
        return "BrokenPolicyReadWriteMutex[" + policy + ", " + writeState(current) + ", read holds = " + (current & READ_MASK) + "]";
    }

    private String writeState(long current) {
        if (!isWriteLocked(current)) {
            return (current & READ_MASK) == 0L ? "unlocked" : "read-locked";
        }
        Thread holder = (Thread) WRITER.getOpaque(this); // opaque: a snapshot; null just after the CAS.
        return holder == null ? "write-locked" : "write-locked by " + ReentrantMutex.describe(holder);
    }

    private static boolean isWriteLocked(long state) {
        return (state & WRITE_UNIT) != 0L;
    }

    // ---- Read lock

    /**
     * The current thread's record of read holds, through the one-entry cache. Only {@code forReading}
     * creates a record or updates the cache; otherwise a missing record is null.
     */
    private ReadHolds holdsOf(Thread current, boolean forReading) {
        long id = current.getId();
        ReadHolds cached = (ReadHolds) LAST_READER.getOpaque(this); // opaque: a hint; its threadId is final.
        if (cached != null && cached.threadId == id) {
            return cached;
        }
        ReadHolds own = readHolds.get();
        if (!forReading) {
            return own;
        }
        if (own == null) {
            own = new ReadHolds(id);
            readHolds.set(own);
        }
        LAST_READER.setOpaque(this, own); // opaque: a hint for the next caller.
        return own;
    }

    /** How many read holds the current thread has. */
    private int readHoldsOf(Thread current) {
        ReadHolds own = holdsOf(current, false);
        return own == null ? 0 : own.count; // plain: the record is the current thread's.
    }

    /**
     * One attempt to take a read hold: a reentrant one always succeeds, a new one only if no other
     * thread writes and {@code admitted}. Retries only when another CAS interfered.
     */
    private boolean tryAcquireRead(ReadHolds holds, boolean reentrant, boolean admitted) {
        if (!reentrant && !admitted) {
            return false;
        }
        while (true) {
            long observed = state;
            if (isWriteLocked(observed) && !reentrant) {
                return false; // a writer holds it (reentrant readers never meet another writer).
            }
            if ((observed & READ_MASK) == MAX_READ_HOLDS) {
                throw new Error("Maximum lock count exceeded: " + MAX_READ_HOLDS + " read holds");
            }
            if (STATE.compareAndSet(this, observed, observed + 1L)) {
                holds.count++; // plain: the record is this thread's.
                return true; // the successful CAS is the linearization point.
            }
            // Another reader's CAS, or a writer's, came first: look again.
        }
    }

    /** Whether the thread already holds the read or the write lock, so that a read hold is reentrant. */
    private boolean reentrant(Thread current, ReadHolds holds) {
        return holds.count > 0 || WRITER.getOpaque(this) == current; // plain: our own record; opaque: see writer.
    }

    private boolean tryLockRead(Thread current) {
        ReadHolds holds = holdsOf(current, true);
        boolean reentrant = reentrant(current, holds);
        return tryAcquireRead(holds, reentrant, true /* THE BUG: was reentrant || !policy.readerShouldBlock(this) */);
    }

    private void unlockRead() {
        Thread current = Thread.currentThread();
        ReadHolds holds = holdsOf(current, false);
        if (holds == null || holds.count == 0) {
            throw new IllegalMonitorStateException("readLock().unlock() by " + ReentrantMutex.describe(current)
                    + ", which does not hold the read lock of " + this);
        }
        holds.count--; // plain: the record is this thread's.
        releaseReadHold();
    }

    /** Gives one read hold back to the state; the caller has taken it out of its record. */
    private void releaseReadHold() {
        long before = (long) STATE.getAndAdd(this, -1L); // RMW: linearization point of the release.
        // The last read hold, and a writer queued: only a writer waits for the read holds to go. A volatile
        // read of waitingWriters, after the RMW: see "No lost wake-up".
        if ((before & READ_MASK) == 1L && waitingWriters != 0) {
            admitQueued();
        }
    }

    // ---- Write lock

    /** Throws if the current thread holds the read lock and not the write lock: an upgrade would deadlock. */
    private void refuseUpgrade(Thread current, String operation) {
        if ((state & READ_MASK) != 0L && WRITER.getOpaque(this) != current) { // volatile, opaque
            // Somebody reads, and we do not write: make sure the reader is not us.
            int held = readHoldsOf(current);
            if (held > 0) {
                throw new IllegalMonitorStateException("writeLock()." + operation + " by " + ReentrantMutex.describe(current)
                        + ", which holds the read lock (" + held + (held == 1 ? " hold" : " holds")
                        + "): a read lock cannot be upgraded to the write lock, because two readers upgrading"
                        + " at once would wait for each other forever. Release the read lock first,"
                        + " then take the write lock and check the state again.");
            }
        }
    }

    /**
     * One attempt to take a write hold: a reentrant one if the thread writes already, else a CAS from
     * "free" if {@code admitted}.
     */
    private boolean tryAcquireWrite(Thread current, boolean admitted) {
        long observed = state;
        if (isWriteLocked(observed)) {
            if (WRITER.getOpaque(this) != current) { // opaque: only we write ourselves there.
                return false;
            }
            if (writeHolds == Integer.MAX_VALUE) {
                throw new Error("Maximum lock count exceeded: " + Integer.MAX_VALUE + " write holds");
            }
            writeHolds++; // plain: only the writer. Linearization point of a reentrant acquisition.
            return true;
        }
        if (!admitted || (observed & READ_MASK) != 0L) {
            return false;
        }
        if (STATE.compareAndSet(this, observed, observed + WRITE_UNIT)) { // the successful CAS is the linearization point.
            // The store-store fence: the odd sequence is visible before our data writes (see the notes).
            VarHandle.storeStoreFence();
            // opaque: a thread sees itself here only if it wrote itself, all the owner checks need.
            WRITER.setOpaque(this, current);
            writeHolds = 1; // plain: we are the writer.
            return true;
        }
        return false;
    }

    private boolean tryLockWrite(Thread current) {
        return tryAcquireWrite(current, !policy.writerShouldBlock(this));
    }

    private void unlockWrite() {
        Thread current = Thread.currentThread();
        if (WRITER.getOpaque(this) != current) { // opaque: only we write ourselves there.
            throw new IllegalMonitorStateException("writeLock().unlock() by " + ReentrantMutex.describe(current)
                    + ", which does not hold the write lock of " + this);
        }
        int remaining = writeHolds - 1;
        writeHolds = remaining; // plain: only the writer.
        if (remaining == 0) {
            releaseWrite();
        }
    }

    /** Releases the write lock; the caller is the writer and has dropped its holds to zero. */
    private void releaseWrite() {
        WRITER.setOpaque(this, null); // opaque: before the release, so no thread sees the lock free and us in it.
        state = state + WRITE_UNIT; // volatile write (invariant 1: only we change it now). Linearization point.
        if (waiters != 0) { // volatile read, after the volatile write: see "No lost wake-up".
            admitQueued();
        }
    }

    // ---- Waiting

    /**
     * Asks for a grant from the queue without waiting for the gate: if another thread holds the gate,
     * that thread serves the request as it lets go of the gate ({@link #unlockGate()}).
     */
    private void admitQueued() {
        grantPending = true; // volatile write, before the gate's CAS reads its owner: Dekker with unlockGate.
        while (grantPending && gate.tryLock()) {
            try {
                grantPending = false; // volatile write, before grantFromQueue reads the state.
                grantFromQueue();
            } finally {
                gate.unlock();
            }
        }
    }

    /** Releases the gate, then serves a grant that a release asked for meanwhile. */
    private void unlockGate() {
        gate.unlock(); // a volatile write of the gate's owner, before the volatile read of grantPending.
        if (grantPending) {
            admitQueued();
        }
    }

    /**
     * Acquires in the given mode, spinning briefly and then queueing. Returns {@code false} if the
     * {@link System#nanoTime()} deadline passed ({@code timed}: a flag of its own, as any {@code long} can
     * be a deadline), throws if interruptible and interrupted (either way, nothing changed); an
     * uninterruptible wait keeps an interrupt as the thread's status.
     */
    private boolean acquire(boolean write, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        Thread current = Thread.currentThread();
        ReadHolds holds = write ? null : holdsOf(current, true);
        boolean woken = false; // woken by the queue to compete, and counted in wokenReaders: the policy admitted us.
        boolean interrupted = false;
        try {
            while (true) {
                int tries = woken ? WOKEN_READER_TRIES : write ? writerSpinsBeforeQueueing : spinsBeforeQueueing;
                for (int spins = 0; spins < tries && (woken || waiters == 0); spins++) {
                    if (spins > 0 || !woken) {
                        Thread.onSpinWait(); // a short, bounded spin: a holder may be about to release.
                    }
                    boolean acquired = woken ? tryWokenRead(holds) : write ? tryLockWrite(current) : tryLockRead(current);
                    if (acquired) {
                        woken = false; // tryWokenRead has left flight.
                        if (interrupted) {
                            current.interrupt(); // kept as our status.
                        }
                        return true;
                    }
                }
                Ticket ticket = new Ticket(current, write);
                gate.lock();
                boolean turn;
                try {
                    try {
                        if (woken) {
                            WOKEN_READERS.getAndAdd(this, -1); // RMW, under the gate: grantFromQueue below sees it.
                            woken = false;
                            FUTILE_WAKEUPS.getAndAdd(this, 1L); // RMW: woken, and a writer came first.
                        }
                        enqueue(ticket);
                        grantFromQueue(); // reads the state after our write of waiters: see "No lost wake-up".
                    } finally {
                        unlockGate();
                    }
                    turn = awaitTurn(ticket, interruptible, timed, deadline);
                } catch (InterruptedException withdrawn) {
                    throw withdrawn;
                } catch (Throwable failure) { // an Error once queued, e.g. out of memory in withdraw's gate.lock()
                    interrupted |= ticket.interrupted;
                    if (ticket.arrival != 0) { // plain: our own write, in enqueue.
                        abandon(ticket);
                    }
                    throw failure;
                }
                if (!turn) {
                    if (interrupted) {
                        current.interrupt(); // kept as our status.
                    }
                    return false;
                }
                interrupted |= ticket.interrupted;
                if (ticket.woken) { // plain: written before served, which we read.
                    woken = true;
                    if (interruptible && ticket.interrupted) {
                        throw new InterruptedException(); // woken as we gave up: we hold nothing, so the interrupt wins.
                    }
                    continue;
                }
                if (interrupted) {
                    current.interrupt(); // kept as our status, whatever happens next.
                }
                if (ticket.refused) {
                    throw new Error("Maximum lock count exceeded: " + MAX_READ_HOLDS + " read holds");
                }
                if (write) {
                    takeGrantedWrite(current);
                } else {
                    holds.count++; // plain: our record; the granter added the hold to the state.
                }
                return true;
            }
        } catch (Throwable failure) { // interrupted, the count full, or an Error such as out of memory
            if (woken) {
                leaveFlight();
            }
            if (interrupted && !(failure instanceof InterruptedException)) {
                current.interrupt(); // kept as our status, on every way out.
            }
            throw failure;
        }
    }

    /** Takes up the write lock that a server took for our ticket. */
    private void takeGrantedWrite(Thread current) {
        // The seqlock's writer fence, as a release fence: it orders our read of served, which
        // saw the odd sequence, before our data writes.
        VarHandle.releaseFence();
        WRITER.setOpaque(this, current); // opaque, as in tryAcquireWrite.
        writeHolds = 1; // plain: we are the writer.
    }

    /** Queues a write ticket for a signalled condition waiter, on its behalf (ConditionQueue's "Transfer"). */
    private Ticket enqueueSignalledWriter(Thread waiter) {
        Ticket ticket = new Ticket(waiter, true);
        ticket.parking = true; // volatile write: the waiter may be parked already, so its service unparks it.
        gate.lock();
        try {
            enqueue(ticket); // no grant now: the signaller holds the write lock, and its release grants.
        } finally {
            unlockGate();
        }
        return ticket;
    }

    /** Waits, uninterruptibly, for the write lock from a ticket that a signal queued. */
    private void acquireWriteQueued(Thread current, Ticket ticket) {
        try {
            awaitTurn(ticket, false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible wait was interrupted", impossible);
        } catch (Throwable failure) { // an Error inside the wait: as in acquire
            abandon(ticket);
            throw failure;
        } finally {
            if (ticket.interrupted) {
                current.interrupt(); // kept as our status.
            }
        }
        takeGrantedWrite(current); // a write ticket is only ever served by a grant.
    }

    /**
     * Waits until the ticket is served, and returns {@code true}; or withdraws it and returns
     * {@code false} (the deadline passed) or throws (interruptible, and interrupted). An interrupt that
     * does not end the wait is noted in the ticket, with the thread's status cleared.
     */
    private boolean awaitTurn(Ticket ticket, boolean interruptible, boolean timed, long deadline)
            throws InterruptedException {
        while (!ticket.served) { // volatile read: pairs with the server's write.
            if (!ticket.parking) {
                ticket.parking = true; // volatile write, then the read of served: Dekker with serve().
                continue;
            }
            if (timed) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0L) {
                    if (withdraw(ticket)) {
                        return false;
                    }
                    break; // served as we gave up: the grant stands, or we compete once more.
                }
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
            if (Thread.interrupted()) {
                ticket.interrupted = true;
                if (interruptible) {
                    if (withdraw(ticket)) {
                        throw new InterruptedException();
                    }
                    break; // served as we gave up: as if the interrupt came a moment later.
                }
            } else if (!ticket.served && !(timed && deadline - System.nanoTime() <= 0L)) {
                FUTILE_WAKEUPS.getAndAdd(this, 1L); // RMW: woken by nobody (counted for the scale tests).
            }
        }
        return true;
    }

    /**
     * Undoes a wait that an {@code Error} ended, so that nothing is left behind for a thread that has
     * gone: a queued ticket leaves the queue; a grant is released; a woken reader leaves flight. Takes
     * the gate by {@code tryLock}, which allocates nothing, since the {@code Error} may be out of memory.
     */
    private void abandon(Ticket ticket) {
        while (!gate.tryLock()) {
            Thread.yield();
        }
        try {
            if (!ticket.served) {
                if (!ticket.withdrawn) {
                    unlink(ticket);
                    ticket.withdrawn = true; // plain: under the gate.
                }
                grantFromQueue();
                return;
            }
        } finally {
            unlockGate();
        }
        if (ticket.woken) {
            leaveFlight();
        } else if (!ticket.refused) {
            if (ticket.write) {
                releaseWrite();
            } else {
                releaseReadHold();
            }
        }
    }

    /** A woken reader gives up without entering: it is no longer in flight, and a writer may be due. */
    private void leaveFlight() {
        WOKEN_READERS.getAndAdd(this, -1); // RMW
        if (waiters != 0) { // volatile read, after the RMW: see "No lost wake-up".
            admitQueued();
        }
    }

    /** One attempt of a woken reader, which the queue admitted: it leaves flight if it enters. */
    private boolean tryWokenRead(ReadHolds holds) {
        boolean acquired = tryAcquireRead(holds, false, true);
        if (acquired) {
            WOKEN_READERS.getAndAdd(this, -1); // RMW, after our hold is in the state: see "No lost wake-up".
        }
        return acquired;
    }

    /**
     * Takes a waiting ticket out of the queue after a timeout or an interrupt, and lets in whoever its
     * leaving admits. Returns {@code false} if the ticket was served first: then the caller holds the
     * lock, or was woken to compete for it.
     */
    private boolean withdraw(Ticket ticket) {
        gate.lock();
        try {
            if (ticket.served) {
                return false;
            }
            unlink(ticket);
            ticket.withdrawn = true; // plain: under the gate.
            grantFromQueue();
            return true;
        } finally {
            unlockGate();
        }
    }

    /** Lets in the front of the queue while the state allows: one writer, or a run of readers. Under the gate. */
    private void grantFromQueue() {
        while (true) {
            Ticket reader = queuedReaders.first;
            Ticket writer = queuedWriters.first;
            if (reader == null && writer == null) {
                return;
            }
            ticketsVisited++; // plain: under the gate.
            if (reader == null || writer != null && policy.writerGoesFirst(writer.arrival, reader.arrival)) {
                if (!(policy.writerWaitsForWokenReaders && wokenReaders != 0) && casWriteLockForWaiter()) {
                    grant(writer);
                }
                return;
            }
            if (policy.wakesReaders) {
                if (isWriteLocked(state)) {
                    return;
                }
                wake(reader);
                continue;
            }
            long observed = casReadHoldForWaiter();
            if (isWriteLocked(observed)) {
                return;
            }
            reader.refused = (observed & READ_MASK) == MAX_READ_HOLDS; // it wakes to throw, as a newcomer would.
            grant(reader);
        }
    }

    /** Takes the write lock for a queued writer if nobody holds either lock. */
    private boolean casWriteLockForWaiter() {
        while (true) {
            long observed = state;
            if ((observed & (WRITE_UNIT | READ_MASK)) != 0L) {
                return false; // held: its release will grant.
            }
            if (STATE.compareAndSet(this, observed, observed + WRITE_UNIT)) { // linearization point of the waiter's acquisition.
                return true; // the woken writer issues the seqlock's writer fence itself.
            }
        }
    }

    /**
     * Adds a read hold for a queued reader unless a writer holds the lock or the count is full.
     * Returns the state it saw: write-locked (nothing done), full (nothing done), or before its CAS.
     */
    private long casReadHoldForWaiter() {
        while (true) {
            long observed = state;
            if (isWriteLocked(observed) || (observed & READ_MASK) == MAX_READ_HOLDS) {
                return observed;
            }
            if (STATE.compareAndSet(this, observed, observed + 1L)) { // linearization point of the waiter's acquisition.
                return observed;
            }
        }
    }

    /** Hands the lock, already taken on its behalf, to a queued thread. Under the gate. */
    private void grant(Ticket ticket) {
        unlink(ticket);
        serve(ticket);
    }

    /** Wakes a queued reader to compete for the lock, and counts it in flight. Under the gate. */
    private void wake(Ticket reader) {
        unlink(reader);
        WOKEN_READERS.getAndAdd(this, 1); // RMW, before the reader can run: see "No lost wake-up".
        reader.woken = true; // plain: published by the volatile write of served.
        serve(reader);
    }

    private void serve(Ticket ticket) {
        ticket.served = true; // volatile write: the waiter's read of it ends its wait.
        if (ticket.parking) { // volatile read, after the write: unpark only a waiter that may park.
            LockSupport.unpark(ticket.thread);
        }
    }

    /** Appends a ticket and counts it. Under the gate. */
    private void enqueue(Ticket ticket) {
        ticket.arrival = ++arrivals;
        (ticket.write ? queuedWriters : queuedReaders).append(ticket);
        waiters = waiters + 1; // volatile write (only under the gate), before grantFromQueue reads the state.
        if (ticket.write) {
            waitingWriters = waitingWriters + 1; // volatile write (only under the gate).
        }
    }

    /** Unlinks a ticket and uncounts it. Under the gate. */
    private void unlink(Ticket ticket) {
        (ticket.write ? queuedWriters : queuedReaders).remove(ticket);
        waiters = waiters - 1; // volatile write (only under the gate).
        if (ticket.write) {
            waitingWriters = waitingWriters - 1; // volatile write (only under the gate).
        }
    }

    /** For the scale tests: how many tickets grantFromQueue has looked at. */
    long ticketsVisited() {
        gate.lock();
        try {
            return ticketsVisited;
        } finally {
            unlockGate();
        }
    }

    /** For the tests: the internal mutex that guards the queue. */
    ReentrantMutex gate() {
        return gate;
    }

    /** For the tests: how many woken readers are in flight. */
    int wokenReaders() {
        return wokenReaders;
    }

    /** For the scale tests: how many times a waiter returned from park with nothing to show for it. */
    long futileWakeups() {
        return futileWakeups;
    }

    // ---- The two views

    /** The read lock. */
    private final class ReadLock implements Lock {

        @Override
        public void lock() {
            if (!tryLockRead(Thread.currentThread())) {
                acquireUninterruptibly(false);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!tryLockRead(Thread.currentThread())) {
                acquire(false, true, false, 0L);
            }
        }

        @Override
        public boolean tryLock() {
            return tryLockRead(Thread.currentThread());
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long nanos = Objects.requireNonNull(unit, "unit").toNanos(time);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (tryLockRead(Thread.currentThread())) {
                return true;
            }
            return nanos > 0L && acquire(false, true, true, System.nanoTime() + nanos);
        }

        @Override
        public void unlock() {
            unlockRead();
        }

        /** Always throws: a condition waiter must hold its lock exclusively. */
        @Override
        public Condition newCondition() {
            throw new UnsupportedOperationException("the read lock of a BrokenPolicyReadWriteMutex has no conditions:"
                    + " await() must release a lock that no other thread holds, and readers share theirs."
                    + " Use writeLock().newCondition().");
        }

        /** For example {@code BrokenPolicyReadWriteMutex.ReadLock[read holds = 2, of which the current thread's = 1]}. */
        @Override
        public String toString() {
            return "BrokenPolicyReadWriteMutex.ReadLock[read holds = " + getReadLockCount()
                    + ", of which the current thread's = " + getReadHoldCount() + "]";
        }
    }

    /** The write lock. */
    private final class WriteLock implements Lock {

        @Override
        public void lock() {
            Thread current = Thread.currentThread();
            refuseUpgrade(current, "lock()");
            if (!tryLockWrite(current)) {
                acquireUninterruptibly(true);
            }
        }

        @Override
        public void lockInterruptibly() throws InterruptedException {
            Thread current = Thread.currentThread();
            refuseUpgrade(current, "lockInterruptibly()");
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (!tryLockWrite(current)) {
                acquire(true, true, false, 0L);
            }
        }

        @Override
        public boolean tryLock() {
            Thread current = Thread.currentThread();
            refuseUpgrade(current, "tryLock()");
            return tryLockWrite(current);
        }

        @Override
        public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
            long nanos = Objects.requireNonNull(unit, "unit").toNanos(time);
            Thread current = Thread.currentThread();
            refuseUpgrade(current, "tryLock(time, unit)");
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (tryLockWrite(current)) {
                return true;
            }
            return nanos > 0L && acquire(true, true, true, System.nanoTime() + nanos);
        }

        @Override
        public void unlock() {
            unlockWrite();
        }

        /**
         * Returns a new condition with the full {@link Condition} semantics; {@code await} releases every
         * write hold and restores them before it returns. Awaiting while also holding the read lock
         * throws {@link IllegalMonitorStateException}: no writer could ever get in to signal.
         */
        @Override
        public Condition newCondition() {
            return new WriteCondition();
        }

        /** {@code BrokenPolicyReadWriteMutex.WriteLock[Unlocked]} or {@code BrokenPolicyReadWriteMutex.WriteLock[Locked by thread "main"]}. */
        @Override
        public String toString() {
            long current = state;
            Thread holder = (Thread) WRITER.getOpaque(BrokenPolicyReadWriteMutex.this); // opaque: a snapshot.
            return "BrokenPolicyReadWriteMutex.WriteLock[" + (!isWriteLocked(current) ? "Unlocked"
                    : holder == null ? "Locked" : "Locked by " + ReentrantMutex.describe(holder)) + "]";
        }
    }

    /** Acquires for a thread that must not give up: lock(), and a condition waiter's re-acquisition. */
    private void acquireUninterruptibly(boolean write) {
        try {
            acquire(write, false, false, 0L);
        } catch (InterruptedException impossible) {
            throw new AssertionError("an uninterruptible wait was interrupted", impossible);
        }
    }

    /** A condition of the write lock; the wait-set logic is in {@link ConditionQueue}. */
    private final class WriteCondition extends ConditionQueue<Ticket> {

        @Override
        void checkHeldExclusively(String operation) {
            Thread current = Thread.currentThread();
            if (WRITER.getOpaque(BrokenPolicyReadWriteMutex.this) != current) { // opaque: only we write ourselves there.
                throw new IllegalMonitorStateException(operation + " by " + ReentrantMutex.describe(current)
                        + ", which does not hold the write lock of " + BrokenPolicyReadWriteMutex.this);
            }
        }

        @Override
        void checkMayAwait() {
            Thread current = Thread.currentThread();
            if (readHoldsOf(current) > 0) {
                throw new IllegalMonitorStateException("await() by " + ReentrantMutex.describe(current)
                        + ", which also holds the read lock: no writer could get in to signal it."
                        + " Release the read lock before waiting.");
            }
        }

        @Override
        int releaseAllHolds() {
            int saved = writeHolds;
            writeHolds = 0; // plain: we are the writer.
            releaseWrite();
            return saved;
        }

        @Override
        Ticket enqueueSignalled(Thread waiter) {
            return enqueueSignalledWriter(waiter);
        }

        @Override
        boolean reacquireHolds(int savedHolds, Ticket place) {
            Thread current = Thread.currentThread();
            if (place != null) {
                acquireWriteQueued(current, place);
            } else if (!tryLockWrite(current)) {
                acquireUninterruptibly(true);
            }
            writeHolds = savedHolds; // plain: we are the writer again.
            return Thread.interrupted();
        }

        @Override
        Object blocker() {
            return BrokenPolicyReadWriteMutex.this;
        }
    }

    // ---- Records

    /** One thread's read holds of this lock. */
    private static final class ReadHolds {
        /** Final, so that a thread that finds the record in the cache reads it right. */
        final long threadId;
        /** Plain: only the owning thread reads or writes it. */
        int count;

        ReadHolds(long threadId) {
            this.threadId = threadId;
        }
    }

    /**
     * A queued thread. Every field but {@code served}, {@code parking} and {@code interrupted} is
     * guarded by the gate, or written before the ticket is enqueued under it.
     */
    private static final class Ticket {
        final Thread thread;
        final boolean write;
        long arrival;
        Ticket prev;
        Ticket next;
        /**
         * Set, under the gate, once the ticket leaves the queue: the lock taken for this thread, or
         * ({@code woken}) the thread woken to compete for it. Volatile: the waiter reads it unlocked.
         */
        volatile boolean served;
        /** Set by the waiter before it first parks; a server unparks only then. Volatile (Dekker with served). */
        volatile boolean parking;
        /** Served by a wake-up, not a grant (a non-FAIR reader). Under the gate; read by the waiter after served. */
        boolean woken;
        /** The waiter was interrupted while it waited, and kept waiting. The waiter's own. */
        boolean interrupted;
        /** Set with served when a reader could not be given a hold because the count is full. Under the gate. */
        boolean refused;
        /** Taken out of the queue by its own thread, which gave up. Under the gate. */
        boolean withdrawn;

        Ticket(Thread thread, boolean write) {
            this.thread = thread;
            this.write = write;
        }
    }

    /** A doubly linked FIFO list of tickets, for O(1) removal from the middle. Plain: under the gate. */
    private static final class TicketList {
        Ticket first;
        Ticket last;

        void append(Ticket ticket) {
            ticket.prev = last;
            if (last == null) {
                first = ticket;
            } else {
                last.next = ticket;
            }
            last = ticket;
        }

        void remove(Ticket ticket) {
            if (ticket.prev == null) {
                first = ticket.next;
            } else {
                ticket.prev.next = ticket.next;
            }
            if (ticket.next == null) {
                last = ticket.prev;
            } else {
                ticket.next.prev = ticket.prev;
            }
            ticket.prev = null;
            ticket.next = null;
        }
    }

    private static final VarHandle STATE;
    private static final VarHandle WRITER;
    private static final VarHandle LAST_READER;
    private static final VarHandle FUTILE_WAKEUPS;
    private static final VarHandle WOKEN_READERS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(BrokenPolicyReadWriteMutex.class, "state", long.class);
            WRITER = lookup.findVarHandle(BrokenPolicyReadWriteMutex.class, "writer", Thread.class);
            LAST_READER = lookup.findVarHandle(BrokenPolicyReadWriteMutex.class, "lastReader", ReadHolds.class);
            WOKEN_READERS = lookup.findVarHandle(BrokenPolicyReadWriteMutex.class, "wokenReaders", int.class);
            FUTILE_WAKEUPS = lookup.findVarHandle(BrokenPolicyReadWriteMutex.class, "futileWakeups", long.class);
            lookup.ensureInitialized(ReadHolds.class); // on one thread: see ReentrantMutex's static initializer.
            lookup.ensureInitialized(Ticket.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
