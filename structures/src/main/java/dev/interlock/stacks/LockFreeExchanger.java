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
 * {@link java.util.concurrent.Exchanger} (with one difference on interrupts, in a <b>Note</b> below),
 * lock-free, with one slot.
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
 * <p><b>Progress:</b> lock-free. A thread stalled anywhere, even one whose offer sits in the slot,
 * does not stop other threads from exchanging: the next thread to arrive completes the exchange with
 * the stalled one and returns, and a stale offer is removed by whichever thread meets it. Every retry
 * is caused by another thread's successful compare-and-set. A waiting thread waits for a partner to
 * arrive, which is what an exchange is, and then for that partner's next steps: a partner claims the
 * waiter's offer, then matches it, then unparks the waiter if it parked, and a partner descheduled
 * between those steps delays that one waiter. A timed waiter still leaves at its deadline: with the
 * partner's value if the match came first, or withdrawn, in which case the late partner looks for
 * another offer.
 *
 * <p><b>Note:</b> unlike {@link java.util.concurrent.Exchanger}, which first pairs with a partner
 * already waiting, an exchange called with the interrupt status set throws
 * {@link InterruptedException} at once, as the blocking methods of {@code java.util.concurrent}'s
 * locks and queues do; the waiting partner keeps waiting for another.
 *
 * <h2>Implementation notes</h2>
 * <b>The algorithm</b> is the lock-free exchanger of Herlihy and Shavit, <i>The Art of Multiprocessor
 * Programming</i> (2nd ed., ch. 11.4.1), with one change that makes it lock-free rather than merely
 * obstruction-free: the decision of each exchange is a compare-and-set on the waiter's own
 * {@code Offer} object, not on the shared slot. The book's exchanger keeps a value and an
 * EMPTY/WAITING/BUSY state in the slot: a partner marks it BUSY, and the waiter must see that and
 * reset the slot to EMPTY before any other pair can use it, so a waiter descheduled at that moment
 * blocks every other thread. Here the slot only <em>points</em> to an offer, and a partner takes the
 * offer out of the slot before it decides it, so the slot is free again at once.
 * {@link java.util.concurrent.Exchanger} claims and decides in the same two steps, on a per-thread
 * node (and adds an arena of slots under contention); this class keeps one slot, since the
 * elimination array of {@link EliminationBackoffStack} already is an array of exchangers. (A first
 * version decided the offer while it was still in the slot and cleared the slot afterwards: the
 * waiter, back for its next exchange, then often found its own spent offer still there and had to
 * help clear it, and two threads swapping in a loop made a third as many exchanges.)
 *
 * <p>An {@code Offer} holds the waiter's value, the waiting thread once it is about to park, and a
 * {@code match} field, null
 * while the offer is open. Its life:
 * <ol>
 *   <li>A thread that finds the slot empty creates an offer and installs it by CAS of the slot from
 *       null. It then waits (spin, then park) for {@code match} to become non-null.</li>
 *   <li>A thread that finds an offer in the slot first <i>claims</i> it, by CAS of the slot from the
 *       offer to null, so that the slot is free for other pairs at once and no other thread tries
 *       the same offer; then it <i>matches</i> it: CAS of {@code match} from null to its own value.
 *       <b>The successful matching CAS is the linearization point of both exchanges</b>: at that
 *       instant both calls are in progress, and each takes the other's value. The matcher then
 *       unparks the waiter if it has announced that it parks, and returns the offer's value. If the
 *       matching CAS fails, the waiter withdrew first, and the matcher looks again.</li>
 *   <li>A waiter whose time runs out, or who is interrupted, tries to <i>withdraw</i>: CAS of
 *       {@code match} from null to {@code CANCELLED}. The successful CAS is the linearization point of
 *       the timeout or the interrupt; the waiter takes its offer out of the slot, if no one has
 *       claimed it, and throws. If the CAS fails, a partner matched the offer first, and the waiter
 *       returns the partner's value (the exchange succeeded).</li>
 * </ol>
 *
 * <p><b>Invariants.</b>
 * <ol>
 *   <li>{@code match} of an offer is written at most once from null, by CAS: so each offer is decided
 *       exactly once, matched by one partner or cancelled by its waiter, never both. This is the
 *       whole proof that no value is lost or duplicated: a matched waiter's value goes to exactly the
 *       one thread whose CAS matched it, and a cancelled waiter's value to no one.</li>
 *   <li>The slot holds null or an offer; an offer leaves the slot when a partner claims it or when
 *       its withdrawn waiter takes it out, and never comes back (an offer is installed once, from
 *       null, by its own waiter). Only the one thread that claimed an offer can match it.</li>
 *   <li>A thread installs at most one offer per call and waits only on its own offer.</li>
 * </ol>
 *
 * <p><b>Access modes</b> (vocabulary: {@code docs/memory-ordering.md}). The slot is read with
 * acquire: it pairs with the CAS (a release, among other things) that installed the offer, so the
 * offer (its final {@code value}) and everything the waiter did before are visible to the partner. While it spins, the waiter reads {@code match} with acquire: that pairs with the partner's
 * matching CAS, which gives the other half of the memory consistency effects. <b>Before it parks</b>
 * the waiter announces itself by a volatile write of {@code parked} and then re-reads {@code match}
 * with a <em>volatile</em> read; the partner CASes {@code match} and then reads {@code parked}
 * (volatile). All four accesses are synchronization actions, so they lie in one total order
 * consistent with each thread's program order, and a volatile read sees the last write to its
 * variable before it in that order: whichever thread's second access comes later sees the other's
 * first, so a waiter never parks unseen (Dekker's pattern). An acquire re-read would not do: the JMM
 * does not order a volatile write before a later acquire read (a store-load pair), so both sides
 * could miss each other and an untimed exchange would park for ever. On x86 HotSpot's fence after
 * every volatile store hides that; on ARM or POWER nothing would. The other writes are CAS.
 *
 * <p>Evidence: {@code LockFreeExchangerTest} (the exchanger contract, also run against
 * {@link java.util.concurrent.Exchanger}), {@code LockFreeExchangerLincheckTest} (Lincheck, both
 * strategies, with a verifier that pairs the exchanges) and its negative control
 * {@code ExchangerNegativeControlTest}, and the jcstress test
 * {@code dev.interlock.stress.stacks.Stacks_06_ExchangerSwaps}.
 *
 * @param <V> the type of the values exchanged
 */
public final class LockFreeExchanger<V> {

    /**
     * How often a waiter re-reads its offer before it parks, each time after a
     * {@link Thread#onSpinWait()}: about 25 microseconds on the 2-core machine where it was measured.
     * That is long, and it is what parking costs: on that machine two threads swapping through this
     * exchanger made 14.6 exchanges per microsecond with 1,024 spins and 1.1 with 128, because with
     * fewer spins most waiters park, and a park and an unpark cost more than the wait they replace.
     * The clock is read only after the spins, so a timed waiter notices its deadline up to that long
     * late.
     */
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
        /**
         * The waiting thread, set (volatile) just before it parks, so that a partner unparks only a
         * waiter that may be parked; null while it spins, and always for a waiter that never parks.
         */
        volatile Thread parked;
        /** Null while open; then the partner's masked value, or {@link #CANCELLED}. Written by CAS. */
        volatile Object match;

        Offer(Object value) {
            this.value = value;
        }
    }

    /** Null, or the offer of the thread waiting here (invariant 2). Written only by CAS. */
    private volatile Offer slot;

    /** {@link #SPINS_BEFORE_PARKING}, or fewer for tests (see the package-private constructor). */
    private final int spinsBeforeParking;

    /** Creates an exchanger. */
    public LockFreeExchanger() {
        this(SPINS_BEFORE_PARKING);
    }

    /**
     * For tests: an exchanger whose waiters spin {@code spinsBeforeParking} times before they park.
     * With 0 every waiter parks at once, so the park handshake is exercised on every exchange.
     */
    LockFreeExchanger(int spinsBeforeParking) {
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
            if (partnerValue != NO_PARTNER || spins == 0) {
                return partnerValue; // with no patience, only a visitor already waiting can be a partner.
            }
            if (mine == null) {
                mine = new Offer(value);
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
                mine = new Offer(value); // reused after a failed install: never shared.
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
     * @return the offer's value if this thread matched it, or {@link #NO_PARTNER} if another thread
     *         claimed it first or its waiter withdrew it (it has left the slot either way)
     */
    private Object tryMatch(Offer waiting, Object value) {
        if (!SLOT.compareAndSet(this, waiting, null)) {
            return NO_PARTNER; // another thread claimed it first: look again.
        }
        // Claimed: the slot is free for other pairs already. Now decide the offer.
        if (!MATCH.compareAndSet(waiting, null, value)) {
            return NO_PARTNER; // its waiter withdrew it first: look again.
        } // the successful CAS is the linearization point of both exchanges.
        Thread parked = waiting.parked; // volatile read after the CAS: pairs with the waiter's volatile write before its re-check.
        if (parked != null) {
            LockSupport.unpark(parked);
        }
        return waiting.value;
    }

    /** Waits on this thread's installed offer until it is matched, the deadline passes or an interrupt. */
    private Object awaitMatch(Offer mine, boolean timed, long deadline) throws InterruptedException {
        for (int spin = 0; spin < spinsBeforeParking; spin++) {
            Object match = MATCH.getAcquire(mine); // acquire: pairs with the partner's matching CAS.
            if (match != null) {
                return match; // a partner's CAS matched us while we spun: the common case.
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

    /**
     * Decides the waiter's own offer: withdraws it, or, if a partner matched it first, takes the
     * partner's value.
     *
     * @return the partner's value, or {@link #NO_PARTNER} if the offer was withdrawn
     */
    private Object withdrawOrTake(Offer mine) {
        Object decided = MATCH.compareAndExchange(mine, null, CANCELLED); // null: withdrawn, the linearization point of a timeout or an interrupt.
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
            // Initialized here, on one thread, not first by a crowd of parking virtual threads (docs/verification.md).
            lookup.ensureInitialized(LockSupport.class);
            lookup.ensureInitialized(Offer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
