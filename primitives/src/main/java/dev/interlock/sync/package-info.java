/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */

/**
 * Synchronizers: objects that threads wait at until others let them pass. Each waiting thread parks, so
 * a waiting virtual thread unmounts from its carrier, and none is built on {@code java.util.concurrent}'s
 * classes.
 *
 * <table>
 *   <caption>Which synchronizer to use</caption>
 *   <tr><th>Class</th><th>Waits for</th><th>Reusable</th><th>Peer</th></tr>
 *   <tr><td>{@link dev.interlock.sync.Event}</td><td>a flag to be set</td><td>yes: {@code clear()}</td>
 *       <td>Python's {@code threading.Event}</td></tr>
 *   <tr><td>{@link dev.interlock.sync.CountDownLatch}</td><td>a count to reach zero</td><td>no</td>
 *       <td>{@link java.util.concurrent.CountDownLatch}</td></tr>
 *   <tr><td>{@link dev.interlock.sync.Semaphore}</td><td>enough permits</td><td>yes</td>
 *       <td>{@link java.util.concurrent.Semaphore}; Python's {@code BoundedSemaphore}</td></tr>
 * </table>
 *
 * <p>The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary, defined in {@code docs/memory-ordering.md}; the comparison with the peers and the benchmark
 * numbers are in {@code docs/synchronizers.md}.
 */
package dev.interlock.sync;
