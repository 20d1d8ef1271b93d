/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.locks;

/**
 * The actor's thread, as the {@code @Signal} of a {@code Mode.Termination} test needs it to
 * interrupt the actor: the actor publishes itself, the signal waits for that and interrupts.
 *
 * <p>The wait matters. jcstress calls the signal once the actor's thread has started, which may be
 * before the actor has run its first line; a signal that found no thread and gave up would leave the
 * actor waiting forever, a STALE outcome that has nothing to do with the code under test.
 */
public final class ThreadToInterrupt {

    /** The actor's thread, or null until it publishes itself. Volatile: the signal polls it. */
    private volatile Thread thread;

    /** Publishes the calling thread: the actor calls this first. */
    public void publishCurrentThread() {
        thread = Thread.currentThread();
    }

    /** Waits until a thread is published, then interrupts it: the signal calls this. */
    public void interruptWhenPublished() {
        Thread target = thread;
        while (target == null) {
            Thread.onSpinWait(); // the actor is already running: this takes microseconds at most
            target = thread;
        }
        target.interrupt();
    }
}
