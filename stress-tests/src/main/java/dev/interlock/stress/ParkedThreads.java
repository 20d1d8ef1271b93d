/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress;

import java.util.concurrent.locks.LockSupport;

/**
 * Bounded waits for a thread to park, for the {@code Mode.Termination} tests whose race needs its
 * threads in line first. Every wait is bounded, so that neither a state's constructor nor a signal can
 * hang the harness, whatever the code under test does.
 */
public final class ParkedThreads {

    /** How long a state's constructor waits for its helper threads; then it throws (ERROR). */
    public static final long SETUP_NANOS = 10_000_000_000L;

    /**
     * The blocker that stands for any: a thread parked on whatever object (a queue's condition, which
     * the queue does not expose) counts as parked, whether it waits for the condition or for the lock
     * behind it.
     */
    public static final Object ANY_BLOCKER = new Object();

    /** The actor's thread, published by the actor, or null until then. Volatile: the signal polls it. */
    private volatile Thread actor;

    /** Publishes the calling thread as the actor: the actor calls this first. */
    public void publishActor() {
        actor = Thread.currentThread();
    }

    /**
     * Waits until the actor has published itself and is parked on {@code blocker}, has ended, or
     * {@code nanos} have passed; the signal calls this, then runs its race either way.
     */
    public void awaitActorParked(Object blocker, long nanos) {
        long start = System.nanoTime();
        Thread queued = actor;
        while (queued == null && System.nanoTime() - start < nanos) {
            Thread.onSpinWait();
            queued = actor;
        }
        if (queued != null) {
            awaitParked(queued, blocker, nanos - (System.nanoTime() - start));
        }
    }

    /**
     * Waits, yielding, until {@code thread} is parked on {@code blocker}, has ended, or the time is up;
     * returns whether it parked.
     */
    public static boolean awaitParked(Thread thread, Object blocker, long nanos) {
        long start = System.nanoTime();
        while (thread.getState() != Thread.State.WAITING || !parkedOn(thread, blocker)) {
            if (thread.getState() == Thread.State.TERMINATED || System.nanoTime() - start >= nanos) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /** As {@link #awaitParked}, for a state's constructor: throws, naming {@code what}, if the time runs out. */
    public static void requireParked(Thread thread, Object blocker, String what) {
        if (!awaitParked(thread, blocker, SETUP_NANOS)) {
            throw new IllegalStateException(what + " did not park in " + SETUP_NANOS / 1_000_000_000L + " s");
        }
    }

    private static boolean parkedOn(Thread thread, Object blocker) {
        Object actual = LockSupport.getBlocker(thread);
        return blocker == ANY_BLOCKER ? actual != null : actual == blocker;
    }
}
