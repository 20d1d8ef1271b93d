/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> A copy of {@link LockFreeExchanger}'s blocking
 * exchanges (as of the commit that added this class), whose waiters park at once (no spin), with one
 * change: a waiter announces its park ({@code parked = me}) and then <em>parks without re-reading
 * {@code match}</em>. Everything else (the install, the claim and the match by CAS, the withdrawal by
 * CAS) is the real algorithm. It exists to prove that the verification can fail:
 * {@code ExchangerParkNegativeControlTest} asserts that the bounded test that passes the real exchanger
 * finds a waiter of this one still parked, and jcstress's
 * {@code Stacks_07_ExchangerWakesUp.BrokenParkRecheck} must see it as {@code STALE}. Lincheck cannot be
 * the judge: its model checker wakes parked threads spuriously. Never copy it.
 *
 * <p><b>What goes wrong.</b> The waiter and its partner meet in Dekker's pattern: the waiter writes
 * {@code parked} and then reads {@code match}; the partner CASes {@code match} and then reads
 * {@code parked}. Without the waiter's read, nothing stops this order:
 * <ol>
 *   <li>T1 {@code exchange(1)}: installs its offer {@code O}, reads {@code O.match == null}.</li>
 *   <li>T2 {@code exchange(2)}: claims {@code O}, CASes {@code O.match} to 2, reads
 *       {@code O.parked == null}, so unparks no one, and returns 1.</li>
 *   <li>T1 writes {@code O.parked = T1} and parks. Nobody will unpark it: T1 sleeps for ever beside the
 *       value it was given.</li>
 * </ol>
 *
 * <p><b>The delay.</b> The window is T1's few instructions between its read of {@code match} and its
 * write of {@code parked}. {@link #BrokenParkRecheckExchanger(int)} spins {@code delaySpins} times with
 * {@link Thread#onSpinWait()} right there, a waiter delayed as a preemption would delay it; the bounded
 * test and jcstress use {@value #DELAY_SPINS} (about 27 ms on a 2-core AMD EPYC). Undelayed, five runs
 * of 200,000 swaps between two threads never hit the window. Delayed, the bounded test hits it within
 * the first few swaps. {@code NegativeControlsIT}'s Termination run saw STALE in 8 runs of 8 with this
 * delay; with 100,000 spins it did in 8 of 8 by hand but missed once in a full CI run, and with 1,000
 * spins (27 µs) in none of 8, since jcstress's signal rarely lands so soon.
 *
 * @param <V> the type of the values exchanged
 */
public final class BrokenParkRecheckExchanger<V> {

    /** The delay the bounded test and jcstress use between the read of match and the announcement. */
    public static final int DELAY_SPINS = 1_000_000;

    private static final Object NO_PARTNER = new Object();

    private static final Object NULL_VALUE = new Object();

    private static final Object CANCELLED = new Object();

    private static final class Offer {
        final Object value;
        volatile Thread parked;
        volatile Object match;

        Offer(Object value) {
            this.value = value;
        }
    }

    private volatile Offer slot;

    /** How many times a waiter spins between its read of {@code match} and its write of {@code parked}. */
    private final int delaySpins;

    /**
     * Creates a broken exchanger.
     *
     * @param delaySpins how many times a waiter spins between reading {@code match} and announcing its park
     */
    public BrokenParkRecheckExchanger(int delaySpins) {
        this.delaySpins = delaySpins;
    }

    /**
     * As {@link LockFreeExchanger#exchange(Object)}, but a waiter may sleep for ever.
     *
     * @param value this thread's value; may be null
     * @return the partner's value
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    public V exchange(V value) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return unmask(exchangeOrThrow(mask(value), false, 0L));
    }

    /**
     * As {@link LockFreeExchanger#exchange(Object, long, TimeUnit)}, but a waiter may sleep until its
     * deadline though a partner came.
     *
     * @param value this thread's value; may be null
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the partner's value
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws TimeoutException if no partner came in time
     */
    public V exchange(V value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object received = exchangeOrThrow(mask(value), true, System.nanoTime() + Math.max(nanos, 0L));
        if (received == NO_PARTNER) {
            throw new TimeoutException();
        }
        return unmask(received);
    }

    private Object exchangeOrThrow(Object value, boolean timed, long deadline) throws InterruptedException {
        Offer mine = null;
        while (true) {
            Object partnerValue = matchWaitingOffer(value);
            if (partnerValue != NO_PARTNER) {
                return partnerValue;
            }
            if (timed && deadline - System.nanoTime() <= 0L) {
                return NO_PARTNER;
            }
            if (mine == null) {
                mine = new Offer(value);
            }
            if (SLOT.compareAndSet(this, null, mine)) {
                return awaitMatch(mine, timed, deadline);
            }
        }
    }

    /**
     * Whether a waiter's offer is in the slot: the jcstress test's signal waits for it, to come as
     * the waiter's partner.
     *
     * @return {@code true} if a thread waits in this exchanger now
     */
    public boolean hasWaiter() {
        return slot != null;
    }

    private Object matchWaitingOffer(Object value) {
        while (true) {
            Offer waiting = (Offer) SLOT.getAcquire(this);
            if (waiting == null) {
                return NO_PARTNER;
            }
            if (SLOT.compareAndSet(this, waiting, null) && MATCH.compareAndSet(waiting, null, value)) {
                Thread parked = waiting.parked;
                if (parked != null) {
                    LockSupport.unpark(parked);
                }
                return waiting.value;
            }
        }
    }

    private Object awaitMatch(Offer mine, boolean timed, long deadline) throws InterruptedException {
        Thread me = Thread.currentThread();
        while (true) {
            Object match = mine.match;
            if (match != null) {
                return match;
            }
            boolean interrupted = Thread.interrupted();
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
            if (interrupted || remaining <= 0L) {
                Object decided = MATCH.compareAndExchange(mine, null, CANCELLED);
                SLOT.compareAndSet(this, mine, null);
                if (decided == null) {
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return NO_PARTNER;
                }
                if (interrupted) {
                    me.interrupt();
                }
                return decided;
            }
            if (mine.parked == null) {
                for (int i = 0; i < delaySpins; i++) {
                    Thread.onSpinWait(); // the window, widened: a partner that matches now sees no one parked.
                }
                mine.parked = me; // THE CHANGE: the real exchanger re-reads match here, before it parks.
            }
            if (timed) {
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }

    private static Object mask(Object value) {
        return value == null ? NULL_VALUE : value;
    }

    @SuppressWarnings("unchecked")
    private V unmask(Object value) {
        return value == NULL_VALUE ? null : (V) value;
    }

    private static final VarHandle SLOT;
    private static final VarHandle MATCH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SLOT = lookup.findVarHandle(BrokenParkRecheckExchanger.class, "slot", Offer.class);
            MATCH = lookup.findVarHandle(Offer.class, "match", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
