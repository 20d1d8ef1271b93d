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
 * <b>Negative control: deliberately broken.</b> A copy of {@link LockFreeExchanger}'s algorithm (as of
 * the commit that added this class) with one change: a waiter that gives up (its time is up, its spins are spent, or it is interrupted)
 * withdraws its offer with a <em>check, then a plain write</em> ({@code if (match == null) match =
 * CANCELLED}) instead of a CAS of {@code match} from null to {@code CANCELLED}. Everything else (the
 * install by CAS, the match by CAS, the clearing of the slot, the spin-then-park wait) is the real
 * algorithm. It exists to prove that the verification can fail: {@code ExchangerNegativeControlTest}
 * asserts that Lincheck rejects it with the verifier and the budget that pass the real exchanger, and
 * jcstress's {@code Stacks_06_ExchangerSwaps.BrokenPlainWithdraw} must observe it. Never copy it.
 *
 * <p><b>What goes wrong.</b> The decision of an offer must be made once: matched by one partner, or
 * withdrawn by its waiter, never both (invariant 1 of {@link LockFreeExchanger}). A CAS from null makes
 * the two racing writes exclusive. A check followed by a write does not: between the waiter's read of
 * {@code match == null} and its write of {@code CANCELLED}, a partner can match the offer with its CAS
 * (which succeeds, since {@code match} is still null) and return the waiter's value. The waiter then
 * overwrites the partner's value with {@code CANCELLED} and reports a timeout (or an interrupt). A half
 * exchange: the partner received the waiter's value, the waiter received nothing and believes that
 * it gave nothing. The failing interleaving, with two threads:
 * <ol>
 *   <li>T1 {@code exchange(1, t)}: installs its offer {@code O} in the empty slot and waits; its time
 *       runs out. It reads {@code O.match == null} and is preempted before its write.</li>
 *   <li>T2 {@code exchange(2, ...)}: finds {@code O} in the slot, CASes {@code O.match} from null to 2
 *       (succeeds), clears the slot and returns 1.</li>
 *   <li>T1 resumes: writes {@code O.match = CANCELLED}, clears the slot (already clear) and throws
 *       {@link TimeoutException}. T2 holds T1's value; T1 thinks it was given to no one.</li>
 * </ol>
 *
 * <p><b>The delay.</b> The window is two adjacent instructions of the waiter (the read and the write),
 * and it opens only when a partner arrives at the very moment the waiter gives up. Real threads rarely
 * hit it: Lincheck's stress strategy never did in its full budget, and jcstress in {@code quick} mode
 * saw it only twice, in 2 of 18 JVM configurations. So the exchanger built by
 * {@link #BrokenPlainWithdrawExchanger(int)} spins {@code delaySpins} times with
 * {@link Thread#onSpinWait()} between the read and the write: a waiter delayed right there, as a
 * preemption would delay it. The stress strategy of Lincheck and jcstress use {@value #DELAY_SPINS}:
 * with 1,000, the stress strategy at the README command's budget caught it after 467 and 2,182 accepted
 * executions in two CI runs and missed it in a third (2026-12-06); with 10,000 it caught it in 6 of 6
 * runs, after 0 to 401.
 * Lincheck's model checker needs no delay (it switches threads between those two accesses by itself)
 * and must not get one (it would take the loop for a hung thread), so the no-argument constructor has
 * none.
 *
 * @param <V> the type of the values exchanged
 */
public final class BrokenPlainWithdrawExchanger<V> {

    /** The delay the stress strategy and jcstress use between the check and the plain withdrawal. */
    public static final int DELAY_SPINS = 10_000;

    private static final int SPINS_BEFORE_PARKING = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;

    /** What {@link #exchangeWithin} returns when no partner came. */
    static final Object NO_PARTNER = new Object();

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

    /** How many times a withdrawing waiter spins between its check and its plain write. */
    private final int delaySpins;

    /** Creates a broken exchanger with no delay (for Lincheck's model checker). */
    public BrokenPlainWithdrawExchanger() {
        this(0);
    }

    /**
     * Creates a broken exchanger.
     *
     * @param delaySpins how many times a withdrawing waiter spins between reading {@code match} and
     *        writing {@code CANCELLED}
     */
    public BrokenPlainWithdrawExchanger(int delaySpins) {
        this.delaySpins = delaySpins;
    }

    /**
     * As {@link LockFreeExchanger#exchange(Object)}.
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
     * As {@link LockFreeExchanger#exchange(Object, long, TimeUnit)}, but a timeout may come with a
     * half exchange.
     *
     * @param value this thread's value; may be null
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the partner's value
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws TimeoutException if no partner came in time (or, the bug, one came too late to be told)
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

    /**
     * As {@code LockFreeExchanger.exchangeWithin}: offers a non-null value and waits at most
     * {@code spins} spins for a partner, without parking and without the clock.
     *
     * @param value a non-null value
     * @param spins how many times a waiting thread re-reads its offer before it withdraws
     * @return the partner's value, or {@link #NO_PARTNER}
     */
    Object exchangeWithin(Object value, int spins) {
        Offer mine = null;
        while (true) {
            Object partnerValue = matchWaitingOffer(value);
            if (partnerValue != NO_PARTNER || spins == 0) {
                return partnerValue;
            }
            if (mine == null) {
                mine = new Offer(value);
            }
            if (SLOT.compareAndSet(this, null, mine)) {
                for (int i = 0; i < spins; i++) {
                    Object match = MATCH.getAcquire(mine);
                    if (match != null) {
                        return match;
                    }
                    Thread.onSpinWait();
                }
                return withdrawOrTake(mine);
            }
        }
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

    private Object matchWaitingOffer(Object value) {
        while (true) {
            Offer waiting = (Offer) SLOT.getAcquire(this);
            if (waiting == null) {
                return NO_PARTNER;
            }
            Object partnerValue = tryMatch(waiting, value);
            if (partnerValue != NO_PARTNER) {
                return partnerValue;
            }
        }
    }

    private Object tryMatch(Offer waiting, Object value) {
        if (!SLOT.compareAndSet(this, waiting, null)) {
            return NO_PARTNER;
        }
        boolean matched = MATCH.compareAndSet(waiting, null, value);
        if (!matched) {
            return NO_PARTNER;
        }
        Thread parked = waiting.parked;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return waiting.value;
    }

    private Object awaitMatch(Offer mine, boolean timed, long deadline) throws InterruptedException {
        for (int spin = 0; spin < SPINS_BEFORE_PARKING; spin++) {
            Object match = MATCH.getAcquire(mine);
            if (match != null) {
                return match;
            }
            Thread.onSpinWait();
        }
        Thread me = Thread.currentThread();
        while (true) {
            Object match = MATCH.getAcquire(mine);
            if (match != null) {
                return match;
            }
            boolean interrupted = Thread.interrupted();
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
            if (interrupted || remaining <= 0L) {
                Object decided = withdrawOrTake(mine);
                if (decided == NO_PARTNER) {
                    if (interrupted) {
                        throw new InterruptedException();
                    }
                    return NO_PARTNER;
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return decided;
            }
            if (mine.parked == null) {
                mine.parked = me;
                continue;
            }
            if (timed) {
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** The broken withdrawal: a check, then an unconditional write, where the real one has one CAS. */
    private Object withdrawOrTake(Offer mine) {
        Object decided = MATCH.getAcquire(mine);
        if (decided == null) {
            for (int spin = 0; spin < delaySpins; spin++) {
                Thread.onSpinWait(); // a waiter delayed between its check and its write
            }
            mine.match = CANCELLED; // BROKEN: was MATCH.compareAndExchange(mine, null, CANCELLED).
            SLOT.compareAndSet(this, mine, null);
            return NO_PARTNER; // ... even if a partner matched the offer after the check.
        }
        SLOT.compareAndSet(this, mine, null);
        return decided;
    }

    private static Object mask(Object value) {
        return value == null ? NULL_VALUE : value;
    }

    @SuppressWarnings("unchecked") // every masked value came from an exchange(V) call
    private V unmask(Object value) {
        return value == NULL_VALUE ? null : (V) value;
    }

    private static final VarHandle SLOT;
    private static final VarHandle MATCH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SLOT = lookup.findVarHandle(BrokenPlainWithdrawExchanger.class, "slot", Offer.class);
            MATCH = lookup.findVarHandle(Offer.class, "match", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
