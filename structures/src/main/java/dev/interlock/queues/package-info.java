/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Queues: two lock-based blocking queues and three lock-free (or wait-free) queues, each a complete
 * {@link java.util.Queue}, and the lock-based ones complete {@link java.util.concurrent.BlockingQueue}s.
 * The names state the synchronization and the storage: <i>Locking</i> and <i>TwoLock</i> queues use
 * the library's own {@link dev.interlock.locks.ReentrantMutex} and its conditions; <i>LockFree</i>
 * queues use compare-and-set; <i>Spsc</i> allows a single producer and a single consumer;
 * <i>Array</i> queues are bounded rings, <i>Linked</i> queues are lists of nodes.
 *
 * <table>
 *   <caption>The queues</caption>
 *   <tr><th>Class</th><th>Interface</th><th>Bound</th><th>Producers / consumers</th><th>Progress</th>
 *       <th>{@code remove(Object)}</th><th>Algorithm</th></tr>
 *   <tr><td>{@link dev.interlock.queues.LockingArrayQueue}</td><td>BlockingQueue</td><td>fixed</td>
 *       <td>any / any</td><td>blocking (one lock)</td><td>yes</td><td>the bounded-buffer monitor</td></tr>
 *   <tr><td>{@link dev.interlock.queues.TwoLockLinkedQueue}</td><td>BlockingQueue</td><td>optional</td>
 *       <td>any / any</td><td>blocking (a put lock and a take lock)</td><td>yes</td>
 *       <td>Michael and Scott's two-lock queue</td></tr>
 *   <tr><td>{@link dev.interlock.queues.LockFreeLinkedQueue}</td><td>Queue</td><td>none</td>
 *       <td>any / any</td><td>lock-free</td><td>no</td><td>Michael and Scott's non-blocking queue</td></tr>
 *   <tr><td>{@link dev.interlock.queues.MpmcArrayQueue}</td><td>Queue</td><td>fixed (a power of two)</td>
 *       <td>any / any</td><td>see its javadoc: linearizable methods may wait for a thread stalled
 *       mid-operation; the relaxed ones are lock-free</td><td>no</td><td>Vyukov's queue, a sequence
 *       number per slot</td></tr>
 *   <tr><td>{@link dev.interlock.queues.SpscArrayQueue}</td><td>Queue</td><td>fixed (a power of two)</td>
 *       <td>one / one</td><td>wait-free</td><td>no</td><td>Lamport's ring with cached indices</td></tr>
 * </table>
 *
 * <p><b>Memory consistency effects,</b> for every queue here: actions in a thread prior to placing an
 * element into a queue happen-before actions subsequent to the access or removal of that element
 * from the queue in another thread.
 *
 * <p>Null elements are refused with {@link java.lang.NullPointerException}, because {@code poll()}
 * and {@code peek()} return null to mean "empty"; a capacity below one is refused with
 * {@link java.lang.IllegalArgumentException}. Iterators are weakly consistent: they never throw
 * {@link java.util.ConcurrentModificationException}, return elements in FIFO order, return every
 * element that stays in the queue for the whole iteration exactly once, and never return an element
 * twice.
 *
 * <p>The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary, defined in {@code docs/memory-ordering.md}. The algorithms, their linearization points,
 * the evidence (contract tests, Lincheck, jcstress, negative controls), the benchmark numbers and a
 * "which queue should I pick" table are in {@code docs/queues.md}.
 */
package dev.interlock.queues;
