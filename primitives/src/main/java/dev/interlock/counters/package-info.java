/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
/**
 * Counters: a 64-bit count that many threads update at once.
 *
 * <table>
 *   <caption>Which counter to use</caption>
 *   <tr><th>Class</th><th>Read</th><th>Update progress</th><th>Use when</th></tr>
 *   <tr><td>{@link dev.interlock.counters.AtomicCounter}</td><td>linearizable</td>
 *       <td>wait-free (x86-64, ARMv8.1)</td><td>reads must be exact, or you need compare-and-set</td></tr>
 *   <tr><td>{@link dev.interlock.counters.StripedCounter}</td><td>exact when quiescent; see its class</td>
 *       <td>wait-free (x86-64, ARMv8.1)</td><td>many threads update, few read (statistics, metrics)</td></tr>
 *   <tr><td>{@link dev.interlock.counters.LockedCounter}</td><td>linearizable</td>
 *       <td>blocking</td><td>a baseline for study and benchmarks</td></tr>
 * </table>
 *
 * <p>The comments inside these classes name the memory ordering of each access in the project's one
 * vocabulary (plain, opaque, release/acquire, volatile, CAS and RMW), defined in
 * {@code docs/memory-ordering.md}. The algorithms, the evidence for their correctness and the
 * benchmark numbers are in {@code docs/counters.md}.
 */
package dev.interlock.counters;
