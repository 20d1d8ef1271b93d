/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Writes the negative controls that are a whole main class with one bug planted, from today's main
 * class, so that such a control always breaks the code the tests run against and never a stale copy
 * of it (a hand-made copy of {@code ReadWriteMutex} had kept the lock as it was before its reader
 * wake-up). The build writes them, as it writes {@code docs/verification-matrix.md}, and
 * {@code .ci/run} fails if the committed copies differ.
 *
 * <p>A control's bug deletes or replaces a piece of code that occurs exactly once in one method, and a
 * comment marks the place, in place of the line's own comment, which argued for the code the bug changed:
 * a release or a withdrawal that should let a queued thread in does not, a refund is missing, a retry loop
 * gives up, a bound is off by one, a node is published before it is written, or a check is skipped. A piece of whole lines is replaced by whole lines, under a marker line. If the piece is not found exactly once there, generation fails and names the
 * control, rather than writing a copy with no bug. A method is named alone, or with its parameters
 * ({@code offer(E element)}) when it is overloaded.
 */
class GeneratedControlsTest {

    /**
     * One control: the main class, the method, the code deleted from it and what replaces it ({@code null}:
     * nothing), and the bug in words.
     */
    record Control(String module, String packagePath, String mainClass, String name, String method, String deleted,
            String replacement, String bug) {

        Control(String module, String packagePath, String mainClass, String name, String method, String deleted,
                String bug) {
            this(module, packagePath, mainClass, name, method, deleted, null, bug);
        }

        /** The method as the javadoc names it: {@code release()}, or {@code offer(E element)}. */
        String shownMethod() {
            return method.contains("(") ? method : method + "()";
        }

        Path mainSource(Path root) {
            return root.resolve(module + "/src/main/java/" + packagePath + "/" + mainClass + ".java");
        }

        Path copy(Path root) {
            return root.resolve(module + "/src/test/java/" + packagePath + "/" + name + ".java");
        }
    }

