/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.interlock.sync.Event;
import java.io.PrintStream;

/**
 * The spinner: an {@link Event} stops a progress thread when slow work is done.
 *
 * <p>A progress thread draws a spinner frame ({@code | / - \}) and then waits on the event for one
 * tick, {@code done.await(50, MILLISECONDS)}: the timed wait is its clock, so it draws a frame every
 * 50 ms while the event is clear, and stops as soon as the event is set rather than at the end of a
 * sleep. Meanwhile the main thread does about 300 ms of slow work, stores the result and calls
 * {@code set()}. The progress thread then prints "done" with that result: it reads the result in a
 * plain field, and sees it because actions before {@code set()} happen-before those after an
 * {@code await} that returns because of it. The example prints how many frames were shown and how long
 * after {@code set()} the spinner stopped.
 *
 * <p>Run it: {@code ./mvnw -q -pl examples exec:java -Dexample=spinner}
 */
public final class Spinner {

    /** The time between frames: the progress thread's timed wait. */
    static final long TICK_MILLIS = 50;
    /** How long the slow work takes. */
    static final long WORK_MILLIS = 300;
    /** The frames, drawn over each other ({@code \r}); built once, so drawing one allocates nothing. */
    private static final String[] FRAMES = {"\r| working", "\r/ working", "\r- working", "\r\\ working"};

    /**
     * One run.
     *
     * @param frames the frames the spinner showed
     * @param workMillis how long the work took, from the spinner's start to {@code set()}
     * @param stopLagMillis from just before {@code set()} to the spinner's {@code await} returning
     * @param spinnerEnded whether the spinner's thread ended
     * @param result what the work produced
     * @param resultSeenBySpinner what the spinner read after its {@code await} returned
     */
    record Run(int frames, double workMillis, double stopLagMillis, boolean spinnerEnded, String result,
            String resultSeenBySpinner) {
    }

    /** Shared by the two threads. */
    private static final class Shared {
        final Event done = new Event();
        /** Plain, not volatile: the event publishes it. */
        String result;
        // The spinner's own records, read by the main thread after join().
        int frames;
        long stoppedAt;
        String seen;
    }

    private Spinner() {
    }

    /**
     * Runs the example.
     *
     * @param args none
     * @throws InterruptedException if interrupted during the work
     */
    public static void main(String[] args) throws InterruptedException {
        run(System.out);
    }

    /**
     * Runs the spinner during the slow work, printing to {@code out}.
     *
     * @param out where the spinner and the summary are printed
     * @return what was measured
     * @throws InterruptedException if interrupted during the work
     */
    static Run run(PrintStream out) throws InterruptedException {
        return run(out, WORK_MILLIS, TICK_MILLIS);
    }

    /**
     * Runs the spinner during slow work of the given length, with the given tick.
     *
     * @param out where the spinner and the summary are printed
     * @param workMillis how long the work takes
     * @param tickMillis the time between frames
     * @return what was measured
     * @throws InterruptedException if interrupted during the work
     */
    static Run run(PrintStream out, long workMillis, long tickMillis) throws InterruptedException {
        Shared shared = new Shared();
        Thread spinner = new Thread(() -> spin(shared, out, tickMillis), "spinner");
        spinner.setDaemon(true);

        long startedAt = System.nanoTime();
        spinner.start();
        shared.result = slowWork(workMillis);
        long setAt = System.nanoTime();
        shared.done.set();

        spinner.join(10_000);
        boolean ended = !spinner.isAlive();
        Run run = new Run(shared.frames, millis(setAt - startedAt), millis(shared.stoppedAt - setAt), ended,
                shared.result, shared.seen);
        out.printf("The spinner showed %d frames in %.0f ms of work, and stopped %.2f ms after set().%n",
                run.frames(), run.workMillis(), run.stopLagMillis());
        return run;
    }

    private static void spin(Shared shared, PrintStream out, long tickMillis) {
        try {
            int frames = 0;
            do {
                out.print(FRAMES[frames++ % FRAMES.length]);
                out.flush();
            } while (!shared.done.await(tickMillis, MILLISECONDS));
            shared.stoppedAt = System.nanoTime();
            shared.frames = frames;
            shared.seen = shared.result; // safe: written before set(), read after await returned true
            out.println("\rdone: " + shared.seen);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // asked to stop: stop drawing
        }
    }

    /** Stands in for slow work, such as I/O. */
    private static String slowWork(long millis) throws InterruptedException {
        Thread.sleep(millis);
        return "indexed 100 files";
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
