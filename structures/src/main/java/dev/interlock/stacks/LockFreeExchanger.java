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
 * A meeting point where two threads swap values: the behaviour of
 * {@link java.util.concurrent.Exchanger}, lock-free, with one slot.
 *
 * <pre>{@code
 * LockFreeExchanger<Buffer> exchanger = new LockFreeExchanger<>();
 * // the filling thread:                        // the emptying thread:
 * full = exchanger.exchange(full);              empty = exchanger.exchange(empty);
 * }</pre>
 *
 * <p>A thread calls {@link #exchange(Object)} with its value and waits until another thread calls it
 * too; then each returns the other's value. Each successful exchange pairs exactly two threads. The
 * timed {@link #exchange(Object, long, TimeUnit)} gives up with {@link TimeoutException} if no
 * partner comes in time; a time of zero or less does not wait, and succeeds only if a partner is
 * already waiting. Values may be null.
 *
 * <p><b>Interrupts and timeouts</b> never lose or duplicate a value: an exchange that throws
 * {@link InterruptedException} or {@link TimeoutException} gave its value to no one and received
 * nothing. An exchange interrupted on entry throws at once. An exchange that a partner completes in
 * the same instant as the interrupt or the timeout succeeds: it returns the partner's value, with the
 * interrupt status set again if it was interrupted, because the partner has already received this
 * thread's value. A waiting thread spins briefly and then parks, so a waiting virtual thread unmounts
 * from its carrier.
 *
 * <p><b>Memory consistency effects:</b> for each pair of threads that exchange, actions prior to the
 * {@code exchange} in each thread happen-before those subsequent to the return from the corresponding
 * {@code exchange} in the other thread.
 *
 * <p><b>Progress:</b> lock-free. A thread waits only for a partner to arrive, which is what an exchange
 * is; it never waits for another thread to finish a step. A thread stalled anywhere, even one whose
 * offer sits in the slot, does not stop other threads from exchanging: the next thread to arrive
 * completes the exchange with the stalled one and returns, and a stale offer is removed by whichever
 * thread meets it. Every retry is caused by another thread's successful compare-and-set.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is the lock-free exchanger of Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i> (2nd ed., ch. 11.4.1), with one change that makes it lock-free rather than merely
 * obstruction-free: the decision of each exchange is a compare-and-set on the waiter's own
 * {@code Offer} object, not on the shared slot. The book's exchanger keeps a value and an
 * EMPTY/WAITING/BUSY state in the slot: a partner marks it BUSY, and the waiter must see that and
 * reset the slot to EMPTY before any other pair can use it, so a waiter descheduled at that moment
 * blocks every other thread. Here the slot only <em>points</em> to an offer, and anyone may clear a
 * decided offer out of it. {@link java.util.concurrent.Exchanger} uses the same decision by CAS on a
 * per-thread node (and an arena of slots under contention); this class keeps one slot, since the
 * elimination array of {@link EliminationBackoffStack} already is an array of exchangers.
 *
 * <p>An {@code Offer} holds the waiter's value, the waiting thread and a {@code match} field, null
 * while the offer is open. Its life:
 * <ol>
 *   <li>A thread that finds the slot empty creates an offer and installs it by CAS of the slot from
 *       null. It then waits (spin, then park) for {@code match} to become non-null.</li>
 *   <li>A thread that finds an offer in the slot tries to <i>match</i> it: CAS of {@code match} from
 *       null to its own value. <b>The successful CAS is the linearization point of both exchanges</b>:
 *       at that instant both calls are in progress, and each takes the other's value. The matcher then
 *       clears the slot (CAS from the offer to null), unparks the waiter and returns the offer's value.</li>
 *   <li>A waiter whose time runs out, or who is interrupted, tries to <i>withdraw</i>: CAS of
 *       {@code match} from null to {@code CANCELLED}. The successful CAS is the linearization point of
 *       the timeout or the interrupt; the waiter clears the slot and throws. If the CAS fails, a partner
 *       matched the offer first, and the waiter returns the partner's value (the exchange succeeded).</li>
 *   <li>Any thread that finds a decided offer in the slot (its {@code match} non-null) clears the slot
 *       by CAS and retries.</li>
 * </ol>
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>{@code match} of an offer is written at most once from null, by CAS: so each offer is decided
 *       exactly once, matched by one partner or cancelled by its waiter, never both. This is the
 *       whole proof that no value is lost or duplicated: a matched waiter's value goes to exactly the
 *       one thread whose CAS matched it, and a cancelled waiter's value to no one.</li>
 *   <li>The slot holds null or an offer; an offer leaves the slot only after it is decided, and never
 *       comes back (an offer is installed once, from null, by its own waiter).</li>
 *   <li>A thread installs at most one offer per call and waits only on its own offer.</li>
 * </ol>
 *
 * <p><b>Access modes</b> (vocabulary: {@code docs/memory-ordering.md}). The slot is read with
 * acquire: it pairs with the CAS (a release, among other things) that installed the offer, so the
 * offer's {@code value} and {@code waiter}, and everything the waiter did before, are visible to the
 * partner. {@code match} is read with acquire by the waiter: it pairs with the partner's matching CAS,
 * which gives the other half of the memory consistency effects. All writes are CAS.
 *
 * <p>Proof: {@code LockFreeExchangerTest} (the exchanger contract, also run against
 * {@link java.util.concurrent.Exchanger}), {@code LockFreeExchangerLincheckTest} (Lincheck, both
 * strategies, with a verifier that pairs the exchanges) and its negative control
 * {@code ExchangerNegativeControlTest}, and the jcstress test
 * {@code dev.interlock.stress.stacks.Stacks_06_ExchangerSwaps}.
 *
 * @param <V> the type of the values exchanged
 */
public final class LockFreeExchanger<V> {

    /** How often a waiter re-reads its offer before it parks: about a microsecond or two of spinning. */
    private static final int SPINS_BEFORE_PARKING = Runtime.getRuntime().availableProcessors() > 1 ? 1 << 10 : 0;

    /** What {@link #exchangeWithin} returns when no partner came; never a value (values are masked). */
    static final Object NO_PARTNER = new Object();

    /** Stands for a null value inside an offer, so that a null {@code match} means "open". */
    private static final Object NULL_VALUE = new Object();

    /** The {@code match} of a withdrawn offer. */
    private static final Object CANCELLED = new Object();

    /** A waiting thread's offer: its value, and the decision, written once (invariant 1). */
    private static final class Offer {
        /** The waiter's value, masked. Final: safely published with the offer. */
        final Object value;
        /** The thread to unpark when a partner matches. Null for a waiter that never parks. */
        final Thread waiter;
        /** Null while open; then the partner's masked value, or {@link #CANCELLED}. Written by CAS. */
        volatile Object match;

        Offer(Object value, Thread waiter) {
            this.value = value;
            this.waiter = waiter;
        }
    }

    /** Null, or the offer of the thread waiting here (invariant 2). Written only by CAS. */
    private volatile Offer slot;

    /** Creates an exchanger. */
    public LockFreeExchanger() {
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
     * The elimination array's exchange: offers a non-null value and waits at most {@code spins} spins
     * for a partner, without parking, without looking at the interrupt status and without reading the
     * clock, which would cost more than the elimination it serves.
     *
     * @param value a non-null value; the elimination array never passes null, so its values need no mask
     * @param spins how many times a waiting thread re-reads its offer before it withdraws
     * @return the partner's value, or {@link #NO_PARTNER}
     */
    Object exchangeWithin(Object value, int spins) {
        Offer mine = null;
        while (true) {
            Object partnerValue = matchWaitingOffer(value);
            if (partnerValue != NO_PARTNER) {
                return partnerValue;
            }
            if (mine == null) {
                mine = new Offer(value, null); // no thread to unpark: this waiter never parks.
            }
            if (SLOT.compareAndSet(this, null, mine)) {
                for (int i = 0; i < spins; i++) {
                    Object match = MATCH.getAcquire(mine); // acquire: pairs with the partner's matching CAS.
                    if (match != null) {
                        return match; // a partner matched us: its CAS was the linearization point.
                    }
                    Thread.onSpinWait();
                }
                return withdrawOrTake(mine);
            }
            // Another thread installed its offer first: go and match it.
        }
    }

    /**
     * The exchange, with masked values.
     *
     * @return the partner's masked value, or {@link #NO_PARTNER} on timeout
     * @throws InterruptedException if interrupted while waiting, before a partner matched
     */
    private Object exchangeOrThrow(Object value, boolean timed, long deadline) throws InterruptedException {
        Offer mine = null;
        while (true) {
            Object partnerValue = matchWaitingOffer(value);
            if (partnerValue != NO_PARTNER) {
                return partnerValue;
            }
            if (timed && deadline - System.nanoTime() <= 0L) {
                return NO_PARTNER; // no partner waiting, and no time to wait for one.
            }
            if (mine == null) {
                mine = new Offer(value, Thread.currentThread()); // reused after a failed install: never shared.
            }
            if (SLOT.compareAndSet(this, null, mine)) {
                return awaitMatch(mine, timed, deadline);
            }
        }
    }

    /**
     * Matches the offer waiting in the slot, if there is one, clearing out any offers found already
     * decided.
     *
     * @return the waiting thread's value if this thread matched its offer, or {@link #NO_PARTNER} if
     *         the slot was seen empty
     */
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
            // The offer was decided by someone else, and is now cleared: look again.
        }
    }

    /**
     * Tries to match the offer with this thread's value.
     *
     * @return the offer's value if this thread matched it, or {@link #NO_PARTNER} if the offer was
     *         already decided (it has been cleared from the slot either way)
     */
    private Object tryMatch(Offer waiting, Object value) {
        boolean matched = MATCH.compareAndSet(waiting, null, value); // success: linearization point of both exchanges.
        SLOT.compareAndSet(this, waiting, null); // decided: clear it, unless someone already did (invariant 2).
        if (!matched) {
            return NO_PARTNER;
        }
        if (waiting.waiter != null) {
            LockSupport.unpark(waiting.waiter);
        }
        return waiting.value;
    }

    /** Waits on this thread's installed offer until it is matched, the deadline passes or an interrupt. */
    private Object awaitMatch(Offer mine, boolean timed, long deadline) throws InterruptedException {
        int spins = SPINS_BEFORE_PARKING;
        while (true) {
            Object match = MATCH.getAcquire(mine); // acquire: pairs with the partner's matching CAS.
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
                    Thread.currentThread().interrupt(); // the exchange won the race: keep the status.
                }
                return decided;
            }
            if (spins > 0) {
                spins--;
                Thread.onSpinWait();
            } else if (timed) {
                LockSupport.parkNanos(this, remaining);
            } else {
                LockSupport.park(this);
            }
        }
    }

    /**
     * Decides the waiter's own offer: withdraws it, or, if a partner matched it first, takes the
     * partner's value.
     *
     * @return the partner's value, or {@link #NO_PARTNER} if the offer was withdrawn
     */
    private Object withdrawOrTake(Offer mine) {
        Object decided = MATCH.compareAndExchange(mine, null, CANCELLED); // null: withdrawn, the linearization point of a timeout.
        SLOT.compareAndSet(this, mine, null); // decided: clear it, unless the partner already did.
        return decided == null ? NO_PARTNER : decided;
    }

    private static Object mask(Object value) {
        return value == null ? NULL_VALUE : value;
    }

    @SuppressWarnings("unchecked") // every masked value came from an exchange(V) call
    private V unmask(Object value) {
        return value == NULL_VALUE ? null : (V) value;
    }

    // ---- VarHandles ------------------------------------------------------------------------------

    private static final VarHandle SLOT;
    private static final VarHandle MATCH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SLOT = lookup.findVarHandle(LockFreeExchanger.class, "slot", Offer.class);
            MATCH = lookup.findVarHandle(Offer.class, "match", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
