/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.ConcurrentStack;
import dev.interlock.stacks.EliminationBackoffStack;
import dev.interlock.stacks.LockingStack;
import dev.interlock.stacks.TreiberStack;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Safe publication: a stack hands objects from one thread to another (a pool of buffers, a work
    list), so an object must arrive whole. Actor 1 builds a Payload, whose three fields are plain
    (not final, not volatile): the constructor writes the first two, and actor 1 writes the third
    after the constructor, just before it pushes. Actor 2 peeks, then pops, and reads the three
    fields of what each returned.

    Nothing but the stack orders the field writes before actor 2's reads. This is the "memory
    consistency effects" sentence of ConcurrentStack, tested for both readers: the push
    happens-before the peek or pop that returns the element. A stack that published its node
    without a release, or read the head without an acquire, would let actor 2 see the payload and a
    stale field, 0. The peek and the pop are separate readers: the peek reads the head, and the pop
    either CASes it or, in an elimination stack, receives the payload from the exchanger, whose
    match must publish it the same way.

    Results: (r1, r2) = (what the peek returned, what the pop returned), each written as the
    payload's fields in decimal digits: 123 is the whole payload (1, 2, 3), and a 0 digit is a field
    seen unwritten (for example 120: the third field was 0); -1 is no payload (the stack was empty).

    Every outcome:
      - -1, -1:   the peek and the pop both came before the push. Acceptable.
      - -1, 123:  the push came between them. Acceptable.
      - 123, 123: both came after it. Acceptable.
      - 123, -1:  the peek saw the payload, and the pop then found the stack empty, though no one
                  else pops: lost.
      - any value with a 0 digit (0, 3, 20, 23, 100, 103, 120): a torn payload.
    x86-64 keeps stores in order and loads in order, so a missing release or acquire in the stack
    itself rarely shows here; the JIT's reordering still can. On ARM or POWER this is the test that
    matters (see docs/memory-ordering.md).

    Variants:
      - Treiber:          TreiberStack: the CAS on the head publishes the node and its payload; the
                          acquire read of the head in peek and pop pairs with it.
      - Elimination:      EliminationBackoffStack as built by default (see Stacks_01).
      - EliminationFirst: every push and pop visits the exchanger first (ForcedElimination), so the
                          pop can receive the payload straight from the push, through the
                          exchanger: its matching CAS and the waiter's acquire read of the match
                          must order the fields as the head does.
      - Locking:          LockingStack, unbounded: the array and its count are plain, and the
                          lock's release at the end of the push and its acquire at the start of the
                          peek or pop carry the fields.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_03_SafePublication
 */
@Outcome(id = {"-1, -1", "-1, 123"}, expect = ACCEPTABLE, desc = "The push came after the peek; the pop saw nothing or the whole payload.")
@Outcome(id = "123, 123", expect = ACCEPTABLE, desc = "The peek and the pop both saw the whole payload.")
@Outcome(id = "123, -1", expect = FORBIDDEN, desc = "The peek saw the payload, then the pop found the stack empty: lost.")
@Outcome(expect = FORBIDDEN, desc = "A torn payload: a field written before the push was seen as 0 after the peek or the pop.")
public class Stacks_03_SafePublication {

    /** An object with plain fields, two set in its constructor and one after: only the stack can publish them safely. */
    static final class Payload {
        int first;
        int second;
        int third;

        Payload() {
            first = 1;
            second = 2;
        }

        /** @return the fields as decimal digits (123 when whole), or -1 for no payload */
        static int fields(Payload payload) {
            return payload == null ? -1 : payload.first * 100 + payload.second * 10 + payload.third;
        }
    }

    /** The state and the actors' parts, the same for every stack: each variant only chooses the stack. */
    abstract static class Handover {
        private final ConcurrentStack<Payload> stack;

        Handover(ConcurrentStack<Payload> stack) {
            this.stack = stack;
        }

        /** Actor 1's part: build the payload, finish it, push it. */
        final void buildAndPush() {
            Payload payload = new Payload();
            payload.third = 3; // plain, after the constructor: the push must publish it too.
            stack.push(payload);
        }

        /** Actor 2's part: peek, then pop, and read what each returned. */
        final void peekThenPop(II_Result r) {
            r.r1 = Payload.fields(stack.peek());
            r.r2 = Payload.fields(stack.pop());
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_03_SafePublication.class)
    @State
    public static class Treiber extends Handover {
        public Treiber() {
            super(new TreiberStack<>());
        }

        @Actor
        public void pusher() {
            buildAndPush();
        }

        @Actor
        public void reader(II_Result r) {
            peekThenPop(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_03_SafePublication.class)
    @State
    public static class Elimination extends Handover {
        public Elimination() {
            super(new EliminationBackoffStack<>());
        }

        @Actor
        public void pusher() {
            buildAndPush();
        }

        @Actor
        public void reader(II_Result r) {
            peekThenPop(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_03_SafePublication.class)
    @State
    public static class EliminationFirst extends Handover {
        public EliminationFirst() {
            super(ForcedElimination.newStack());
        }

        @Actor
        public void pusher() {
            buildAndPush();
        }

        @Actor
        public void reader(II_Result r) {
            peekThenPop(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_03_SafePublication.class)
    @State
    public static class Locking extends Handover {
        public Locking() {
            super(new LockingStack<>());
        }

        @Actor
        public void pusher() {
            buildAndPush();
        }

        @Actor
        public void reader(II_Result r) {
            peekThenPop(r);
        }
    }
}
