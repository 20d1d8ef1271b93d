/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.locks;

import static dev.interlock.locks.ReadWriteMutexScaleTest.awaitParked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.function.IntSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

/**
 * A waiter that an {@code Error} kills inside its wait leaves nothing behind: no queue entry that a
 * release would serve to a thread that has gone, no grant, no woken reader in flight. The
 * {@code Error} here is the {@code ThreadDeath} of {@code Thread.stop}, the one way to throw into a
 * parked thread at a chosen moment. It is gone from JDK 20, so these tests run on JDK 17 and are
 * skipped on later ones.
 *
 * <p>Only a waiter killed while queued is tested. One killed just after a release served it (the
 * other branch of each lock's {@code abandon}) cannot be reached deterministically: {@code stop()}
 * resumes a suspended thread before it throws, so the waiter may run on and take the lock first, and
 * an asynchronous exception that lands after the lock was taken would leak it whatever the lock does.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AbandonedWaitTest {

    static final long BOUND_MILLIS = 5_000;

    /** A lock the test holds, the lock the victim then waits for, and what shows a waiter left behind. */
    record Subject(String name, Lock held, Lock awaited, Object blocker, Lock exclusive,
                   IntSupplier queueLength, IntSupplier wokenReaders) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Subject> subjects() {
        List<Subject> subjects = new ArrayList<>();
        for (boolean fair : new boolean[] {false, true}) {
            ReentrantMutex mutex = new ReentrantMutex(fair);
            subjects.add(new Subject((fair ? "fair " : "") + "ReentrantMutex", mutex, mutex, mutex, mutex,
                    mutex::getQueueLength, () -> 0));
        }
        for (Policy policy : Policy.values()) {
            for (boolean writer : new boolean[] {true, false}) {
                ReadWriteMutex rw = new ReadWriteMutex(policy, 0);
                subjects.add(new Subject(policy + (writer ? " writer" : " reader"), rw.writeLock(),
                        writer ? rw.writeLock() : rw.readLock(), rw, rw.writeLock(), rw::getQueueLength, rw::wokenReaders));
            }
        }
        return subjects;
    }

    @ParameterizedTest
    @MethodSource("subjects")
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop
    void aWaiterKilledInTheQueueLeavesIt(Subject subject) throws InterruptedException {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop is gone from JDK 20");
        subject.held().lock();
        AtomicReference<Throwable> death = new AtomicReference<>();
        Thread victim = startWaiter("victim", subject, death);
        awaitParked(victim, subject.blocker());
        victim.stop();
        assertDied(victim, death);
        assertEquals(0, subject.queueLength().getAsInt(), subject + ": the killed waiter is still queued");

        Thread next = startWaiter("next", subject, new AtomicReference<>());
        awaitParked(next, subject.blocker());
        subject.held().unlock();
        next.join(BOUND_MILLIS);
        assertFalse(next.isAlive(), subject + ": the waiter behind the killed one was not let in");
        assertNothingLeft(subject);
    }

    private static Thread startWaiter(String name, Subject subject, AtomicReference<Throwable> death) {
        Thread thread = new Thread(() -> {
            try {
                subject.awaited().lock();
                subject.awaited().unlock();
            } catch (Throwable t) { // the ThreadDeath that Thread.stop throws
                death.set(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void assertDied(Thread victim, AtomicReference<Throwable> death) throws InterruptedException {
        victim.join(BOUND_MILLIS);
        assertFalse(victim.isAlive(), "the victim did not die");
        assertInstanceOf(ThreadDeath.class, death.get(), "the victim got the lock, or died of something else");
    }

    private static void assertNothingLeft(Subject subject) throws InterruptedException {
        assertEquals(0, subject.queueLength().getAsInt(), subject + ": a waiter is still queued");
        assertEquals(0, subject.wokenReaders().getAsInt(), subject + ": a woken reader is still in flight");
        assertTrue(subject.exclusive().tryLock(BOUND_MILLIS, TimeUnit.MILLISECONDS),
                subject + ": a hold or a grant was left with the killed waiter");
        subject.exclusive().unlock();
    }
}
