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

/**
 * <b>Progress control: correct, but not lock-free.</b> {@link LockFreeExchanger}'s algorithm, cut down
 * to the two exchanges the model checker runs (a time of zero, and a bounded spin), with one change: a
 * thread that matches an offer then <em>waits for the waiter to acknowledge</em> the match before it
 * returns. Every exchange is still whole or none, so {@link ExchangePairingVerifier} accepts every
 * execution; but a waiter stalled between the match and its acknowledgement now stops its partner,
 * which is exactly what {@link LockFreeExchanger}'s progress claim rules out ("a thread stalled
 * anywhere never stops other pairs from exchanging"). {@code ExchangerProgressControlTest} asserts that
 * Lincheck's obstruction-freedom check, which {@code LockFreeExchangerLincheckTest} turns on, rejects
 * it. It is not a {@code Broken*} negative control: it has no wrong result for jcstress to observe.
 * Never copy it.
 */
final class BlockingHandshakeExchanger {

    private static final class Offer {
        final Object value;
        volatile Object match;
        volatile boolean acknowledged;

        Offer(Object value) {
            this.value = value;
        }
    }

    private static final Object CANCELLED = new Object();

    private volatile Offer slot;

    /**
     * An exchange that does not wait: matches the waiting offer, if any.
     *
     * @param value a non-null value
     * @return the waiter's value, or null if no one was waiting
     */
    Object exchangeNow(Object value) {
        while (true) {
            Offer waiting = (Offer) SLOT.getAcquire(this);
            if (waiting == null) {
                return null;
            }
            boolean matched = MATCH.compareAndSet(waiting, null, value);
            SLOT.compareAndSet(this, waiting, null);
            if (matched) {
                while (!waiting.acknowledged) {
                    Thread.onSpinWait(); // THE CHANGE: the matcher waits for a step of the waiter.
                }
                return waiting.value;
            }
        }
    }

    /**
     * Offers the value and waits at most {@code spins} spins, as {@code LockFreeExchanger.exchangeWithin}.
     *
     * @param value a non-null value
     * @param spins how many times the waiter re-reads its offer before it withdraws
     * @return the partner's value, or null if none came
     */
    Object exchangeWithin(Object value, int spins) {
        while (true) {
            Object partnerValue = exchangeNow(value);
            if (partnerValue != null) {
                return partnerValue;
            }
            Offer mine = new Offer(value);
            if (SLOT.compareAndSet(this, null, mine)) {
                for (int i = 0; i < spins; i++) {
                    Object match = MATCH.getAcquire(mine);
                    if (match != null) {
                        mine.acknowledged = true;
                        return match;
                    }
                    Thread.onSpinWait();
                }
                Object decided = MATCH.compareAndExchange(mine, null, CANCELLED);
                SLOT.compareAndSet(this, mine, null);
                mine.acknowledged = true;
                return decided;
            }
        }
    }

    private static final VarHandle SLOT;
    private static final VarHandle MATCH;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SLOT = lookup.findVarHandle(BlockingHandshakeExchanger.class, "slot", Offer.class);
            MATCH = lookup.findVarHandle(Offer.class, "match", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
