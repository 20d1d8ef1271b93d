/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@link TimeSource} whose time moves only when it is told to: the clock for testing a
 * {@link TokenBucket}, or your own code that uses one, without sleeping.
 *
 * <pre>{@code
 * ManualTimeSource clock = new ManualTimeSource();
 * TokenBucket bucket = TokenBucket.builder()
 *         .capacity(10).refill(10, Duration.ofSeconds(1)).timeSource(clock).build();
 * assertFalse(bucket.tryAcquire());          // a new bucket starts empty
 * clock.advance(Duration.ofMillis(100));     // one token's worth of time
 * assertTrue(bucket.tryAcquire());
 * }</pre>
 *
 * <p>A thread that waits in the bucket ({@link TokenBucket#acquire()}) sleeps on this clock: it wakes
 * when {@link #advance} moves the time to its deadline, never by itself. {@link #sleepingThreads()}
 * tells a test how many threads are asleep on it, so that it can wait until a thread is really
 * waiting before it advances the clock.
 *
 * <p>All methods are thread-safe. {@link #nanoTime()} is a volatile read: <b>memory consistency
 * effects:</b> actions of a thread before it advances the clock happen-before actions of any thread
 * after it reads the new time.
 */
public final class ManualTimeSource implements TimeSource {

    /** The current time; written only under {@code sleepers}' monitor, read without it. */
    private volatile long now;

    /** The first reading: {@code now - start}, the time run so far, never exceeds {@code Long.MAX_VALUE}. */
    private final long start;

    /** The threads in {@link #parkUntil}, with their deadlines; guarded by its own monitor. */
    private final List<Sleeper> sleepers = new ArrayList<>();

    private record Sleeper(Thread thread, long deadline) {
    }

    /** A clock that starts at time 0. */
    public ManualTimeSource() {
        this(0L);
    }

    /**
     * A clock that starts at the given time.
     *
     * @param startNanos the first value of {@link #nanoTime()}; any value, as for {@code System.nanoTime()}
     */
    public ManualTimeSource(long startNanos) {
        this.now = startNanos;
        this.start = startNanos;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    /**
     * Moves the time forward, and wakes every thread whose deadline it reaches.
     *
     * <p>Like {@code System.nanoTime()}, the readings may wrap past {@code Long.MAX_VALUE} (a clock
     * started near it does), and only their differences mean anything. A difference of more than
     * {@code Long.MAX_VALUE} nanoseconds (about 292 years) overflows, so this clock refuses to run
     * further than that from its start.
     *
     * @param nanos how far, in nanoseconds; 0 is allowed and changes nothing
     * @throws IllegalArgumentException if {@code nanos} is negative (this clock never goes backwards),
     *         or would take the clock more than {@code Long.MAX_VALUE} nanoseconds past its start;
     *         the time is then unchanged
     */
    public void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("a clock never goes backwards: advance(" + nanos + ")");
        }
        synchronized (sleepers) {
            long run = now - start;
            if (nanos > Long.MAX_VALUE - run) {
                throw new IllegalArgumentException("advance(" + nanos + ") would take the clock more than Long.MAX_VALUE ns"
                        + " (about 292 years) past its start, " + run + " ns have run: nanoTime() differences overflow there");
            }
            long time = now + nanos;
            now = time;
            for (Sleeper sleeper : sleepers) {
                if (time - sleeper.deadline() >= 0) {
                    LockSupport.unpark(sleeper.thread());
                }
            }
        }
    }

    /**
     * Moves the time forward by a duration; see {@link #advance(long)}.
     *
     * @param duration how far
     * @throws IllegalArgumentException if the duration is negative, or would take the clock more than
     *         about 292 years ({@code Long.MAX_VALUE} nanoseconds) past its start
     */
    public void advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        long nanos;
        try {
            nanos = duration.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("cannot advance by " + duration + ": more nanoseconds than a long holds", e);
        }
        advance(nanos);
    }

    /**
     * Parks the current thread until {@link #advance} reaches the deadline, or until the thread is
     * unparked or interrupted. Returns at once if the deadline has passed.
     */
    @Override
    public void parkUntil(Object blocker, long deadline) {
        Sleeper sleeper = new Sleeper(Thread.currentThread(), deadline);
        synchronized (sleepers) {
            if (now - deadline >= 0) {
                return;
            }
            sleepers.add(sleeper); // before parking: a later advance() unparks us, or leaves a permit.
        }
        try {
            LockSupport.park(blocker);
        } finally {
            synchronized (sleepers) {
                sleepers.remove(sleeper);
            }
        }
    }

    /**
     * The number of threads asleep on this clock now, in {@link #parkUntil}. A test advances the
     * clock after this reaches the number of threads it expects to wait, so that the advance is not
     * over before they start waiting.
     *
     * @return the number of sleeping threads
     */
    public int sleepingThreads() {
        synchronized (sleepers) {
            return sleepers.size();
        }
    }

    @Override
    public String toString() {
        return "ManualTimeSource[now=" + now + "ns, sleeping=" + sleepingThreads() + "]";
    }
}
