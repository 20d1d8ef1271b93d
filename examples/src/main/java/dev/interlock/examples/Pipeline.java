/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import dev.interlock.queues.LockFreeLinkedQueue;
import dev.interlock.queues.LockingArrayQueue;
import dev.interlock.queues.LockingPriorityQueue;
import dev.interlock.queues.MpmcArrayQueue;
import dev.interlock.queues.SpscArrayQueue;
import dev.interlock.queues.TwoLockLinkedQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A pipeline of three stages, one thread each: a producer, a transformer that squares each item, and a
 * consumer that sums them, connected by two queues. It runs once per kind of queue in
 * {@code dev.interlock.queues}: the blocking ones with {@code put} and {@code take}, the others with
 * {@code offer} and {@code poll} and a short back-off when the queue is full or empty. Each link has one
 * sending and one receiving thread, so even {@link SpscArrayQueue} qualifies. The producer ends the
 * stream with a poison pill that every stage passes on.
 *
 * <p>Per queue kind it prints the items, the elapsed time, the items per millisecond (indicative: one
 * short run, not a benchmark; see {@code docs/queues.md} for those) and the check: produced =
 * transformed = consumed, the consumed values sum to what a sequential loop computes, and, for the FIFO
 * queues, the consumer saw the items in the order the producer sent them. The producer sends a
 * scrambled sequence, so the priority queue has something to reorder. {@code PipelineTest} checks the
 * same for every kind.
 *
 * <pre>{@code ./mvnw -q -pl examples exec:java -Dexample=pipeline}</pre>
 */
public final class Pipeline {

    static final int ITEMS = 100_000;
    static final int CAPACITY = 1024;

    /** The poison pill. It sorts after every item, so it also leaves a priority queue last. */
    private static final long END = Long.MAX_VALUE;

    private Pipeline() {
    }

    /** One link between two stages: one thread sends, another receives. */
    interface Channel<E> {
        void send(E element) throws InterruptedException;

        E receive() throws InterruptedException;
    }

    /** A queue kind: its name, whether it keeps FIFO order, and how to make one link of it. */
    record Kind(String name, boolean fifo, Supplier<Channel<Long>> link) {
    }

    /**
     * What one run measured.
     *
     * @param kind the queue kind's name
     * @param items the items the producer was to send
     * @param produced the items the producer sent
     * @param transformed the items the transformer passed on
     * @param consumed the items the consumer received
     * @param sum the sum of the consumed values
     * @param expectedSum the sum a sequential loop computes
     * @param fifo whether the queue kind keeps FIFO order, so that the order is checked
     * @param orderKept whether the consumer received the items in the producer's order
     * @param nanos from the start of the first stage to the end of the last
     */
    record Run(String kind, int items, int produced, int transformed, int consumed, long sum, long expectedSum,
            boolean fifo, boolean orderKept, long nanos) {

        boolean countsMatch() {
            return produced == items && transformed == items && consumed == items;
        }

        boolean ok() {
            return countsMatch() && sum == expectedSum && (orderKept || !fifo);
        }

        double itemsPerMs() {
            return items / (nanos / 1e6);
        }
    }

    /** Every queue kind, each bounded to {@value #CAPACITY} but the lock-free linked queue, which has no bound. */
    static List<Kind> kinds() {
        return List.of(
                new Kind("LockingArrayQueue", true, () -> blocking(new LockingArrayQueue<>(CAPACITY))),
                new Kind("TwoLockLinkedQueue", true, () -> blocking(new TwoLockLinkedQueue<>(CAPACITY))),
                new Kind("LockingPriorityQueue", false, () -> blocking(new LockingPriorityQueue<>(CAPACITY))),
                new Kind("MpmcArrayQueue", true, () -> polling(new MpmcArrayQueue<>(CAPACITY))),
                new Kind("SpscArrayQueue", true, () -> polling(new SpscArrayQueue<>(CAPACITY))),
                new Kind("LockFreeLinkedQueue", true, () -> polling(new LockFreeLinkedQueue<>())));
    }

    /** A blocking queue's link: {@code put} waits for room, {@code take} for an item. */
    static <E> Channel<E> blocking(BlockingQueue<E> queue) {
        return new Channel<>() {
            @Override
            public void send(E element) throws InterruptedException {
                queue.put(element);
            }

            @Override
            public E receive() throws InterruptedException {
                return queue.take();
            }
        };
    }

