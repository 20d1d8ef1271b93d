/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.Test;

/**
 * The control of the progress check in {@code LockFreeExchangerLincheckTest}: its model checking runs
 * with Lincheck's obstruction-freedom check, and that check must reject
 * {@link BlockingHandshakeExchanger}, whose matcher waits for the waiter to acknowledge the match. That
 * exchanger pairs correctly, so {@link ExchangePairingVerifier} alone accepts it (measured: the same
 * 30 scenarios of 500 interleavings without the check passed, with 3,586 pairs); only the progress
 * check can see that a waiter stalled at the wrong moment stops its partner. If this test fails, the
 * obstruction-freedom check proves nothing about {@link LockFreeExchanger}'s progress. Full budget, no
 * minimization.
 */
class ExchangerProgressControlTest {

    /** The model checker's scenarios on the blocking exchanger. Public: Lincheck builds it. */
    public static class BlockingHandshakeSpinning extends ExchangerLincheckBase {
        public BlockingHandshakeSpinning() {
            super(target(new BlockingHandshakeExchanger()), MODEL_CHECKING_SPINS);
        }
    }

    /** The two exchanges the model checker runs; the waiting ones are not implemented. */
    static ExchangerLincheckBase.Target target(BlockingHandshakeExchanger exchanger) {
        return new ExchangerLincheckBase.Target() {
            @Override
            public Integer exchange(Integer value) {
                throw new UnsupportedOperationException("only the model checker's exchanges");
            }

            @Override
            public Integer exchange(Integer value, long timeout, TimeUnit unit) throws TimeoutException {
                if (timeout > 0) {
                    throw new UnsupportedOperationException("only a time of zero");
                }
                Object received = exchanger.exchangeNow(value);
                if (received == null) {
                    throw new TimeoutException();
                }
                return (Integer) received;
            }

            @Override
            public Integer exchangeWithin(Integer value, int spins) {
                return (Integer) exchanger.exchangeWithin(value, spins);
            }
        };
    }

    @Test
    void theObstructionFreedomCheckRejectsAMatcherThatWaitsForItsWaiter() {
        ExchangePairingVerifier.reset();
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ExchangerLincheckBase.modelChecking().minimizeFailedScenario(false)
                        .check(BlockingHandshakeSpinning.class));
        String message = String.valueOf(error.getMessage());
        System.out.println("[progress control] " + message.lines().limit(12).reduce("", (a, b) -> a + "\n" + b));
        assertTrue(message.contains("active lock"), message);
    }
}
