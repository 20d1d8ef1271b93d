/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Spin locks: reference implementations of the classic algorithms of Herlihy and Shavit, <i>The Art
 * of Multiprocessor Programming</i>, 2nd ed., ch. 7, and of Mellor-Crummey and Scott (1991). Every
 * class is a {@link java.util.concurrent.locks.Lock}, not reentrant, that knows its owner and whose
 * waiters spin with {@link java.lang.Thread#onSpinWait()}.
 *
 * <table>
 *   <caption>The spin locks</caption>
 *   <tr><th>Class</th><th>Fair</th><th>Waiters spin on</th><th>Timed and interruptible</th></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.TasLock}</td><td>no</td><td>an exchange of the shared flag</td><td>yes</td></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.TtasLock}</td><td>no</td><td>a read of the shared flag</td><td>yes</td></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.BackoffLock}</td><td>no</td><td>a read of the shared flag, with backoff</td><td>yes</td></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.TicketLock}</td><td>FIFO</td><td>the shared "now serving" counter</td><td>no</td></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.ClhLock}</td><td>FIFO</td><td>the predecessor's node</td><td>yes</td></tr>
 *   <tr><td>{@link dev.interlock.locks.spin.McsLock}</td><td>FIFO</td><td>its own node</td><td>no</td></tr>
 * </table>
 *
 * <p><b>Almost never use a spin lock in application code on a general-purpose operating system:</b>
 * a spinning virtual thread pins its carrier, and a preempted holder makes every waiter burn its time
 * slice. They are for very short critical sections on dedicated cores, and for study and benchmarks.
 * The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary, defined in {@code docs/memory-ordering.md}; the algorithms and the advice on which lock
 * to use are in {@code docs/locks.md}.
 */
package dev.interlock.locks.spin;
