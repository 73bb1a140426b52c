package io.lstmq.quant;

/**
 * The integer primitives every TFLite / TFLite Micro kernel is built from, written to the letter of the
 * integer-LSTM spec (§0.1, §3.2). All methods are allocation-free and branch-light: they run per element.
 */
public final class FixedPoint {
    private FixedPoint() {}

    /**
     * Rounds half away from zero, exactly as C {@code std::round} ({@code rha} in the spec). Unlike the spec's
     * shorthand {@code floor(|x| + 0.5)} this never rounds up because of the addition itself, so it is also
     * right for doubles just below a half (e.g. 0.49999999999999994 gives 0). NaN gives 0.
     */
    public static long roundHalfAwayFromZero(double x) {
        double a = Math.abs(x);
        double whole = Math.floor(a);
        if (a - whole >= 0.5) { // the fraction a - floor(a) is exact in binary floating point
            whole += 1.0;
        }
        long r = (long) whole;
        return x < 0 ? -r : r;
    }

    /**
     * SRDHM32: the high 32 bits of {@code 2·a·b}, rounded half away from zero; the single overflowing case
     * INT32_MIN·INT32_MIN saturates to INT32_MAX.
     */
    public static int saturatingRoundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long p = (long) a * b;
        long nudge = p >= 0 ? (1L << 30) : (1L - (1L << 30));
        return (int) ((p + nudge) / (1L << 31)); // long division truncates toward zero, as in C++
    }

    /** RDBPOT: {@code x / 2^exponent} rounded half away from zero; exponent in 0..31. */
    public static int roundingDivideByPOT(int x, int exponent) {
        int mask = (1 << exponent) - 1; // wraps to INT32_MAX for exponent 31, as the C code does
        int remainder = x & mask;
        int threshold = (mask >> 1) + (x >>> 31);
        return (x >> exponent) + (remainder > threshold ? 1 : 0);
    }

    public static int saturate(int x, int min, int max) {
        return x < min ? min : Math.min(x, max);
    }

    public static int saturate(long x, int min, int max) {
        return x < min ? min : x > max ? max : (int) x;
    }

    /** sat8: clamp to the int8 range. */
    public static int saturate8(int x) {
        return saturate(x, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /** sat16: clamp to the int16 range. */
    public static int saturate16(int x) {
        return saturate(x, Short.MIN_VALUE, Short.MAX_VALUE);
    }
}
