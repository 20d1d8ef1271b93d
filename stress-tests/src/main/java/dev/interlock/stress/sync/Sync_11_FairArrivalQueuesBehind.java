/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenBargingSemaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The fairness promise of a fair semaphore, in every method: a thread that arrives while another
    waits does not take permits ahead of it, not even by the untimed tryAcquire() (which the JDK's fair
    semaphore lets barge). That is what keeps a large request from being starved by small ones.

    A fair semaphore of 1 permit. actor1 asks for 2 with a timeout of a second, into r1: it must
    wait. actor2 watches for a queued thread (hasQueuedThreads(), at most 10 ms), into r2, then calls
    tryAcquire(), into r3, and then releases what actor1 needs: 2 permits if it took one, else 1.
    So actor1 always gets its 2 permits in the end.
      - (true, true, false):  actor2 saw actor1 waiting, and was turned away.
      - (true, false, true):  actor2 saw no waiter (actor1 had not queued yet) and took the free
        permit: no barging, since nobody waited.
      - (true, false, false): actor2 saw no waiter, then found actor1 queued by the time it tried.

    (true, true, true) is a barge: actor2 took the permit while it knew actor1 waited for it.
    r1 false would mean actor1 was not served within a second though 2 permits came: forbidden, by
    the outcomes not listed, as every other outcome is.

    Variants:
      - Semaphore:      the fair semaphore.
      - BrokenBarging:  the negative control, BrokenBargingSemaphore, generated from Semaphore with
                        one bug: arrivals take available permits without checking for waiters.
                        Whenever actor2 sees actor1 waiting, the FORBIDDEN (true, true, true) is
                        observed. NegativeControlsIT asserts it, and BargingNegativeControlTest is its
                        bounded test.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_11_FairArrivalQueuesBehind
 */
@Outcome(id = "true, true, false", expect = ACCEPTABLE, desc = "actor2 saw actor1 waiting, and was turned away.")
@Outcome(id = {"true, false, true", "true, false, false"}, expect = ACCEPTABLE, desc = "actor2 saw no waiter.")
@Outcome(id = "true, true, true", expect = FORBIDDEN, desc = "A barge: actor2 took the permit while actor1 waited for it.")
public class Sync_11_FairArrivalQueuesBehind {

    /** How long actor2 watches for actor1 to queue. */
    static final long WATCH_NANOS = 10_000_000L;

    /** actor1's timeout: far longer than a sample, so only a lost permit runs it out. */
    static final long WAITER_SECONDS = 1;

    @JCStressTest
    @JCStressMeta(Sync_11_FairArrivalQueuesBehind.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(1, true);

        @Actor
        public void actor1(ZZZ_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(2, WAITER_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2(ZZZ_Result r) {
            long start = System.nanoTime();
            boolean sawWaiter;
            while (!(sawWaiter = semaphore.hasQueuedThreads()) && System.nanoTime() - start < WATCH_NANOS) {
                Thread.onSpinWait();
            }
            r.r2 = sawWaiter;
            r.r3 = semaphore.tryAcquire();
            semaphore.release(r.r3 ? 2 : 1);
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_11_FairArrivalQueuesBehind.class)
    @State
    public static class BrokenBarging {
        private final BrokenBargingSemaphore semaphore = new BrokenBargingSemaphore(1, true);

        @Actor
        public void actor1(ZZZ_Result r) {
            try {
                r.r1 = semaphore.tryAcquire(2, WAITER_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
        }

        @Actor
        public void actor2(ZZZ_Result r) {
            long start = System.nanoTime();
            boolean sawWaiter;
            while (!(sawWaiter = semaphore.hasQueuedThreads()) && System.nanoTime() - start < WATCH_NANOS) {
                Thread.onSpinWait();
            }
            r.r2 = sawWaiter;
            r.r3 = semaphore.tryAcquire();
            semaphore.release(r.r3 ? 2 : 1);
        }
    }
}