    static final List<Control> CONTROLS = List.of(
            new Control("primitives", "dev/interlock/locks", "ReentrantMutex", "BrokenCancelMutex", "cancel",
                    "        if (owner == null) {\n            wakeFirstWaiter();\n        }\n",
                    "a waiter that gives up (an interrupt or a timeout) marks its node cancelled and leaves"
                            + " without passing the wake-up on: if the owner's unlock had just chosen it, nobody"
                            + " wakes the next waiter, and a thread sleeps on a free lock"),
            new Control("primitives", "dev/interlock/locks", "ReadWriteMutex", "BrokenReadReleaseReadWriteMutex",
                    "releaseReadHold", "admitQueued();", "the release of the last read hold does not hand the lock to the queue,"
                            + " so a writer that queued while readers held the lock sleeps on after they have"
                            + " all left"),
            new Control("primitives", "dev/interlock/locks", "ReadWriteMutex", "BrokenWokenReaderReadWriteMutex",
                    "leaveFlight", "admitQueued();", "a reader woken to compete that gives up (interrupted) leaves without serving"
                            + " the queue, so under READER_PREFERRING a writer that waits for the woken readers"
                            + " sleeps on"),
            new Control("primitives", "dev/interlock/locks", "ReentrantMutex", "BrokenTransferMutex",
                    "enqueueSignalledWaiter", "        node.parkRequested = true; // volatile write: the waiter may be parked"
                            + " already, so any release unparks it.\n",
                    "a signal queues its waiter for the lock without marking it as parked, so the release that"
                            + " makes it first in line does not unpark it, and it sleeps on a free lock"),
            new Control("primitives", "dev/interlock/locks", "ReadWriteMutex", "BrokenGiveUpReadWriteMutex",
                    "tryAcquireRead", "if (STATE.compareAndSet(this, observed, observed + 1L)) {",
                    "STATE.compareAndSet(this, observed, observed + 1L); {",
                    "it ignores the result of its CAS and reports the read hold taken, so a reader whose CAS another"
                            + " reader beat holds the lock uncounted, and a writer can enter while it reads (a retry"
                            + " loop that gives up after one failed CAS and reports success)"),
            new Control("primitives", "dev/interlock/counters", "AtomicCounter", "BrokenGiveUpCounter", "update",
                    "current = witness;", "return returnNewValue ? next : current;",
                    "it gives up after one failed CAS and reports the update as done, so an update that another"
                            + " thread's CAS beat is never applied (getAndUpdate and updateAndGet)"),
            new Control("primitives", "dev/interlock/ratelimit", "TokenBucket", "BrokenGiveUpBucket",
                    "tryAcquire(long permits)", "if (CONSUMED.compareAndSet(this, current, start + permits)) {",
                    "CONSUMED.compareAndSet(this, current, start + permits); {",
                    "it ignores the result of its one CAS and reports the tokens taken, so a request whose CAS"
                            + " another thread beat is granted tokens that were never taken (a retry loop that gives"
                            + " up after one failed CAS and reports success)"),
            new Control("structures", "dev/interlock/queues", "LockingArrayQueue", "BrokenCapacityLockingArrayQueue",
                    "offer(E element)", "count == items.length", "count == items.length - 1",
                    "it compares the count with the capacity less one, so it refuses the last free slot and reports"
                            + " a queue full that is not (an off-by-one at the capacity edge)"),
            new Control("structures", "dev/interlock/stacks", "TreiberStack", "BrokenGiveUpTreiberStack", "push",
                    "while (!tryPush(node)) {", "if (!tryPush(node)) {",
                    "it gives up after one failed CAS and returns as if it had pushed, so a push that another"
                            + " thread's CAS beat is lost"),
            new Control("structures", "dev/interlock/queues", "LockFreeLinkedQueue", "BrokenGiveUpLinkedQueue",
                    "offer(E element)",
                    "                // the successful CAS is the linearization point.\n"
                            + "                if (last.casNext(null, node)) {\n"
                            + "                    // Swing the tail; if this CAS fails, another thread has already helped it on.\n"
                            + "                    TAIL.compareAndSet(this, last, node);\n"
                            + "                    return true;\n"
                            + "                }\n",
                    "                if (!last.casNext(null, node)) {\n"
                            + "                    return true;\n"
                            + "                }\n"
                            + "                TAIL.compareAndSet(this, last, node);\n"
                            + "                return true;\n",
                    "it gives up after one failed CAS on the last node's link and reports the element offered, so an"
                            + " offer that another thread's CAS beat is lost"),
            new Control("structures", "dev/interlock/stacks", "LockingStack", "BrokenCapacityLockingStack",
                    "offer(E element)", "count == capacity", "count == capacity - 1",
                    "it compares the count with the capacity less one, so it refuses the last free slot and reports"
                            + " the stack full when it is not (an off-by-one at the capacity edge)"),
            new Control("primitives", "dev/interlock/ratelimit", "TokenBucket", "BrokenCapacityBucket",
                    "tryAcquire(long permits)", "Math.max(current, produced - capacity)",
                    "Math.max(current, produced - capacity - 1)",
                    "it caps the tokens saved at the capacity plus one, so after an idle spell a burst takes one"
                            + " token more than the bucket can hold (an off-by-one at the capacity edge)"),
            new Control("structures", "dev/interlock/queues", "TwoLockLinkedQueue", "BrokenPassOnTwoLockLinkedQueue",
                    "uncountOne", "        if (countBefore > 1 && waitingTakers > 0) { // volatile read; exact: written"
                            + " under our lock.\n            notEmpty.signal(); // elements are left: pass the wake-up"
                            + " on to another consumer.\n        }\n",
                    "a consumer that leaves elements behind does not pass the wake-up on: a put wakes one taker"
                            + " only when it makes the queue non-empty, so when two puts come before the first"
                            + " woken taker runs, the second taker sleeps on a queue with an element for it"),
            new Control("primitives", "dev/interlock/ratelimit", "TokenBucket", "BrokenRefundBucket", "await",
                    "                giveUp(waiter);\n                throw new InterruptedException();\n",
                    "                leave(waiter);\n                throw new InterruptedException();\n",
                    "an interrupted waiter leaves the queue without giving back the tokens it reserved, so the"
                            + " waiters behind it wait for tokens that nobody takes (a refund missing on the"
                            + " interrupt path)"),
            new Control("primitives", "dev/interlock/locks", "ReentrantMutex", "BrokenTimeoutMutex", "awaitTurn",
                    "                    cancel(node);\n                    return false;\n",
                    "                    return false;\n",
                    "a timed tryLock that times out returns without cancelling its queue node, so the release"
                            + " wakes the node of a thread that has left, and the waiters behind it sleep on a"
                            + " free lock (a refund missing on the timeout path)"),
            new Control("structures", "dev/interlock/stacks", "TreiberStack", "BrokenEarlyPublishTreiberStack",
                    "tryPush",
                    "        node.next = top; // plain: the node is not shared yet; the CAS below publishes it.\n"
                            + "        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE"
                            + " : top.depth + 1); // plain: as above.\n"
                            + "        return HEAD.compareAndSet(this, top, node); // success: the linearization point"
                            + " of push.\n",
                    "        if (!HEAD.compareAndSet(this, top, node)) {\n"
                            + "            return false;\n"
                            + "        }\n"
                            + "        node.next = top;\n"
                            + "        node.depth = top == null ? 1 : (top.depth == Integer.MAX_VALUE ? Integer.MAX_VALUE"
                            + " : top.depth + 1);\n"
                            + "        return true;\n",
                    "it publishes the node by its CAS before it writes the node's next link and depth, so a pop"
                            + " or a size in between sees a stack cut short or a size of zero (a publication order"
                            + " swapped)"),
            new Control("structures", "dev/interlock/stacks", "EliminationBackoffStack", "BrokenPartnerEliminationStack",
                    "push", "eliminateFirst && visitEliminationArray(element) == POP",
                    "eliminateFirst && visitEliminationArray(element) != LockFreeExchanger.NO_PARTNER",
                    "a pusher that tries the exchanger first does not check that its partner was a popper, so two"
                            + " pushers that meet there both return as if a pop had taken their elements, and both"
                            + " elements are lost (a skipped check)"),
            new Control("primitives", "dev/interlock/ratelimit", "TokenBucket", "BrokenWakeUpBucket", "giveUp",
                    "                LockSupport.unpark(later.thread);\n",
                    "a waiter that gives up moves the waiters behind it forward without waking them, so each sleeps"
                            + " until the deadline it computed behind the tokens given back (a lost wake-up: on a"
                            + " clock that stops there, forever)"),
            new Control("primitives", "dev/interlock/locks", "ReadWriteMutex", "BrokenPolicyReadWriteMutex",
                    "tryLockRead", "reentrant || !policy.readerShouldBlock(this)", "true",
                    "a new reader skips the policy's check and enters whenever no writer holds the lock, so under"
                            + " WRITER_PREFERRING and FAIR readers overtake a waiting writer, which can starve (a"
                            + " skipped check of policy)"),
            new Control("structures", "dev/interlock/stacks", "LockFreeExchanger", "BrokenLeftOfferExchanger",
                    "awaitMatch", "Object decided = withdrawOrTake(mine);", "Object decided = NO_PARTNER;",
                    "a waiter that gives up (an interrupt or a timeout) reports the exchange failed without"
                            + " withdrawing its offer, which stays in the slot: a later exchange takes the value of a"
                            + " thread that was told it kept it (a refund missing on an interrupt or timeout)"),
            new Control("primitives", "dev/interlock/locks", "ReadWriteMutex", "BrokenLimitReadWriteMutex",
                    "tryAcquireRead", "(observed & READ_MASK) == MAX_READ_HOLDS",
                    "(observed & READ_MASK) == MAX_READ_HOLDS + 1",
                    "it refuses a read hold only when the count is one past the most its 16 bits hold, which it"
                            + " never is, so the hold past 65,535 carries into the write bit: the read count reads"
                            + " zero and the lock reads as write-locked by no one (an off-by-one at the capacity"
                            + " edge)"),
            new Control("structures", "dev/interlock/queues", "LockingPriorityQueue",
                    "BrokenStabilityLockingPriorityQueue", "less(int a, int b)",
                    "order < 0 || order == 0 && sequences[a] < sequences[b]", "order < 0",
                    "it orders by the comparator alone and skips the tie-break on arrival, so of equal elements a"
                            + " later one can leave first, and one can starve behind a stream of equals (a skipped"
                            + " check)"),
            new Control("structures", "dev/interlock/queues", "LockingPriorityQueue",
                    "BrokenSignalLockingPriorityQueue", "insert",
                    "        notEmpty.signal(); // invariant 4.\n",
                    "        if (count == 1) {\n            notEmpty.signal();\n        }\n",
                    "an insertion wakes a taker only when it makes the queue non-empty, so when two puts come before"
                            + " the first woken taker runs, the second taker sleeps beside an element (a lost"
                            + " wake-up)"),
            new Control("structures", "dev/interlock/queues", "LockingArrayQueue", "BrokenRetestLockingArrayQueue",
                    "take", "while (count == 0) {", "if (count == 0) {",
                    "a taker woken by a put does not test the count again, so when a thread that barged in took"
                            + " the element first, the taker takes from an empty queue: it returns null and drives"
                            + " the count below zero (a skipped check)"),
            new Control("primitives", "dev/interlock/ratelimit", "TokenBucket", "BrokenRecheckBucket",
                    "tryAcquireAndProbe", "            } else if (consumed == current) {\n"
                            + "                // Volatile re-read: consumed did not change while the clock was read,"
                            + " so the bucket\n"
                            + "                // was in exactly this state at that instant, the linearization point"
                            + " of a denial.\n",
                    "            } else {\n",
                    "a denial does not re-read the token index after it reads the clock, so when a grant and a"
                            + " refill both come between its two reads, it reports tokens left from the index before"
                            + " the grant and the clock after the refill: a state the bucket never held (a skipped"
                            + " check)"),
            new Control("structures", "dev/interlock/queues", "MpmcArrayQueue", "BrokenFailedFillMpmcArrayQueue",
                    "fill", "            Object element = SKIPPED;\n"
                            + "            try {\n"
                            + "                element = Objects.requireNonNull(supplier.get(), \"the supplier returned"
                            + " null\");\n"
                            + "            } finally {\n"
                            + "                // Published whatever happened: a consumer may be waiting for this"
                            + " slot.\n"
                            + "                publish(index, element);\n"
                            + "            }\n",
                    "            Object element = Objects.requireNonNull(supplier.get(), \"the supplier returned"
                            + " null\");\n"
                            + "            publish(index, element);\n",
                    "when the supplier throws or returns null, the slot it claimed is never published, as an"
                            + " element or as skipped, so consumers stop at it: every element offered after it is"
                            + " stuck, and a poll that reaches it waits for ever (a refund missing on the failure"
                            + " path)"),
            new Control("primitives", "dev/interlock/counters", "StripedCounter", "BrokenEarlyTableStripedCounter",
                    "installTable", "        for (int i = kept; i < size; i++) {\n"
                            + "            grown[i] = new Cell();\n"
                            + "        }\n"
                            + "        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown); // CAS:"
                            + " publishes the table and its cells.\n",
                    "        Cell[] witness = (Cell[]) CELLS.compareAndExchange(this, expected, grown);\n"
                            + "        for (int i = kept; i < size; i++) {\n"
                            + "            grown[i] = new Cell();\n"
                            + "        }\n",
                    "it publishes a new cell table by its CAS before it creates the table's new cells, so an"
                            + " update or a get that reads the table in between meets a null cell and throws (a"
                            + " publication order swapped)"),
            new Control("primitives", "dev/interlock/locks/spin", "BackoffLock", "BrokenLateOwnerBackoffLock",
                    "unlock", "        OWNER.setOpaque(this, null); // opaque: only the holder writes the owner.\n"
                            + "        LOCKED.setRelease(this, false); // release: the linearization point of unlock();"
                            + " pairs with the next getAndSet.\n",
                    "        LOCKED.setRelease(this, false);\n"
                            + "        java.util.concurrent.locks.LockSupport.parkNanos(20_000L); // a preemption, planted\n"
                            + "        OWNER.setOpaque(this, null);\n",
                    "it releases the lock before it clears the owner, so a thread that takes the lock in"
                            + " between has its ownership erased, and its own unlock() throws (a publication order"
                            + " swapped); a park of 20 microseconds between the two writes widens that window, as a"
                            + " preemption there would, for jcstress to reach it"),
            new Control("primitives", "dev/interlock/sync", "Event", "BrokenLostReleaseEvent", "set",
                    "                LockSupport.unpark(node.thread);\n",
                    "it marks each waiter released but never unparks it, so a waiter that had parked sleeps on"
                            + " though the flag is set (a lost wake-up)"),
            new Control("primitives", "dev/interlock/sync", "CountDownLatch", "BrokenPlainCountDownLatch",
                    "countDown", "if (COUNT.compareAndSet(this, current, current - 1)) {", "count = current - 1; {",
                    "it lowers the count by a plain read, a check and a write, not a CAS, so two countDown() calls"
                            + " that read the same count both write one less: a decrement is lost, and the count"
                            + " never reaches zero for the waiters (a CAS done as a read, a check and a write)"),
            new Control("primitives", "dev/interlock/sync", "CountDownLatch", "BrokenGiveUpCountDownLatch",
                    "countDown", "while (true) {", "for (int attempt = 0; attempt < 1; attempt++) {",
                    "it gives up after one failed CAS and returns as if it had counted down, so of two countDown()"
                            + " calls that read the same count, the one whose CAS the other beat is lost, and the"
                            + " count never reaches zero for the waiters (a retry loop that gives up after one"
                            + " failed CAS)"),
            new Control("primitives", "dev/interlock/sync", "CountDownLatch", "BrokenEdgeCountDownLatch",
                    "countDown", "if (current == 0) {", "if (current <= 1) {",
                    "it stops at a count of one, not zero, so the last countDown() changes nothing: the count"
                            + " never reaches zero, and the waiters are never released (an off-by-one at the edge"
                            + " of the count)"),
            new Control("primitives", "dev/interlock/sync", "Event", "BrokenTimeoutEvent",
                    "await(Object blocker, boolean timed, long nanos)", "return !cancel(node);", "return false;",
                    "a timed-out waiter returns without cancelling its node, so the node stays on the stack,"
                            + " counted as waiting by getQueueLength(), and a set() that released it just before"
                            + " the timeout is reported as a timeout (a refund missing on the timeout path)"),
            new Control("primitives", "dev/interlock/sync", "Event", "BrokenInterruptEvent",
                    "await(Object blocker, boolean timed, long nanos)",
                    "                    if (cancel(node)) {\n"
                            + "                        throw new InterruptedException();\n"
                            + "                    }\n"
                            + "                    interrupted = true;\n",
                    "                    cancel(node);\n"
                            + "                    throw new InterruptedException();\n",
                    "an interrupted waiter ignores the result of its cancelling CAS and always throws"
                            + " InterruptedException, so a waiter that a set() released first throws, its interrupt"
                            + " status cleared, as if the set() had not reached it (a skipped check)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenPlainSemaphore", "takeNow",
                    "if (PERMITS.compareAndSet(this, current, current - n)) {", "permits = current - n; {",
                    "it takes permits by a plain read, a check and a write, not a CAS, so two threads that read"
                            + " the same permits both take them: a permit is handed out twice (a CAS done as a read,"
                            + " a check and a write)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenBoundSemaphore", "release(int n)",
                    "raised > (bound < 0 ? Integer.MAX_VALUE : bound)", "raised >= (bound < 0 ? Integer.MAX_VALUE : bound)",
                    "it refuses a release that would bring a bounded semaphore exactly to its bound, so the"
                            + " permits can never all come back (an off-by-one at the edge of the bound)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenLostReleaseSemaphore", "release(int n)",
                    "                serveHead();\n",
                    "it adds the permits but never serves the queue (a grant, or a wake-up if non-fair), so acquirers that had parked sleep"
                            + " on beside available permits (a lost wake-up)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenTimeoutSemaphore", "await",
                    "return !cancel(node);", "return false;",
                    "a timed-out acquirer returns without leaving the queue, so the next release grants the"
                            + " permits to a thread that has gone, and they are lost (a refund missing on the"
                            + " timeout path)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenPassOnSemaphore", "cancel",
                    "            if (wasHead) {\n"
                            + "                serveHead(); // the next waiter may fit where this one did not.\n"
                            + "            }\n",
                    "a waiter that gives up at the head of the queue leaves without serving the new head, which"
                            + " may fit where it did not, so that waiter sleeps beside available permits (a lost"
                            + " wake-up on the interrupt and timeout paths)"),
            new Control("primitives", "dev/interlock/sync", "Semaphore", "BrokenBargingSemaphore", "takeNow",
                    "        if (fair && head != null) {\n            return false;\n        }\n",
                    "an arrival at a fair semaphore takes available permits without checking for waiters, so a"
                            + " stream of small requests starves a large one (a skipped check of the policy)"),
            new Control("primitives", "dev/interlock/sync", "Barrier", "BrokenTimeoutBarrier", "arrive",
                    "                breakGeneration(current);\n                throw new TimeoutException();\n",
                    "                throw new TimeoutException();\n",
                    "an arrival whose timeout of zero has run out leaves without breaking the generation, yet"
                            + " stays counted: the next arrival trips the barrier a party short (a refund missing on"
                            + " the timeout path)"),
            new Control("primitives", "dev/interlock/sync", "Barrier", "BrokenTripBarrier", "trip",
                    "        current.tripped.set();\n",
                    "the last arrival starts the next generation but never releases this one's waiters, which"
                            + " sleep on (a lost wake-up)"));

