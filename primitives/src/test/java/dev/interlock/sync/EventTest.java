/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.sync;

import static dev.interlock.testing.Parking.awaitParkedEitherWay;
import static dev.interlock.testing.Parking.awaitTimedParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.interlock.testing.Parking;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link Event} against the {@link GateContract}, released by {@code set()}, and what only it has: the
 * flag, which starts clear or set, can be cleared again, and is read by {@code isSet()}; the race of
 * {@code set()} and {@code clear()}, where every thread waiting at the instant of the {@code set()} is
 * released even if a {@code clear()} follows at once; and cycles of both with waiters each time. The
 * unlinking of the nodes of waiters that give up is checked on the stack itself, by reflection, since
 * {@code getQueueLength()} counts only the waiting ones.
 */
class EventTest extends GateContract<Event> {

    @Override
    protected Event newClosed() {
        return new Event();
    }

    @Override
    protected void release(Event event) {
        event.set();
    }

    @Override
    protected void await(Event event) throws InterruptedException {
        event.await();
    }

    @Override
    protected boolean await(Event event, long timeout, TimeUnit unit) throws InterruptedException {
        return event.await(timeout, unit);
    }

    @Override
    protected int getQueueLength(Event event) {
        return event.getQueueLength();
    }

    // ---- The flag -----------------------------------------------------------------------------------

    @Test
    void aNewEventIsClearUnlessToldOtherwise() throws InterruptedException {
        Event clear = new Event();
        assertFalse(clear.isSet());
        assertFalse(clear.await(0, TimeUnit.NANOSECONDS));
        assertFalse(new Event(false).isSet());
        Event set = new Event(true);
        assertTrue(set.isSet());
        set.await();
        assertTrue(set.await(0, TimeUnit.NANOSECONDS));
        assertEquals(0, set.getQueueLength());
    }

    @Test
    void setAndClearAreIdempotent() throws InterruptedException {
        Event event = new Event();
        event.clear();
        assertFalse(event.isSet(), "clear() on a clear event");
        event.set();
        event.set();
        assertTrue(event.isSet());
        assertTrue(event.await(0, TimeUnit.NANOSECONDS));
        event.clear();
        assertFalse(event.isSet());
        event.clear();
        assertFalse(event.isSet());
        assertFalse(event.await(0, TimeUnit.NANOSECONDS));
        event.set();
        assertTrue(event.isSet(), "set again after clear()");
        event.await();
    }

    @Test
    void toStringNamesTheFlag() {
        Event event = new Event();
        assertEquals("Event[Clear]", event.toString());
        event.set();
        assertEquals("Event[Set]", event.toString());
        event.clear();
        assertEquals("Event[Clear]", event.toString());
        assertEquals("Event[Set]", new Event(true).toString());
    }

    @Test
    void afterClearANewWaiterWaitsForTheNextSet() throws InterruptedException {
        Event event = new Event(true);
        event.clear();
        Waiter waiter = startWaiter(event, "waiter");
        Parking.awaitParked(waiter.thread);
        assertEquals(1, event.getQueueLength());
        assertFalse(event.await(20, TimeUnit.MILLISECONDS), "cleared: a timed wait runs out");
        assertTrue(waiter.thread.isAlive());
        event.set();
        assertEquals("returned, status false", waiter.outcome());
        assertTrue(event.isSet());
    }

    /**
     * Every thread waiting at the instant of a {@code set()} is released by it, even if a {@code clear()}
     * follows at once: the waiters are parked (their nodes pushed) before the test thread calls
     * {@code set()} and {@code clear()} back to back, so each must return as if the flag were set, and the
     * timed ones must return {@code true}. A waiter that arrives after the {@code clear()} waits.
     */
    @Test
    void aWaiterWaitingAtTheSetIsReleasedEvenIfClearFollowsAtOnce() throws InterruptedException {
        Event event = new Event();
        Waiter timed = startTimedWaiter(event, 1, TimeUnit.HOURS, "timed-waiter");
        awaitTimedParked(timed.thread);
        Waiter untimed = startWaiter(event, "waiter");
        Parking.awaitParked(untimed.thread);
        assertEquals(2, event.getQueueLength());
        event.set();
        event.clear();
        assertEquals("true, status false", timed.outcome(), "a timed waiter released by set() reports true");
        assertEquals("returned, status false", untimed.outcome());
        assertFalse(event.isSet());
        assertEquals(0, event.getQueueLength());
        Waiter late = startTimedWaiter(event, 1, TimeUnit.HOURS, "late-waiter");
        awaitTimedParked(late.thread);
        assertEquals(1, event.getQueueLength(), "a waiter after the clear() waits for the next set()");
        event.set();
        assertEquals("true, status false", late.outcome());
    }

