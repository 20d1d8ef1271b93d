/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import dev.interlock.locks.ReentrantMutex;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * <b>Negative control: deliberately broken.</b> {@link TokenBucket} with one bug, in
 * {@code tryAcquire(long permits)}: it caps the tokens saved at the capacity plus one, so after an
 * idle spell a burst takes one token more than the bucket can hold (an off-by-one at the capacity
 * edge).
 *
 * <p>Generated from {@code TokenBucket.java} by the verification module's
 * {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit
 * the result. Never copy it.
 */
public final class BrokenCapacityBucket {
    /*
     * Implementation notes.
     *
     * State: a token index, not a token count. produced(t), the whole tokens produced since the bucket
     * was built, is floor(elapsedNanos * tokens / periodNanos) with the rate reduced by its gcd, computed
     * exactly in 128 bits (RateMath) from the elapsed time each time, never accumulated: no fraction of a
     * token is lost. The one mutable field, consumed, counts the tokens given away, reserved or lost to
     * overflow, offset by the initial tokens. Then available(t) = min(capacity, produced(t) - consumed),
     * and taking n tokens at time t is one CAS:
     *
     *   start    = max(consumed, produced(t) - capacity)    // tokens beyond the capacity are lost
     *   granted  = produced(t) - start >= n
     *   consumed = start + n                                // if granted
     *
     * This is the generic cell rate algorithm (GCRA) counted in tokens rather than time: one long, so no
     * lock and no allocated state; a CAS fails only because another thread's succeeded.
     *
     * Invariants:
     * 1. produced(t) - consumed <= capacity once the max above is applied.
     * 2. consumed only grows, except when a waiter gives back its reservation.
     * 3. consumed - produced(t), when positive, is exactly the permits reserved by queued waiters not yet
     *    due: the debt. While there is debt no tryAcquire succeeds, so no newcomer overtakes a waiter.
     * 4. Each waiter's due index is at most consumed, and the waiters' reservations tile the indexes
     *    below consumed in queue order.
     *
     * Reading the clock. Each operation reads consumed, then the clock, then CASes. A failure is
     * linearized at its read of consumed: the clock was no later then, so the bucket held no more tokens
     * than computed. A success is linearized at its CAS. If the bucket overflowed between the clock read
     * and the CAS, the CAS records the overflow as of the older time: harmless unless another thread saw
     * the newer, overflowing state, so every operation that sees an overflowing bucket records the
     * overflow with a CAS of its own (availableTokens() does), which makes the older CAS fail and retry.
     * The read-only results (availableTokens(), a denied probe) re-read consumed after the clock, so
     * that they report a state that existed at one instant.
     *
     * Waiting. Under the gate (a ReentrantMutex), a waiter reserves by the same CAS without the check
     * (consumed += n: the bucket goes into debt), notes due, the index at which its tokens are all
     * produced, and joins the queue; then it parks until the clock reaches due. A waiter that gives up
     * takes the gate, leaves the queue, lowers the due of every waiter behind it by its permits and
     * unparks them, then subtracts its permits from consumed. Invariant 4 holds, and the tokens go to
     * the waiters behind, in order, not to a newcomer.
     *
     * Exact waits. With tokens / periodNanos reduced to T / P, after e nanoseconds e * T = p * P + r
     * with 0 <= r < P: p tokens are produced, and r is the fraction of the next. m more tokens exist
     * ceil((m * P - r) / T) nanoseconds later: that is the wait, never early, and never late by more than
     * the clock's granularity.
     *
     * References: the ATM Forum, Traffic Management Specification 4.0 (1996), GCRA; Tanenbaum, Computer
     * Networks, the token bucket; Knuth, The Art of Computer Programming vol. 2, 4.3.1 (the 128-bit
     * division); Herlihy and Shavit, The Art of Multiprocessor Programming, ch. 3 (linearizability).
     *
     * Evidence: TokenBucketTest (the contract, the conformance bound), TokenBucketLincheckTest (with the
     * clock's advance as an operation), RefundNegativeControlTest, the jcstress tests in
     * dev.interlock.stress.ratelimit, and the throttled crawler of the examples module, on the real clock.
     */

    /** The largest capacity: {@code Long.MAX_VALUE / 2}, so that the index arithmetic cannot overflow. */
    public static final long MAX_CAPACITY = Long.MAX_VALUE / 2;

    /** The longest single park, about 146 years: a deadline this far away cannot wrap around. */
    private static final long LONGEST_PARK_NANOS = Long.MAX_VALUE / 2;

    private final long capacity;
    private final long configuredTokens;
    private final Duration configuredPeriod;
    /** The rate, reduced: {@code tokensPerStep} tokens every {@code nanosPerStep} nanoseconds. */
    private final long tokensPerStep;
    private final long nanosPerStep;
    private final TimeSource clock;
    /** The clock's reading when the bucket was built: {@code produced} counts from here. */
    private final long origin;

    /** The token index (see the notes). */
    private volatile long consumed;

    /** Guards the wait queue. */
    private final ReentrantMutex gate = new ReentrantMutex();
    /** The wait queue, in reservation order; plain, guarded by the gate. */
    private Waiter first;
    private Waiter last;
    /** The queue's length; written under the gate, read without it. */
    private volatile int waiting;

    private static final VarHandle CONSUMED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CONSUMED = lookup.findVarHandle(BrokenCapacityBucket.class, "consumed", long.class);
            // Initialized on one thread, not by a crowd of parking virtual threads (docs/verification.md);
            lookup.ensureInitialized(LockSupport.class); // and Waiter, by GRANTED's initializer below.
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private BrokenCapacityBucket(Builder builder) {
        this.capacity = builder.capacity;
        this.configuredTokens = builder.refillTokens;
        this.configuredPeriod = builder.refillPeriod;
        long periodNanos = builder.refillPeriod.toNanos();
        // RateMath's first use, on the building thread: see the static initializer.
        long divisor = RateMath.greatestCommonDivisor(builder.refillTokens, periodNanos);
        this.tokensPerStep = builder.refillTokens / divisor;
        this.nanosPerStep = periodNanos / divisor;
        this.clock = builder.timeSource;
        this.origin = clock.nanoTime();
        this.consumed = -builder.initialTokens; // produced(origin) is 0, so available is initialTokens
    }

    /**
     * Starts the configuration of a bucket.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- Non-blocking

    /**
     * Takes one token if the bucket has one now; never waits.
     *
     * @return {@code true} if the token was taken
     */
    public boolean tryAcquire() {
        return tryAcquire(1L);
    }

    /**
     * Takes {@code permits} tokens if the bucket has that many now, and otherwise takes none; never
     * waits. Fails while threads wait in {@link #acquire(long)} for tokens not yet produced, so that
     * it cannot overtake them. Lock-free, and allocates nothing.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @return {@code true} if the tokens were taken
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     */
    public boolean tryAcquire(long permits) {
        checkPermits(permits);
        for (;;) {
            long current = consumed;                           // volatile read, before the clock
            long produced = produced(elapsed(clock.nanoTime()));
            long start = Math.max(current, produced - capacity - 1) /* THE BUG: was Math.max(current, produced - capacity) */;
            if (produced - start < permits) {
                return false;                                  // linearization point: the read of consumed
            }
            if (CONSUMED.compareAndSet(this, current, start + permits)) {
                return true;                                   // the successful CAS is the linearization point
            }
        }
    }

    /**
     * Takes {@code permits} tokens if the bucket has that many now, like {@link #tryAcquire(long)},
     * and says how it stands: for an HTTP server that answers 429 with a {@code Retry-After} header.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @return whether the tokens were taken, the tokens left, and how long until a request for
     *         {@code permits} could be granted
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     */
    public Probe tryAcquireAndProbe(long permits) {
        checkPermits(permits);
        for (;;) {
            long current = consumed;                           // volatile read, before the clock
            long elapsed = elapsed(clock.nanoTime());
            long produced = produced(elapsed);
            long start = Math.max(current, produced - capacity);
            long available = produced - start;
            if (available >= permits) {
                if (CONSUMED.compareAndSet(this, current, start + permits)) {
                    return new Probe(true, available - permits, 0L); // the successful CAS is the linearization point
                }
            } else if (consumed == current) {
                // Volatile re-read: consumed did not change while the clock was read, so the bucket
                // was in exactly this state at that instant, the linearization point of a denial.
                return new Probe(false, Math.max(0L, available), nanosUntil(start + permits, elapsed));
            }
        }
    }

    /**
     * The tokens a {@link #tryAcquire(long)} could take now: 0 while waiting threads are owed tokens
     * not yet produced, and never more than the capacity. Lock-free; a snapshot that may be stale as
     * soon as it is returned.
     *
     * @return the tokens available now
     */
    public long availableTokens() {
        for (;;) {
            long current = consumed;                           // volatile read, before the clock
            long produced = produced(elapsed(clock.nanoTime()));
            long start = Math.max(current, produced - capacity);
            if (start != current) {
                // Overflowed: record it (see Reading the clock in the notes).
                if (CONSUMED.compareAndSet(this, current, start)) {
                    return capacity;                           // the successful CAS is the linearization point
                }
            } else if (consumed == current) {
                return Math.max(0L, produced - current);       // linearization point: the read of the clock
            }
        }
    }

    // ---- Blocking

    /**
     * Takes one token, waiting until the bucket has produced it; see {@link #acquire(long)}.
     *
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back
     */
    public void acquire() throws InterruptedException {
        acquire(1L);
    }

    /**
     * Takes {@code permits} tokens, waiting as long as it takes. Waiters are served in the order they
     * arrived. The wait parks; it does not poll.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back, to the waiters behind it
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     */
    public void acquire(long permits) throws InterruptedException {
        checkPermits(permits);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (!tryAcquire(permits)) {
            await(permits, false, 0L);
        }
    }

    /**
     * Takes {@code permits} tokens if the bucket will have produced them, for this thread, within the
     * timeout. If it will not, returns {@code false} at once: it never waits in vain. A timeout of
     * zero or less makes one attempt, as {@link #tryAcquire(long)}.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @param timeout the longest wait
     * @return {@code true} if the tokens were taken; {@code false} if they could not be within the
     *         timeout, and then nothing changed
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws NullPointerException if {@code timeout} is null
     */
    public boolean tryAcquire(long permits, Duration timeout) throws InterruptedException {
        checkPermits(permits);
        Objects.requireNonNull(timeout, "timeout");
        long timeoutNanos;
        try {
            timeoutNanos = timeout.toNanos();
        } catch (ArithmeticException tooLong) {
            timeoutNanos = timeout.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return tryAcquireNanos(permits, timeoutNanos);
    }

    /**
     * {@link #tryAcquire(long, Duration)} with the timeout in a {@link TimeUnit}, as
     * {@code java.util.concurrent} methods take it.
     *
     * @param permits how many tokens, from 1 to the capacity
     * @param timeout the longest wait, in {@code unit}
     * @param unit the unit of {@code timeout}
     * @return {@code true} if the tokens were taken; {@code false} if they could not be within the
     *         timeout, and then nothing changed
     * @throws InterruptedException if the current thread is interrupted, before or while waiting; its
     *         reservation is then given back
     * @throws IllegalArgumentException if {@code permits} is not positive or exceeds the capacity
     * @throws NullPointerException if {@code unit} is null
     */
    public boolean tryAcquire(long permits, long timeout, TimeUnit unit) throws InterruptedException {
        checkPermits(permits);
        return tryAcquireNanos(permits, Objects.requireNonNull(unit, "unit").toNanos(timeout));
    }

    private boolean tryAcquireNanos(long permits, long timeoutNanos) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        if (tryAcquire(permits)) {
            return true;
        }
        return timeoutNanos > 0 && await(permits, true, timeoutNanos);
    }

    // ---- Introspection

    /**
     * The capacity: the most tokens the bucket holds.
     *
     * @return the capacity
     */
    public long capacity() {
        return capacity;
    }

    /**
     * The number of threads waiting for tokens: an estimate, for monitoring.
     *
     * @return the number of waiting threads
     */
    public int getQueueLength() {
        return waiting;
    }

    /**
     * Whether any thread is waiting for tokens: an estimate, for monitoring.
     *
     * @return {@code true} if a thread may be waiting
     */
    public boolean hasQueuedThreads() {
        return waiting > 0;
    }

    @Override
    public String toString() {
        return "BrokenCapacityBucket[capacity=" + capacity + ", refill=" + configuredTokens + " per " + configuredPeriod
                + ", available=" + availableTokens() + ", waiting=" + waiting + "]";
    }

    // ---- The wait queue

    /** A thread waiting for its reserved tokens. */
    private static final class Waiter {
        final Thread thread;
        final long permits;
        /** The index at which its tokens are all produced; lowered under the gate, read without it. */
        volatile long due;
        /** Plain, guarded by the gate. */
        Waiter previous;
        Waiter next;

        Waiter(Thread thread, long permits, long due) {
            this.thread = thread;
            this.permits = permits;
            this.due = due;
        }
    }

    /** From {@link #reserve}: granted without waiting. */
    private static final Waiter GRANTED = new Waiter(null, 0L, 0L);
    /** From {@link #reserve}: the tokens will not be there within the timeout; nothing changed. */
    private static final Waiter TOO_LATE = new Waiter(null, 0L, 0L);

    /** Reserves, queues, and parks until the tokens are produced, an interrupt, or the timeout. */
    private boolean await(long permits, boolean timed, long timeoutNanos) throws InterruptedException {
        long start = clock.nanoTime();
        Waiter waiter = reserve(permits, timed, timeoutNanos, start);
        if (waiter == GRANTED) {
            return true;
        }
        if (waiter == TOO_LATE) {
            return false;
        }
        for (;;) {
            long now = clock.nanoTime();
            long wait = nanosUntil(waiter.due, elapsed(now));
            if (wait == 0L) {
                leave(waiter);                                  // the tokens are produced: granted
                return true;
            }
            if (Thread.interrupted()) {
                giveUp(waiter);
                throw new InterruptedException();
            }
            if (timed) {
                long left = timeoutNanos - (now - start);
                if (left <= 0L) {
                    giveUp(waiter);
                    return false;
                }
                wait = Math.min(wait, left);
            }
            clock.parkUntil(this, now + Math.min(wait, LONGEST_PARK_NANOS));
        }
    }

    /** Under the gate, so that the queue's order is the reservations': takes the tokens, or reserves them. */
    private Waiter reserve(long permits, boolean timed, long timeoutNanos, long start) {
        gate.lock();
        try {
            for (;;) {
                long current = consumed;                       // volatile read, before the clock
                long now = clock.nanoTime();
                long elapsed = elapsed(now);
                long produced = produced(elapsed);
                long startIndex = Math.max(current, produced - capacity);
                if (produced - startIndex >= permits) {
                    if (CONSUMED.compareAndSet(this, current, startIndex + permits)) {
                        return GRANTED;                        // the successful CAS is the linearization point
                    }
                    continue;
                }
                long due = current + permits;                  // no overflow: startIndex == current here
                if (due < current) {
                    throw new IllegalStateException("the tokens reserved by waiting threads exceed what a long can count");
                }
                if (timed && nanosUntil(due, elapsed) > timeoutNanos - (now - start)) {
                    return TOO_LATE;
                }
                if (CONSUMED.compareAndSet(this, current, due)) { // the reservation (see Waiting)
                    Waiter waiter = new Waiter(Thread.currentThread(), permits, due);
                    append(waiter);
                    return waiter;
                }
            }
        } finally {
            gate.unlock();
        }
    }

    /** Leaves the queue with the tokens granted. */
    private void leave(Waiter waiter) {
        gate.lock();
        try {
            unlink(waiter);
        } finally {
            gate.unlock();
        }
    }

    /** Leaves the queue and gives the tokens back (see Waiting in the notes). */
    private void giveUp(Waiter waiter) {
        gate.lock();
        try {
            Waiter behind = waiter.next;
            unlink(waiter);
            for (Waiter later = behind; later != null; later = later.next) {
                later.due -= waiter.permits;                   // volatile write, under the gate
                LockSupport.unpark(later.thread);
            }
            CONSUMED.getAndAdd(this, -waiter.permits);         // RMW: the tokens go back
        } finally {
            gate.unlock();
        }
    }

    private void append(Waiter waiter) {
        waiter.previous = last;
        if (last == null) {
            first = waiter;
        } else {
            last.next = waiter;
        }
        last = waiter;
        waiting = waiting + 1;                                 // volatile write, under the gate
    }

    private void unlink(Waiter waiter) {
        if (waiter.previous == null) {
            first = waiter.next;
        } else {
            waiter.previous.next = waiter.next;
        }
        if (waiter.next == null) {
            last = waiter.previous;
        } else {
            waiter.next.previous = waiter.previous;
        }
        waiter.previous = null;
        waiter.next = null;
        waiting = waiting - 1;                                 // volatile write, under the gate
    }

    // ---- Arithmetic

    /** Nanoseconds since the bucket was built; 0 if the clock reads earlier (it must not). */
    private long elapsed(long now) {
        long elapsed = now - origin;
        return elapsed > 0L ? elapsed : 0L;
    }

    /** Whole tokens produced in {@code elapsed} ns; at most {@code elapsed}, as the rate is at most 1/ns. */
    private long produced(long elapsed) {
        return RateMath.multiplyDivide(elapsed, tokensPerStep, nanosPerStep);
    }

    /**
     * Nanoseconds from {@code elapsed} until the tokens up to index {@code due} are produced: 0 if they
     * are, else the wait of Exact waits in the notes, or {@link Long#MAX_VALUE} if that does not fit.
     */
    private long nanosUntil(long due, long elapsed) {
        long produced = produced(elapsed);
        long missing = due - produced;
        if (missing <= 0L) {
            return 0L;
        }
        long carried = RateMath.remainder(elapsed, tokensPerStep, nanosPerStep, produced);
        return RateMath.multiplySubtractDivideCeiling(missing, nanosPerStep, carried, tokensPerStep);
    }

    private void checkPermits(long permits) {
        if (permits <= 0L) {
            throw new IllegalArgumentException("permits must be positive: " + permits);
        }
        if (permits > capacity) {
            throw new IllegalArgumentException("permits (" + permits + ") exceed the capacity (" + capacity
                    + "): the bucket can never hold that many, so the request could never be granted");
        }
    }

    // ---- Probe and Builder

    /**
     * The answer of {@link #tryAcquireAndProbe(long)}.
     *
     * <p><b>Note:</b> the remaining tokens of a <em>granted</em> probe are counted as of the clock
     * reading the call made, before its CAS took the tokens; if the clock moves between the two,
     * the count may lag by the tokens produced in between (a granted probe is linearizable in what
     * it took, not in this count). A denied probe's counts come from one validated snapshot of the
     * bucket, and are exact.
     *
     * @param granted whether the permits were taken
     * @param remainingTokens the tokens left in the bucket after the call (0 while waiting threads
     *        are owed tokens; see the note for a granted probe)
     * @param nanosToWait 0 if granted; otherwise how long until a request for the same permits could
     *        be granted, if nothing else took tokens meanwhile; {@link Long#MAX_VALUE} if longer than
     *        a {@code long} counts
     */
    public record Probe(boolean granted, long remainingTokens, long nanosToWait) {

        /**
         * {@link #nanosToWait()} in whole seconds, rounded up: the value of an HTTP
         * {@code Retry-After} header.
         *
         * @return the seconds to wait; 0 if granted
         */
        public long retryAfterSeconds() {
            long seconds = nanosToWait / 1_000_000_000L;
            return nanosToWait % 1_000_000_000L == 0L ? seconds : seconds + 1L;
        }
    }

    /**
     * Configures a {@link BrokenCapacityBucket}. {@link #capacity(long)} and {@link #refill(long, Duration)} are
     * required. Each method checks its arguments at once; {@link #build()} checks them together.
     * Not thread-safe.
     */
    public static final class Builder {
        private long capacity;
        private long refillTokens;
        private Duration refillPeriod;
        private long initialTokens;
        private TimeSource timeSource = TimeSource.system();

        private Builder() {
        }

        /**
         * The most tokens the bucket holds: the largest burst.
         *
         * @param capacity from 1 to {@link BrokenCapacityBucket#MAX_CAPACITY}
         * @return this builder
         * @throws IllegalArgumentException if {@code capacity} is out of that range
         */
        public Builder capacity(long capacity) {
            if (capacity <= 0L) {
                throw new IllegalArgumentException("capacity must be positive: " + capacity);
            }
            if (capacity > MAX_CAPACITY) {
                throw new IllegalArgumentException("capacity must be at most Long.MAX_VALUE / 2 (" + MAX_CAPACITY
                        + "), so that the bucket's arithmetic cannot overflow: " + capacity);
            }
            this.capacity = capacity;
            return this;
        }

        /**
         * The rate: {@code tokens} every {@code period}, added evenly (a token as soon as a whole token's
         * worth of time has passed), not all at once at the end of the period.
         *
         * @param tokens how many tokens per period; positive
         * @param period the period; positive, and at least {@code tokens} nanoseconds (the rate is at
         *        most one token a nanosecond)
         * @return this builder
         * @throws IllegalArgumentException if {@code tokens} or {@code period} is not positive, if the
         *         period is longer than a {@code long} counts in nanoseconds (292 years), or if the
         *         rate exceeds one token a nanosecond
         * @throws NullPointerException if {@code period} is null
         */
        public Builder refill(long tokens, Duration period) {
            Objects.requireNonNull(period, "period");
            if (tokens <= 0L) {
                throw new IllegalArgumentException("refill tokens must be positive: " + tokens);
            }
            if (period.isZero() || period.isNegative()) {
                throw new IllegalArgumentException("refill period must be positive: " + period);
            }
            long periodNanos;
            try {
                periodNanos = period.toNanos();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("refill period is longer than a long counts in nanoseconds: " + period, e);
            }
            if (tokens > periodNanos) {
                throw new IllegalArgumentException("the rate " + tokens + " per " + period + " exceeds one token a"
                        + " nanosecond (10^9 a second), finer than System.nanoTime() can meter: count in larger units");
            }
            this.refillTokens = tokens;
            this.refillPeriod = period;
            return this;
        }

        /**
         * The tokens in the bucket when it is built. The default, 0, means that the first period
         * grants no more than the rate; a full bucket would let a burst of {@code capacity} through at
         * once, and the rate on top of it.
         *
         * @param tokens from 0 to the capacity
         * @return this builder
         * @throws IllegalArgumentException if {@code tokens} is negative
         */
        public Builder initialTokens(long tokens) {
            if (tokens < 0L) {
                throw new IllegalArgumentException("initial tokens must not be negative: " + tokens);
            }
            this.initialTokens = tokens;
            return this;
        }

        /**
         * The clock; {@link TimeSource#system()} unless set. Tests pass a {@link ManualTimeSource}.
         *
         * @param timeSource the clock
         * @return this builder
         * @throws NullPointerException if {@code timeSource} is null
         */
        public Builder timeSource(TimeSource timeSource) {
            this.timeSource = Objects.requireNonNull(timeSource, "timeSource");
            return this;
        }

        /**
         * Builds the bucket, and starts its clock: it begins to fill now.
         *
         * @return a new bucket
         * @throws IllegalStateException if the capacity or the refill was not set
         * @throws IllegalArgumentException if the initial tokens exceed the capacity
         */
        public BrokenCapacityBucket build() {
            if (capacity == 0L) {
                throw new IllegalStateException("capacity is required: call capacity(long)");
            }
            if (refillPeriod == null) {
                throw new IllegalStateException("the rate is required: call refill(long, Duration)");
            }
            if (initialTokens > capacity) {
                throw new IllegalArgumentException("initial tokens (" + initialTokens + ") exceed the capacity (" + capacity + ")");
            }
            return new BrokenCapacityBucket(this);
        }
    }
}
