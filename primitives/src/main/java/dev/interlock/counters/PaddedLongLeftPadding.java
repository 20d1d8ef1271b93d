/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.counters;

/**
 * The first of the three classes that give a {@code long} a cache line of its own: 128 bytes of
 * padding that keep fields of the object before it in memory away from {@link PaddedLongField#value}.
 *
 * <p>Why a class hierarchy: the JLS does not fix field layout, and HotSpot sorts the fields of one
 * class by size, so padding declared in the same class as the value could be moved next to the
 * value's neighbours. HotSpot does, however, lay out a superclass's fields before its subclass's.
 * Padding in a superclass, the value in the middle class and padding again in the subclass is
 * therefore laid out in that order. 128 bytes rather than 64, because Intel's adjacent-line
 * prefetcher fetches cache lines in pairs. {@code PaddedLongLayoutTest} checks the layout.
 */
abstract class PaddedLongLeftPadding {
    long p00;
    long p01;
    long p02;
    long p03;
    long p04;
    long p05;
    long p06;
    long p07;
    long p08;
    long p09;
    long p10;
    long p11;
    long p12;
    long p13;
    long p14;
    long p15;
}
