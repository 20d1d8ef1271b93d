/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import java.util.concurrent.Exchanger;

/**
 * The {@link ExchangerContract} run against {@link Exchanger}, the JDK's exchanger, whose API
 * {@link LockFreeExchanger} mirrors. It is evidence about the contract, not about our code: every
 * test of the contract asks only what the reference implementation does, so a failure of
 * {@code LockFreeExchangerTest} is a difference from {@link Exchanger}, not a quirk of the test. (Test
 * code may use {@code java.util.concurrent}; the library may not.)
 *
 * <p>Two differences, each a hook of the contract:
 * <ul>
 *   <li>an exchange called with the interrupt status set while a partner is already waiting:
 *       {@link Exchanger} completes the exchange and keeps the status set; {@link LockFreeExchanger}
 *       throws {@link InterruptedException}. Both are a whole exchange or none;</li>
 *   <li>the most negative timeouts: JDK 17's {@link Exchanger} waits practically for ever for a
 *       timeout of {@link Long#MIN_VALUE} nanoseconds (its deadline arithmetic overflows), where
 *       {@link LockFreeExchanger} treats every timeout of zero or less alike. This is a bug of the JDK's,
 *       found by this contract; the JDK run leaves those values out.</li>
 * </ul>
 */
class JdkExchangerContractTest extends ExchangerContract {

    @Override
    protected <V> ExchangerUnderTest<V> newExchanger() {
        Exchanger<V> exchanger = new Exchanger<>();
        return ExchangerUnderTest.of(exchanger::exchange, exchanger::exchange);
    }

    /** {@link Exchanger} matches a waiting partner before it looks at the interrupt status. */
    @Override
    protected boolean interruptOnEntryWinsOverAWaitingPartner() {
        return false;
    }

    /** JDK 17's {@link Exchanger} overflows on {@link Long#MIN_VALUE} nanoseconds and waits. */
    @Override
    protected boolean mostNegativeTimeoutsDoNotWait() {
        return false;
    }
}
