/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.verification;

import java.lang.reflect.Modifier;
import java.util.Optional;

/**
 * Why a top-level class of the library's {@code src/main/java} needs no verification layers. The
 * texts are printed verbatim in {@code docs/verification-matrix.md}. Rules are tried in this
 * order, and an exempt class is listed with the first rule that matches it.
 */
enum ExemptionRule {

    ANNOTATION("annotation type",
            "Annotation types: declarations with no behaviour to verify."),
    INTERFACE("interface",
            "Interfaces: contracts, verified through every class that implements them."),
    ENUM("enum",
            "Enums: fixed sets of constants, not concurrent objects."),
    RECORD("record",
            "Records: carriers of immutable values, not concurrent objects."),
    ABSTRACT_CLASS("abstract class",
            "Abstract classes: verified through their concrete subclasses."),
    THROWABLE("Throwable subclass",
            "Throwable subclasses: exceptions, which carry no shared state."),
    NOT_PUBLIC("not public",
            "Classes that are not public: implementation details, verified through the public classes"
                    + " that use them."),
    EXPLICIT("explicitly exempt",
            "Public concrete classes listed in `EXPLICITLY_EXEMPT` in `VerificationMatrixTest.java`, each"
                    + " with its reason: classes that are not concurrent primitives.");

    /** A short name, for the list of exempt classes. */
    final String label;

    /** The rule, as printed in the generated document. */
    final String text;

    ExemptionRule(String label, String text) {
        this.label = label;
        this.text = text;
    }

    /**
     * The first structural rule (every rule but {@link #EXPLICIT}) that exempts a class.
     *
     * @param type a loaded top-level class
     * @return the rule, or empty if the class is public, concrete and not an exception
     */
    static Optional<ExemptionRule> structuralRuleFor(Class<?> type) {
        if (type.isAnnotation()) {
            return Optional.of(ANNOTATION);
        }
        if (type.isInterface()) {
            return Optional.of(INTERFACE);
        }
        if (type.isEnum()) {
            return Optional.of(ENUM);
        }
        if (type.isRecord()) {
            return Optional.of(RECORD);
        }
        if (Modifier.isAbstract(type.getModifiers())) {
            return Optional.of(ABSTRACT_CLASS);
        }
        if (Throwable.class.isAssignableFrom(type)) {
            return Optional.of(THROWABLE);
        }
        if (!Modifier.isPublic(type.getModifiers())) {
            return Optional.of(NOT_PUBLIC);
        }
        return Optional.empty();
    }
}
