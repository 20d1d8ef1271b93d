/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A positive Lincheck test under the model checker: a JUnit test tagged {@value #TAG}. The model
 * checker runs one thread at a time, so on its own it keeps one core busy; the parent pom runs the
 * tests with this tag in a Surefire execution of their own with two forks, one per core, and every
 * other test in the default execution, one at a time (see docs/verification.md, "Everything").
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Tag(ModelCheckingTest.TAG)
@Test
public @interface ModelCheckingTest {

    /** The JUnit tag, which the parent pom's Surefire executions select by. */
    String TAG = "model-checking";
}
