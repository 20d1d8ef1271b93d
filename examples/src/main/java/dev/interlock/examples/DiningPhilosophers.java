/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.examples;

import dev.interlock.locks.ReentrantMutex;
import dev.interlock.sync.Barrier;
import dev.interlock.sync.CountDownLatch;
import dev.interlock.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The dining philosophers: five philosophers at a round table, one fork between each two, and a
 * philosopher needs both of hers to eat. The forks are {@link ReentrantMutex}es.
 *
 * <p>The naive way, each taking her left fork and then her right, deadlocks as soon as all five hold
 * their left fork: each waits for the next. A watchdog sees that nobody has eaten for
 * {@link #STALL}, reports who holds what, and ends the dinner by interrupting the philosophers, who wait
 * with {@link ReentrantMutex#lockInterruptibly()} and so can give up. Then three fixes, each run for the
 * same time, printing the meals each philosopher ate, to show how evenly each fix feeds them:
 * <ul>
 *   <li><b>resource ordering</b>: number the forks, and take the lower-numbered first; then no cycle of
 *       waits can form;
 *   <li><b>seats</b>: a {@link Semaphore} of four seats for five philosophers; with at most four at the
 *       table, one of them always has both forks;
 *   <li><b>{@code tryLock} with back-off</b>: never wait long holding a fork; if the second fork does not
 *       come, put the first down and wait a random while before trying again (randomized, so that
 *       neighbours do not collide again and again in lockstep).
 * </ul>
 * Every fork counts its holders while it is held, and the dinner reports the most it ever saw: one.
 *
 * <p>Run it (after {@code ./mvnw -q install -DskipTests} at the root):
 * {@code ./mvnw -q -pl examples exec:java -Dexample=dining-philosophers}
 */
public final class DiningPhilosophers {

    /** Philosophers at the table, and forks. */
    static final int PHILOSOPHERS = 5;

    /** How long the watchdog lets the table go without a meal before it calls it a deadlock. */
    static final Duration STALL = Duration.ofMillis(500);

    /** How long main runs each fix. */
    static final Duration COURSE = Duration.ofMillis(500);

    /** How long the tryLock philosopher waits for her second fork before she puts the first one down. */
    static final long PATIENCE_MICROS = 200;

    /** The longest randomized back-off: it starts at 50 µs and doubles with each failure, up to this. */
    static final long MAX_BACK_OFF_MICROS = 5_000;

    private static final String DEADLOCK = "deadlock: every philosopher holds one fork and waits for the next";

    private DiningPhilosophers() {
    }

    /**
     * Runs the naive dinner, then the three fixes, and prints what each measured.
     *
     * @param args none
     * @throws InterruptedException if the main thread is interrupted
     */
    public static void main(String[] args) throws InterruptedException {
        System.out.println("Five philosophers, five forks (Interlock ReentrantMutex).");
        System.out.println();
        System.out.print(describe(naive()));
        System.out.println();
        System.out.println("Three fixes, each for " + COURSE.toMillis() + " ms:");
        System.out.print(describe(resourceOrdering(Dinner.lasting(COURSE))));
        System.out.print(describe(seats(Dinner.lasting(COURSE))));
        System.out.print(describe(tryLockWithBackOff(Dinner.lasting(COURSE))));
    }

    // ---- The four ways to dine -------------------------------------------------------------------

    /**
     * Each philosopher takes her left fork, then her right. They all start together, and a barrier
     * holds each one, left fork in hand, until all have theirs: it makes certain the interleaving that a
     * busy table reaches sooner or later. Each wants one meal, and none gets it.
     */
    static Outcome naive() throws InterruptedException {
        Barrier allHoldTheirLeftFork = new Barrier(PHILOSOPHERS);
        return serve("Naive: left fork, then right", Dinner.meals(1), (table, p) -> {
            Fork left = table.left(p);
            Fork right = table.right(p);
            left.pickUp(table, p);
            try {
                allHoldTheirLeftFork.await();
                right.pickUp(table, p); // waits forever, unless interrupted
                try {
                    table.eat(p);
                } finally {
                    right.putDown();
                }
            } finally {
                left.putDown();
            }
        });
    }

    /** Each philosopher takes the lower-numbered of her two forks first: no cycle of waits can form. */
    static Outcome resourceOrdering(Dinner dinner) throws InterruptedException {
        return serve("Resource ordering: lower-numbered fork first", dinner, (table, p) -> {
            Fork left = table.left(p);
            Fork right = table.right(p);
            Fork lower = left.number < right.number ? left : right; // philosopher 4's is her right, fork 0
            eatWith(table, p, lower, lower == left ? right : left);
        });
    }

    /**
     * A philosopher takes a seat before her forks, and there are only {@code PHILOSOPHERS - 1} seats: of
     * four philosophers and five forks, one always has both. The seats are fair, first come first seated.
     */
    static Outcome seats(Dinner dinner) throws InterruptedException {
        Semaphore seats = new Semaphore(PHILOSOPHERS - 1, true);
        return serve("Seats: a Semaphore of " + (PHILOSOPHERS - 1) + " seats", dinner, (table, p) -> {
            seats.acquire();
            try {
                eatWith(table, p, table.left(p), table.right(p));
            } finally {
                seats.release();
            }
        });
    }

    /**
     * A philosopher takes her left fork, then tries her right for {@link #PATIENCE_MICROS}; if it does
     * not come, she puts the left one down, waits a random while, and tries again. Nobody waits long
     * holding a fork, so no deadlock; the randomness keeps neighbours from retrying in lockstep.
     */
    static Outcome tryLockWithBackOff(Dinner dinner) throws InterruptedException {
        return serve("tryLock with randomized back-off", dinner, (table, p) -> {
            Fork left = table.left(p);
            Fork right = table.right(p);
            for (long backOff = 50; ; backOff = Math.min(2 * backOff, MAX_BACK_OFF_MICROS)) {
                left.pickUp(table, p);
                try {
                    if (right.tryPickUp(table, p, PATIENCE_MICROS)) {
                        try {
                            table.eat(p);
                            return;
                        } finally {
                            right.putDown();
                        }
                    }
                } finally {
                    left.putDown();
                }
                pause(ThreadLocalRandom.current().nextLong(backOff + 1));
            }
        });
    }

    /** Takes {@code first}, then {@code second}, eats, and puts them down. */
    private static void eatWith(Table table, int p, Fork first, Fork second) throws InterruptedException {
        first.pickUp(table, p);
        try {
            second.pickUp(table, p);
            try {
                table.eat(p);
            } finally {
                second.putDown();
            }
        } finally {
            first.putDown();
        }
    }

    // ---- The dinner and its watchdog -------------------------------------------------------------

    /**
     * How long a dinner lasts: until each philosopher has eaten {@code mealsEach} meals, or, if
     * {@code length} is not null, until that time has passed (then she finishes the meal she is eating).
     */
    record Dinner(long mealsEach, Duration length) {
        static Dinner meals(long mealsEach) {
            return new Dinner(mealsEach, null);
        }

        static Dinner lasting(Duration length) {
            return new Dinner(Long.MAX_VALUE, length);
        }
    }

    /**
     * What a dinner came to.
     *
     * @param name the way they dined
     * @param deadlocked whether the watchdog saw no meal for {@link #STALL} and interrupted everyone
     * @param report what the watchdog found then (who holds what), or empty
     * @param meals the meals each philosopher ate
     * @param elapsed from the start to the moment every philosopher had left, or the watchdog gave up
     * @param mostHoldersOfAFork the most holders any fork ever had at once: 1, or a fork was shared
     * @param allThreadsEnded whether every philosopher's thread ended
     */
    record Outcome(String name, boolean deadlocked, String report, long[] meals, Duration elapsed,
            int mostHoldersOfAFork, boolean allThreadsEnded) {
        long total() {
            return Arrays.stream(meals).sum();
        }
    }

    /** One philosopher's turn at the table: take forks (her way), eat, put them down. */
    @FunctionalInterface
    private interface Manners {
        void dine(Table table, int p) throws InterruptedException, BrokenBarrierException;
    }

    /**
     * Seats the philosophers, one platform thread each, starts them together, and watches: the dinner
     * ends when they have all left, or, if nobody eats for {@link #STALL}, when the watchdog has
     * reported the table and interrupted them all.
     */
    private static Outcome serve(String name, Dinner dinner, Manners manners) throws InterruptedException {
        Table table = new Table();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch left = new CountDownLatch(PHILOSOPHERS);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> philosophers = new ArrayList<>();
        for (int p = 0; p < PHILOSOPHERS; p++) {
            int me = p;
            Thread philosopher = new Thread(() -> {
                try {
                    start.await();
                    while (table.meals.get(me) < dinner.mealsEach() && !table.closing) {
                        pause(ThreadLocalRandom.current().nextLong(500)); // think
                        manners.dine(table, me);
                    }
                } catch (InterruptedException | BrokenBarrierException sentAway) {
                    // the watchdog ended the dinner: leave, holding nothing (the finally blocks saw to it)
                } catch (Throwable unexpected) {
                    failure.compareAndSet(null, unexpected); // for the caller, as a Future would
                } finally {
                    left.countDown();
                }
            }, "philosopher-" + p);
            philosopher.start();
            philosophers.add(philosopher);
        }

        long begin = System.nanoTime();
        start.countDown();
        long mealsSeen = 0;
        long lastMeal = begin;
        boolean deadlocked = false;
        String report = "";
        while (!left.await(20, TimeUnit.MILLISECONDS)) {
            long now = System.nanoTime();
            long meals = table.totalMeals();
            if (meals != mealsSeen) {
                mealsSeen = meals;
                lastMeal = now;
            } else if (now - lastMeal >= STALL.toNanos()) {
                deadlocked = true;
                report = table.whoHoldsWhat();
                table.sentAway = true;
                philosophers.forEach(Thread::interrupt); // they wait interruptibly, so they give up
                break;
            }
            if (dinner.length() != null && now - begin >= dinner.length().toNanos()) {
                table.closing = true;
            }
        }
        boolean allThreadsEnded = left.await(5, TimeUnit.SECONDS);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        if (failure.get() != null) {
            throw new IllegalStateException(name + ": a philosopher failed", failure.get());
        }
        long[] meals = new long[PHILOSOPHERS];
        Arrays.setAll(meals, table.meals::get);
        return new Outcome(name, deadlocked, report, meals, elapsed, table.mostHolders.get(), allThreadsEnded);
    }

    /** The forks, the meals eaten, and what the watchdog needs to see. */
    private static final class Table {
        final Fork[] forks = new Fork[PHILOSOPHERS];
        final AtomicLongArray meals = new AtomicLongArray(PHILOSOPHERS);
        /** The fork each philosopher is waiting for, or {@link Fork#NOBODY}. */
        final AtomicIntegerArray waitingFor = new AtomicIntegerArray(PHILOSOPHERS);
        final AtomicInteger mostHolders = new AtomicInteger();
        volatile boolean closing;
        /** Set by the watchdog before it interrupts anyone. */
        volatile boolean sentAway;

        Table() {
            for (int f = 0; f < PHILOSOPHERS; f++) {
                forks[f] = new Fork(f);
                waitingFor.set(f, Fork.NOBODY);
            }
        }

        /** Fork p is on philosopher p's left, fork p + 1 on her right. */
        Fork left(int p) {
            return forks[p];
        }

        Fork right(int p) {
            return forks[(p + 1) % PHILOSOPHERS];
        }

        void eat(int p) throws InterruptedException {
            pause(ThreadLocalRandom.current().nextLong(200, 800));
            if (sentAway) {
                // the forks a philosopher gave up may reach a neighbour not yet interrupted: no meal then.
                throw new InterruptedException("the watchdog ended the dinner");
            }
            meals.incrementAndGet(p);
        }

        long totalMeals() {
            long total = 0;
            for (int p = 0; p < PHILOSOPHERS; p++) {
                total += meals.get(p);
            }
            return total;
        }

        /** The watchdog's report: a line per philosopher, under a headline that says if it is a deadlock. */
        String whoHoldsWhat() {
            StringBuilder lines = new StringBuilder();
            boolean everyoneHoldsOneAndWaits = true;
            for (int p = 0; p < PHILOSOPHERS; p++) {
                List<Integer> holds = new ArrayList<>();
                for (Fork fork : forks) {
                    if (fork.holder == p) {
                        holds.add(fork.number);
                    }
                }
                int wanted = waitingFor.get(p);
                int wantedBy = wanted == Fork.NOBODY ? Fork.NOBODY : forks[wanted].holder;
                everyoneHoldsOneAndWaits &= holds.size() == 1 && wantedBy != Fork.NOBODY && wantedBy != p;
                lines.append("  philosopher ").append(p).append(" holds fork ").append(holds.isEmpty() ? "none" : holds);
                if (wanted != Fork.NOBODY) {
                    lines.append(" and waits for fork ").append(wanted).append(": ").append(forks[wanted].mutex);
                }
                lines.append(System.lineSeparator());
            }
            String headline = everyoneHoldsOneAndWaits ? DEADLOCK : "stalled: no meal for " + STALL.toMillis() + " ms";
            return headline + System.lineSeparator() + lines;
        }
    }

    /** A fork: an Interlock mutex, and a count of its holders, to check that it is never shared. */
    private static final class Fork {
        static final int NOBODY = -1;

        final int number;
        final ReentrantMutex mutex = new ReentrantMutex();
        final AtomicInteger holders = new AtomicInteger();
        /** The philosopher holding it, for the watchdog's report. */
        volatile int holder = NOBODY;

        Fork(int number) {
            this.number = number;
        }

        /** Waits for the fork, interruptibly: the watchdog must be able to end a deadlock. */
        void pickUp(Table table, int p) throws InterruptedException {
            table.waitingFor.set(p, number);
            try {
                mutex.lockInterruptibly();
            } finally {
                table.waitingFor.set(p, NOBODY);
            }
            taken(table, p);
        }

        /** Waits at most {@code micros} for the fork; returns whether it was taken. */
        boolean tryPickUp(Table table, int p, long micros) throws InterruptedException {
            if (!mutex.tryLock(micros, TimeUnit.MICROSECONDS)) {
                return false;
            }
            taken(table, p);
            return true;
        }

        private void taken(Table table, int p) {
            table.mostHolders.accumulateAndGet(holders.incrementAndGet(), Math::max);
            holder = p;
        }

        void putDown() {
            holder = NOBODY;
            holders.decrementAndGet();
            mutex.unlock();
        }
    }

    /** Sleeps about {@code micros} (Java 17's Thread.sleep rounds up to whole milliseconds); interruptible. */
    private static void pause(long micros) throws InterruptedException {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros));
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    // ---- Printing --------------------------------------------------------------------------------

    /** What main prints for one dinner. */
    static String describe(Outcome outcome) {
        StringBuilder out = new StringBuilder();
        String n = System.lineSeparator();
        out.append(outcome.name()).append(n);
        if (outcome.deadlocked()) {
            out.append("  no meal for ").append(STALL.toMillis()).append(" ms; the watchdog's report:").append(n);
            outcome.report().lines().forEach(line -> out.append("  ").append(line).append(n));
            out.append(outcome.allThreadsEnded()
                    ? "  interrupted them all: every philosopher gave up her fork and left" + n
                    : "  interrupted them all, but some philosopher is still at the table" + n);
        }
        long fewest = Arrays.stream(outcome.meals()).min().orElse(0);
        long most = Arrays.stream(outcome.meals()).max().orElse(0);
        out.append(String.format("  meals %s, total %d in %.2f s; fewest/most %.2f%n", Arrays.toString(outcome.meals()),
                outcome.total(), outcome.elapsed().toNanos() / 1e9, most == 0 ? 0.0 : (double) fewest / most));
        if (outcome.mostHoldersOfAFork() > 1) {
            out.append("  BROKEN: a fork was held by ").append(outcome.mostHoldersOfAFork()).append(" at once").append(n);
        }
        return out.toString();
    }
}
