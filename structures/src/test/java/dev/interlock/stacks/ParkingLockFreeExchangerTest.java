/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;


/**
 * The {@link ExchangerContract} again, on a {@link LockFreeExchanger} whose waiters park at once: with
 * the default spin most waiters are matched while they spin, and the park handshake (announce, re-read,
 * park; match, then unpark whoever announced) is run only now and then. Here every wait runs it.
 */
class ParkingLockFreeExchangerTest extends ExchangerContract {

    @Override
    protected <V> ExchangerUnderTest<V> newExchanger() {
        LockFreeExchanger<V> exchanger = new LockFreeExchanger<>(0);
        return ExchangerUnderTest.of(exchanger::exchange, exchanger::exchange);
    }
}
