/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.stress.stacks;

import dev.interlock.stacks.BrokenPartnerEliminationStack;
import dev.interlock.stacks.ConcurrentStack;
import dev.interlock.stacks.EliminationBackoffStack;
import java.lang.reflect.Constructor;

/**
 * Builds an {@link EliminationBackoffStack} that visits its elimination array before every attempt
 * on the stack, so that a push and a pop of the two actors can meet in the exchanger and cancel out
 * (and the same for its negative control, {@link BrokenPartnerEliminationStack}).
 *
 * <p>Why it is needed. A stack built by a public constructor visits the array only after its
 * compare-and-set on the head failed, and with two threads that never makes them meet: a thread's
 * CAS fails only because the other thread's CAS succeeded since its read, and the loser then waits in
 * the exchanger, where the other thread arrives only after a failed CAS of its own, which needs a
 * successful CAS by the loser, who is not on the stack while it waits. So the one who would complete
 * the exchange is never there in time, whatever the patience. Measured outside jcstress, as the
 * argument says: two threads popping and pushing one {@code new EliminationBackoffStack<>(1, 1000)}
 * for 2 seconds failed 72,536 CASes and exchanged nothing (the default stack: 269,426 and nothing).
 * The jcstress tests have two actors on this machine, so only an eliminate-first stack tests the
 * exchanges.
 *
 * <p>The constructor that asks for it, {@code EliminationBackoffStack(int, int, boolean)}, is
 * package-private: a hook for tests, not API. The stacks' Lincheck test calls it from the same
 * package; this module is another one, so it is called by reflection. On the class path, where the
 * shaded jar runs, every class is in the unnamed module, so the access is allowed. If the
 * constructor changes, building the state throws, and every eliminate-first test reports an error
 * instead of passing.
 */
final class ForcedElimination {

    /** One exchanger: the two actors always visit the same one. */
    private static final int EXCHANGERS = 1;

    private static final Constructor<?> ELIMINATE_FIRST = eliminateFirstConstructor(EliminationBackoffStack.class);

    private static Constructor<?> eliminateFirstConstructor(Class<?> stackClass) {
        try {
            Constructor<?> constructor = stackClass.getDeclaredConstructor(int.class, int.class, boolean.class);
            constructor.setAccessible(true);
            return constructor;
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private ForcedElimination() {
    }

    /**
     * @return an empty elimination-backoff stack with one exchanger and the default patience
     *         ({@link EliminationBackoffStack#DEFAULT_SPINS}), that tries the exchanger first on
     *         every push and pop
     */
    static <E> ConcurrentStack<E> newStack() {
        return newStack(ELIMINATE_FIRST);
    }

    /** The same, for the negative control {@link BrokenPartnerEliminationStack}, generated from the real stack. */
    static <E> ConcurrentStack<E> newBrokenPartnerStack() {
        return newStack(BrokenPartner.CONSTRUCTOR);
    }

    /** Loaded only by the control's own test, so that a fault in the copy leaves the real stack's tests alone. */
    private static final class BrokenPartner {
        static final Constructor<?> CONSTRUCTOR = eliminateFirstConstructor(BrokenPartnerEliminationStack.class);
    }

    @SuppressWarnings("unchecked") // the constructor is a ConcurrentStack<E>'s, for any E
    private static <E> ConcurrentStack<E> newStack(Constructor<?> eliminateFirst) {
        try {
            return (ConcurrentStack<E>) eliminateFirst.newInstance(EXCHANGERS, EliminationBackoffStack.DEFAULT_SPINS, true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build an eliminate-first " + eliminateFirst.getDeclaringClass(), e);
        }
    }
}
