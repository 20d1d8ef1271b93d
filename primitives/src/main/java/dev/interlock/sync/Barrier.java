/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import dev.interlock.locks.ReentrantMutex;
import java.util.Objects;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A point that a fixed number of threads, the parties, wait at until all have arrived; then an optional
 * action runs and all go on, and the barrier is ready for the next round (a generation). The union of
 * Python's {@code threading.Barrier} and {@link java.util.concurrent.CyclicBarrier}.
 *
 * <p><b>Arrival index:</b> {@code await} returns the order in which the thread arrived in its
 * generation, from 0 for the first to {@code parties - 1} for the last, which runs the action (Python's
 * numbering; the JDK's counts down, to 0 for the last).
 *
 * <p><b>Breaking:</b> a generation breaks, and every thread waiting in it throws
 * {@link BrokenBarrierException}, when one of its waiters is interrupted (it throws
 * {@link InterruptedException}) or times out (it throws {@link TimeoutException}), when the action
 * throws (the last arrival throws that) or calls {@link #reset()} or {@link #abort()} (the last arrival
 * throws {@code BrokenBarrierException} too), or on {@link #reset()} or {@link #abort()}. The barrier then
 * stays broken, and every {@code await} throws {@code BrokenBarrierException}, until {@link #reset()}
 * starts a new generation. A waiter interrupted or timed out after its generation tripped returns its
 * index (interrupted: with its interrupt status set); after it broke, it throws
 * {@code BrokenBarrierException}. A thread interrupted on entry breaks the generation and throws
 * {@code InterruptedException}, as the JDK's does; a timeout of zero or less breaks it unless the thread
 * arrives last.
 *
 * <p><b>Memory consistency effects:</b> actions before an {@code await} happen-before the action, and
 * both happen-before actions after every {@code await} of that generation that returns normally.
 *
 * <p><b>Progress:</b> each arrival takes an internal lock, which the action runs under; a waiter blocks,
 * parked (a virtual thread unmounts). An {@code await} from the action throws {@link IllegalStateException}.
 *
 * <p><b>Bad input</b> changes nothing: fewer than 1 party throws {@link IllegalArgumentException}; a
 * null {@link TimeUnit} throws {@link NullPointerException}.
 */
public final class Barrier {
    /*
     * Implementation notes.
     *
     * One Generation per round, replaced only under lock (our ReentrantMutex), as in the JDK's
     * CyclicBarrier: arrived counts arrivals, broken says how it ended, and the Event tripped, which the
     * first waiter creates, is set when it ends either way (with one party, nobody waits, and the one
     * generation is reused). The last arrival runs the action, installs the next generation and sets
     * tripped, under the lock: its arrival is the linearization point of the trip. The others wait at
     * tripped, so a trip wakes each once and none takes the lock again. A waiter that gives up breaks
     * the generation if it is still current and unbroken; if not, it ended first.
     *
     * Invariants. 1. Under lock, generation has not tripped (one party: reused); broken stays until reset().
     * 2. broken is written, and tripped set, only under lock, tripped after broken; so a waiter released
     * by tripped, or holding the lock, reads broken as a plain field. 3. An arrival costs O(1) under
     * lock; a trip, one set(), which unparks each waiter once.
     * References: the JDK's CyclicBarrier (Lea); Python's threading.Barrier; Herlihy and Shavit, ch. 17.
     * Evidence: BarrierTest, BarrierLincheckTest, the package's bounded controls, Sync_13, Sync_14.
     */

    private final int parties;
    private final Runnable action;
    private final ReentrantMutex lock = new ReentrantMutex();
    private Generation generation = new Generation(); // plain: under lock only.

    /**
     * Creates a barrier without an action.
     *
     * @param parties the number of threads that must arrive to trip it
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties) {
        this(parties, null);
    }

    /**
     * Creates a barrier.
     *
     * @param parties the number of threads that must arrive to trip it
     * @param action what the last thread to arrive runs before the others go on; {@code null} for none
     * @throws IllegalArgumentException if {@code parties} is less than 1
     */
    public Barrier(int parties, Runnable action) {
        if (parties < 1) {
            throw new IllegalArgumentException("a barrier needs at least 1 party: " + parties);
        }
        this.parties = parties;
        this.action = action;
    }

    /**
     * Waits until every party has arrived.
     *
     * @return the arrival index: 0 for the first to arrive, {@code getParties() - 1} for the last
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws BrokenBarrierException if the barrier is broken, or breaks while the thread waits
     */
    public int await() throws InterruptedException, BrokenBarrierException {
        try {
            return arrive(false, 0L);
        } catch (TimeoutException impossible) {
            throw new AssertionError(impossible);
        }
    }

    /**
     * Waits until every party has arrived, or the time runs out.
     *
     * @param timeout the most time to wait; zero or less does not wait
     * @param unit the unit of {@code timeout}
     * @return the arrival index: 0 for the first to arrive, {@code getParties() - 1} for the last
     * @throws InterruptedException if the thread is interrupted on entry or while it waits
     * @throws BrokenBarrierException if the barrier is broken, or breaks while the thread waits
     * @throws TimeoutException if the time ran out first; the barrier is then broken
     */
    public int await(long timeout, TimeUnit unit)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        Objects.requireNonNull(unit, "unit");
        return arrive(true, unit.toNanos(timeout));
    }

    /** Breaks the current generation, if it is not broken already, and starts a new one. */
    public void reset() {
        lock.lock();
        try {
            breakGeneration(generation);
            generation = new Generation();
        } finally {
            lock.unlock();
        }
    }

    /** Breaks the barrier (Python's {@code abort()}) until {@link #reset()}. */
    public void abort() {
        lock.lock();
        try {
            breakGeneration(generation);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns whether the barrier is broken.
     *
     * @return {@code true} if the current generation is broken
     */
    public boolean isBroken() {
        lock.lock();
        try {
            return generation.broken;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the number of parties.
     *
     * @return the parties
     */
    public int getParties() {
        return parties;
    }

    /**
     * Returns how many threads wait in the current generation, for monitoring.
     *
     * @return the number of waiting threads; 0 if the barrier is broken
     */
    public int getNumberWaiting() {
        lock.lock();
        try {
            return generation.broken ? 0 : generation.arrived;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns the state: {@code Barrier[Parties = 3, Waiting = 1]} or {@code Barrier[Parties = 3, Broken]}.
     *
     * @return the state
     */
    @Override
    public String toString() {
        lock.lock();
        try {
            Generation current = generation;
            return "Barrier[Parties = " + parties
                    + (current.broken ? ", Broken]" : ", Waiting = " + current.arrived + "]");
        } finally {
            lock.unlock();
        }
    }

    private int arrive(boolean timed, long nanos)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        Generation current;
        Event tripped;
        int index;
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                throw new IllegalStateException("the action cannot wait at its own barrier");
            }
            current = generation;
            if (current.broken) {
                throw new BrokenBarrierException();
            }
            if (Thread.interrupted()) {
                breakGeneration(current);
                throw new InterruptedException();
            }
            index = current.arrived;
            if (index == parties - 1) { // the last arrival: the linearization point of the trip.
                trip(current);
                return index;
            }
            if (current.tripped == null) {
                current.tripped = new Event(); // before the count: an Error here leaves no phantom party.
            }
            tripped = current.tripped;
            current.arrived = index + 1;
            if (timed && nanos <= 0L) {
                breakGeneration(current);
                throw new TimeoutException();
            }
        } finally {
            lock.unlock();
        }
        return awaitTrip(current, tripped, index, timed, nanos);
    }

    /** Runs the action, starts the next generation, releases this one; under lock. */
    private void trip(Generation current) throws BrokenBarrierException {
        Generation next = parties == 1 ? current : new Generation(); // before the action, as for the Event.
        if (action != null) {
            try {
                action.run();
            } catch (Throwable failure) {
                breakGeneration(current);
                throw failure;
            }
            if (current.broken) { // the action called reset() or abort().
                throw new BrokenBarrierException();
            }
        }
        if (next == current) {
            current.arrived = 0; // one party: nobody waits, so the generation is reused.
            return;
        }
        generation = next;
        current.tripped.set();
    }

    /** Waits at {@code current}'s event, as its {@code index}-th arrival. */
    private int awaitTrip(Generation current, Event tripped, int index, boolean timed, long nanos)
            throws InterruptedException, BrokenBarrierException, TimeoutException {
        boolean ended;
        try {
            ended = tripped.await(this, timed, nanos);
        } catch (InterruptedException interrupt) {
            if (breakIfCurrent(current)) {
                throw interrupt;
            }
            Thread.currentThread().interrupt(); // the generation ended first: keep the interrupt.
            ended = true;
        } catch (Error failure) { // an asynchronous Error: a party that leaves must not strand the others.
            breakIfCurrent(current);
            throw failure;
        }
        if (!ended && breakIfCurrent(current)) {
            throw new TimeoutException();
        }
        if (current.broken) { // plain read, after tripped was set or under lock: invariant 2.
            throw new BrokenBarrierException();
        }
        return index;
    }

    /** Breaks {@code current} if it is current and unbroken; returns whether it did. */
    private boolean breakIfCurrent(Generation current) {
        lock.lock();
        try {
            if (current != generation || current.broken) {
                return false;
            }
            breakGeneration(current);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code current} broken and releases its waiters; under lock. */
    private static void breakGeneration(Generation current) {
        current.broken = true;
        if (current.tripped != null) {
            current.tripped.set();
        }
    }

    /** One round of the barrier. */
    static final class Generation {
        Event tripped; // plain: under lock only, created by the first waiter.
        int arrived; // plain: under lock only.
        boolean broken; // plain: see invariant 2.
    }
}
