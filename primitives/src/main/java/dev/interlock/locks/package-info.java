/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Parking locks: the general-purpose locks of the library, whose waiters park, so that a waiting
 * virtual thread unmounts from its carrier. Each implements the {@code java.util.concurrent.locks}
 * interface its JDK peer does, and none is built on that package's classes.
 *
 * <table>
 *   <caption>Which lock to use</caption>
 *   <tr><th>Class</th><th>Modes</th><th>Fairness</th><th>JDK peer</th></tr>
 *   <tr><td>{@link dev.interlock.locks.ReentrantMutex}</td><td>exclusive, reentrant, with conditions</td>
 *       <td>non-fair by default; fair on request</td>
 *       <td>{@link java.util.concurrent.locks.ReentrantLock}</td></tr>
 *   <tr><td>{@link dev.interlock.locks.ReadWriteMutex}</td><td>shared reads, an exclusive write
 *       lock with conditions, optimistic reads; reentrant</td>
 *       <td>a policy: reader-preferring, writer-preferring (the default) or FIFO</td>
 *       <td>{@link java.util.concurrent.locks.ReentrantReadWriteLock},
 *       {@link java.util.concurrent.locks.StampedLock}</td></tr>
 * </table>
 *
 * <p>The spin locks of <i>The Art of Multiprocessor Programming</i> are in
 * {@link dev.interlock.locks.spin}. The comments inside these classes name the memory ordering of each
 * access in the project's one vocabulary, defined in {@code docs/memory-ordering.md}; the algorithms,
 * the evidence and the benchmark numbers are in {@code docs/locks.md}.
 */
package dev.interlock.locks;
