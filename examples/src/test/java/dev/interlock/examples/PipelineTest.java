/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.SpscArrayQueue;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The claims of {@link Pipeline}, for every queue kind: nothing lost or duplicated between the stages,
 * the consumer's sum right, and FIFO order kept by the FIFO queues.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PipelineTest {

    @Test
    void everyQueueKindPassesEveryItemOnceAndTheFifoOnesInOrder() throws InterruptedException {
        List<Pipeline.Run> runs = Pipeline.runAll(Pipeline.ITEMS);
        assertEquals(List.of("LockingArrayQueue", "TwoLockLinkedQueue", "LockingPriorityQueue", "MpmcArrayQueue",
                "SpscArrayQueue", "LockFreeLinkedQueue"), runs.stream().map(Pipeline.Run::kind).collect(Collectors.toList()));

        // The expected sum, computed here rather than trusted from the example: the sum of x * x over
        // the producer's items.
        long expectedSum = 0;
        for (int i = 0; i < Pipeline.ITEMS; i++) {
            long x = Pipeline.input(i, Pipeline.ITEMS);
            expectedSum += x * x;
        }
        for (Pipeline.Run run : runs) {
            System.out.printf("[pipeline] %-21s %.1f ms%n", run.kind(), run.nanos() / 1e6);
            assertEquals(Pipeline.ITEMS, run.produced(), run.kind());
            assertEquals(Pipeline.ITEMS, run.transformed(), run.kind());
            assertEquals(Pipeline.ITEMS, run.consumed(), run.kind());
            assertEquals(expectedSum, run.expectedSum(), run.kind());
            assertEquals(expectedSum, run.sum(), run.kind());
            assertEquals(!run.kind().equals("LockingPriorityQueue"), run.fifo(), run.kind());
            assertTrue(run.orderKept() || !run.fifo(), run.kind() + " broke FIFO order");
            assertTrue(run.ok(), run.kind());
        }
    }

    @Test
    void aStageThatFailsStopsTheOthersInsteadOfLeavingThemWaiting() {
        for (boolean blocking : new boolean[] {true, false}) {
            // Each link fails on its 1,000th receive, in the transformer or the consumer, whichever gets
            // there first; the producer then waits on a full queue, and the third stage on an empty one
            // or a full one, until the failure interrupts them.
            Pipeline.Kind failing = new Pipeline.Kind("failing", true, () -> failAfter(1_000, blocking
                    ? Pipeline.blocking(new LockingArrayQueue<>(Pipeline.CAPACITY))
                    : Pipeline.polling(new SpscArrayQueue<>(Pipeline.CAPACITY))));
            long start = System.nanoTime();
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> Pipeline.run(failing, Pipeline.ITEMS));
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(thrown.getMessage().contains("a stage failed"), thrown::getMessage);
            assertEquals("receive 1000 fails on purpose", thrown.getCause().getMessage());
            assertTrue(seconds < 10, "the stages did not stop: " + seconds + " s");
        }
    }

    /** A channel whose receive throws on its {@code n}-th call. */
    private static <E> Pipeline.Channel<E> failAfter(int n, Pipeline.Channel<E> channel) {
        AtomicInteger receives = new AtomicInteger();
        return new Pipeline.Channel<>() {
            @Override
            public void send(E element) throws InterruptedException {
                channel.send(element);
            }

            @Override
            public E receive() throws InterruptedException {
                if (receives.incrementAndGet() == n) {
                    throw new RuntimeException("receive " + n + " fails on purpose");
                }
                return channel.receive();
            }
        };
    }
}