    /** A non-blocking queue's link: {@code offer} and {@code poll}, backing off while they fail. */
    static <E> Channel<E> polling(Queue<E> queue) {
        return new Channel<>() {
            @Override
            public void send(E element) throws InterruptedException {
                for (int misses = 0; !queue.offer(element); misses++) {
                    backOff(misses); // full
                }
            }

            @Override
            public E receive() throws InterruptedException {
                for (int misses = 0; ; misses++) {
                    E element = queue.poll();
                    if (element != null) {
                        return element;
                    }
                    backOff(misses); // empty
                }
            }
        };
    }

    /** Yields a few times, then sleeps 20 µs at a time: never a hot spin that starves the other stages. */
    private static void backOff(int misses) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (misses < 16) {
            Thread.yield();
        } else {
            LockSupport.parkNanos(20_000L);
        }
    }

    /** The producer's {@code i}-th item: a scrambled sequence, not sorted, so a priority queue reorders it. */
    static long input(long i, int items) {
        return i * 7_919L % items;
    }

    /** The transformer's work. */
    static long transform(long item) {
        return item * item;
    }

    /** Runs the pipeline over {@code kind}'s queues, {@code items} items. */
    static Run run(Kind kind, int items) throws InterruptedException {
        Channel<Long> first = kind.link().get();
        Channel<Long> second = kind.link().get();
        long expectedSum = 0;
        for (int i = 0; i < items; i++) {
            expectedSum += transform(input(i, items));
        }

        // Each count is written by one stage and read after the joins, which order the accesses.
        final class Counts {
            int produced;
            int transformed;
            int consumed;
            long sum;
            boolean orderKept = true;
        }
        Counts counts = new Counts();
        Stage producer = () -> {
            for (int i = 0; i < items; i++) {
                first.send(input(i, items));
                counts.produced++;
            }
            first.send(END);
        };
        Stage transformer = () -> {
            for (Long item; (item = first.receive()) != END; ) { // unboxes: compares values
                second.send(transform(item));
                counts.transformed++;
            }
            second.send(END);
        };
        Stage consumer = () -> {
            for (Long item; (item = second.receive()) != END; ) {
                counts.orderKept &= item == transform(input(counts.consumed, items));
                counts.sum += item;
                counts.consumed++;
            }
        };

        long start = System.nanoTime();
        runStages(kind.name(), producer, transformer, consumer);
        long nanos = System.nanoTime() - start;
        return new Run(kind.name(), items, counts.produced, counts.transformed, counts.consumed, counts.sum,
                expectedSum, kind.fifo(), counts.orderKept, nanos);
    }

    /** A stage's loop. */
    @FunctionalInterface
    private interface Stage {
        void run() throws InterruptedException;
    }

    /** Runs each stage in a thread of its own and waits for all; a stage that fails stops the others. */
    private static void runStages(String name, Stage... stages) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < stages.length; s++) {
            Stage stage = stages[s];
            threads.add(new Thread(() -> {
                try {
                    stage.run();
                } catch (Throwable t) {
                    if (failure.compareAndSet(null, t)) {
                        threads.forEach(Thread::interrupt); // else a neighbour waits for ever
                    }
                }
            }, name + "-stage-" + s));
        }
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        if (threads.stream().anyMatch(Thread::isAlive)) {
            threads.forEach(Thread::interrupt);
            throw new IllegalStateException(name + ": the pipeline stalled for 30 s", failure.get());
        }
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": a stage failed", failure.get());
        }
    }

    /** Runs the pipeline once per queue kind. */
    static List<Run> runAll(int items) throws InterruptedException {
        List<Run> runs = new ArrayList<>();
        for (Kind kind : kinds()) {
            runs.add(run(kind, items));
        }
        return runs;
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws InterruptedException if interrupted while it waits for a stage
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.printf("Pipeline: producer -> transformer (x -> x * x) -> consumer, one thread each, %,d items%n",
                ITEMS);
        System.out.printf("%-21s %8s %11s %9s  %s%n", "queue", "items", "elapsed ms", "items/ms",
                "check: produced = transformed = consumed, sum, order");
        for (Run run : runAll(ITEMS)) {
            String order = run.fifo() ? (run.orderKept() ? "FIFO kept" : "FIFO BROKEN")
                    : run.orderKept() ? "FIFO by chance (no backlog to reorder)" : "reordered by priority";
            System.out.printf("%-21s %8d %11.1f %9.0f  %s: %d = %d = %d, sum %s, %s%n",
                    run.kind(), run.items(), run.nanos() / 1e6, run.itemsPerMs(), run.ok() ? "ok" : "FAILED",
                    run.produced(), run.transformed(), run.consumed(),
                    run.sum() == run.expectedSum() ? "= " + run.expectedSum() : run.sum() + " != " + run.expectedSum(),
                    order);
        }
    }
}
