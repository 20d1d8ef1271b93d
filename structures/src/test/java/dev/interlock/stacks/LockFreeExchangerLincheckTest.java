/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stacks;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.LincheckBudget;
import dev.interlock.testing.ModelCheckingTest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LockFreeExchanger} under Lincheck, both strategies, checked by {@link ExchangePairingVerifier}:
 * every exchange timed out or was paired, symmetrically, with one exchange of another thread that
 * overlapped it in time. See {@link ExchangerLincheckBase} for the operations and why they differ by
 * strategy (the model checker's clock stands still). The model-checking runs also check obstruction
 * freedom. Two controls show in every build that these runs can fail: {@code
 * ExchangerNegativeControlTest} (the same verifier and budget reject an exchanger whose withdrawal is a
 * check and a plain write instead of a CAS) and {@code ExchangerProgressControlTest} (the obstruction
 * freedom check rejects an exchanger whose matcher waits for its waiter).
 *
 * <p>Each test also asserts that exchanges did pair (the verifier alone would accept an exchanger that
 * always times out), and prints how many pairs and timeouts it saw.
 *
 * <p>Cost at the build's divisor 3, on the shared two-core machine: 10 s in all at a load average of
 * 3.5 (model checking with two threads 4 s, with three threads 2 s, the waiting exchanges 1 s, stress
 * 2 s), 15 to 22 s at 4.5 to 5, 35 s at 9.
 */
class LockFreeExchangerLincheckTest {

    /** The public and the spinning exchanges of a {@link LockFreeExchanger}. */
    static ExchangerLincheckBase.Target target(LockFreeExchanger<Integer> exchanger) {
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
                return received == LockFreeExchanger.NO_PARTNER ? null : (Integer) received;
            }
        };
    }

    /** The model checker's scenarios: {@code exchangeNow} and {@code exchangeSpinning}. Public: Lincheck builds it. */
    public static class Spinning extends ExchangerLincheckBase {
        public Spinning() {
            super(target(new LockFreeExchanger<>()), MODEL_CHECKING_SPINS);
        }
    }

    /** The stress strategy's scenarios: the above and {@code exchangeTimed}, with a real timeout. */
    public static class Timed extends ExchangerLincheckBase.WithTimeouts {
        public Timed() {
            super(target(new LockFreeExchanger<>()));
        }
    }

    @BeforeEach
    void resetTheVerifiersCounters() {
        ExchangePairingVerifier.reset();
    }

    private static void assertExchangesPaired(String test) {
        System.out.printf("[lincheck] %s: %d executions accepted, %d pairs, %d timeouts%n", test,
                ExchangePairingVerifier.executions(), ExchangePairingVerifier.pairs(), ExchangePairingVerifier.timeouts());
        assertTrue(ExchangePairingVerifier.pairs() > 0, "no exchange ever paired: the test proved nothing");
    }

    @ModelCheckingTest
    void exchangesPairUnderModelChecking() {
        ExchangerLincheckBase.modelChecking()
                .iterations(LincheckBudget.scenarios(ExchangerLincheckBase.MODEL_CHECKING_ITERATIONS))
                .check(Spinning.class);
        assertExchangesPaired("model checking, 2 threads");
    }

    /** Three threads under model checking, with shorter scenarios to keep the interleavings tractable. */
    @ModelCheckingTest
    void exchangesPairWithThreeThreadsUnderModelChecking() {
        ExchangerLincheckBase.modelChecking()
                .iterations(LincheckBudget.scenarios(ExchangerLincheckBase.THREE_THREAD_ITERATIONS))
                .threads(3)
                .actorsPerThread(2)
                .check(Spinning.class);
        assertExchangesPaired("model checking, 3 threads");
    }

    /** The public waiting exchanges (untimed, and timed with a long timeout), in scenarios where all pair. */
    @ModelCheckingTest
    void waitingExchangesPairUnderModelChecking() {
        ModelCheckingOptions options = ExchangerLincheckBase.modelChecking().iterations(0);
        for (ExecutionScenario scenario : ExchangerLincheckBase.pairedScenarios()) {
            options.addCustomScenario(scenario);
        }
        options.check(Spinning.class);
        assertExchangesPaired("model checking, waiting exchanges");
    }

    @Test
    void exchangesPairUnderStress() {
        ExchangerLincheckBase.stress()
                .iterations(LincheckBudget.scenarios(ExchangerLincheckBase.STRESS_ITERATIONS))
                .check(Timed.class);
        assertExchangesPaired("stress");
    }
}
