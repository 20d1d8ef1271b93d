/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import dev.interlock.sync.BrokenTimeoutEvent;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    A waiter whose time runs out takes itself out of the count of waiters: a timed await that
    returns false has cancelled its node (Event's cancelling CAS, from waiting to cancelled), so
    getQueueLength(), which counts the nodes still waiting, no longer counts it. A waiter that left
    its node waiting would be counted for ever, and a later set() would "release" a thread that has
    gone (and, had the set() come just before the timeout, the waiter would report a timeout though
    the set() released it). Lincheck cannot see it: its model checker's clock stands still, so a
    positive timeout never runs out. Sync_05 is the neighbouring promise, that a waiter that times
    out does not hide the waiters next to it from the release; this one is about the waiter itself.

    The actor calls the timed await, with a timeout of 10 microseconds, on a closed gate that
    nobody opens: it pushes its node, parks, wakes when its time has run out, and returns r1. When
    it has returned, the arbiter reads getQueueLength() into r2. Nothing runs concurrently with the
    arbiter, so the read is quiescent and must be exact:
      - (false, 0): the wait ran out, and the waiter is no longer counted. The only right outcome.
      - (false, 1): the wait ran out, but the waiter's node is still counted as waiting: it left
                    without cancelling it.
      - (true, 0), (true, 1): the await reported the gate open, though nothing opens it.
    The last two cannot come from any of the classes below; they are listed, forbidden, so that the
    list of outcomes is exhaustive. A count above 1 cannot come from one waiter, and any value not
    listed would be reported by jcstress as an unknown outcome, which also fails the test. The actor
    throws if interrupted, which nobody does; jcstress would report that as an error of the test.

    Variants:
      - Event:          Event, await(10 us).
      - CountDownLatch: a latch of 1, await(10 us), which waits at the latch's internal event.
      - BrokenTimeout:  the negative control, BrokenTimeoutEvent, generated from Event with one bug:
                        a timed-out waiter returns false without cancelling its node. No race:
                        every sample's wait runs out, and must end with the FORBIDDEN (false, 1).
                        NegativeControlsIT asserts it, and TimeoutNegativeControlTest is its
                        bounded test.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_06_TimedOutWaiterIsNotCounted
 */
@Outcome(id = "false, 0", expect = ACCEPTABLE, desc = "The wait ran out, and the waiter is no longer counted.")
@Outcome(id = "false, 1", expect = FORBIDDEN, desc = "The wait ran out, but the waiter is still counted: it left its node waiting.")
@Outcome(id = "true, 0", expect = FORBIDDEN, desc = "The await reported the gate open, though nothing opens it.")
@Outcome(id = "true, 1", expect = FORBIDDEN, desc = "The await reported the gate open, though nothing opens it, and the waiter is still counted.")
public class Sync_06_TimedOutWaiterIsNotCounted {

    /** The actor's timeout: long enough to push a node and park, short enough for many samples. */
    static final long TIMEOUT_NANOS = 10_000L;

    /** What an actor does if interrupted: nobody interrupts it, so it is an error. */
    static IllegalStateException unexpected(InterruptedException e) {
        return new IllegalStateException("the actor was interrupted, and nobody interrupts it", e);
    }

    @JCStressTest
    @JCStressMeta(Sync_06_TimedOutWaiterIsNotCounted.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        @Actor
        public void actor(ZI_Result r) {
            try {
                r.r1 = event.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = event.getQueueLength();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_06_TimedOutWaiterIsNotCounted.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);

        @Actor
        public void actor(ZI_Result r) {
            try {
                r.r1 = latch.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = latch.getQueueLength();
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_06_TimedOutWaiterIsNotCounted.class)
    @State
    public static class BrokenTimeout {
        private final BrokenTimeoutEvent event = new BrokenTimeoutEvent();

        @Actor
        public void actor(ZI_Result r) {
            try {
                r.r1 = event.await(TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                throw unexpected(e);
            }
        }

        @Arbiter
        public void arbiter(ZI_Result r) {
            r.r2 = event.getQueueLength();
        }
    }
}
