/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A counter that spreads contended updates over padded cells, in the spirit of
 * {@link java.util.concurrent.atomic.LongAdder}: updates scale with the number of threads, and
 * a read sums the cells.
 *
 * <p>What a read guarantees, precisely (the class is <em>not</em> linearizable in general):
 * <ul>
 *   <li><b>No lost updates.</b> Every update is applied exactly once, to exactly one cell.</li>
 *   <li><b>Quiescent exactness.</b> A {@link #get()} that overlaps no update returns the exact total.</li>
 *   <li><b>Bounds.</b> A {@link #get()} includes every update that happened-before it, and no update
 *       that began after it returned; updates concurrent with it may or may not be included, each one
 *       independently.</li>
 *   <li><b>Monotonic reads under monotonic updates.</b> If every update adds a non-negative delta, the
 *       reads made by any one thread never decrease (between resets). Why: each cell only grows, cells
 *       are never dropped, and a thread's later read of a cell sees that cell's value or a later one.</li>
 *   <li><b>Linearizable when all updates are equal.</b> If every update adds the same delta (for example,
 *       the counter is only ever {@link #increment()}ed) and no reset runs at the same time, {@link #get()}
 *       is linearizable. Why: the total then moves in equal steps, each taken at one atomic step (a CAS or an atomic add); a read
 *       returns at least the total at its start and at most the total at its end, so the total passed
 *       through the value it returns while it ran.</li>
 *   <li><b>Not a snapshot otherwise.</b> With mixed deltas, a concurrent {@link #get()} may return a
 *       total that the counter never held at any instant. Example: one thread adds 1 to cell A, then
 *       -1 to cell B; a reader that reads A before the first update and B after the second returns -1.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before an update happen-before the
 * actions after a {@link #get()} or {@link #sumThenReset()} that includes that update.
 *
 * <p><b>Progress:</b> updates are wait-free where the hardware has an atomic add (x86-64
 * {@code LOCK XADD}, ARMv8.1 LSE), and lock-free elsewhere: each takes a bounded number of steps (at
 * most one CAS on the base, one table installation, one atomic add and one growth of the table),
 * whatever other threads do, and none of them is retried. {@link #get()} is wait-free, bounded by the number of cells;
 * {@link #sumThenReset()} is wait-free where the hardware has an atomic exchange.
 *
 * <p><b>Note:</b> {@link #sumThenReset()} is exact in a stronger sense than LongAdder's: every update is
 * counted by exactly one {@code sumThenReset()} or is still in the counter afterwards, even when updates
 * run concurrently with it.
 *
 * <h2>Implementation notes</h2>
 * The state is a {@code base} value and, once threads have contended, a table of {@code cells}, each
 * in its own padded cache line ({@link PaddedLong}). The counter's value is {@code base} plus the sum
 * of the cells.
 * <ol>
 *   <li>While there is no table, an update CASes {@code base}. Uncontended, that is all it costs.</li>
 *   <li>The first failed CAS on {@code base} is contention: the thread installs a table of two cells with
 *       one CAS on {@code cells}. From then on, every update goes to a cell.</li>
 *   <li>A thread's cell is the low bits of its thread id. Thread ids are handed out in sequence, so
 *       threads created one after another, such as a pool's workers, use distinct cells as long as the
 *       table has at least as many cells as there are such threads. Reading the id costs one load;
 *       a per-thread random probe would need a {@link ThreadLocal} lookup on every update, because the
 *       JDK's own probe (which LongAdder uses) is not public, and measuring showed that lookup to cost
 *       as much as the update itself.</li>
 *   <li>An update reads its cell, then adds with {@code getAndAdd}, which cannot fail, so there is no
 *       retry loop (LongAdder retries a CAS). If the value {@code getAndAdd} returns is not the value
 *       just read, another thread updated the same cell in between: the cell is shared, and the thread
 *       doubles the table for the updates to come, if it is still smaller than twice the processor
 *       count rounded up to a power of two. Twice the processors, not once as in LongAdder, because a
 *       thread cannot move to another cell: the extra cells separate threads whose ids are not
 *       consecutive. (A concurrent update that leaves the value unchanged goes unnoticed; growth is a
 *       heuristic, and correctness never depends on it.)</li>
 * </ol>
 *
 * <p>Invariants, which together give "no lost updates" without any lock:
 * <ol>
 *   <li>{@code cells} is null or a power-of-two array with no null slot, never written after it is
 *       published.</li>
 *   <li>A table is replaced only by a table twice its size whose first half holds the same cell objects,
 *       so <em>every cell ever published stays reachable from {@code cells}</em>. An update applied to a
 *       cell of an old table is therefore still counted: the cell object moved into the new table.</li>
 *   <li>An update touches {@code base} only if it read {@code cells} as null; one that read it just
 *       before a table was installed may still CAS {@code base} afterwards. Nothing is lost: every
 *       read of the total adds {@code base}.</li>
 * </ol>
 * Growing needs no lock: a thread builds the larger table privately and CASes it in. A loser discards
 * its table, whose fresh cells nobody could have updated because they were never published, and uses
 * the winner's.
 *
 * <p>This differs from LongAdder, which guards table changes with a spin lock ({@code cellsBusy}) and
 * creates cells one at a time, and which rehashes a thread's random probe to move it off a shared cell;
 * here the table is filled when it is built, trading a few hundred bytes for a growth path with no lock
 * and no null checks, and a thread's cell is fixed by its id, trading the ability to move for an update
 * with no retry loop. References: Herlihy and Shavit, <i>The Art of
 * Multiprocessor Programming</i>, 2nd ed., ch. 12 (counting, and why combining and diffracting trees
 * give only quiescent consistency); Doug Lea, {@code java.util.concurrent.atomic.Striped64}.
 * Evidence: {@code StripedCounterLincheckTest} (linearizable under increments only) and the
 * {@code dev.interlock.stress.counters} jcstress tests (no lost update, monotonic reads, exact
 * quiescent total, exactly-once {@code sumThenReset}).
 */
public final class StripedCounter implements Counter {

    /** The size of the first table. */
    private static final int INITIAL_CELLS = 2;

    /** The table stops growing here: twice the processor count, rounded up to a power of two. */
    private static final int MAX_CELLS = Math.max(INITIAL_CELLS,
            Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    /** The total of the updates made before the first contention. Volatile; updated by CAS. */
    private volatile long base;

    /** Null until the first contention; then the table of cells (see the invariants). Volatile. */
    private volatile Cell[] cells;

    /** Creates a counter with value zero. */
    public StripedCounter() {
    }

    /** Adds one. Wait-free. */
    @Override
    public void increment() {
        add(1L);
    }

    /** Subtracts one. Wait-free. */
    @Override
    public void decrement() {
        add(-1L);
    }

    /**
     * Adds {@code delta}. Wait-free on x86-64 and ARMv8.1: at most one CAS on the base, one table
     * installation, one atomic add and one table growth, whatever other threads do.
     *
     * @param delta the value to add, which may be negative
     */
    @Override
    public void add(long delta) {
        Cell[] table = cells; // volatile read: pairs with the CAS that published the table.
        if (table == null) {
            long current = base; // volatile read: only a guess; the CAS checks it.
            if (BASE.compareAndSet(this, current, current + delta)) {
                return; // the successful CAS is the linearization point of an uncontended update.
            }
            table = installTable(null, INITIAL_CELLS); // the CAS failed: contention. Stripe from now on.
        }
        Cell cell = table[cellIndex(table)]; // plain: published tables are never written.
        long seen = cell.value; // volatile read: only to detect another thread on this cell.
        long previous = (long) PaddedLongField.VALUE.getAndAdd(cell, delta); // RMW (getAndAdd): linearization point.
        if (previous != seen && table.length < MAX_CELLS) {
            // Another thread updated this cell between our read and our add: the cell is shared.
            // The update is already done; grow the table so that later updates spread out.
            installTable(table, table.length * 2);
        }
    }

    /**
     * This thread's cell in {@code table}: the low bits of its thread id. Threads created one after
     * another (a pool) have consecutive ids, so any {@code table.length} of them use distinct cells.
     */
    @SuppressWarnings("deprecation") // Thread.getId(): threadId() is JDK 19+, and we target 17.
    private static int cellIndex(Cell[] table) {
        return (int) Thread.currentThread().getId() & (table.length - 1);
    }

    /**
     * Tries to replace {@code expected} (null or the current table) by a table of {@code size} cells
     * whose first slots are {@code expected}'s cells, and returns the table installed by then: this
     * one, or the one another thread installed first.
     */
    private Cell[] installTable(Cell[] expected, int size) {
        Cell[] grown = new Cell[size];
        int kept = expected == null ? 0 : expected.length;
        if (kept > 0) {
            System.arraycopy(expected, 0, grown, 0, kept); // the same cell objects: invariant 2.
        }
        for (int i = kept; i < size; i++) {
            grown[i] = new Cell();
        }
        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown); // CAS: publishes the table and its cells.
        return witness == expected ? grown : witness; // lost the race: another thread's table, at least as large.
    }

    /**
     * Returns the sum of the base and the cells. Exact when no update is concurrent; see the class
     * documentation for what it guarantees otherwise. Wait-free.
     *
     * @return the current total
     */
    @Override
    public long get() {
        long sum = base; // volatile read
        Cell[] table = cells; // volatile read
        if (table != null) {
            for (Cell cell : table) {
                sum += cell.value; // volatile read, one cell at a time: not a snapshot.
            }
        }
        return sum;
    }

    /**
     * Returns the total and resets the counter to zero, losing and double-counting nothing: each update
     * is included in the result of exactly one {@code sumThenReset()}, or remains in the counter.
     * Concurrent updates may land on either side of the reset.
     *
     * <p><b>Note:</b> it is not linearizable, even under increments only. Two calls that overlap may
     * split updates that completed before either began: after two increments have returned, two
     * overlapping calls can each return 1, where one at a time would return 2 and 0 (a Lincheck run
     * found such histories at once). The exactly-once property above is what the tests check.
     *
     * @return the total removed from the counter
     */
    public long sumThenReset() {
        long sum = (long) BASE.getAndSet(this, 0L); // RMW (getAndSet): takes base's total atomically.
        Cell[] table = cells; // volatile read
        if (table != null) {
            for (Cell cell : table) {
                sum += (long) PaddedLongField.VALUE.getAndSet(cell, 0L); // RMW (getAndSet), one cell at a time.
            }
        }
        return sum;
    }

    /**
     * Resets the counter to zero. Equivalent to {@link #sumThenReset()} with the result discarded: an
     * update concurrent with the reset is either discarded with the rest or kept, never half of each.
     */
    public void reset() {
        sumThenReset();
    }

    /**
     * Returns the number of cells: 0 until threads first contend, then a power of two no larger than
     * twice the processor count rounded up to a power of two. For monitoring and tests.
     *
     * @return the current number of cells
     */
    public int cellCount() {
        Cell[] table = cells; // volatile read
        return table == null ? 0 : table.length;
    }

    /**
     * Returns {@link #get()} in decimal.
     *
     * @return the decimal string of the current total
     */
    @Override
    public String toString() {
        return Long.toString(get());
    }

    /** A cell: one padded {@code long}. */
    private static final class Cell extends PaddedLong {
    }

    private static final VarHandle BASE;
    private static final VarHandle CELLS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            BASE = lookup.findVarHandle(StripedCounter.class, "base", long.class);
            CELLS = lookup.findVarHandle(StripedCounter.class, "cells", Cell[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
