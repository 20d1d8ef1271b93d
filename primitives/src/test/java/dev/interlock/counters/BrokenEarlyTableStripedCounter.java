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
 * <b>Negative control: deliberately broken.</b> {@link StripedCounter} with one bug, in
 * {@code installTable()}: it publishes a new cell table by its CAS before it creates the table's
 * new cells, so an update or a get that reads the table in between meets a null cell and throws (a
 * publication order swapped).
 *
 * <p>Generated from {@code StripedCounter.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenEarlyTableStripedCounter implements Counter {
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
    public BrokenEarlyTableStripedCounter() {
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
        // THE BUG: was for (int i = kept; i < size; i++) { grown[i] = new Cell(); } Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown);
        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown);
        for (int i = kept; i < size; i++) {
            grown[i] = new Cell();
        }
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
            BASE = lookup.findVarHandle(BrokenEarlyTableStripedCounter.class, "base", long.class);
            CELLS = lookup.findVarHandle(BrokenEarlyTableStripedCounter.class, "cells", Cell[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
