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
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.interlock.locks.ReadWriteMutex.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.function.IntSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Timeout;

/**
 * A waiter that an {@code Error} kills inside its wait leaves nothing behind: no queue entry that a
 * release would serve to a thread that has gone, no grant, no woken reader in flight. The
 * {@code Error} here is the {@code ThreadDeath} of {@code Thread.stop}, the one way to throw into a
 * parked thread at a chosen moment. It is gone from JDK 20, so these tests run on JDK 17 and are
 * skipped on later ones.
 *
 * <p>A waiter killed while queued is tested for both locks, and so is a condition waiter killed after a
 * signal queued it for the lock. A {@link ReadWriteMutex} waiter killed after
 * a release served it is held still for that: it times out, and then waits for the internal gate,
 * which the test holds while it releases the lock (served: a write grant, a read grant under
 * {@code FAIR}, a wake-up under the preference policies) and kills the waiter.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AbandonedWaitTest {

    static final long BOUND_MILLIS = 5_000;

    /** How long the served victim waits before it gives up and goes to withdraw. */
    static final long TIMEOUT_MILLIS = 50;

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

    /** The locks whose conditions queue a signalled waiter for the lock: all but the non-fair mutex, which wakes it. */
    static List<Subject> conditionSubjects() {
        return subjects().stream()
                .filter(subject -> subject.awaited() == subject.exclusive() && !subject.name().equals("ReentrantMutex"))
                .toList();
    }

    /**
     * A condition waiter killed after a signal queued it for the lock leaves that place, and still
     * returns holding the lock, as every way out of await does, so that its own unlock succeeds.
     */
    @ParameterizedTest
    @MethodSource("conditionSubjects")
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop
    void aConditionWaiterKilledAfterItsSignalLeavesItsPlace(Subject subject) throws InterruptedException {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop is gone from JDK 20");
        Lock lock = subject.exclusive();
        Condition condition = lock.newCondition();
        AtomicReference<Throwable> death = new AtomicReference<>();
        AtomicReference<Throwable> unlockFailure = new AtomicReference<>();
        Thread victim = new Thread(() -> {
            lock.lock();
            try {
                condition.awaitUninterruptibly();
            } catch (Throwable t) { // the ThreadDeath that Thread.stop throws
                death.set(t);
            }
            try {
                lock.unlock();
            } catch (Throwable t) {
                unlockFailure.set(t);
            }
        }, "victim");
        victim.setDaemon(true);
        victim.start();
        awaitParked(victim, subject.blocker());
        lock.lock();
        condition.signal();
        assertEquals(1, subject.queueLength().getAsInt(), subject + ": the signal queued the victim");
        victim.stop();
        Thread next = startWaiter("next", subject, new AtomicReference<>());
        awaitParked(next, subject.blocker());
        lock.unlock();
        assertDied(victim, death);
        assertEquals(null, unlockFailure.get(), subject + ": the killed waiter did not hold the lock again");
        next.join(BOUND_MILLIS);
        assertFalse(next.isAlive(), subject + ": the waiter behind the killed one was not let in");
        assertNothingLeft(subject);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop
    void aWriterKilledAfterItWasGrantedGivesTheLockBack(Policy policy) throws InterruptedException {
        killAfterService(policy, true);
    }

    @ParameterizedTest
    @EnumSource(Policy.class)
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop
    void aReaderKilledAfterItWasServedGivesBackItsHoldOrItsWakeUp(Policy policy) throws InterruptedException {
        killAfterService(policy, false);
    }

    /**
     * One victim, served while it waits to withdraw, then killed. A round in which the victim timed out
     * and withdrew before the test held the gate proves nothing; it is repeated with a longer timeout.
     */
    @SuppressWarnings({"deprecation", "removal"}) // Thread.stop
    private static void killAfterService(Policy policy, boolean writer) throws InterruptedException {
        assumeTrue(Runtime.version().feature() < 20, "Thread.stop is gone from JDK 20");
        for (long timeout = TIMEOUT_MILLIS; timeout <= 64 * TIMEOUT_MILLIS; timeout *= 2) {
            ReadWriteMutex rw = new ReadWriteMutex(policy, 0);
            Lock awaited = writer ? rw.writeLock() : rw.readLock();
            rw.writeLock().lock();
            AtomicReference<Throwable> death = new AtomicReference<>();
            long patience = timeout;
            Thread victim = new Thread(() -> {
                try {
                    if (awaited.tryLock(patience, TimeUnit.MILLISECONDS)) {
                        awaited.unlock();
                    }
                } catch (Throwable t) { // the ThreadDeath that Thread.stop throws
                    death.set(t);
                }
            }, "victim");
            victim.setDaemon(true);
            victim.start();
            awaitParked(victim, rw, Thread.State.TIMED_WAITING); // queued for the lock
            rw.gate().lock(); // from here the victim's withdrawal waits for us
            if (rw.getQueueLength() == 0) { // it withdrew before we held the gate: try again, slower
                rw.gate().unlock();
                rw.writeLock().unlock();
                victim.join(BOUND_MILLIS);
                continue;
            }
            try {
                awaitParked(victim, rw.gate()); // timed out, and waiting to withdraw
                rw.writeLock().unlock(); // serves the victim under our gate hold: a grant, or a wake-up
                victim.stop();
            } finally {
                rw.gate().unlock();
            }
            assertDied(victim, death);
            assertEquals(0, rw.getQueueLength(), policy + ": a waiter is still queued");
            assertEquals(0, rw.wokenReaders(), policy + ": a woken reader is still in flight");
            assertTrue(rw.writeLock().tryLock(BOUND_MILLIS, TimeUnit.MILLISECONDS),
                    policy + (writer ? ": the write lock granted to the killed waiter was kept"
                            : ": the read hold or the wake-up served to the killed waiter was kept"));
            rw.writeLock().unlock();
            return;
        }
        fail("the victim always withdrew before the test could hold the gate");
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
