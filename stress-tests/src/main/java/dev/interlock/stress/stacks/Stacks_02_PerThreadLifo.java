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
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    Last in, first out, seen by one thread while another pushes. The stack starts empty. Actor 1,
    the owner, pushes 1, pushes 2, then pops twice; actor 2 pushes 3, once, at any moment. The
    arbiter drains what is left.

    What LIFO means when another thread pushes. Only the owner pops, so the owner's 1 and 2 stay in
    the stack until the owner pops them, and the 2, pushed later, stays above the 1. So the owner's
    first pop never returns 1, and its pops never return 1 before 2; the 3 may come out anywhere
    the order of the pushes puts it. In a linearizable stack, actor 2's push takes effect at one
    instant among the owner's five operations:
      - before the push of 1 (3 is at the bottom) or after both pops:   2, 1, then 3 is left;
      - between the pushes of 1 and 2, or between the two pops:         2, 3, then 1 is left;
      - between the push of 2 and the first pop (3 is on top):          3, 2, then 1 is left.
    Three outcomes, out of the six orders of 1, 2 and 3. The other three orders are exactly the
    ones that break LIFO: 1, 2, 3 and 1, 3, 2 (the owner got the 1 while its 2 was above it) and
    3, 1, 2 (the 1 before the 2).

    Results: (r1, r2, r3) = (the owner's first pop, its second pop, what the arbiter drained as
    digits, top first). A pop that found the stack empty is 0; -1 means the stack threw (see
    StackOutcomes). The owner's pops never find the stack empty: its own 2 and 1 are there.

    Every outcome:
      - 2, 1, 3 and 2, 3, 1 and 3, 2, 1: see above. Acceptable.
      - 1, 2, 3 and 1, 3, 2 and 3, 1, 2: each element once, in an order LIFO forbids.
      - 2, 1, 0 and 2, 3, 0 and 3, 1, 0: an element appears nowhere: lost (two pushes read the same
        top and one overwrote the other, or a pop's write of the head dropped a node pushed since
        the pop read it).
      - 2, 1, 31 and 2, 3, 21 and 2, 1, 321: an element came out twice (actor 2's push read the
        top, the owner popped it, and the push's write of the head put the popped node back, under
        the 3).
      - anything else: an empty pop while the owner's elements were there, an element never
        pushed, or the stack threw.

    Variants:
      - Treiber:          TreiberStack.
      - Elimination:      EliminationBackoffStack as built by default: after a failed CAS, a visit
                          to the exchanger that meets no one (see Stacks_01).
      - EliminationFirst: every push and pop visits the exchanger first (ForcedElimination). Actor
                          2's push of 3 can meet one of the owner's pops, which then returns 3
                          without touching the stack: allowed, since both calls are in progress and
                          the pair leaves the stack as it was (3, 2, 1 for the first pop, 2, 3, 1 for
                          the second). Or it meets the push of 1 or 2, and both go back to the stack.
      - Locking:          LockingStack, unbounded: one lock around an array.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_02_PerThreadLifo
 */
@Outcome(id = {"2, 1, 3", "2, 3, 1", "3, 2, 1"}, expect = ACCEPTABLE, desc = "The owner's 2 came out before its 1; the 3 wherever its push landed.")
@Outcome(id = {"1, 2, 3", "1, 3, 2", "3, 1, 2"}, expect = FORBIDDEN, desc = "LIFO broken: the owner's 1 came out while its 2, pushed later, was still in.")
@Outcome(id = {"2, 1, 0", "2, 3, 0", "3, 1, 0"}, expect = FORBIDDEN, desc = "An element was lost.")
@Outcome(id = {"2, 1, 31", "2, 3, 21", "2, 1, 321"}, expect = FORBIDDEN, desc = "An element came out twice.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an empty pop while the owner's elements were there, an element lost, duplicated or invented, or the stack threw (-1).")
public class Stacks_02_PerThreadLifo {

    /** The state and the actors' parts, the same for every stack: each variant only chooses the stack. */
    abstract static class OwnerAndPusher {
        private final ConcurrentStack<Integer> stack;

        OwnerAndPusher(ConcurrentStack<Integer> stack) {
            this.stack = stack;
        }

        /** The owner's part: push 1, push 2, pop twice. */
        final void pushTwoPopTwo(III_Result r) {
            if (!StackOutcomes.push(stack, 1) || !StackOutcomes.push(stack, 2)) {
                r.r1 = StackOutcomes.THREW;
                r.r2 = StackOutcomes.THREW;
                return;
            }
            r.r1 = StackOutcomes.pop(stack);
            r.r2 = StackOutcomes.pop(stack);
        }

        /** The other actor's part: push 3. */
        final void pushThree() {
            stack.push(3);
        }

        /** The arbiter's part: everything left, top first. */
        final void drain(III_Result r) {
            r.r3 = StackOutcomes.drainDigits(stack);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_02_PerThreadLifo.class)
    @State
    public static class Treiber extends OwnerAndPusher {
        public Treiber() {
            super(new TreiberStack<>());
        }

        @Actor
        public void owner(III_Result r) {
            pushTwoPopTwo(r);
        }

        @Actor
        public void pusher() {
            pushThree();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            drain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_02_PerThreadLifo.class)
    @State
    public static class Elimination extends OwnerAndPusher {
        public Elimination() {
            super(new EliminationBackoffStack<>());
        }

        @Actor
        public void owner(III_Result r) {
            pushTwoPopTwo(r);
        }

        @Actor
        public void pusher() {
            pushThree();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            drain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_02_PerThreadLifo.class)
    @State
    public static class EliminationFirst extends OwnerAndPusher {
        public EliminationFirst() {
            super(ForcedElimination.newStack());
        }

        @Actor
        public void owner(III_Result r) {
            pushTwoPopTwo(r);
        }

        @Actor
        public void pusher() {
            pushThree();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            drain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_02_PerThreadLifo.class)
    @State
    public static class Locking extends OwnerAndPusher {
        public Locking() {
            super(new LockingStack<>());
        }

        @Actor
        public void owner(III_Result r) {
            pushTwoPopTwo(r);
        }

        @Actor
        public void pusher() {
            pushThree();
        }

        @Arbiter
        public void arbiter(III_Result r) {
            drain(r);
        }
    }
}
