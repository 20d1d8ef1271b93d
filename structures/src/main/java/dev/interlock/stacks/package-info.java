/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Stacks: a blocking, optionally bounded stack built on the library's own lock, and two lock-free
 * stacks, each a {@link dev.interlock.stacks.ConcurrentStack}; and the lock-free
 * {@link dev.interlock.stacks.LockFreeExchanger} that the elimination stack is built from.
 *
 * <table>
 *   <caption>The stacks</caption>
 *   <tr><th>Class</th><th>Bound</th><th>Blocking operations</th><th>Progress</th><th>{@code size()}</th>
 *       <th>Algorithm</th></tr>
 *   <tr><td>{@link dev.interlock.stacks.LockingStack}</td><td>optional</td>
 *       <td>{@code put}, {@code take}, timed {@code offer} and {@code poll}</td><td>blocking (one lock)</td>
 *       <td>exact</td><td>the bounded-buffer monitor, last in first out</td></tr>
 *   <tr><td>{@link dev.interlock.stacks.TreiberStack}</td><td>none</td><td>none</td><td>lock-free</td>
 *       <td>exact (each node records its depth)</td><td>Treiber's stack</td></tr>
 *   <tr><td>{@link dev.interlock.stacks.EliminationBackoffStack}</td><td>none</td><td>none</td>
 *       <td>lock-free</td><td>exact</td><td>Hendler, Shavit and Yerushalmi's elimination-backoff
 *       stack</td></tr>
 * </table>
 *
 * <p><b>Memory consistency effects,</b> for every stack here: actions in a thread prior to pushing an
 * element happen-before actions subsequent to the pop or peek of that element in another thread.
 *
 * <p>The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary, defined in {@code docs/memory-ordering.md}. The algorithms, their linearization points
 * (elimination included), the evidence and the benchmark numbers are in {@code docs/stacks.md}.
 */
package dev.interlock.stacks;
