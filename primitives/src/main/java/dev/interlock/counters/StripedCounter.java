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
import java.util.concurrent.ThreadLocalRandom;

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
 *       is linearizable. Why: the total then moves in equal steps, each taken at a successful CAS; a read
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
 * <p><b>Progress:</b> updates are lock-free (a retry means another thread updated the same cell);
 * {@link #get()} is wait-free, bounded by the number of cells; {@link #sumThenReset()} is wait-free
 * where the hardware has an atomic exchange.
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
 *       one CAS on {@code cells}, then updates the cell its <em>probe</em> picks. The probe is a per-thread
 *       hash, kept in a {@link ThreadLocal} because the JDK's own per-thread probe is not public.</li>
 *   <li>A failed CAS on a cell means another thread shares it. The first time, the thread rehashes its
 *       probe (to move to another cell); the second time, it doubles the table, up to the smallest power
 *       of two at least the number of processors (more cells than threads that can run at once would only
 *       spread the same contention thinner).</li>
 * </ol>
 *
 * <p>Invariants, which together give "no lost updates" without any lock:
 * <ol>
 *   <li>{@code cells} is null or a power-of-two array with no null slot, never written after it is
 *       published.</li>
 *   <li>A table is replaced only by a table twice its size whose first half holds the same cell objects,
 *       so <em>every cell ever published stays reachable from {@code cells}</em>. An update applied to a
 *       cell of an old table is therefore still counted: the cell object moved into the new table.</li>
 *   <li>Once a table exists, updates never touch {@code base}; only {@link #sumThenReset()} does.</li>
 * </ol>
 * Growing is lock-free: a thread builds the larger table privately and CASes it in. A loser discards
 * its table, whose fresh cells nobody could have updated because they were never published.
 *
 * <p>This differs from LongAdder, which guards table changes with a spin lock ({@code cellsBusy}) and
 * creates cells one at a time; here the table is filled when it is built, trading a few hundred bytes
 * for a growth path with no lock and no null checks. References: Herlihy and Shavit, <i>The Art of
 * Multiprocessor Programming</i>, 2nd ed., ch. 12 (counting, and why combining and diffracting trees
 * give only quiescent consistency); Doug Lea, {@code java.util.concurrent.atomic.Striped64}.
 * Proof: {@code StripedCounterLincheckTest} (linearizable under increments only) and the
 * {@code dev.interlock.stress.counters} jcstress tests (no lost update, monotonic reads, exact
 * quiescent total, exactly-once {@code sumThenReset}).
 */
public final class StripedCounter implements Counter {

    /** The size of the first table. */
    private static final int INITIAL_CELLS = 2;

    /** The table stops growing here: the smallest power of two at least the processor count. */
    private static final int MAX_CELLS = Math.max(INITIAL_CELLS,
            Integer.highestOneBit(Runtime.getRuntime().availableProcessors() - 1) << 1);

    /** Each thread's probe, shared by all striped counters, as LongAdder shares the JDK's. */
    private static final ThreadLocal<Probe> PROBE = ThreadLocal.withInitial(Probe::new);

    /** The total of the updates made before the first contention. Volatile; updated by CAS. */
    private volatile long base;

    /** Null until the first contention; then the table of cells (see the invariants). Volatile. */
    private volatile Cell[] cells;

    /** Creates a counter with value zero. */
    public StripedCounter() {
    }

    /** Adds one. Lock-free. */
    @Override
    public void increment() {
        add(1L);
    }

    /** Subtracts one. Lock-free. */
    @Override
    public void decrement() {
        add(-1L);
    }

    /**
     * Adds {@code delta}. Lock-free.
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
        } else {
            Cell cell = table[PROBE.get().hash & (table.length - 1)]; // plain: published tables are never written.
            long current = cell.value; // volatile read: only a guess; the CAS checks it.
            if (PaddedLongField.VALUE.compareAndSet(cell, current, current + delta)) {
                return; // the successful CAS is the linearization point.
            }
        }
        addContended(delta);
    }

    /** The slow path of {@link #add(long)}: install or grow the table, move to another cell, retry. */
    private void addContended(long delta) {
        Probe probe = PROBE.get();
        boolean collidedBefore = false;
        while (true) {
            Cell[] table = cells; // volatile read
            if (table == null) {
                installTable(null, INITIAL_CELLS);
                continue;
            }
            Cell cell = table[probe.hash & (table.length - 1)]; // plain: published tables are never written.
            long current = cell.value; // volatile read: only a guess; the CAS checks it.
            if (PaddedLongField.VALUE.compareAndSet(cell, current, current + delta)) {
                return; // the successful CAS is the linearization point.
            }
            if (collidedBefore && table.length < MAX_CELLS) {
                installTable(table, table.length * 2); // second collision: more cells.
                collidedBefore = false;
            } else {
                probe.rehash(); // first collision: try another cell.
                collidedBefore = true;
            }
        }
    }

    /**
     * Tries to replace {@code expected} (null or the current table) by a table of {@code size} cells
     * whose first slots are {@code expected}'s cells. Failure is fine: then another thread replaced it.
     */
    private void installTable(Cell[] expected, int size) {
        Cell[] grown = new Cell[size];
        int kept = expected == null ? 0 : expected.length;
        if (kept > 0) {
            System.arraycopy(expected, 0, grown, 0, kept); // the same cell objects: invariant 2.
        }
        for (int i = kept; i < size; i++) {
            grown[i] = new Cell();
        }
        CELLS.compareAndSet(this, expected, grown); // CAS: publishes the table and its cells.
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
     * the smallest power of two at least the processor count. For monitoring and tests.
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

    /**
     * A thread's hash into the table. Only its own thread reads or writes it, so its field is plain.
     * Rehashing uses Marsaglia's xorshift, which never yields zero from a non-zero seed.
     */
    private static final class Probe {
        int hash = ThreadLocalRandom.current().nextInt() | 1; // plain: confined to one thread.

        void rehash() {
            int h = hash;
            h ^= h << 13;
            h ^= h >>> 17;
            h ^= h << 5;
            hash = h; // plain: confined to one thread.
        }
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
