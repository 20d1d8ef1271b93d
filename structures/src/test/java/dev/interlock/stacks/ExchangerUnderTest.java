/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The two methods of an exchanger, as {@link ExchangerContract} sees them: the API of
 * {@link java.util.concurrent.Exchanger}, which {@link LockFreeExchanger} mirrors. The contract is
 * written against this interface so that it can be run against the JDK's exchanger too
 * ({@code JdkExchangerContractTest}), which shows that the contract's tests ask only what a real
 * exchanger does.
 *
 * @param <V> the type of the values exchanged
 */
interface ExchangerUnderTest<V> {

    /**
     * Waits for another thread, then swaps values with it.
     *
     * @param value this thread's value; may be null
     * @return the partner's value
     * @throws InterruptedException if interrupted on entry or while waiting
     */
    V exchange(V value) throws InterruptedException;

    /**
     * Waits at most the given time for another thread, then swaps values with it.
     *
     * @param value this thread's value; may be null
     * @param timeout the most time to wait; zero or less pairs only with a thread already waiting
     * @param unit the unit of {@code timeout}
     * @return the partner's value
     * @throws InterruptedException if interrupted on entry or while waiting
     * @throws TimeoutException if no partner came in time
     */
    V exchange(V value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;

    /**
     * An exchanger made of two methods: {@code ExchangerUnderTest.of(exchanger::exchange,
     * exchanger::exchange)} for any class with the {@link java.util.concurrent.Exchanger} API, which
     * shares no type with this interface.
     *
     * @param untimed the exchange that waits as long as it takes
     * @param timed the exchange with a timeout
     * @param <V> the type of the values exchanged
     * @return the exchanger
     */
    static <V> ExchangerUnderTest<V> of(Untimed<V> untimed, Timed<V> timed) {
        return new ExchangerUnderTest<>() {
            @Override
            public V exchange(V value) throws InterruptedException {
                return untimed.exchange(value);
            }

            @Override
            public V exchange(V value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
                return timed.exchange(value, timeout, unit);
            }
        };
    }

    /**
     * {@link #exchange(Object)}, as a method reference.
     *
     * @param <V> the type of the values exchanged
     */
    @FunctionalInterface
    interface Untimed<V> {
        V exchange(V value) throws InterruptedException;
    }

    /**
     * {@link #exchange(Object, long, TimeUnit)}, as a method reference.
     *
     * @param <V> the type of the values exchanged
     */
    @FunctionalInterface
    interface Timed<V> {
        V exchange(V value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;
    }
}
