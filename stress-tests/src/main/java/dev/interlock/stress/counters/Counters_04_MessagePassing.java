/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.counters;

import dev.interlock.counters.AtomicCounter;
import dev.interlock.counters.LockedCounter;
import dev.interlock.counters.StripedCounter;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.JI_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Happens-before through the counter: actions in a thread before an update happen-before the
    actions that follow a get() whose result reflects that update. That is what lets a counter
    publish data, for example "the count says one more item is ready, so the item is there".

    actor1 writes 42 to the plain field x, then increments. actor2 reads get() into r1, then x into
    r2. If actor2 sees the increment (r1 = 1), it must also see the write made before it (r2 = 42).
    If it does not see the increment (r1 = 0), x may hold either value: the read of x comes later,
    and may come after actor1's write of x even when get() came before the increment.

    The forbidden (1, 0) is the broken message: the counter told actor2 the update had happened, but
    the data written before the update is missing. It would appear if the update were a plain or
    opaque write, or if get() were a plain or opaque read, because then nothing orders x's write
    before the update or x's read after get(). In each implementation the pair that orders them:
      - Atomic:  the getAndAdd (a volatile RMW) and the volatile read in get().
      - Striped: the CAS on the base or on a cell, and the volatile read of that same field in get().
      - Locked:  the release of the monitor in increment() and its acquisition in get().

    In Striped, actor1 is the only updater, so its CAS on the base never fails and the update never
    reaches a cell. StripedContended makes actor2 increment too, before it reads: the two updates
    then collide on the base in some samples, the loser installs the cells and retries on one, and
    the message must travel through that cell. Its r1 counts both increments: 2 means actor2 saw
    actor1's update, 1 means it did not yet, and 0 would mean it missed its own.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Counters_04_MessagePassing
 */
@Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "Saw the update and the data written before it.")
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "Both reads came before actor1's writes.")
@Outcome(id = "0, 42", expect = ACCEPTABLE, desc = "get() came before the increment, the read of x after the write of x.")
@Outcome(id = "1, 0", expect = FORBIDDEN, desc = "Saw the update but not the data written before it: no happens-before.")
public class Counters_04_MessagePassing {

    @JCStressTest
    @JCStressMeta(Counters_04_MessagePassing.class)
    @State
    public static class Atomic {
        private final AtomicCounter counter = new AtomicCounter();

        /** The message: plain on purpose, so that only the counter can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = 42;
            counter.increment();
        }

        @Actor
        public void actor2(JI_Result r) {
            r.r1 = counter.get();
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_04_MessagePassing.class)
    @State
    public static class Striped {
        private final StripedCounter counter = new StripedCounter();

        /** The message: plain on purpose, so that only the counter can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = 42;
            counter.increment();
        }

        @Actor
        public void actor2(JI_Result r) {
            r.r1 = counter.get();
            r.r2 = x;
        }
    }

    @JCStressTest
    @JCStressMeta(Counters_04_MessagePassing.class)
    @State
    public static class Locked {
        private final LockedCounter counter = new LockedCounter();

        /** The message: plain on purpose, so that only the counter can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = 42;
            counter.increment();
        }

        @Actor
        public void actor2(JI_Result r) {
            r.r1 = counter.get();
            r.r2 = x;
        }
    }

    @JCStressTest
    @Outcome(id = "2, 42", expect = ACCEPTABLE, desc = "Saw actor1's update and the data written before it.")
    @Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "Saw only its own update, and not the data yet.")
    @Outcome(id = "1, 42", expect = ACCEPTABLE, desc = "Saw only its own update; the read of x came after the write of x.")
    @Outcome(id = "2, 0", expect = FORBIDDEN, desc = "Saw actor1's update but not the data written before it: no happens-before.")
    @Outcome(id = "0, 0", expect = FORBIDDEN, desc = "get() missed the reader's own increment.")
    @Outcome(id = "0, 42", expect = FORBIDDEN, desc = "get() missed the reader's own increment.")
    @State
    public static class StripedContended {
        private final StripedCounter counter = new StripedCounter();

        /** The message: plain on purpose, so that only the counter can order it. */
        private int x;

        @Actor
        public void actor1() {
            x = 42;
            counter.increment();
        }

        @Actor
        public void actor2(JI_Result r) {
            counter.increment();
            r.r1 = counter.get();
            r.r2 = x;
        }
    }
}