    @Test
    void eachControlIsTodaysMainClassWithOneBug() throws IOException {
        Path root = RepoRoot.get();
        for (Control control : CONTROLS) {
            String main = Files.readString(control.mainSource(root), StandardCharsets.UTF_8);
            String generated = generate(main, control);
            Path copy = control.copy(root);
            if (!Files.exists(copy) || !Files.readString(copy, StandardCharsets.UTF_8).equals(generated)) {
                Files.writeString(copy, generated, StandardCharsets.UTF_8);
            }
            assertEquals(count(main, "THE BUG:") + 1, count(generated, "THE BUG:"),
                    control.name() + " must be its main class with exactly one bug marked");
        }
    }

    @Test
    void aMovedBugSiteFailsGenerationAndNamesTheControl() {
        Control control = new Control("m", "p", "Widget", "BrokenWidget", "release", "admitQueued();", "it forgets");
        String noCall = "/**\n * A widget.\n */\npublic final class Widget {\n    private void release() {\n"
                + "        count--;\n    }\n}\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> generate(noCall, control));
        assertTrue(e.getMessage().contains("BrokenWidget"), e.getMessage());
    }

    @Test
    void theCopyRenamesTheClassReplacesItsJavadocAndDeletesTheOneCall() {
        Control control = new Control("m", "p", "Widget", "BrokenWidget", "release", "admitQueued();", "it forgets");
        String main = "package p;\n\n/**\n * A widget. Its notes.\n */\npublic final class Widget {\n"
                + "    Widget() {\n    }\n\n    private void release() {\n        if (waiters != 0) {\n"
                + "            admitQueued(); // serve\n        }\n    }\n\n    private void other() {\n"
                + "        admitQueued();\n    }\n}\n";
        String copy = generate(main, control);
        assertEquals("package p;\n\n/**\n * <b>Negative control: deliberately broken.</b> {@link Widget} with one bug,"
                + " in {@code release()}:\n * it forgets.\n *\n * <p>Generated from {@code Widget.java} by the"
                + " verification module's {@code GeneratedControlsTest}:\n * do not edit; run"
                + " {@code ./mvnw -pl verification test} and commit the result. Never copy it.\n */\n"
                + "public final class BrokenWidget {\n    BrokenWidget() {\n    }\n\n    private void release() {\n"
                + "        if (waiters != 0) {\n            // THE BUG: deleted here: admitQueued();\n        }\n"
                + "    }\n\n    private void other() {\n        admitQueued();\n    }\n}\n", copy);
    }

