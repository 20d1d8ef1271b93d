/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The model-checking tag is written twice: in {@link ModelCheckingTest#TAG} and in the parent pom,
 * whose Surefire executions select by it and cannot read a Java constant. This keeps the two equal: a
 * tag renamed on one side only would put the model-checking tests in no execution, or in both.
 */
class ModelCheckingTagTest {

    @Test
    void theParentPomSelectsByTheTagOfModelCheckingTest() throws IOException {
        String pom = Files.readString(Path.of("..", "pom.xml"));
        String property = "<modelChecking.tag>" + ModelCheckingTest.TAG + "</modelChecking.tag>";
        assertTrue(pom.contains(property), "the parent pom does not define " + property);
        assertTrue(pom.contains("<groups>${modelChecking.tag}</groups>"), "the model-checking execution's groups");
        assertTrue(pom.contains("<excludedGroups>${modelChecking.tag}</excludedGroups>"),
                "the default execution's excluded groups");
    }
}
