/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static dev.interlock.locks.ReadWriteMutexWakeUpTest.WOKEN_READER_ROUNDS;
import static dev.interlock.locks.ReadWriteMutexWakeUpTest.wokenReaderGivesUp;
import static org.junit.jupiter.api.Assertions.fail;

import dev.interlock.testing.BoundedControl;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The negative control of the reader wake-up: {@link BrokenWokenReaderReadWriteMutex}, whose woken
 * reader gives up without serving the queue, run through the rounds of
 * {@code ReadWriteMutexWakeUpTest.aWokenReaderThatGivesUpLetsTheWaitingWriterIn} with the same bound,
 * must leave the writer waiting in at least one of them. That also shows the rounds reach the woken
 * reader's leaving, not only a withdrawal before the release. Lincheck cannot be the judge (its model
 * checker wakes parked threads spuriously); jcstress is the other one
 * ({@code Locks_10_CancelPassesWakeUp.BrokenWokenReader}).
 */
@BoundedControl
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WokenReaderNegativeControlTest {

    @Test
    void theControlLeavesTheWriterWaiting() throws InterruptedException {
        List<String> outcomes = new ArrayList<>();
        for (int round = 0; round < WOKEN_READER_ROUNDS; round++) {
            BrokenWokenReaderReadWriteMutex lock =
                    new BrokenWokenReaderReadWriteMutex(BrokenWokenReaderReadWriteMutex.Policy.READER_PREFERRING, 0);
            String outcome = wokenReaderGivesUp(lock, lock, lock::getQueueLength);
            outcomes.add(outcome);
            if (outcome.equals("the reader was interrupted, and the writer waited in vain")) { // it reached leaveFlight
                System.out.printf("[control] BrokenWokenReaderReadWriteMutex caught in round %d of %d%n",
                        round + 1, WOKEN_READER_ROUNDS);
                return;
            }
        }
        fail("the broken lock let the writer in every round: these rounds cannot see a woken reader"
                + " that leaves without serving the queue. Outcomes: " + outcomes);
    }
}
