/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test class that judges a negative control by a bounded check, where Lincheck cannot be the
 * judge. It cannot see:
 * <ul>
 *   <li>a lost wake-up: its model checker wakes parked threads spuriously, so a wake-up that is never sent
 *       never shows there. The test gives the thread that must be woken the time the positive test allows,
 *       and the control must leave it waiting;</li>
 *   <li>a policy: a sequential specification has no waiting thread to defer to. The control must let a
 *       thread past one it should wait behind;</li>
 *   <li>an interrupt or a timeout: Lincheck never interrupts its threads, and its model checker's clock
 *       stands still. The control must leave behind what the thread that gave up should have taken back;</li>
 *   <li>a limit or a wait that its scenarios of a few non-blocking operations never reach: 65,535 read
 *       holds, or a {@code take()} woken for an element that another thread took first;</li>
 *   <li>a failure partway through an operation: its operations never throw from inside, as a user's
 *       supplier passed to {@code fill} can. The control must keep what the failed call had claimed.</li>
 * </ul>
 * The verification matrix accepts this test in place of Lincheck for a {@code Broken*} class that the
 * marked test mentions. jcstress must still catch it too ({@code Mode.Termination} where a thread must be
 * woken).
 */
@Documented
@Retention(RetentionPolicy.SOURCE)
@Target(ElementType.TYPE)
public @interface BoundedControl {
}
