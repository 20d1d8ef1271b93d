/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.LockingStack;
import java.util.concurrent.TimeUnit;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressMeta;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Mode;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.Signal;
import org.openjdk.jcstress.annotations.State;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

/*
    The blocking promise of LockingStack: take() on an empty stack returns once an element is
    pushed, and put() on a full stack returns once an element is popped. A stack that loses the
    wake-up leaves the waiter parked forever, with the element (or the room) it waits for right
    there. Lincheck's model checker cannot see that (it lets a parked thread wake spuriously; see
    docs/verification.md), so this is the test that does.

    Mode.Termination: jcstress starts the actor, then calls the signal, and waits for the actor to
    return: TERMINATED if it does, STALE if it does not. A stack's operations belong to no thread,
    so the signal itself pushes or pops.

    The signal races with the actor. Sometimes the actor is already parked on its condition when
    the signal arrives, and the signal must wake it; sometimes the signal comes first, and the actor
    must find the element (or the room) without waiting; and sometimes the signal lands while the
    actor is between deciding to wait and parking, where a lost wake-up usually hides. LockingStack
    closes that window with its one lock: the actor tests its predicate and waits on the condition
    while holding it, and every push signals notEmpty, every pop notFull, under it. Each way in is
    tested, since each is its own code: push and put (and pop and take) reach the same signal, but
    a mistake in one would not show in the other; the timed poll and offer wait with awaitNanos, not
    await. A waiter that returns with the wrong result throws, so that it shows as ERROR: a take
    that returns anything but the element the signal pushed, a poll that returns null or an offer
    that returns false long before its hour is up.

    ERROR means the actor threw; it is forbidden too, and listed so that the list is exhaustive.
    A wrong result is thrown as an IllegalStateException: jcstress 0.16's Termination runner catches
    only Exception, and an AssertionError escaping the actor would be reported as STALE.

    Variants (capacity 1 where the stack must be full):
      - TakeWokenByPush:      the stack is empty (unbounded); the actor takes, the signal pushes.
      - TakeWokenByPut:       the same on a bounded stack, and the signal puts.
      - TimedPollWokenByPush: the actor polls with a timeout of an hour; the signal pushes.
      - PutWokenByPop:        the stack is full; the actor puts, the signal pops.
      - PutWokenByTake:       the same, and the signal takes.
      - TimedOfferWokenByPop: the actor offers with a timeout of an hour; the signal pops.
      - TakeWokenByPushFair, PutWokenByPopFair: the first and the fourth on a fair stack, whose
                              lock hands itself to the woken waiter instead of letting a running
                              thread barge in.
    The interrupt that wakes a waiter, and leaves the stack as it was, is tested by
    BlockingStackContract (LockingStackTest and FairLockingStackTest).

    How to run this test (Mode.Termination needs time per iteration; sanity mode gives it none):
       $ java -jar stress-tests/target/interlock-stress.jar -t Stacks_04_TakeWakesUp -m sanity -time 20
 */
@Outcome(id = "TERMINATED", expect = ACCEPTABLE, desc = "The waiter returned after the signal's push or pop.")
@Outcome(id = "STALE", expect = FORBIDDEN, desc = "The waiter never returned, though what it waited for was there: a lost wake-up.")
@Outcome(id = "ERROR", expect = FORBIDDEN, desc = "The actor threw: an exception, or a wrong result from take, poll or offer.")
public class Stacks_04_TakeWakesUp {

    /** The stack, with one element in its one slot: full. */
    static LockingStack<Integer> full(LockingStack<Integer> stack) {
        stack.push(1);
        return stack;
    }

    /** Takes, and throws unless it got the element the signal pushes, 1. */
    static void takeOne(LockingStack<Integer> stack) throws InterruptedException {
        int taken = stack.take();
        if (taken != 1) {
            throw new IllegalStateException("take returned " + taken + ", not the element pushed, 1");
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class TakeWokenByPush {
        private final LockingStack<Integer> stack = new LockingStack<>();

        @Actor
        public void actor() throws InterruptedException {
            takeOne(stack);
        }

        @Signal
        public void signal() {
            stack.push(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class TakeWokenByPut {
        private final LockingStack<Integer> stack = new LockingStack<>(1);

        @Actor
        public void actor() throws InterruptedException {
            takeOne(stack);
        }

        @Signal
        public void signal() throws InterruptedException {
            stack.put(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class TimedPollWokenByPush {
        private final LockingStack<Integer> stack = new LockingStack<>();

        @Actor
        public void actor() throws InterruptedException {
            if (stack.poll(1, TimeUnit.HOURS) == null) {
                throw new IllegalStateException("poll timed out long before its hour");
            }
        }

        @Signal
        public void signal() {
            stack.push(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class PutWokenByPop {
        private final LockingStack<Integer> stack = full(new LockingStack<>(1));

        @Actor
        public void actor() throws InterruptedException {
            stack.put(2);
        }

        @Signal
        public void signal() {
            stack.pop();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class PutWokenByTake {
        private final LockingStack<Integer> stack = full(new LockingStack<>(1));

        @Actor
        public void actor() throws InterruptedException {
            stack.put(2);
        }

        @Signal
        public void signal() throws InterruptedException {
            stack.take();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class TimedOfferWokenByPop {
        private final LockingStack<Integer> stack = full(new LockingStack<>(1));

        @Actor
        public void actor() throws InterruptedException {
            if (!stack.offer(2, 1, TimeUnit.HOURS)) {
                throw new IllegalStateException("offer timed out long before its hour");
            }
        }

        @Signal
        public void signal() {
            stack.pop();
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class TakeWokenByPushFair {
        private final LockingStack<Integer> stack = new LockingStack<>(Integer.MAX_VALUE, true);

        @Actor
        public void actor() throws InterruptedException {
            takeOne(stack);
        }

        @Signal
        public void signal() {
            stack.push(1);
        }
    }

    @JCStressTest(Mode.Termination)
    @JCStressMeta(Stacks_04_TakeWakesUp.class)
    @State
    public static class PutWokenByPopFair {
        private final LockingStack<Integer> stack = full(new LockingStack<>(1, true));

        @Actor
        public void actor() throws InterruptedException {
            stack.put(2);
        }

        @Signal
        public void signal() {
            stack.pop();
        }
    }
}
