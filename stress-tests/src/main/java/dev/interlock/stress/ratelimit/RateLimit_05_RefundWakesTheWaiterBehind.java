/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.ratelimit;

import dev.interlock.ratelimit.BrokenRefundBucket;
import dev.interlock.ratelimit.BrokenWakeUpBucket;
import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.stress.ParkedThreads;
import java.time.Duration;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A waiter that gives up hands its place to the waiters behind it: their tokens come sooner by what it
    reserved, and they must be told. The bucket is empty, on a ManualTimeSource: time moves only when
    the signal moves it, 1 token a second. A first waiter W1 reserves 5 tokens (due at 5 s) and parks;
    the actor reserves 2 behind it (due at 7 s) and parks until 7 s. The signal interrupts W1, which
    gives its 5 back and moves the actor's tokens to 2 s, then moves the clock to 2 s. The actor must
    return: its tokens are there. Two things can fail, and each leaves it parked on a clock that never
    reaches 7 s: W1 keeps its 5 (a missing refund), or W1 gives them back without waking the actor, which
    sleeps on towards the deadline it computed behind them (a lost wake-up).

    Mode.Termination: TERMINATED if the actor returns, STALE if it does not.

    The race: the interrupt and the advance come back to back, so W1's give-back (under the bucket's
    gate) lands before, during or after the advance, and the actor, woken by either, reads its due and
    the clock in either order. Every order must end with the actor granted: an advance that comes first
    finds the actor's deadline still at 7 s and wakes no one, and then the give-back must. The state
    starts W1 and waits until it sleeps; the actor publishes nothing, and the signal waits until two
    threads sleep on the clock (at most a second) before it acts. If the actor has not parked by then,
    it reserves behind W1 or after W1 left, and must be granted either way.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - TokenBucketRefund: TokenBucket.
      - BrokenRefund:      the negative control BrokenRefundBucket (W1 keeps its reservation). STALE.
      - BrokenWakeUp:      the negative control BrokenWakeUpBucket, generated from TokenBucket with
                           one bug: a waiter that gives up moves the waiters behind it forward without
                           unparking them. STALE. RefundNegativeControlTest is the bounded test of
                           both controls; NegativeControlsIT asserts that jcstress sees STALE.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_05_RefundWakesTheWaiterBehind -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The actor was granted its 2 tokens at 2 s.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The actor was never granted: the first waiter kept its tokens, or gave them back without waking it.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw.")
public class RateLimit_05_RefundWakesTheWaiterBehind {

    /** How long the signal waits for the actor to sleep on the clock before it acts anyway. */
    static final long ACTOR_SLEEP_WAIT_NANOS = 1_000_000_000L;

    /** A bucket's blocking acquire: the real class and the controls share no type. */
    interface Acquire {
        void acquire(long permits) throws InterruptedException;
    }

    /** The first waiter, the clock, and the race around one bucket. */
    static final class Race {
        private final ManualTimeSource clock;
        private final Acquire bucket;
        private final Thread firstWaiter;

        Race(ManualTimeSource clock, Acquire bucket) {
            this.clock = clock;
            this.bucket = bucket;
            firstWaiter = new Thread(this::waitFirst, "interlock-first-waiter");
            firstWaiter.setDaemon(true);
            firstWaiter.start();
            awaitSleepers(1, ParkedThreads.SETUP_NANOS);
            if (clock.sleepingThreads() < 1) {
                throw new IllegalStateException("the first waiter did not sleep on the clock in 10 s");
            }
        }

        private void waitFirst() {
            try {
                bucket.acquire(5);
            } catch (InterruptedException expected) {
                // the signal's interrupt: the only way out, as the clock never reaches 5 s
            }
        }

        /** The actor: 2 tokens, reserved behind the first waiter's 5. */
        void actor() throws InterruptedException {
            bucket.acquire(2);
        }

        /** The signal: once both sleep, the first waiter gives up and the clock moves to 2 s. */
        void signal() {
            awaitSleepers(2, ACTOR_SLEEP_WAIT_NANOS);
            firstWaiter.interrupt();
            clock.advance(Duration.ofSeconds(2));
        }

        private void awaitSleepers(int sleepers, long nanos) {
            long start = System.nanoTime();
            while (clock.sleepingThreads() < sleepers && System.nanoTime() - start < nanos) {
                Thread.yield();
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_05_RefundWakesTheWaiterBehind.class)
    @State
    public static class TokenBucketRefund {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final TokenBucket bucket = TokenBucket.builder().capacity(10).refill(1, Duration.ofSeconds(1))
                .initialTokens(0).timeSource(clock).build();
        private final Race race = new Race(clock, bucket::acquire);

        @Actor
        public void actor() throws InterruptedException {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_05_RefundWakesTheWaiterBehind.class)
    @State
    public static class BrokenRefund {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final BrokenRefundBucket bucket = BrokenRefundBucket.builder().capacity(10)
                .refill(1, Duration.ofSeconds(1)).initialTokens(0).timeSource(clock).build();
        private final Race race = new Race(clock, bucket::acquire);

        @Actor
        public void actor() throws InterruptedException {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_05_RefundWakesTheWaiterBehind.class)
    @State
    public static class BrokenWakeUp {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final BrokenWakeUpBucket bucket = BrokenWakeUpBucket.builder().capacity(10)
                .refill(1, Duration.ofSeconds(1)).initialTokens(0).timeSource(clock).build();
        private final Race race = new Race(clock, bucket::acquire);

        @Actor
        public void actor() throws InterruptedException {
            race.actor();
        }

        @Signal
        public void signal() {
            race.signal();
        }
    }
}