    @Test
    void cyclesOfSetAndClearReleaseTheWaitersOfEachCycle() throws InterruptedException {
        Event event = new Event();
        for (int cycle = 0; cycle < 50; cycle++) {
            List<Waiter> waiters = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Waiter waiter = i == 0
                        ? startTimedWaiter(event, 1, TimeUnit.HOURS, "timed-waiter-" + cycle)
                        : startWaiter(event, "waiter-" + cycle + "-" + i);
                waiters.add(waiter);
                awaitParkedEitherWay(waiter.thread);
            }
            assertEquals(3, event.getQueueLength(), "cycle " + cycle);
            event.set();
            if ((cycle & 1) == 0) {
                event.clear(); // at once, in every other cycle
            }
            assertEquals("true, status false", waiters.get(0).outcome(), "cycle " + cycle);
            assertEquals("returned, status false", waiters.get(1).outcome(), "cycle " + cycle);
            assertEquals("returned, status false", waiters.get(2).outcome(), "cycle " + cycle);
            event.clear();
            assertFalse(event.isSet());
            assertFalse(event.await(0, TimeUnit.NANOSECONDS), "cycle " + cycle + ": cleared");
            assertEquals(0, event.getQueueLength());
        }
    }

    /**
     * Actions before a {@code set()} happen-before actions after an {@code isSet()} that returns
     * {@code true} because of it: a reader that spins on {@code isSet()} sees the plain write made before
     * the {@code set()}. A bounded sanity check; jcstress is the judge.
     */
    @Test
    void writesBeforeTheSetAreSeenAfterIsSet() throws InterruptedException {
        for (int round = 1; round <= 200; round++) {
            Event event = new Event();
            Box box = new Box();
            AtomicReference<Integer> seen = new AtomicReference<>();
            Thread reader = start("reader", () -> {
                while (!event.isSet()) {
                    Thread.onSpinWait();
                }
                seen.set(box.value);
            });
            box.value = round;
            event.set();
            reader.join(PROMPT_MILLIS);
            assertFalse(reader.isAlive(), "round " + round + ": the reader never saw the flag");
            assertEquals(round, seen.get(), "round " + round + ": the write before the set()");
        }
    }

    // ---- The stack of waiters ----------------------------------------------------------------------

    /**
     * A waiter that gives up leaves nothing behind: its node is unlinked from the stack, not just marked.
     * {@code getQueueLength()} counts only waiting nodes, so this counts every linked node, by reflection.
     * The waiters give up one at a time, so no two sweeps race (a racing sweep may leave a cancelled node
     * for a later one, by design): each sweep alone must unlink every cancelled node.
     */
    @Test
    void aWaiterThatGivesUpUnlinksItsNode() throws InterruptedException, ReflectiveOperationException {
        Event event = new Event();
        List<Waiter> live = new ArrayList<>();
        List<Waiter> quitters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Waiter quitter = startWaiter(event, "quitter-" + i);
            quitters.add(quitter);
            Parking.awaitParked(quitter.thread);
            Waiter waiter = startWaiter(event, "live-" + i);
            live.add(waiter);
            Parking.awaitParked(waiter.thread);
        }
        assertEquals(12, linkedNodes(event));
        // Interrupt the quitters top first, bottom first and in the middle: every place a sweep unlinks from.
        int[] order = {5, 0, 3, 1, 4, 2};
        int left = 12;
        for (int index : order) {
            quitters.get(index).thread.interrupt();
            assertEquals("InterruptedException, status false", quitters.get(index).outcome());
            left--;
            assertEquals(left, linkedNodes(event), "after quitter " + index + " gave up");
        }
        assertFalse(event.await(1, TimeUnit.MILLISECONDS), "a timed-out wait, from the top");
        assertEquals(6, linkedNodes(event), "after a timed-out wait");
        assertEquals(6, event.getQueueLength());
        event.set();
        for (Waiter waiter : live) {
            assertEquals("returned, status false", waiter.outcome());
        }
        assertEquals(0, linkedNodes(event), "set: the flag, no stack");
        event.clear();
        assertEquals(0, linkedNodes(event));
    }

    /** The nodes linked from the event's state, whatever their status; 0 if it is set or nobody waits. */
    private static int linkedNodes(Event event) throws ReflectiveOperationException {
        Field state = Event.class.getDeclaredField("state");
        state.setAccessible(true);
        Object top = state.get(event);
        int count = 0;
        for (Object node = top; node instanceof Event.Node; node = ((Event.Node) node).next) {
            count++;
        }
        return count;
    }
}
