/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.BrokenEarlyPublishTreiberStack;
import dev.interlock.stacks.ConcurrentStack;
import dev.interlock.stacks.EliminationBackoffStack;
import dev.interlock.stacks.LockingStack;
import dev.interlock.stacks.TreiberStack;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The observers tell one story. Every stack here says that peek, size and isEmpty are
    linearizable, and that size is exact: each returns what the stack held at one instant inside
    its call. So an observer that calls them one after the other sees states in the order the stack
    went through them. That is what a size kept apart from the elements gets wrong: a counter
    updated after the CAS that pushes lets an observer see the element and a size that does not
    count it yet. TreiberStack keeps the size in the nodes (the top node's depth), read with the
    head in one access; LockingStack reads it under its lock.

    The stack starts empty. Actor 1 pushes 1, pushes 2, then pops (the 2). Actor 2 calls peek, then
    size, then isEmpty. The stack goes through four states, written top first: [], [1], [2, 1], [1],
    with top 0 (none), 1, 2, 1 and size 0, 1, 2, 1; only the first is empty, and it never comes
    back. Actor 2's three
    calls see three of these states, in order (the same state may be seen more than once).

    Results: (r1, r2, r3) = (peek: the top, 0 for none; size; isEmpty: 1 for true, 0 for false).
    -1 means the call threw (see StackOutcomes).

    Every outcome with a top of 0 to 2, a size of 0 to 2 and a boolean (18), and the rest:
      - 0, 0, 1: all three saw the empty stack. Acceptable.
      - 0, 0, 0 and 0, 1, 0 and 0, 2, 0: the peek saw the empty stack, the size the same or a
        later state, and isEmpty a non-empty one. Acceptable.
      - 1, 1, 0 and 1, 2, 0: the peek saw [1], the size [1] or [2, 1]. Acceptable.
      - 2, 2, 0 and 2, 1, 0: the peek saw [2, 1], the size the same or [1] after the pop.
        Acceptable.
      - 1, 0, 0 and 2, 0, 0: the size said empty after the peek had seen an element: the size
        lags behind the elements.
      - 0, 1, 1 and 0, 2, 1 and 1, 1, 1 and 1, 2, 1 and 2, 1, 1 and 2, 2, 1, and 1, 0, 1 and 2, 0,
        1: isEmpty said empty after the peek or the size had seen an element, and the stack is
        never empty again.
      - anything else (a size of 3 or more, a top never pushed, -1): forbidden.

    Variants:
      - Treiber:     TreiberStack: the three are each one acquire read of the head.
      - Elimination: EliminationBackoffStack as built by default: the same reads of the same head.
      - Locking:     LockingStack, unbounded: each reads the count (and the top) under the lock.
      - BrokenEarlyPublish: the negative control, BrokenEarlyPublishTreiberStack, generated from
                     TreiberStack with one bug: a push publishes its node by the CAS before it writes
                     the node's depth (and next link), so a size that reads the new head in between
                     reads a depth of 0: 1, 0, 0 or 2, 0, 0. The suite run excludes it;
                     NegativeControlsIT runs it and expects a forbidden outcome.
    No eliminate-first variant: only actor 1 changes the stack, so its visits to the exchanger
    would never meet anyone, and an eliminated pair never shows in the head anyway.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_05_PeekAndSizeAgree
 */
@Outcome(id = {"0, 0, 1", "0, 0, 0", "0, 1, 0", "0, 2, 0"}, expect = ACCEPTABLE, desc = "The peek saw the empty stack; the size and isEmpty the same or a later state.")
@Outcome(id = {"1, 1, 0", "1, 2, 0", "2, 2, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "The peek saw an element; the size the same or a later state.")
@Outcome(id = {"1, 0, 0", "2, 0, 0"}, expect = FORBIDDEN, desc = "The size said empty after the peek had seen an element.")
@Outcome(id = {"0, 1, 1", "0, 2, 1", "1, 1, 1", "1, 2, 1", "2, 1, 1", "2, 2, 1", "1, 0, 1", "2, 0, 1"}, expect = FORBIDDEN, desc = "isEmpty said empty after the peek or the size had seen an element.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: a size or a top the stack never had, or a call threw (-1).")
public class Stacks_05_PeekAndSizeAgree {

    /** The state and the actors' parts, the same for every stack: each variant only chooses the stack. */
    abstract static class Observed {
        private final ConcurrentStack<Integer> stack;

        Observed(ConcurrentStack<Integer> stack) {
            this.stack = stack;
        }

        /** Actor 1's part: push 1, push 2, pop. */
        final void pushTwoPopOne() {
            stack.push(1);
            stack.push(2);
            stack.pop();
        }

        /** Actor 2's part: peek, then size, then isEmpty. */
        final void observe(III_Result r) {
            r.r1 = StackOutcomes.peek(stack);
            r.r2 = StackOutcomes.size(stack);
            r.r3 = StackOutcomes.isEmpty(stack);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_05_PeekAndSizeAgree.class)
    @State
    public static class Treiber extends Observed {
        public Treiber() {
            super(new TreiberStack<>());
        }

        @Actor
        public void changer() {
            pushTwoPopOne();
        }

        @Actor
        public void observer(III_Result r) {
            observe(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_05_PeekAndSizeAgree.class)
    @State
    public static class Elimination extends Observed {
        public Elimination() {
            super(new EliminationBackoffStack<>());
        }

        @Actor
        public void changer() {
            pushTwoPopOne();
        }

        @Actor
        public void observer(III_Result r) {
            observe(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_05_PeekAndSizeAgree.class)
    @State
    public static class Locking extends Observed {
        public Locking() {
            super(new LockingStack<>());
        }

        @Actor
        public void changer() {
            pushTwoPopOne();
        }

        @Actor
        public void observer(III_Result r) {
            observe(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_05_PeekAndSizeAgree.class)
    @State
    public static class BrokenEarlyPublish extends Observed {
        public BrokenEarlyPublish() {
            super(new BrokenEarlyPublishTreiberStack<>());
        }

        @Actor
        public void changer() {
            pushTwoPopOne();
        }

        @Actor
        public void observer(III_Result r) {
            observe(r);
        }
    }
}
