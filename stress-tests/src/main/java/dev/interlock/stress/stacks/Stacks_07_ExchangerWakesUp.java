/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.BrokenLeftOfferExchanger;
import dev.interlock.stacks.BrokenParkRecheckExchanger;
import dev.interlock.stacks.LockFreeExchanger;
import dev.interlock.stacks.ParkingExchangers;
import dev.interlock.stress.locks.ThreadToInterrupt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
    A waiting exchange returns once its partner comes, or once it is interrupted, and then it has
    taken its value back. The actor exchanges and waits; the signal is the partner (or, in
    InterruptWithdraws, the interrupt). A waiter that parks where its partner cannot see it sleeps for ever beside the
    value it was given. Lincheck's model checker cannot see that (it lets a parked thread wake
    spuriously; see docs/verification.md), so this is the test that does.

    Mode.Termination: jcstress starts the actor, then calls the signal, and waits for the actor to
    return: TERMINATED if it does, STALE if it does not.

    The exchangers here park at once, without LockFreeExchanger's usual spin, so that every wait
    runs the park handshake: the waiter announces its park (a volatile write of parked), re-reads
    match (a volatile read) and only then parks; the partner CASes match and then reads parked, and
    unparks whoever announced. The signal waits (at most AIM_MILLIS) until the actor's offer is in
    the exchanger, and then comes as its partner: with the real exchanger the actor has usually parked
    by then, and the test checks the announced park's wake-up; the window between the read of match
    and the announcement is reached by the control's delay, and by ExchangerParkNegativeControlTest's
    20,000 swaps.
    A wrong value received throws, so that it shows as ERROR. If the signal comes first it is the
    one that waits, for at most SIGNAL_SECONDS: the harness's thread must never hang, even on the
    broken exchanger.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.

    Variants:
      - Untimed:           the actor calls exchange(1); the signal exchange(2, 1 s).
      - TimedHour:         the actor waits with a timeout of an hour; the signal as above.
      - BrokenParkRecheck: the negative control, BrokenParkRecheckExchanger, whose waiter parks
                           right after announcing, without re-reading match, and is delayed
                           (BrokenParkRecheckExchanger.DELAY_SPINS spins) between its read of match
                           and its announcement. STALE must be seen: NegativeControlsIT asserts it.
      - InterruptWithdraws: no partner comes; the signal interrupts the actor's exchange(1), which
                           must throw InterruptedException and take its offer back. The actor then
                           calls exchange(2) with a timeout of zero, which must find nobody and throw
                           TimeoutException; finding the interrupted waiter's 1 throws, and shows as
                           ERROR. An interrupt that comes before the exchange reads the interrupt
                           status ends it on entry, with nothing to withdraw.
      - BrokenLeftOffer:   the negative control, BrokenLeftOfferExchanger, generated from
                           LockFreeExchanger with one bug: a waiter that gives up does not withdraw
                           its offer. InterruptWithdraws's race on it ends in ERROR in every sample
                           whose interrupt comes after the offer: NegativeControlsIT asserts it, and
                           ExchangerWithdrawNegativeControlTest is its bounded test.

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_07_ExchangerWakesUp -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter returned: with its partner's value, or by its interrupt, its offer withdrawn.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never returned, though matched or interrupted: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: an exception, a value not its partner's, or an offer left behind.")
public class Stacks_07_ExchangerWakesUp {

    /** The signal's own wait, if it comes first: bounded, so that a broken exchanger cannot hang the harness. */
    static final long SIGNAL_SECONDS = 1;

    /** How long the signal waits for the actor's offer to appear before it exchanges anyway. */
    static final long AIM_MILLIS = 10;

