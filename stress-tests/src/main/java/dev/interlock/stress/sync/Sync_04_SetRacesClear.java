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
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    set() and clear() race, and the flag ends as the one that took effect last left it: each is one
    atomic step (set() swaps SET into the event's one state reference, clear() is a CAS from SET to
    clear), so the two are ordered, and the event is in the state of a sequential run of them.

    actor1 calls set(), actor2 clear(). When both have finished, the arbiter reads isSet() into r1 and
    calls await(0, NANOSECONDS), which answers without waiting, into r2:
      - (true, true):   the clear() took effect first (on a clear event it found nothing to clear,
                        its CAS failed), then the set() set the flag;
      - (false, false): the set() took effect first, then the clear() cleared the flag.
    Both are acceptable: which one happens depends only on timing.

    Nothing runs concurrently with the arbiter, so its two reads see one state and must agree: a
    set flag lets a zero timeout through (Event's await returns at once if the flag is set), and a
    clear one does not (nobody sets it again). (true, false) and (false, true) are forbidden: they
    would be a flag that a racing set() and clear() left half set, or a zero timeout that answers
    otherwise than isSet(). They are listed so that the list of outcomes is exhaustive.

    Variants:
      - Event:              on a new, clear event.
      - Event_InitiallySet: on an event created set: the set() then sets a set flag, which changes
                            nothing, and the outcomes mean the same.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Sync_04_SetRacesClear
 */
@Outcome(id = "true, true", expect = ACCEPTABLE, desc = "clear() took effect first, then set(): the flag is set.")
@Outcome(id = "false, false", expect = ACCEPTABLE, desc = "set() took effect first, then clear(): the flag is clear.")
@Outcome(id = "true, false", expect = FORBIDDEN, desc = "isSet() says set, but a zero-timeout await() does not pass.")
@Outcome(id = "false, true", expect = FORBIDDEN, desc = "isSet() says clear, but a zero-timeout await() passes.")
public class Sync_04_SetRacesClear {

    /** The arbiter's zero-timeout await: whether the flag lets a thread through without waiting. */
    static boolean passes(dev.interlock.sync.Event event) {
        try {
            return event.await(0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            throw new IllegalStateException("nobody interrupts the arbiter", e);
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_04_SetRacesClear.class)
    @State
    public static class Event {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event();

        @Actor
        public void actor1() {
            event.set();
        }

        @Actor
        public void actor2() {
            event.clear();
        }

        @Arbiter
        public void arbiter(ZZ_Result r) {
            r.r1 = event.isSet();
            r.r2 = passes(event);
        }
    }

    @JCStressTest
    @JCStressMeta(Sync_04_SetRacesClear.class)
    @State
    public static class Event_InitiallySet {
        private final dev.interlock.sync.Event event = new dev.interlock.sync.Event(true);

        @Actor
        public void actor1() {
            event.set();
        }

        @Actor
        public void actor2() {
            event.clear();
        }

        @Arbiter
        public void arbiter(ZZ_Result r) {
            r.r1 = event.isSet();
            r.r2 = passes(event);
        }
    }
}
