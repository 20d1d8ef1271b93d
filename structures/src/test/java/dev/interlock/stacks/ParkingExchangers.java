/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.lang.reflect.Field;

/** For the jcstress tests, in another package: exchangers whose waiters park at once. */
public final class ParkingExchangers {

    private ParkingExchangers() {
    }

    /**
     * Returns a {@link LockFreeExchanger} whose waiters park without spinning first, so that every
     * wait runs the park handshake.
     *
     * @param <V> the type of the values exchanged
     * @return a new exchanger
     */
    public static <V> LockFreeExchanger<V> parkingAtOnce() {
        return new LockFreeExchanger<>(0);
    }

    /**
     * Whether a waiter's offer is in the exchanger's slot (a volatile read of its private field), so
     * that a jcstress signal can come as the waiter's partner rather than as a waiter itself.
     *
     * @param exchanger the exchanger
     * @return {@code true} if a thread waits in it now
     */
    public static boolean hasWaiter(LockFreeExchanger<?> exchanger) {
        try {
            return SLOT.get(exchanger) != null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final Field SLOT;

    static {
        try {
            SLOT = LockFreeExchanger.class.getDeclaredField("slot");
            SLOT.setAccessible(true);
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
