/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.BrokenPlainWithdrawExchanger;
import dev.interlock.stacks.LockFreeExchanger;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    An exchange is all or nothing. Two actors meet at an exchanger with a short timeout: actor 1
    offers a box it has just filled as 1, actor 2 one filled as 2. Either they meet, and each
    receives the other's box, or neither receives anything and each times out having given its box
    to no one. What must never happen is half an exchange: one actor holding the other's box while
    the other reports a timeout, as if it had given nothing.

    The timeout is short (TIMEOUT_NANOS, 20 µs), so that the two arrivals often straddle it: the
    waiter gives up just as its partner comes. That is the race the exchanger must decide once.
    LockFreeExchanger decides it by a CAS on the waiter's offer: the partner's matching CAS and the
    waiter's withdrawing CAS cannot both succeed, whichever comes first wins, and the loser learns
    it (a withdrawing waiter that finds itself matched returns the partner's value instead of timing
    out).

    The boxes also check the memory consistency effects: each actor writes its box's fields (plain
    writes) just before the exchange, and the receiver reads them just after. An actor that receives
    the other's box but not the values written into it has seen the exchange without its
    happens-before edge. (On x86 a missing release or acquire rarely shows; see
    docs/verification.md.)

    Results: (r1, r2) = what actor 1 received, what actor 2 received: the number of the box
    received (2 for actor 1, 1 for actor 2, when they swap; its own number if it got its own box
    back), 0 for a timeout, 9 for the other's box with stale contents, -1 if the exchange threw
    anything else.

    Every outcome:
      - 2, 1: they met and swapped, each seeing the contents of the other's box. Acceptable.
      - 0, 0: they missed each other: both timed out, and neither received anything. Acceptable,
        and interesting: it shows the timeout race was run.
      - 2, 0 and 0, 1: half an exchange: one received the other's box, and the other timed out.
      - 1, x or x, 2: an actor received its own box.
      - 9 anywhere: the other's box, without what was written into it before the exchange.
      - -1 anywhere: the exchange threw something other than a timeout.
    Only the first two are acceptable.

    Variants:
      - BothTimed:       LockFreeExchanger; both actors wait at most TIMEOUT_NANOS.
      - TimedAndNow:     LockFreeExchanger; actor 1 waits at most TIMEOUT_NANOS, actor 2 does not
                         wait at all (a time of zero pairs only with a thread already waiting).
      - BrokenPlainWithdraw: the negative control, BrokenPlainWithdrawExchanger, in the shape of
                         TimedAndNow. Its waiter withdraws with a check and a plain write instead of
                         a CAS, so a partner that matches between the two gets actor 1's box while
                         actor 1 reports a timeout: 0, 1. Its waiter spins
                         (BrokenPlainWithdrawExchanger.DELAY_SPINS times) between the check and the
                         write, a waiter delayed right there as a preemption would delay it, to widen
                         a window of two adjacent instructions that must meet a partner's arrival.
                         Measured in quick mode with -fsm 0 (as NegativeControlsIT runs it), on two
                         busy cores, JDK 17: delayed, 198 samples of 0, 1 in 18 of 18 JVM
                         configurations (2 min 48 s); undelayed, 2 samples in 2 of 18. The undelayed
                         bug is visible, but far too thinly for a control that must be caught in
                         every CI run. The suite run excludes it; NegativeControlsIT runs it and
                         expects a FORBIDDEN outcome.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_06_ExchangerSwaps
 */
@Outcome(id = "2, 1", expect = ACCEPTABLE, desc = "They met and swapped; each saw the contents of the other's box.")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "They missed each other: both timed out, and neither received anything.")
@Outcome(id = {"2, 0", "0, 1"}, expect = FORBIDDEN, desc = "Half an exchange: one received the other's box, and the other reported a timeout.")
@Outcome(id = {"1, 0", "1, 1", "1, 2", "0, 2", "2, 2"}, expect = FORBIDDEN, desc = "An actor received its own box.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: the other's box with stale contents (9), or the exchange threw (-1).")
public class Stacks_06_ExchangerSwaps {

    /** How long a timed exchange waits. */
    static final long TIMEOUT_NANOS = 20_000;

    /** A value with plain fields, filled just before the exchange. */
    static final class Box {
        int number;
        int check;
    }

    /** The exchange, as each variant performs it; the result is the partner's box. */
    @FunctionalInterface
    interface Exchange {
        Box exchange(Box mine) throws InterruptedException, TimeoutException;
    }

    /**
     * Fills a box with {@code number}, exchanges it, and returns the result code: the number of the
     * box received, 0 for a timeout, 9 for stale contents, -1 for anything thrown.
     */
    static int exchangeBox(int number, Exchange exchange) {
        Box mine = new Box();
        mine.number = number;
        mine.check = number * 37;
        try {
            Box received = exchange.exchange(mine);
            int seen = received.number;
            return (seen == 1 || seen == 2) && received.check == seen * 37 ? seen : 9;
        } catch (TimeoutException e) {
            return 0;
        } catch (Exception | Error e) {
            return -1;
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_06_ExchangerSwaps.class)
    @State
    public static class BothTimed {
        private final LockFreeExchanger<Box> exchanger = new LockFreeExchanger<>();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = exchangeBox(1, box -> exchanger.exchange(box, TIMEOUT_NANOS, TimeUnit.NANOSECONDS));
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = exchangeBox(2, box -> exchanger.exchange(box, TIMEOUT_NANOS, TimeUnit.NANOSECONDS));
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_06_ExchangerSwaps.class)
    @State
    public static class TimedAndNow {
        private final LockFreeExchanger<Box> exchanger = new LockFreeExchanger<>();

        @Actor
        public void actor1(II_Result r) {
            r.r1 = exchangeBox(1, box -> exchanger.exchange(box, TIMEOUT_NANOS, TimeUnit.NANOSECONDS));
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = exchangeBox(2, box -> exchanger.exchange(box, 0, TimeUnit.NANOSECONDS));
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_06_ExchangerSwaps.class)
    @State
    public static class BrokenPlainWithdraw {
        private final BrokenPlainWithdrawExchanger<Box> exchanger =
                new BrokenPlainWithdrawExchanger<>(BrokenPlainWithdrawExchanger.DELAY_SPINS);

        @Actor
        public void actor1(II_Result r) {
            r.r1 = exchangeBox(1, box -> exchanger.exchange(box, TIMEOUT_NANOS, TimeUnit.NANOSECONDS));
        }

        @Actor
        public void actor2(II_Result r) {
            r.r2 = exchangeBox(2, box -> exchanger.exchange(box, 0, TimeUnit.NANOSECONDS));
        }
    }
}
