/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.queues;

import java.util.Collection;
import java.util.function.Predicate;

/**
 * A queue that removes only at its head, by {@code poll} (and what is built on it: {@code remove()},
 * {@code clear()}, {@code drain}): removal from the middle, by {@link #remove(Object)},
 * {@link #removeAll}, {@link #retainAll}, {@link #removeIf} or an iterator, throws
 * {@link UnsupportedOperationException} and changes nothing, as in JCTools' queues.
 *
 * @param <E> the type of the elements
 */
abstract class AbstractPollOnlyQueue<E> extends AbstractInterlockQueue<E> {

    /**
     * Not supported: always throws, and changes nothing.
     *
     * @param element ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean remove(Object element) {
        throw removalUnsupported("remove(Object)");
    }

    /**
     * Not supported: always throws, and changes nothing.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeAll(Collection<?> elements) {
        throw removalUnsupported("removeAll");
    }

    /**
     * Not supported: always throws, and changes nothing.
     *
     * @param elements ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean retainAll(Collection<?> elements) {
        throw removalUnsupported("retainAll");
    }

    /**
     * Not supported: always throws, and changes nothing.
     *
     * @param filter ignored
     * @return never
     * @throws UnsupportedOperationException always
     */
    @Override
    public boolean removeIf(Predicate<? super E> filter) {
        throw removalUnsupported("removeIf");
    }

    /** The one message of every refused removal, the iterators' included. */
    final UnsupportedOperationException removalUnsupported(String operation) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " removes only at its head, by poll: "
                + operation + " is not supported");
    }
}
