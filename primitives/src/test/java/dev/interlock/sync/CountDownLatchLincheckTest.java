/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import dev.interlock.testing.LincheckTestBase;
import java.util.concurrent.TimeUnit;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * {@link CountDownLatch} is linearizable against {@link CountDownLatchSpec}, a plain count: a latch of
 * count {@value CountDownLatchSpec#COUNT}, {@code countDown()}, {@code getCount()}, and {@code await} with
 * a timeout of zero, which answers whether the count is zero without waiting, in any mix, as
 * {@link LincheckTestBase} runs them (model checking and stress). The count is small so that the
 * scenarios reach zero, where a {@code countDown()} sets the internal event while the others read, and
 * call {@code countDown()} at zero, which must change nothing.
 *
 * <p>No operation waits. Lincheck's model checker cannot finish an untimed {@code await()} that no
 * {@code countDown()} releases, and its clock stands still, so a positive timeout never runs out; nor
 * could it show a lost wake-up (see {@code docs/verification.md}, "Lincheck facts"). The waiting paths are
 * checked by {@link CountDownLatchTest} and the jcstress tests.
 */
public class CountDownLatchLincheckTest extends LincheckTestBase {

    private final CountDownLatch latch = new CountDownLatch(CountDownLatchSpec.COUNT);

    public CountDownLatchLincheckTest() {
    }

    @Override
    protected Class<?> specification() {
        return CountDownLatchSpec.class;
    }

    @Operation
    public void countDown() {
        latch.countDown();
    }

    @Operation
    public long getCount() {
        return latch.getCount();
    }

    /** The timed {@code await} with a timeout of zero: whether the count is zero, without waiting. */
    @Operation
    public boolean awaitWithoutWaiting() throws InterruptedException {
        return latch.await(0, TimeUnit.NANOSECONDS);
    }
}
