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
 * {@link LockFreeExchanger} against the {@link ExchangerContract}, the contract that
 * {@code JdkExchangerContractTest} also runs against {@link java.util.concurrent.Exchanger}.
 */
class LockFreeExchangerTest extends ExchangerContract {

    @Override
    protected <V> ExchangerUnderTest<V> newExchanger() {
        LockFreeExchanger<V> exchanger = new LockFreeExchanger<>();
        return ExchangerUnderTest.of(exchanger::exchange, exchanger::exchange);
    }
}
