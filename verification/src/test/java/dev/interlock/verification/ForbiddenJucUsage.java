/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control of {@link JucImplementationRule}: deliberately breaks the rule.</b> It uses
 * exactly two forbidden implementation classes, {@code AtomicLong} and {@code ConcurrentHashMap},
 * next to allowed ones of every kind: interfaces ({@code BlockingQueue}, {@code ConcurrentMap}), an
 * exception ({@code TimeoutException}) and the allowed classes {@code TimeUnit},
 * {@code LockSupport} and {@code ThreadLocalRandom}. {@code NoJucImplementationsTest} asserts that
 * the checker reports the two forbidden ones and nothing else.
 *
 * <p>The {@code long} and {@code double} constants put 8-byte entries, which take two slots each,
 * in the constant pool before most class references, so a reader that miscounts them fails. The
 * method reference adds the invokedynamic, method-handle and method-type entries. Never run.
 */
final class ForbiddenJucUsage {

    /** A {@code CONSTANT_Long}: two constant-pool slots. */
    private static final long LONG_CONSTANT = 1_234_567_890_123L;

    /** A {@code CONSTANT_Double}: two constant-pool slots. */
    private static final double DOUBLE_CONSTANT = 0.123_456_789;

    /** Forbidden: an implementation class of java.util.concurrent.atomic. */
    private final AtomicLong count = new AtomicLong();

    /** Allowed interface type, forbidden implementation class. */
    private final ConcurrentMap<String, Long> totals = new ConcurrentHashMap<>();

    /** Allowed: an interface. */
    private final BlockingQueue<String> queue;

    ForbiddenJucUsage(BlockingQueue<String> queue) {
        this.queue = queue;
    }

    long work() throws InterruptedException, TimeoutException {
        String item = queue.poll(1, TimeUnit.MILLISECONDS);
        if (item == null) {
            throw new TimeoutException("nothing to do");
        }
        LockSupport.parkNanos(1L);
        totals.merge(item, LONG_CONSTANT, Long::sum);
        return count.addAndGet(ThreadLocalRandom.current().nextInt(10)) + (long) (DOUBLE_CONSTANT * 10);
    }
}
