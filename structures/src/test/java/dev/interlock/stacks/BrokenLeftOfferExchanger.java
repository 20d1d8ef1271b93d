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
 * <b>Negative control: deliberately broken.</b> {@link LockFreeExchanger} with one bug, in
 * {@code awaitMatch()}: a waiter that gives up (an interrupt or a timeout) reports the exchange
 * failed without withdrawing its offer, which stays in the slot: a later exchange takes the value
 * of a thread that was told it kept it (a refund missing on an interrupt or timeout).
 *
 * <p>Generated from {@code LockFreeExchanger.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenLeftOfferExchanger<V> {
    /*
     * Implementation notes.
     *
     * Herlihy and Shavit's exchanger (ch. 11.4.1), made lock-free rather than obstruction-free. The book
     * keeps an EMPTY/WAITING/BUSY state in the slot, which only the waiter resets, so a waiter descheduled
     * then blocks every pair. Here the slot only points to an offer, a partner takes the offer out of the
     * slot before deciding it, and the decision is a CAS on the offer. (java.util.concurrent.Exchanger
     * decides the same way, on a per-thread node, plus an arena; one slot is enough here, since the
     * elimination array of EliminationBackoffStack already is an array of exchangers.)
     *
     * An offer's life:
     * - Install: a thread that finds the slot empty CASes its offer in from null, then waits (spin, then
     *   park) for match to become non-null.
     * - Claim: a thread that finds an offer CASes the slot from it to null: the slot is free at once, and
     *   no other thread can try the offer.
     * - Match: the claimer CASes match from null to its value, unparks the waiter if parked is set, and
     *   returns the offer's value. The successful CAS is the linearization point of both exchanges. If it
     *   fails, the waiter withdrew: look again.
     * - Withdraw: a waiter that times out or is interrupted CASes match from null to CANCELLED (the
     *   linearization point of the timeout or interrupt), takes its offer out of the slot unless claimed,
     *   and throws. If the CAS fails, a partner matched first: the exchange succeeded.
     *
     * Invariants:
     * 1. match is written once, by CAS from null: each offer is matched by one partner or cancelled by
     *    its waiter, never both. This is why no value is lost or duplicated.
     * 2. The slot holds null or an offer, installed once from null by its waiter; an offer leaves when
     *    claimed or withdrawn and never returns. Only its claimer can match it.
     * 3. A thread installs at most one offer per call and waits only on its own.
     *
     * Access modes. The slot is read acquire, pairing with the installing CAS, so the offer's final value
     * and the waiter's earlier writes are visible. A spinning waiter reads match acquire, pairing with the
     * matching CAS: the other half of the memory consistency effects. No lost wake-up: before it parks,
     * the waiter writes parked, then re-reads match, both volatile; the partner CASes match, then reads
     * parked (volatile). All four are synchronization actions, in one total order consistent with program
     * order, so whichever thread's second access comes later sees the other's first (Dekker). An acquire
     * re-read would not do: the JMM does not order a volatile write before a later acquire read, so both
     * could miss each other and an untimed waiter park for ever (x86 hides this; ARM and POWER do not).
     * The other writes are CAS.
     *
     * Evidence: LockFreeExchangerTest (also run on java.util.concurrent.Exchanger),
     * LockFreeExchangerLincheckTest (a verifier that pairs the exchanges), ExchangerNegativeControlTest,
     * and the jcstress test Stacks_06_ExchangerSwaps.
     */

    /**
     * How often a waiter re-reads its offer before it parks: about 25 microseconds on 2 cores, less than
     * a park and an unpark cost (docs/stacks.md). The clock is read only after the spins, so a timed
     * waiter notices its deadline up to that long late.
     */
    private static final int SPINS_BEFORE_PARKING = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;

    /** exchangeWithin's result when no partner came; never a masked value. */
    static final Object NO_PARTNER = new Object();

    /** A masked null value, so that a null match means open. */
    private static final Object NULL_VALUE = new Object();

    /** The match of a withdrawn offer. */
    private static final Object CANCELLED = new Object();

    /** A waiter's offer, decided once (invariant 1). */
    private static final class Offer {
        /** Masked. */
        final Object value;
        /** The waiter, set just before it parks (see No lost wake-up); null while it spins. */
        volatile Thread parked;
        /** Null while open; then the partner's masked value, or CANCELLED. Written by CAS. */
        volatile Object match;

        Offer(Object value) {
            this.value = value;
        }
    }

    /** Null or the waiting offer (invariant 2). Written only by CAS. */
    private volatile Offer slot;

    /** SPINS_BEFORE_PARKING, or fewer for tests. */
    private final int spinsBeforeParking;

    /** Creates an exchanger. */
    public BrokenLeftOfferExchanger() {
        this(SPINS_BEFORE_PARKING);
    }

    /** For tests: with 0, every waiter parks at once, so every exchange runs the park handshake. */
    BrokenLeftOfferExchanger(int spinsBeforeParking) {
        if (spinsBeforeParking < 0) {
            throw new IllegalArgumentException("spinsBeforeParking must not be negative: " + spinsBeforeParking);
        }
        this.spinsBeforeParking = spinsBeforeParking;
    }

    /**
     * Waits for another thread to arrive at this exchanger, then swaps values with it.
     *
     * @param value this thread's value; may be null
     * @return the partner's value
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the value
     *         was then given to no one
     */
    public V exchange(V value) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object received = exchangeOrThrow(mask(value), false, 0L);
        return unmask(received);
    }

    /**
     * Waits at most the given time for another thread to arrive at this exchanger, then swaps values
     * with it. A time of zero or less does not wait: the exchange succeeds only if a partner is
     * already waiting.
     *
     * @param value this thread's value; may be null
     * @param timeout the most time to wait
     * @param unit the unit of {@code timeout}
     * @return the partner's value
     * @throws InterruptedException if the thread is interrupted on entry or while waiting; the value
     *         was then given to no one
     * @throws TimeoutException if no partner came in time; the value was then given to no one
     * @throws NullPointerException if {@code unit} is null
     */
    public V exchange(V value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        long nanos = Objects.requireNonNull(unit, "unit").toNanos(timeout);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object received = exchangeOrThrow(mask(value), true, System.nanoTime() + Math.max(nanos, 0L));
        if (received == NO_PARTNER) {
            throw new TimeoutException("no partner arrived within " + timeout + " " + unit);
        }
        return unmask(received);
    }

    /**
     * The elimination array's exchange of a non-null (so unmasked) value: waits at most {@code spins}
     * spins, with no parking, interrupt check or clock. Returns the partner's value, or NO_PARTNER.
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
                    Object match = MATCH.getAcquire(mine); // acquire: pairs with the partner's matching CAS.
                    if (match != null) {
                        return match; // the partner's CAS: linearization point.
                    }
                    Thread.onSpinWait();
                }
                return withdrawOrTake(mine);
            }
        }
    }

    /** The exchange of masked values: the partner's, or NO_PARTNER on timeout. */
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

    /** Matches the waiting offer, if any: its value, or NO_PARTNER if the slot was seen empty. */
    private Object matchWaitingOffer(Object value) {
        while (true) {
            Offer waiting = (Offer) SLOT.getAcquire(this); // acquire: pairs with the installing CAS.
            if (waiting == null) {
                return NO_PARTNER;
            }
            Object partnerValue = tryMatch(waiting, value);
            if (partnerValue != NO_PARTNER) {
                return partnerValue;
            }
        }
    }

    /** Claims, then matches the offer: its value, or NO_PARTNER if claimed by another or withdrawn. */
    private Object tryMatch(Offer waiting, Object value) {
        if (!SLOT.compareAndSet(this, waiting, null)) {
            return NO_PARTNER;
        }
        if (!MATCH.compareAndSet(waiting, null, value)) {
            return NO_PARTNER;
        } // the successful CAS is the linearization point of both exchanges.
        Thread parked = waiting.parked; // volatile, after the CAS: see No lost wake-up.
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return waiting.value;
    }

    /** Waits on its own installed offer until it is matched, times out or is interrupted. */
    private Object awaitMatch(Offer mine, boolean timed, long deadline) throws InterruptedException {
        for (int spin = 0; spin < spinsBeforeParking; spin++) {
            Object match = MATCH.getAcquire(mine); // acquire: pairs with the partner's matching CAS.
            if (match != null) {
                return match; // the partner's CAS: linearization point.
            }
            Thread.onSpinWait();
        }
        Thread me = Thread.currentThread();
        while (true) {
            Object match = mine.match; // volatile read, not acquire: after our volatile write of parked (Dekker).
            if (match != null) {
                return match;
            }
            boolean interrupted = Thread.interrupted();
            long remaining = timed ? deadline - System.nanoTime() : Long.MAX_VALUE;
            if (interrupted || remaining <= 0L) {
                Object decided = NO_PARTNER; // THE BUG: was Object decided = withdrawOrTake(mine);
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
                mine.parked = me; // volatile write, then the loop's volatile read of match: see "Access modes".
                continue;
            }
            if (timed) {
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Withdraws its own offer (NO_PARTNER), or takes the value of a partner that matched first. */
    private Object withdrawOrTake(Offer mine) {
        Object decided = MATCH.compareAndExchange(mine, null, CANCELLED); // null: withdrawn, the linearization point of a timeout or an interrupt.
        SLOT.compareAndSet(this, mine, null); // clear the slot, unless a partner did.
        return decided == null ? NO_PARTNER : decided;
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
            SLOT = lookup.findVarHandle(BrokenLeftOfferExchanger.class, "slot", Offer.class);
            MATCH = lookup.findVarHandle(Offer.class, "match", Object.class);
            // Initialized here, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Offer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
