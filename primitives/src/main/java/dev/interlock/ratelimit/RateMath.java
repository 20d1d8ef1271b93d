/*
 * Copyright 2026 the Interlock authors.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Licensed under the Apache License, Version 2.0 (the "License"); you may not use this file
 * except in compliance with the License. You may obtain a copy of the License at
 * https://www.apache.org/licenses/LICENSE-2.0
 */
package dev.interlock.ratelimit;

/**
 * Exact integer arithmetic for rates: {@code a * b / c} with a 128-bit intermediate product, so that
 * no product overflows and no fraction is rounded away. The token bucket needs it because its
 * rate, {@code tokens / periodNanos}, is kept as a fraction: at 999,999,937 tokens a second (a prime,
 * so the fraction does not reduce) the product {@code elapsedNanos * tokens} passes
 * {@code Long.MAX_VALUE} after nine seconds.
 *
 * <p>Every method allocates nothing and takes no lock. Arguments are non-negative (the divisor
 * positive); the bucket guarantees it, and the methods do not check it again on the hot path.
 */
final class RateMath {
    /*
     * Implementation notes.
     *
     * The product of two non-negative longs fits in 126 bits: Math.multiplyHigh gives the high 64 bits (for
     * non-negative operands the signed and unsigned high halves agree) and a * b the low 64 bits. The division
     * of that 128-bit value by a 64-bit divisor is the classic two-digit long division in base 2^32: Knuth,
     * The Art of Computer Programming, vol. 2, section 4.3.1, Algorithm D, in the form of Warren, Hacker's
     * Delight, 2nd ed., section 9-5 (divlu). RateMathTest checks every method against java.math.BigInteger on
     * edge cases and on random operands.
     */

    private static final long DIGIT_MASK = 0xFFFF_FFFFL;
    private static final long DIGIT_BASE = 1L << 32;

    private RateMath() {
    }

    /**
     * {@code floor(a * b / c)}, exactly.
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @param c a positive divisor
     * @return the quotient, or {@link Long#MAX_VALUE} if it does not fit in a {@code long}
     */
    static long multiplyDivide(long a, long b, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        if (high == 0 && low >= 0) {
            return low / c; // the common case: the product fits in 63 bits
        }
        if (Long.compareUnsigned(high, c) >= 0) {
            return Long.MAX_VALUE; // the quotient needs more than 64 bits
        }
        long quotient = divide128(high, low, c);
        return quotient < 0 ? Long.MAX_VALUE : quotient;
    }

    /**
     * {@code (a * b) mod c}, exactly, given {@code q = floor(a * b / c)} from
     * {@link #multiplyDivide}: the remainder is {@code a * b - q * c}, which lies in {@code [0, c)},
     * so the subtraction in 64-bit wrapping arithmetic gives it exactly.
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @param c a positive divisor
     * @param quotient {@code floor(a * b / c)}, which must not have been saturated
     * @return the remainder
     */
    static long remainder(long a, long b, long c, long quotient) {
        return a * b - quotient * c;
    }

    /**
     * {@code ceil((a * b - subtrahend) / c)}, exactly, for {@code 0 <= subtrahend < a * b}.
     *
     * @param a a non-negative factor
     * @param b a non-negative factor
     * @param subtrahend a non-negative value less than {@code a * b}
     * @param c a positive divisor
     * @return the quotient rounded up, or {@link Long#MAX_VALUE} if it does not fit in a {@code long}
     */
    static long multiplySubtractDivideCeiling(long a, long b, long subtrahend, long c) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        long differenceLow = low - subtrahend;
        long differenceHigh = Long.compareUnsigned(low, subtrahend) < 0 ? high - 1 : high; // borrow
        long quotient;
        if (differenceHigh == 0 && differenceLow >= 0) {
            quotient = differenceLow / c;
        } else if (Long.compareUnsigned(differenceHigh, c) >= 0) {
            return Long.MAX_VALUE;
        } else {
            quotient = divide128(differenceHigh, differenceLow, c);
        }
        if (quotient < 0) {
            return Long.MAX_VALUE;
        }
        long remainder = differenceLow - quotient * c; // exact, as in remainder(): it lies in [0, c)
        if (remainder != 0) {
            return quotient == Long.MAX_VALUE ? Long.MAX_VALUE : quotient + 1;
        }
        return quotient;
    }

    /**
     * The unsigned quotient of the 128-bit unsigned value {@code high:low} divided by
     * {@code divisor}, which must be greater than {@code high} (unsigned), so that the quotient fits
     * in 64 bits.
     */
    static long divide128(long high, long low, long divisor) {
        // Normalize: shift the divisor left until its top bit is set, and the dividend with it. The
        // quotient is unchanged, and each estimated quotient digit below is then at most 2 too large.
        int shift = Long.numberOfLeadingZeros(divisor);
        long v = divisor << shift;
        long vHigh = v >>> 32;
        long vLow = v & DIGIT_MASK;
        long uHigh = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
        long uLow = low << shift;
        long u1 = uLow >>> 32;
        long u0 = uLow & DIGIT_MASK;

        // First quotient digit: estimate from the top two digits of the dividend, then correct.
        long q1 = Long.divideUnsigned(uHigh, vHigh);
        long rHat = uHigh - q1 * vHigh;
        while (Long.compareUnsigned(q1, DIGIT_BASE) >= 0
                || Long.compareUnsigned(q1 * vLow, (rHat << 32) | u1) > 0) {
            q1--;
            rHat += vHigh;
            if (Long.compareUnsigned(rHat, DIGIT_BASE) >= 0) {
                break;
            }
        }
        long partial = (uHigh << 32) + u1 - q1 * v; // the dividend's top 96 bits minus q1 * v, in [0, v)

        // Second quotient digit, the same way.
        long q0 = Long.divideUnsigned(partial, vHigh);
        rHat = partial - q0 * vHigh;
        while (Long.compareUnsigned(q0, DIGIT_BASE) >= 0
                || Long.compareUnsigned(q0 * vLow, (rHat << 32) | u0) > 0) {
            q0--;
            rHat += vHigh;
            if (Long.compareUnsigned(rHat, DIGIT_BASE) >= 0) {
                break;
            }
        }
        return (q1 << 32) | q0;
    }

    /** The greatest common divisor of two non-negative numbers, by Euclid's algorithm. */
    static long greatestCommonDivisor(long a, long b) {
        while (b != 0L) {
            long remainder = a % b;
            a = b;
            b = remainder;
        }
        return a;
    }
}
