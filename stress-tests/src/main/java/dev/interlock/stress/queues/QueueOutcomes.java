/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.queues;

import java.util.Queue;

/**
 * How the queue tests turn what a queue did into jcstress's integer results. Every method catches
 * what the queue throws and reports it as {@link #THREW}, so that a broken queue's exception is an
 * outcome of its own (FORBIDDEN), not an error that ends the sample.
 */
final class QueueOutcomes {

    /** The result of a call that threw. */
    static final int THREW = -1;

    private QueueOutcomes() {
    }

    /** @return the polled element, 0 for null, or {@link #THREW} */
    static int poll(Queue<Integer> queue) {
        try {
            Integer element = queue.poll();
            return element == null ? 0 : element;
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /** @return 1 if the offer was accepted, 0 if refused, or {@link #THREW} */
    static int offer(Queue<Integer> queue, int element) {
        try {
            return queue.offer(element) ? 1 : 0;
        } catch (RuntimeException e) {
            return THREW;
        }
    }

    /**
     * Polls until the queue says it is empty, and writes down what came out as decimal digits, in
     * order: 0 for nothing, 12 for 1 then 2, 21 for 2 then 1 (elements are 1 to 9).
     *
     * @return the digits, or {@link #THREW}
     */
    static int drainDigits(Queue<Integer> queue) {
        try {
            int digits = 0;
            for (Integer element = queue.poll(); element != null; element = queue.poll()) {
                digits = digits * 10 + element;
            }
            return digits;
        } catch (RuntimeException e) {
            return THREW;
        }
    }
}
