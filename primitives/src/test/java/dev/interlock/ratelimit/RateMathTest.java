/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link RateMath} against {@link BigInteger}: edge cases, then a million random operands. */
class RateMathTest {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private static final long[] EDGES = {
        0L, 1L, 2L, 3L, 7L, 999_999_937L, 1_000_000_000L, 86_400_000_000_000L,
        (1L << 31) - 1, 1L << 31, (1L << 32) - 1, 1L << 32, (1L << 32) + 1,
        (1L << 62) - 1, 1L << 62, Long.MAX_VALUE / 2, Long.MAX_VALUE - 1, Long.MAX_VALUE,
    };

    RateMathTest() {
    }

    @Test
    void edgeCases() {
        for (long a : EDGES) {
            for (long b : EDGES) {
                for (long c : EDGES) {
                    if (c > 0) {
                        check(a, b, c);
                    }
                }
            }
        }
    }

    @Test
    void randomOperands() {
        SplittableRandom random = new SplittableRandom(20261121L);
        for (int i = 0; i < 1_000_000; i++) {
            long a = randomOperand(random);
            long b = randomOperand(random);
            long c = Math.max(1L, randomOperand(random));
            check(a, b, c);
        }
    }

    @Test
    void divide128MatchesBigIntegerWheneverTheQuotientFits() {
        SplittableRandom random = new SplittableRandom(42L);
        for (int i = 0; i < 1_000_000; i++) {
            long divisor = random.nextLong();
            if (divisor == 0) {
                continue;
            }
            long high = Long.remainderUnsigned(random.nextLong(), divisor); // high < divisor, unsigned
            long low = random.nextLong();
            BigInteger dividend = unsigned(high).shiftLeft(64).or(unsigned(low));
            BigInteger expected = dividend.divide(unsigned(divisor));
            assertEquals(expected, unsigned(RateMath.divide128(high, low, divisor)),
                    () -> "divide128(" + Long.toUnsignedString(high) + ", " + Long.toUnsignedString(low) + ", "
                            + Long.toUnsignedString(divisor) + ")");
        }
    }

    /** Operands of every magnitude: uniform bit lengths, so small and huge values are both common. */
    private static long randomOperand(SplittableRandom random) {
        int bits = random.nextInt(64);
        return bits == 0 ? 0L : random.nextLong() >>> (64 - bits);
    }

    private static void check(long a, long b, long c) {
        BigInteger product = BigInteger.valueOf(a).multiply(BigInteger.valueOf(b));
        BigInteger[] quotientAndRemainder = product.divideAndRemainder(BigInteger.valueOf(c));
        BigInteger quotient = quotientAndRemainder[0];
        long expected = quotient.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : quotient.longValueExact();
        long actual = RateMath.multiplyDivide(a, b, c);
        assertEquals(expected, actual, () -> "multiplyDivide(" + a + ", " + b + ", " + c + ")");
        if (quotient.compareTo(LONG_MAX) < 0) {
            assertEquals(quotientAndRemainder[1].longValueExact(), RateMath.remainder(a, b, c, actual),
                    () -> "remainder(" + a + ", " + b + ", " + c + ")");
        }
        if (product.signum() > 0) {
            // a subtrahend below the product: 0, the product minus one, and one in between
            for (BigInteger subtrahend : new BigInteger[] {
                    BigInteger.ZERO, product.subtract(BigInteger.ONE).min(LONG_MAX), product.shiftRight(1).min(LONG_MAX)}) {
                BigInteger[] ceiling = product.subtract(subtrahend).divideAndRemainder(BigInteger.valueOf(c));
                BigInteger rounded = ceiling[1].signum() == 0 ? ceiling[0] : ceiling[0].add(BigInteger.ONE);
                long expectedCeiling = rounded.compareTo(LONG_MAX) > 0 ? Long.MAX_VALUE : rounded.longValueExact();
                long s = subtrahend.longValueExact();
                assertEquals(expectedCeiling, RateMath.multiplySubtractDivideCeiling(a, b, s, c),
                        () -> "multiplySubtractDivideCeiling(" + a + ", " + b + ", " + s + ", " + c + ")");
            }
        }
    }

    private static BigInteger unsigned(long value) {
        return new BigInteger(Long.toUnsignedString(value));
    }
}
