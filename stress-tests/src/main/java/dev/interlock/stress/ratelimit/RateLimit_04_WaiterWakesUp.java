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
import dev.interlock.ratelimit.ManualTimeSource;
import dev.interlock.ratelimit.TokenBucket;
import dev.interlock.stress.locks.ThreadToInterrupt;
import java.time.Duration;
import java.util.function.BooleanSupplier;
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
    A blocking promise: a thread waiting in acquire() wakes when its token is produced, and wakes
    when it is interrupted; in both cases it never sleeps on.

    Mode.Termination: jcstress starts the one actor, calls the signal, and waits for the actor to
    return: TERMINATED, or STALE if it does not.

    The bucket is empty, on a ManualTimeSource: time moves only when the signal moves it, so the
    actor's token exists only after the signal. The actor calls acquire(), and parks on the clock
    (ManualTimeSource.parkUntil) until its deadline. The signal lands at any point: before the actor
    reserves its token, while it computes its deadline, just before it parks, or while it is parked.

      - ClockWakesWaiter:  the signal moves the clock by one token's worth. The advance must wake the
                           actor (the clock registers a sleeper before it parks, and an advance
                           unparks every sleeper whose deadline it reaches), and the actor must find
                           its token due. A lost wake-up leaves it parked forever: STALE.
      - InterruptWakesWaiter: the signal interrupts the actor, whose acquire() must throw
                           InterruptedException and give back its reservation: the actor then checks
                           that the bucket is not in debt (a tryAcquire after one token's worth of
                           time must succeed), and throws if it is, which jcstress reports as ERROR.
      - BrokenRefund:      the negative control, BrokenRefundBucket, generated from TokenBucket with
                           one bug: an interrupted waiter leaves the queue without giving back its
                           reservation. InterruptWakesWaiter's race on it ends in ERROR, the bucket
                           in debt, in every sample whose interrupt comes after the reservation (one
                           that comes before it reserves nothing, and terminates): NegativeControlsIT
                           asserts ERROR, and RefundNegativeControlTest is its bounded test.

    The suite run excludes BrokenRefund; NegativeControlsIT runs it.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t RateLimit_04_WaiterWakesUp
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter woke up: its token came, or the interrupt ended the wait.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never returned: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: a reservation was not given back, or another exception.")
public class RateLimit_04_WaiterWakesUp {

    static TokenBucket emptyBucket(ManualTimeSource clock) {
        return TokenBucket.builder()
                .capacity(1)
                .refill(1, Duration.ofNanos(10))
                .timeSource(clock)
                .build();
    }

    /** A bucket's blocking acquire: the real class and the control share no type. */
    interface Acquire {
        void acquire() throws InterruptedException;
    }

    /**
     * InterruptWakesWaiter's actor: waits for a token until the signal's interrupt, then moves the
     * clock by one token's worth and throws unless that token can be taken.
     */
    static void interruptedWaiterGivesBack(ThreadToInterrupt actorThread, ManualTimeSource clock, Acquire acquire,
            BooleanSupplier tryAcquire, Object bucket) {
        actorThread.publishCurrentThread();
        try {
            acquire.acquire();
            throw new IllegalStateException("acquire() returned, but no token was ever produced");
        } catch (InterruptedException expected) {
            // the interrupt from signal(): the only way out
        }
        clock.advance(10); // one token's worth: only this thread moves the clock
        if (!tryAcquire.getAsBoolean()) {
            throw new IllegalStateException("the interrupted waiter's reservation was not given back: " + bucket);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_04_WaiterWakesUp.class)
    @State
    public static class ClockWakesWaiter {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final TokenBucket bucket = emptyBucket(clock);

        @Actor
        public void actor() throws InterruptedException {
            bucket.acquire();
        }

        @Signal
        public void signal() {
            clock.advance(10);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_04_WaiterWakesUp.class)
    @State
    public static class InterruptWakesWaiter {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final TokenBucket bucket = emptyBucket(clock);
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            interruptedWaiterGivesBack(actorThread, clock, bucket::acquire, bucket::tryAcquire, bucket);
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(RateLimit_04_WaiterWakesUp.class)
    @State
    public static class BrokenRefund {
        private final ManualTimeSource clock = new ManualTimeSource();
        private final BrokenRefundBucket bucket = BrokenRefundBucket.builder()
                .capacity(1)
                .refill(1, Duration.ofNanos(10))
                .timeSource(clock)
                .build();
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() {
            interruptedWaiterGivesBack(actorThread, clock, bucket::acquire, bucket::tryAcquire, bucket);
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }
}