    /**
     * Spins until the actor waits in the exchanger, at most {@value #AIM_MILLIS} ms, so that the
     * signal comes as its partner. Without it, in a fresh fork the signal often came first and became
     * the waiter itself, and its bounded wait then took the whole of the iteration's time: the control
     * took one sample per configuration and was missed (CI, 2026-12-06).
     */
    static void awaitWaiter(BooleanSupplier actorWaits) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(AIM_MILLIS);
        while (!actorWaits.getAsBoolean() && System.nanoTime() - deadline < 0L) {
            Thread.onSpinWait();
        }
    }

    /** Throws unless the actor received the signal's value, 2. */
    static void expectTwo(Integer received) {
        if (received == null || received != 2) {
            // An Exception, not an AssertionError: jcstress 0.16's Termination runner catches only
            // Exception, and anything else escaping the actor would be reported as STALE.
            throw new IllegalStateException("the waiter received " + received + ", not its partner's 2");
        }
    }

    /** An exchanger's blocking exchange: the real class and the control share no type. */
    interface Exchange {
        Integer exchange(Integer value) throws InterruptedException;
    }

    /** An exchanger's timed exchange. */
    interface TimedExchange {
        Integer exchange(Integer value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException;
    }

    /**
     * InterruptWithdraws's actor: waits with no partner until the signal's interrupt, then throws unless
     * an exchange that does not wait finds nobody.
     */
    static void interruptedWaiterWithdraws(ThreadToInterrupt actorThread, Exchange exchange, TimedExchange probe)
            throws InterruptedException {
        actorThread.publishCurrentThread();
        try {
            Integer received = exchange.exchange(1);
            throw new IllegalStateException("exchange(1) received " + received + ", but no partner ever came");
        } catch (InterruptedException expected) {
            // the interrupt from signal(): the only way out
        }
        try {
            Integer found = probe.exchange(2, 0, TimeUnit.NANOSECONDS);
            throw new IllegalStateException("an exchange that does not wait received " + found
                    + ": the interrupted waiter's offer was still there");
        } catch (TimeoutException expected) {
            // nobody waits: the interrupted waiter withdrew its offer
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_07_ExchangerWakesUp.class)
    @State
    public static class Untimed {
        private final LockFreeExchanger<Integer> exchanger = ParkingExchangers.parkingAtOnce();

        @Actor
        public void actor() throws InterruptedException {
            expectTwo(exchanger.exchange(1));
        }

        @Signal
        public void signal() throws InterruptedException {
            awaitWaiter(() -> ParkingExchangers.hasWaiter(exchanger));
            try {
                exchanger.exchange(2, SIGNAL_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the actor never came: it stays waiting, and the run is STALE.
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_07_ExchangerWakesUp.class)
    @State
    public static class TimedHour {
        private final LockFreeExchanger<Integer> exchanger = ParkingExchangers.parkingAtOnce();

        @Actor
        public void actor() throws InterruptedException, TimeoutException {
            expectTwo(exchanger.exchange(1, 1, TimeUnit.HOURS));
        }

        @Signal
        public void signal() throws InterruptedException {
            awaitWaiter(() -> ParkingExchangers.hasWaiter(exchanger));
            try {
                exchanger.exchange(2, SIGNAL_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the actor never came: it stays waiting, and the run is STALE.
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_07_ExchangerWakesUp.class)
    @State
    public static class BrokenParkRecheck {
        private final BrokenParkRecheckExchanger<Integer> exchanger =
                new BrokenParkRecheckExchanger<>(BrokenParkRecheckExchanger.DELAY_SPINS);

        @Actor
        public void actor() throws InterruptedException {
            expectTwo(exchanger.exchange(1));
        }

        @Signal
        public void signal() throws InterruptedException {
            awaitWaiter(() -> exchanger.hasWaiter());
            try {
                exchanger.exchange(2, SIGNAL_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the actor never came: it stays waiting, and the run is STALE.
            }
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_07_ExchangerWakesUp.class)
    @State
    public static class InterruptWithdraws {
        private final LockFreeExchanger<Integer> exchanger = new LockFreeExchanger<>();
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() throws InterruptedException {
            interruptedWaiterWithdraws(actorThread, exchanger::exchange, exchanger::exchange);
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_07_ExchangerWakesUp.class)
    @State
    public static class BrokenLeftOffer {
        private final BrokenLeftOfferExchanger<Integer> exchanger = new BrokenLeftOfferExchanger<>();
        private final ThreadToInterrupt actorThread = new ThreadToInterrupt();

        @Actor
        public void actor() throws InterruptedException {
            interruptedWaiterWithdraws(actorThread, exchanger::exchange, exchanger::exchange);
        }

        @Signal
        public void signal() {
            actorThread.interruptWhenPublished();
        }
    }
}
