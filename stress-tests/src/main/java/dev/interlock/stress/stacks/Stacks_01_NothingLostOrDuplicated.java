/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.BrokenCapacityLockingStack;
import dev.interlock.stacks.BrokenGiveUpTreiberStack;
import dev.interlock.stacks.BrokenPlainHeadTreiberStack;
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
import org.openjdk.jcstress.infra.results.IIII_Result;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The first promise of a stack: nothing is lost and nothing is duplicated. The stack starts with
    one element, 1. Actor 1 pops, then pushes 2; actor 2 pops, then pushes 3. The arbiter, after
    both, asks the size, then drains the stack.

    Every race a stack has is in this one sample: the two pops race for the last element (the empty
    edge: one gets it, the other finds the stack empty, unless a push came first), the two pushes race
    to put a node on the same top, and each pop races the other actor's push.

    What a linearizable stack can do. The first pop of all comes before both pushes (each actor
    pushes after its own pop), so it takes the 1. The second pop finds the stack empty if neither
    push has happened yet, or takes the element the other actor pushed; it cannot take its own
    actor's element, which comes later. Whatever was pushed and not popped is left for the arbiter,
    top first, and the size it reads first equals the number of elements it drains. The six orders
    of the four operations give six outcomes.

    Results: (r1, r2, r3, r4) = (actor 1's pop, actor 2's pop, what the arbiter drained as digits,
    top first, and the size it read before draining). A pop that found the stack empty is 0; -1
    means the stack threw (the actor's pop or push; see StackOutcomes).

    Every outcome:
      - 1, 0, 32, 2 and 1, 0, 23, 2: actor 1 took the 1, actor 2 found the stack empty, and both
        pushes came after; either push may be on top. Acceptable.
      - 0, 1, 32, 2 and 0, 1, 23, 2: the same with the actors swapped. Acceptable.
      - 1, 2, 3, 1: actor 1 took the 1 and pushed 2 before actor 2 popped, and actor 2 took it.
        Acceptable (also what an elimination of push 2 with actor 2's pop looks like).
      - 3, 1, 2, 1: the same with the actors swapped. Acceptable.
      - 0, 1, 2, 1 and the like: one element appears nowhere: lost. Two pushes read the same top
        and one overwrote the other, or a pop swung the head back under a push that had completed.
      - 1, 1, x, y: both pops took the 1: duplicated.
      - 0, 0, 321, 3 and 0, 0, 231, 3: both pops found the stack empty though the 1 was there.
      - anything else: a pop that returned its own actor's later element or an element never
        pushed, a size that differs from the number of elements drained, or the stack threw.

    Variants:
      - Treiber:          TreiberStack: CAS on the head; the size is the top node's depth.
      - Elimination:      EliminationBackoffStack as built by default (here, on two CPUs: one
                          exchanger, DEFAULT_SPINS). A push or pop whose CAS fails visits the
                          exchanger, meets no one and goes back to the stack (see ForcedElimination:
                          with two threads, a failed CAS never finds a partner waiting). This is the
                          stack's fast path and its back-off path, with no exchange.
      - EliminationFirst: the same stack, built to visit the exchanger before every attempt on the
                          stack (ForcedElimination). Now the two actors meet: a push and a pop cancel
                          out (the pop returns the push's element, and neither touches the stack), a
                          pop meets a pop or a push a push and both go back to the stack. An exchange
                          that counted a push-push meeting as done would lose both elements; one that
                          let a popper return the other popper's marker would throw (-1).
      - Locking:          LockingStack, unbounded: one lock around an array.
      - LockingBounded:   LockingStack with capacity 2, the exact fit: the stack never holds more
                          than two elements (the first pop of all comes before both pushes, and takes
                          the 1), so a push that throws "Stack full" is a bug in the bound: -1.
      - BrokenPlainHead:  the negative control, BrokenPlainHeadTreiberStack: the head is swung by a
                          plain write instead of a CAS. Two pushes that read the same top lose one
                          element; two pops that read the same top both return it. It must show a
                          FORBIDDEN outcome.
      - BrokenGiveUp:     the second negative control, BrokenGiveUpTreiberStack: TreiberStack
                          generated with a push that gives up after one failed CAS and returns as
                          if it had pushed. When the two pushes race, the one whose CAS loses is
                          lost: 0, 1, 2, 1 and the like.
      - BrokenCapacity:   the third, BrokenCapacityLockingStack: LockingStack generated with an
                          offer that refuses the last free slot. Bounded to 2 as LockingBounded is,
                          the second push of a sample that pops both first throws "Stack full": -1.
      - BrokenPartner:    the fourth, BrokenPartnerEliminationStack: EliminationBackoffStack
                          generated with a pusher that does not check that its partner in the
                          exchanger was a popper, built eliminate-first as EliminationFirst is. Two
                          pushes that meet there both return, and both elements are lost:
                          1, 0, 0, 0 and 0, 1, 0, 0.
    The suite run excludes the Broken variants; NegativeControlsIT runs each and expects a forbidden
    outcome.

    How to run this test:
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_01_NothingLostOrDuplicated
 */
@Outcome(id = {"1, 0, 32, 2", "1, 0, 23, 2", "0, 1, 32, 2", "0, 1, 23, 2"}, expect = ACCEPTABLE, desc = "One pop took the 1, the other found the stack empty; both pushes came after.")
@Outcome(id = {"1, 2, 3, 1", "3, 1, 2, 1"}, expect = ACCEPTABLE, desc = "One pop took the 1; the other took the element its partner pushed after.")
@Outcome(id = {"0, 1, 2, 1", "0, 1, 3, 1", "1, 0, 2, 1", "1, 0, 3, 1"}, expect = FORBIDDEN, desc = "A pushed element was lost: one push overwrote the other.")
@Outcome(id = {"1, 1, 23, 2", "1, 1, 32, 2", "1, 1, 2, 1", "1, 1, 3, 1"}, expect = FORBIDDEN, desc = "Both pops took the 1: duplicated (and, with one element left, a push lost).")
@Outcome(id = {"0, 0, 321, 3", "0, 0, 231, 3"}, expect = FORBIDDEN, desc = "Both pops found the stack empty though it held the 1.")
@Outcome(expect = FORBIDDEN, desc = "Any other outcome: an element lost, duplicated or invented, a size that disagrees with the drain, or the stack threw (-1).")
public class Stacks_01_NothingLostOrDuplicated {

    /** The state and the actors' parts, the same for every stack: each variant only chooses the stack. */
    abstract static class Race {
        private final ConcurrentStack<Integer> stack;

        Race(ConcurrentStack<Integer> stack) {
            this.stack = stack;
            stack.push(1);
        }

        /**
         * An actor's part: pop, then push its own element.
         *
         * @return what the pop returned (0 for empty), or -1 if the pop or the push threw
         */
        final int popThenPush(int element) {
            int popped = StackOutcomes.pop(stack);
            return StackOutcomes.push(stack, element) ? popped : StackOutcomes.THREW;
        }

        /** The arbiter's part: the size, then everything left, top first. */
        final void sizeThenDrain(IIII_Result r) {
            r.r4 = StackOutcomes.size(stack);
            r.r3 = StackOutcomes.drainDigits(stack);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class Treiber extends Race {
        public Treiber() {
            super(new TreiberStack<>());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class Elimination extends Race {
        public Elimination() {
            super(new EliminationBackoffStack<>());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class EliminationFirst extends Race {
        public EliminationFirst() {
            super(ForcedElimination.newStack());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class Locking extends Race {
        public Locking() {
            super(new LockingStack<>());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class LockingBounded extends Race {
        public LockingBounded() {
            super(new LockingStack<>(2));
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenPlainHead extends Race {
        public BrokenPlainHead() {
            super(new BrokenPlainHeadTreiberStack<>());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenGiveUp extends Race {
        public BrokenGiveUp() {
            super(new BrokenGiveUpTreiberStack<>());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenCapacity extends Race {
        public BrokenCapacity() {
            super(new BrokenCapacityLockingStack<>(2));
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }

    @JCStressTest
    @JCStressMeta(Stacks_01_NothingLostOrDuplicated.class)
    @State
    public static class BrokenPartner extends Race {
        public BrokenPartner() {
            super(ForcedElimination.newBrokenPartnerStack());
        }

        @Actor
        public void actor1(IIII_Result r) {
            r.r1 = popThenPush(2);
        }

        @Actor
        public void actor2(IIII_Result r) {
            r.r2 = popThenPush(3);
        }

        @Arbiter
        public void arbiter(IIII_Result r) {
            sizeThenDrain(r);
        }
    }
}
