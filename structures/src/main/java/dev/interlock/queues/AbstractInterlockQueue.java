/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.AbstractQueue;
import java.util.Collection;
import java.util.Objects;

/**
 * What every queue of this package shares beyond {@link AbstractQueue}: bad input to
 * {@link #addAll(Collection)} gets an exception that says what was wrong (AbstractQueue's
 * {@code addAll(this)} throws one with no message), and changes nothing.
 *
 * @param <E> the type of the elements
 */
abstract class AbstractInterlockQueue<E> extends AbstractQueue<E> {

    /**
     * Adds every element of {@code elements}, in the order of its iterator, by {@link #add}; not
     * atomic: another thread may see some of them added and not yet the others.
     *
     * @param elements the elements to add
     * @return {@code true} if the queue changed
     * @throws NullPointerException if {@code elements} is null or holds a null
     * @throws IllegalArgumentException if {@code elements} is this queue
     * @throws IllegalStateException if a bounded queue becomes full
     */
    @Override
    public boolean addAll(Collection<? extends E> elements) {
        Objects.requireNonNull(elements, "elements");
        if (elements == this) {
            throw new IllegalArgumentException("addAll(this): a queue cannot add itself to itself (" + getClass().getSimpleName() + ")");
        }
        return super.addAll(elements);
    }
}
