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
 * A counter that spreads contended updates over padded cells, like
 * {@link java.util.concurrent.atomic.LongAdder}: updates scale with the threads, and a read sums the
 * cells. It is not linearizable in general; a {@link #get()}:
 * <ul>
 *   <li>loses no update, and is exact if no update overlaps it;</li>
 *   <li>includes every update that happened-before it and none that began after it returned, and may
 *       include each concurrent one or not;</li>
 *   <li>never decreases from one read to the next in a thread if every delta is non-negative (between
 *       resets);</li>
 *   <li>is linearizable if every update adds the same delta (only increments, say) and no reset runs;</li>
 *   <li>with mixed deltas, may return a total the counter never held.</li>
 * </ul>
 *
 * <p><b>Memory consistency effects:</b> actions in a thread before an update happen-before the
 * actions after a {@link #get()} or {@link #sumThenReset()} that includes that update.
 *
 * <p><b>Progress:</b> updates are wait-free where the hardware has an atomic add (x86-64, ARMv8.1), and
 * lock-free elsewhere; {@link #get()} is wait-free, and so is {@link #sumThenReset()} where the
 * hardware has an atomic exchange.
 */
public final class StripedCounter implements Counter {
    /*
     * Implementation notes.
     *
     * The value is base plus the cells. With no table, an update CASes base; its first failed CAS
     * installs a table of two cells, and from then on an update adds to the cell at the low bits of its
     * thread id (a pool's consecutive ids get distinct cells). If getAndAdd returns another
     * value than the one just read, the cell is shared and the table doubles, up to MAX_CELLS. Growth is
     * only a heuristic. Nothing is retried, so an update is wait-free where getAndAdd
     * is: at most one CAS on base, one table installation, one getAndAdd and one growth.
     *
     * Invariants:
     * 1. cells is null or a power-of-two array with no null slot, never written once published.
     * 2. A table is replaced only by one twice its size that starts with the same cells, so every
     *    published cell stays reachable. A loser of the table CAS drops cells nobody could update.
     * 3. An update touches base only after reading cells as null; a late CAS on base still counts.
     *
     * Access modes: the CAS on cells publishes the table with its cells, and the volatile read of cells
     * pairs with it; the slots of a published table are then read plain.
     *
     * References: Herlihy and Shavit, ch. 12; Doug Lea, Striped64. Evidence: StripedCounterLincheckTest
     * (increments only) and the dev.interlock.stress.counters jcstress tests.
     */

    private static final int INITIAL_CELLS = 2;

    /** Twice the processors, rounded up to a power of two: a thread cannot leave a shared cell. */
    private static final int MAX_CELLS = Math.max(INITIAL_CELLS,
            Integer.highestOneBit(2 * Runtime.getRuntime().availableProcessors() - 1) << 1);

    /** Updated by CAS or getAndSet. */
    private volatile long base;

    /** Null until the first contention. */
    private volatile Cell[] cells;

    /** Creates a counter with value zero. */
    public StripedCounter() {
    }

    /** Adds one. */
    @Override
    public void increment() {
        add(1L);
    }

    /** Subtracts one. */
    @Override
    public void decrement() {
        add(-1L);
    }

    /**
     * Adds {@code delta}.
     *
     * @param delta the value to add, which may be negative
     */
    @Override
    public void add(long delta) {
        Cell[] table = cells; // see Access modes.
        if (table == null) {
            long current = base;
            if (BASE.compareAndSet(this, current, current + delta)) {
                return; // linearization point.
            }
            table = installTable(null, INITIAL_CELLS);
        }
        Cell cell = table[cellIndex(table)]; // plain: published tables are never written.
        long seen = cell.value;
        long previous = (long) PaddedLongField.VALUE.getAndAdd(cell, delta); // RMW (getAndAdd): linearization point.
        if (previous != seen && table.length < MAX_CELLS) {
            installTable(table, table.length * 2);
        }
    }

    @SuppressWarnings("deprecation") // threadId() is JDK 19+
    private static int cellIndex(Cell[] table) {
        return (int) Thread.currentThread().getId() & (table.length - 1);
    }

    /** Tries to grow expected (null or the current table) to size cells; returns the table installed. */
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
        return witness == expected ? grown : witness;
    }

    /**
     * Returns the total, as the class documentation describes.
     *
     * @return the current total
     */
    @Override
    public long get() {
        long sum = base;
        Cell[] table = cells;
        if (table != null) {
            for (Cell cell : table) {
                sum += cell.value; // one cell at a time: not a snapshot.
            }
        }
        return sum;
    }

    /**
     * Returns the total and resets the counter to zero: each update is counted by exactly one call, or
     * remains in the counter. Not linearizable: after two increments, two overlapping calls may each
     * return 1.
     *
     * @return the total removed from the counter
     */
    public long sumThenReset() {
        long sum = (long) BASE.getAndSet(this, 0L);
        Cell[] table = cells;
        if (table != null) {
            for (Cell cell : table) {
                sum += (long) PaddedLongField.VALUE.getAndSet(cell, 0L);
            }
        }
        return sum;
    }

    /**
     * Resets the counter to zero: {@link #sumThenReset()}, with the result discarded.
     */
    public void reset() {
        sumThenReset();
    }

    /**
     * Returns the number of cells, 0 until threads first contend. For monitoring and tests.
     *
     * @return the current number of cells
     */
    public int cellCount() {
        Cell[] table = cells;
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

    /** One padded long. */
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
