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

import dev.interlock.testing.BoundedControl;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * The negative control for a refund missing on an interrupt or a timeout in the exchanger (issue 14):
 * {@link BrokenLeftOfferExchanger}, today's {@link LockFreeExchanger} with a waiter that gives up
 * without withdrawing its offer. The contract's own tests of an interrupted and a timed-out wait, with
 * their budgets, must fail on it: each ends by checking that an exchange that does not wait finds
 * nobody, and on the control it finds the value of the thread that gave up. Lincheck cannot be the
 * judge: it never interrupts its threads, and its model checker's clock stands still, so no timeout
 * runs out. jcstress is the other one ({@code Stacks_07_ExchangerWakesUp.BrokenLeftOffer}).
 */
@BoundedControl
class ExchangerWithdrawNegativeControlTest {

    /** The contract, on the broken exchanger; disabled as a JUnit test, since its tests are run below. */
    @Disabled("a negative control: ExchangerWithdrawNegativeControlTest runs two of its tests and expects them to fail")
    static class BrokenLeftOfferContract extends ExchangerContract {

        @Override
        protected <V> ExchangerUnderTest<V> newExchanger() {
            BrokenLeftOfferExchanger<V> exchanger = new BrokenLeftOfferExchanger<>();
            return ExchangerUnderTest.of(exchanger::exchange, exchanger::exchange);
        }
    }

    @Test
    void theContractFindsTheOfferOfAnInterruptedWaiterStillThere() {
        BrokenLeftOfferContract contract = new BrokenLeftOfferContract();
        assertFindsTheOfferLeft(contract::anInterruptWhileWaitingThrowsClearsTheStatusAndGivesTheValueToNoOne);
    }

    @Test
    void theContractFindsTheOfferOfATimedOutWaiterStillThere() {
        BrokenLeftOfferContract contract = new BrokenLeftOfferContract();
        assertFindsTheOfferLeft(contract::aTimedExchangeWithNoPartnerTimesOutAfterItsTimeoutAndGaveItsValueToNoOne);
    }

    private static void assertFindsTheOfferLeft(Executable contractTest) {
        AssertionFailedError error = assertThrows(AssertionFailedError.class, contractTest,
                "the broken exchanger passed: this test cannot see an offer left behind");
        System.out.println("[negative control] " + error.getMessage());
        assertTrue(error.getMessage().contains("a withdrawn value was still on offer"), error::getMessage);
    }
}