    @Test
    void aReplacementPlantsItsCodeInTheOneOverloadNamedAndMarksIt() {
        Control control = new Control("m", "p", "Widget", "BrokenWidget", "offer(E element)", "count == max",
                "count == max - 1", "it is off by one");
        String main = "package p;\n\n/**\n * A widget.\n */\npublic final class Widget<E> {\n"
                + "    public boolean offer(E element) {\n        return count == max;\n    }\n\n"
                + "    public boolean offer(E element, long timeout) {\n        return count == max;\n    }\n}\n";
        String copy = generate(main, control);
        assertTrue(copy.contains("public final class BrokenWidget<E> {"), copy);
        assertTrue(copy.contains("    public boolean offer(E element) {\n"
                + "        return count == max - 1 /* THE BUG: was count == max */;\n"), copy);
        assertTrue(copy.contains("    public boolean offer(E element, long timeout) {\n        return count == max;\n"), copy);
    }

    @Test
    void aDoubleSlashInAStringIsCodeAndWholeLinesMustStartALine() {
        Control control = new Control("m", "p", "Widget", "BrokenWidget", "release", "max", "max - 1", "it is off");
        String main = "package p;\n\n/**\n * A widget.\n */\npublic final class Widget {\n"
                + "    private void release() {\n        log(max, \"http://x\"); // why\n    }\n}\n";
        assertTrue(generate(main, control).contains("        log(max - 1 /* THE BUG: was max */, \"http://x\");\n"),
                generate(main, control));
        Control lines = new Control("m", "p", "Widget", "BrokenWidget", "release", "foo();\n", "it forgets");
        String inLine = "package p;\n\n/**\n * A widget.\n */\npublic final class Widget {\n"
                + "    private void release() {\n        x = foo();\n    }\n}\n";
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> generate(inLine, lines));
        assertTrue(e.getMessage().contains("BrokenWidget"), e.getMessage());
    }

    private static int count(String text, String piece) {
        return text.split(Pattern.quote(piece), -1).length - 1;
    }

    /** Today's main class as the control: renamed, with a javadoc that says what it is, and the bug planted. */
    static String generate(String main, Control control) {
        String classLine = "public class " + control.mainClass();
        Matcher declaration = Pattern.compile("public (?:final )?class " + Pattern.quote(control.mainClass()) + "\\b")
                .matcher(main);
        int classAt = declaration.find() ? declaration.start() : -1;
        int javadocAt = classAt < 0 ? -1 : main.lastIndexOf("/**", classAt);
        if (javadocAt < 0) {
            throw new IllegalStateException(control.name() + ": no javadoc before \"" + classLine.trim() + "\" in "
                    + control.mainClass() + ".java");
        }
        String body = main.substring(classAt)
                .replaceAll("\\b" + Pattern.quote(control.mainClass()) + "\\b", Matcher.quoteReplacement(control.name()));
        String javadoc = "/**\n" + wrap("<b>Negative control: deliberately broken.</b> {@link " + control.mainClass()
                + "} with one bug, in {@code " + control.shownMethod() + "}: " + control.bug() + ".")
                + " *\n" + wrap("<p>Generated from {@code " + control.mainClass() + ".java} by the verification module's"
                + " {@code GeneratedControlsTest}: do not edit; run {@code ./mvnw -pl verification test} and commit"
                + " the result. Never copy it.")
                + " */\n";
        return main.substring(0, javadocAt) + javadoc + plantBug(body, control);
    }

    /** Deletes or replaces the control's piece of code in its method, and marks the place. */
    private static String plantBug(String body, Control control) {
        String signature = control.method().contains("(") ? Pattern.quote(control.method())
                : Pattern.quote(control.method()) + "\\([^)]*\\)";
        Matcher header = Pattern.compile("\n    (?:public |protected |private |static |final )*[\\w<>\\[\\]]+ "
                + signature + "[^{;]*\\{\n").matcher(body);
        String deleted = control.deleted();
        int start = header.find() ? header.end() : -1;
        int end = start < 0 ? -1 : body.indexOf("\n    }\n", start);
        int at = start < 0 ? -1 : body.indexOf(deleted, start);
        int again = at < 0 ? -1 : body.indexOf(deleted, at + 1);
        boolean wholeLines = deleted.endsWith("\n");
        if (end < 0 || at < 0 || at + deleted.length() > end + 1 || (again >= 0 && again < end) || header.find()
                || wholeLines && body.charAt(at - 1) != '\n') {
            throw new IllegalStateException(control.name() + ": " + control.mainClass() + "." + control.shownMethod()
                    + " is not one method with exactly one \"" + deleted.strip() + "\" in it, so the bug cannot"
                    + " be planted: update GeneratedControlsTest.CONTROLS");
        }
        // The marker stands in place of the comment of the bug's line, which argued for the code the bug
        // changed. Whole lines get a marker line above what replaces them; part of a line keeps the code
        // after it, and its marker is a block comment if code follows, so that nothing is commented out.
        String what = (control.replacement() != null ? "THE BUG: was " : "THE BUG: deleted here: ")
                + deleted.replaceAll("//[^\n]*", "").strip().replaceAll("\\s*\n\\s*", " ");
        String planted = control.replacement() != null ? control.replacement() : "";
        int after = at + deleted.length();
        if (wholeLines) {
            String indentation = deleted.substring(0, deleted.length() - deleted.stripLeading().length());
            return body.substring(0, at) + indentation + "// " + what + "\n" + planted + body.substring(after);
        }
        int lineEnd = body.indexOf('\n', after) < 0 ? body.length() : body.indexOf('\n', after);
        String rest = body.substring(after, lineEnd);
        String restCode = rest.substring(0, commentStart(rest)).stripTrailing();
        String marker = restCode.isBlank() ? (planted.isEmpty() ? "" : planted + " ") + "// " + what
                : planted + (planted.isEmpty() ? "" : " ") + "/* " + what + " */" + restCode;
        return body.substring(0, at) + marker + body.substring(lineEnd);
    }

    /** Where the line's {@code //} comment starts, outside string and character literals; its length if none. */
    private static int commentStart(String line) {
        char quote = 0;
        for (int at = 0; at < line.length(); at++) {
            char c = line.charAt(at);
            if (quote != 0) {
                if (c == '\\') {
                    at++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (line.startsWith("//", at)) {
                return at;
            }
        }
        return line.length();
    }

    /** Wraps prose into javadoc lines of at most 100 columns, never inside an inline tag. */
    private static String wrap(String text) {
        StringBuilder lines = new StringBuilder();
        StringBuilder line = new StringBuilder(" *");
        for (String word : text.split(" (?![^{}]*})")) {
            if (line.length() + 1 + word.length() > 100) {
                lines.append(line).append('\n');
                line = new StringBuilder(" *");
            }
            line.append(' ').append(word);
        }
        return lines.append(line).append('\n').toString();
    }
}
