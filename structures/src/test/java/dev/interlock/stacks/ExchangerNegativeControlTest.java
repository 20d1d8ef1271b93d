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

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The negative control of {@link LockFreeExchanger} on the Lincheck side: the verifier
 * ({@link ExchangePairingVerifier}) and the budget of {@link ExchangerLincheckBase} that pass the real
 * exchanger must reject {@link BrokenPlainWithdrawExchanger}, whose waiter withdraws its offer with a
 * check and a plain write instead of a CAS, so that a partner arriving at the moment it gives up gets
 * its value while it reports a timeout: a half exchange (the interleaving is in the broken class's
 * documentation). If this test fails, the verifier or the budget cannot see the bug, and
 * {@code LockFreeExchangerLincheckTest} passing means nothing. Scenario minimization is off: a negative
 * control needs the failure, not the smallest failing scenario. It always runs the full budget (no
 * {@code LincheckBudget} divisor).
 *
 * <p><b>Stress needs the waiter delayed.</b> The window is two adjacent instructions of the withdrawing
 * waiter, and it is open only if a partner arrives just as the waiter gives up. Model checking switches
 * threads between those instructions by itself. Stress uses the exchanger built with
 * {@link BrokenPlainWithdrawExchanger#DELAY_SPINS} spins in that window, a waiter delayed there as a
 * preemption would delay it. Undelayed, the stress strategy did not catch it: the full stress budget
 * (30 scenarios of 300 invocations, 9,000 executions, 4 to 20 s) passed in each of four runs, and so
 * did the whole contract test ({@code ExchangerContract}, with its 40,000 timed exchanges on four
 * threads) in three runs. Delayed, stress caught it after 1 to 1,300 accepted executions in six runs.
 */
class ExchangerNegativeControlTest {

    /** The public and the spinning exchanges of a {@link BrokenPlainWithdrawExchanger}. */
    static ExchangerLincheckBase.Target target(BrokenPlainWithdrawExchanger<Integer> exchanger) {
        return new ExchangerLincheckBase.Target() {
            @Override
            public Integer exchange(Integer value) throws InterruptedException {
                return exchanger.exchange(value);
            }

            @Override
            public Integer exchange(Integer value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
                return exchanger.exchange(value, timeout, unit);
            }

            @Override
            public Integer exchangeWithin(Integer value, int spins) {
                Object received = exchanger.exchangeWithin(value, spins);
                return received == BrokenPlainWithdrawExchanger.NO_PARTNER ? null : (Integer) received;
            }
        };
    }

    /** The model checker's scenarios on the broken exchanger, undelayed. Public: Lincheck builds it. */
    public static class BrokenSpinning extends ExchangerLincheckBase {
        public BrokenSpinning() {
            super(target(new BrokenPlainWithdrawExchanger<>()), MODEL_CHECKING_SPINS);
        }
    }

    /** The stress strategy's scenarios on the broken exchanger, delayed in its window. */
    public static class DelayedBrokenTimed extends ExchangerLincheckBase.WithTimeouts {
        public DelayedBrokenTimed() {
            super(target(new BrokenPlainWithdrawExchanger<>(BrokenPlainWithdrawExchanger.DELAY_SPINS)));
        }
    }

    @BeforeEach
    void resetTheVerifiersCounters() {
        ExchangePairingVerifier.reset();
    }

    @Test
    void modelCheckingCatchesTheHalfExchange() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ExchangerLincheckBase.modelChecking().minimizeFailedScenario(false).check(BrokenSpinning.class));
        assertRejectedAsAHalfExchange("model checking", error);
    }

    @Test
    void stressCatchesTheHalfExchangeWhenTheWaiterIsDelayed() {
        LincheckAssertionError error = assertThrows(LincheckAssertionError.class,
                () -> ExchangerLincheckBase.stress().minimizeFailedScenario(false).check(DelayedBrokenTimed.class));
        assertRejectedAsAHalfExchange("stress", error);
    }

    private static void assertRejectedAsAHalfExchange(String strategy, LincheckAssertionError error) {
        String rejection = ExchangePairingVerifier.lastRejection();
        System.out.println("[negative control, " + strategy + "] after " + ExchangePairingVerifier.executions()
                + " accepted executions: " + rejection + "\n" + firstLines(error.getMessage()));
        assertTrue(rejection != null && rejection.startsWith("half exchange"),
                "Lincheck failed, but not on the half exchange: " + rejection + "\n" + error.getMessage());
    }

    private static String firstLines(String message) {
        String[] lines = String.valueOf(message).split("\n");
        return String.join("\n", Arrays.copyOf(lines, Math.min(lines.length, 30)));
    }
}
