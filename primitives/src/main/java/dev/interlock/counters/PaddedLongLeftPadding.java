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
 * 128 bytes of padding before {@link PaddedLongField#value}, in a superclass because HotSpot lays out a
 * superclass's fields first but may reorder a class's own; 128, not 64, because Intel's prefetcher
 * fetches lines in pairs. {@code PaddedLongLayoutTest} checks the layout.
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
