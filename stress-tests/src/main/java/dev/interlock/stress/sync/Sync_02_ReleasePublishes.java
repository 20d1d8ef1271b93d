/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.sync;

import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The memory promise of a gate: actions before the release happen-before actions after a check that
    sees the gate open. Event: actions before a set() happen-before actions after an isSet() or an
    await that returns because of it. CountDownLatch: actions before a countDown() happen-before
    actions after a getCount() or an await that returns because the count is zero. Semaphore: actions
    before a release() happen-before actions after an acquire that takes its permit. This is what
    lets a thread hand data to the threads that wait for it through plain fields.

    Message passing. actor1 writes 42 to the plain field x, then opens the gate (set(), or the one
    countDown() of a latch of 1). actor2 checks the gate without waiting, into r1 (1: open, 0:
    closed), then reads x into r2:
      - (0, 0):  actor2 ran before actor1, or checked before the release and read x before the write;
      - (0, 42): actor2 checked before the release, and actor1's write came before its read of x;
      - (1, 42): actor2 saw the release, and with it everything written before it.
    All three are acceptable: which one happens depends only on timing.

    (1, 0) is the broken message: actor2 saw the gate open, but not the write that came before the
    release. It would appear if the release were written by a plain or opaque store (nothing then
    keeps x's write before it), or if the check read the gate's state without acquire and the read of
    x floated above it. Event's set() is a getAndSet and isSet() a volatile read; the latch's
    countDown() is a CAS and getCount() a volatile read; the semaphore's release() and tryAcquire() are
    CASes.

    Note: x86-64 is TSO: stores are not reordered with stores, nor loads with loads, so a gate that
    is missing its release or acquire often passes this test on x86-64 (only the JIT's own
    reorderings can make it fail), and fails on ARM or POWER. Run it there before trusting it; see
    docs/verification.md.

    Variants, by the check actor2 makes:
      - Event:                         isSet().
      - Event_ZeroTimeoutAwait:        await(0, NANOSECONDS), true if the flag is set, without waiting.
      - CountDownLatch:                getCount() == 0.
      - CountDownLatch_ZeroTimeoutAwait: await(0, NANOSECONDS), true if the count is zero.
      - Semaphore:                     a semaphore of 0 permits, opened by release(); the check is
                                       tryAcquire(), true if it took the permit.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_02_ReleasePublishes
 */
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "actor2 found the gate closed and read x before actor1 wrote it.")
@Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "actor2 found the gate closed, then read x after actor1 wrote it.")
@Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "actor2 saw the release, and the write before it.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "actor2 saw the release but not the write before it: no happens-before from the release to the check.")
public class Sync_02_ReleasePublishes {

    /** The message. */
    static final int MESSAGE = 42;

    @JCStressTest
    @JCStressMeta(Sync_02_ReleasePublishes.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        /** The message: plain on purpose, so that only the gate can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = MESSAGE;
            event.set();
        }

        @Actor
        public void actor2(II_Result r) {
            r.r1 = event.isSet() ? 1 : 0;
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_02_ReleasePublishes.class)
    @State
    public static class Event_ZeroTimeoutAwait {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        /** The message: plain on purpose, so that only the gate can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = MESSAGE;
            event.set();
        }

        @Actor
        public void actor2(II_Result r) {
            try {
                r.r1 = event.await(0, TimeUnit.NANOSECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_02_ReleasePublishes.class)
    @State
    public static class CountDownLatch {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);

        /** The message: plain on purpose, so that only the gate can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = MESSAGE;
            latch.countDown();
        }

        @Actor
        public void actor2(II_Result r) {
            r.r1 = latch.getCount() == 0 ? 1 : 0;
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_02_ReleasePublishes.class)
    @State
    public static class CountDownLatch_ZeroTimeoutAwait {
        private final dev.interlock.sync.CountDownLatch latch = new dev.interlock.sync.CountDownLatch(1);

        /** The message: plain on purpose, so that only the gate can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = MESSAGE;
            latch.countDown();
        }

        @Actor
        public void actor2(II_Result r) {
            try {
                r.r1 = latch.await(0, TimeUnit.NANOSECONDS) ? 1 : 0;
            } catch (InterruptedException e) {
                throw new IllegalStateException("nobody interrupts the actor", e);
            }
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_02_ReleasePublishes.class)
    @State
    public static class Semaphore {
        private final dev.interlock.sync.Semaphore semaphore = new dev.interlock.sync.Semaphore(0);

        /** The message: plain on purpose, so that only the gate can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = MESSAGE;
            semaphore.release();
        }

        @Actor
        public void actor2(II_Result r) {
            r.r1 = semaphore.tryAcquire() ? 1 : 0;
            r.r2 = x;
        }
    }
}
