package io.lstmq.sweep;

import io.lstmq.quant.FixedPoint;

/**
 * A signed two's-complement fixed-point format with a power-of-two scale: {@code bits} wide, value =
 * integer × 2^{@code exponent}. In the usual notation it is Qm.n with n = -exponent fraction bits and
 * m = bits - 1 - n integer bits (m or n may be negative). Quantizing rounds half away from zero and saturates to
 * the full range {@code [-2^(bits-1), 2^(bits-1) - 1]}.
 */
public record QFormat(int bits, int exponent) {
    public QFormat {
        if (bits < 2 || bits > 32) {
            throw new IllegalArgumentException("a fixed-point format needs 2..32 bits, not " + bits);
        }
    }

    /**
     * The finest power-of-two format of {@code bits} bits whose largest symmetric value {@code 2^(bits-1) - 1}
     * covers {@code maxAbs}: exponent = ceil(log2(maxAbs / (2^(bits-1) - 1))). Nothing to cover (0, or no value
     * seen) gives the fraction format Q0.(bits-1).
     */
    public static QFormat covering(double maxAbs, int bits) {
        long top = (1L << (bits - 1)) - 1;
        if (!(maxAbs > 0) || Double.isInfinite(maxAbs)) {
            return new QFormat(bits, -(bits - 1));
        }
        int e = (int) Math.ceil(Math.log(maxAbs / top) / Math.log(2));
        // log() is inexact near powers of two: settle on the smallest e with top * 2^e >= maxAbs exactly.
        while (Math.scalb((double) top, e - 1) >= maxAbs) {
            e--;
        }
        while (Math.scalb((double) top, e) < maxAbs) {
            e++;
        }
        return new QFormat(bits, e);
    }

    public long max() {
        return (1L << (bits - 1)) - 1;
    }

    public long min() {
        return -(1L << (bits - 1));
    }

    /** The value of one step, 2^exponent. */
    public double scale() {
        return Math.scalb(1.0, exponent);
    }

    /** round(v / 2^exponent), half away from zero, saturated. */
    public long quantize(double v) {
        return saturate(FixedPoint.roundHalfAwayFromZero(Math.scalb(v, -exponent)));
    }

    public double dequantize(long q) {
        return Math.scalb((double) q, exponent);
    }

    public long saturate(long q) {
        return q < min() ? min() : Math.min(q, max());
    }

    /**
     * An integer with scale 2^{@code from} re-expressed with scale 2^{@code to}: a left shift when the target is
     * finer, else a right shift rounding half away from zero (not saturated).
     */
    public static long rescale(long v, int from, int to) {
        if (to <= from) {
            return v << (from - to);
        }
        int shift = to - from;
        if (shift >= 63) {
            return 0;
        }
        long half = 1L << (shift - 1);
        return v >= 0 ? (v + half) >> shift : -((-v + half) >> shift);
    }

    /** Qm.n, e.g. Q3.12 for 16 bits with exponent -12, Q-2.9 for 8 bits with exponent -9. */
    @Override
    public String toString() {
        return "Q" + (bits - 1 + exponent) + "." + (-exponent);
    }
}
