/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.MINUTES;

import dev.interlock.locks.ReadWriteMutex;
import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Readers and writers: a {@link ReadWriteMutex} under each {@link Policy}, with a stream of readers
 * and one writer, showing that a writer starves under {@code READER_PREFERRING} and does not under
 * {@code FAIR} or {@code WRITER_PREFERRING}.
 *
 * <p>{@value #READERS} readers each hold the read lock {@value #HOLD_MILLIS} ms at a time and take it
 * again at once. Their holds are staggered ({@code HOLD_MILLIS / READERS} apart), so at every instant
 * several of them are inside: if new readers may enter, the lock is never free while they run. They
 * read for {@value #WINDOW_MILLIS} ms; at {@value #WRITER_ASKS_AT_MILLIS} ms the writer (the calling
 * thread) asks for the write lock.
 * <ul>
 *   <li>{@code READER_PREFERRING} lets each new reader in past the waiting writer, so the writer waits
 *       until the readers stop: the rest of the window.</li>
 *   <li>{@code FAIR} and {@code WRITER_PREFERRING} hold new readers back while the writer waits, so
 *       it waits only for the holds already inside: at most one hold.</li>
 * </ul>
 * It prints, per policy, the writer's wait, whether the readers were still running when it got in,
 * and the reads completed.
 *
 * <p>Run it: {@code ./mvnw -q -pl examples exec:java -Dexample=readers-writers}
 */
public final class ReadersWriters {

    /** The reader threads. */
    static final int READERS = 4;
    /** How long a reader holds the read lock each time. */
    static final long HOLD_MILLIS = 4;
    /** How long the readers read; they stop {@code WINDOW_MILLIS - WRITER_ASKS_AT_MILLIS} after the writer asks. */
    static final long WINDOW_MILLIS = 500;
    /** When, into the window, the writer asks for the write lock. */
    static final long WRITER_ASKS_AT_MILLIS = 100;
    /** How long the writer holds the write lock. */
    static final long WRITE_HOLD_MILLIS = 1;

    /**
     * One policy's run.
     *
     * @param policy the lock's policy
     * @param askedAtMillis when the writer asked, into the window
     * @param writerWaitMillis how long the writer waited for the write lock
     * @param readersStoppedFirst whether every reader had finished before the writer got in
     * @param reads the read holds completed
     * @param readsPerMilli {@code reads} over the readers' window
     */
    record Run(Policy policy, double askedAtMillis, double writerWaitMillis, boolean readersStoppedFirst,
            long reads, double readsPerMilli) {
    }

    private ReadersWriters() {
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws InterruptedException if interrupted while the readers run
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.printf("%d readers hold the read lock %d ms at a time, staggered so that their holds"
                + " always overlap, for %d ms.%nA writer asks for the write lock at %d ms, with %d ms of"
                + " reading left.%n%n", READERS, HOLD_MILLIS, WINDOW_MILLIS, WRITER_ASKS_AT_MILLIS,
                WINDOW_MILLIS - WRITER_ASKS_AT_MILLIS);
        System.out.printf("%-18s %14s  %-27s %6s %9s%n", "policy", "writer's wait", "writer got in", "reads",
                "reads/ms");
        for (Policy policy : Policy.values()) {
            Run run = run(policy);
            System.out.printf("%-18s %11.1f ms  %-27s %6d %9.2f%n", policy, run.writerWaitMillis(),
                    run.readersStoppedFirst() ? "after the readers stopped" : "while the readers ran",
                    run.reads(), run.readsPerMilli());
        }
    }

    /**
     * Runs the readers and the writer on a new lock with the given policy; the calling thread is the
     * writer.
     *
     * @param policy the lock's policy
     * @return what was measured
     * @throws InterruptedException if interrupted while waiting for the readers
     */
    static Run run(Policy policy) throws InterruptedException {
        ReadWriteMutex lock = new ReadWriteMutex(policy);
        LongAdder reads = new LongAdder();
        AtomicInteger readersRunning = new AtomicInteger(READERS);
        long holdNanos = MILLISECONDS.toNanos(HOLD_MILLIS);
        long start = System.nanoTime() + MILLISECONDS.toNanos(20); // time for the threads to start
        // The readers stop a fixed time after the writer asks, however late a busy machine lets it ask.
        AtomicLong end = new AtomicLong(start + MINUTES.toNanos(1)); // a placeholder until it asks

        List<Thread> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            long firstRelease = start + (i + 1) * holdNanos / READERS; // the stagger
            Thread reader = new Thread(() -> read(lock, start, firstRelease, end, reads, readersRunning),
                    "reader-" + i);
            reader.setDaemon(true);
            readers.add(reader);
            reader.start();
        }

        parkUntil(start + MILLISECONDS.toNanos(WRITER_ASKS_AT_MILLIS));
        long askedAt = System.nanoTime();
        end.set(askedAt + MILLISECONDS.toNanos(WINDOW_MILLIS - WRITER_ASKS_AT_MILLIS));
        lock.writeLock().lock();
        long gotInAt = System.nanoTime();
        boolean readersStoppedFirst;
        try {
            readersStoppedFirst = readersRunning.get() == 0;
            parkUntil(gotInAt + MILLISECONDS.toNanos(WRITE_HOLD_MILLIS));
        } finally {
            lock.writeLock().unlock();
        }

        for (Thread reader : readers) {
            reader.join(WINDOW_MILLIS + 10_000);
            if (reader.isAlive()) {
                throw new IllegalStateException(reader.getName() + " did not finish");
            }
        }
        double windowMillis = millis(end.get() - start);
        return new Run(policy, millis(askedAt - start), millis(gotInAt - askedAt), readersStoppedFirst,
                reads.sum(), reads.sum() / windowMillis);
    }

    /** One reader: holds the read lock until its next release time, takes it again, until the end. */
    private static void read(ReadWriteMutex lock, long start, long firstRelease, AtomicLong end, LongAdder reads,
            AtomicInteger readersRunning) {
        parkUntil(start);
        long release = firstRelease;
        boolean last = false;
        while (!last) {
            lock.readLock().lock();
            try {
                // Release times are fixed (firstRelease + k * hold), so the stagger survives a wait for
                // the writer; a reader that got in late skips the releases it missed.
                long now = System.nanoTime();
                while (release - now <= 0) {
                    release += MILLISECONDS.toNanos(HOLD_MILLIS);
                }
                parkUntil(release);
                reads.increment();
                last = release - end.get() >= 0;
                if (last) {
                    readersRunning.decrementAndGet(); // while still holding: the writer cannot miss it
                }
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /** Parks (never spins) until {@code System.nanoTime()} reaches the deadline. */
    private static void parkUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
