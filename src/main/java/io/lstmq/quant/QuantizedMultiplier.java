package io.lstmq.quant;

import io.lstmq.LstmqException;

/**
 * A real multiplier as TFLite and TFLite Micro store it: {@code multiplier · 2^(shift - 31)} with the
 * multiplier a Q0.31 value in [2^30, 2^31) (or 0) and shift a signed power of two (positive = left).
 *
 * @param multiplier the Q0.31 mantissa, 0 or in [2^30, 2^31)
 * @param shift      the power-of-two exponent; positive shifts left before the multiply, negative shifts
 *                   right (with rounding) after it
 */
public record QuantizedMultiplier(int multiplier, int shift) {

    private static final double TWO_POW_31 = 2147483648.0;

    /**
     * QuantizeMultiplier (spec §3.1): C {@code frexp}, round half away from zero of the Q0.31 mantissa, the
     * carry fix-up when the mantissa rounds up to 1.0, and the flush to (0, 0) below 2^-32.
     *
     * @throws LstmqException when the multiplier is not a finite number (a broken scale in the model)
     */
    public static QuantizedMultiplier of(double realMultiplier) {
        if (!Double.isFinite(realMultiplier)) {
            throw new LstmqException("quantized multiplier: the effective scale " + realMultiplier
                    + " is not a finite number");
        }
        if (realMultiplier == 0.0) {
            return new QuantizedMultiplier(0, 0);
        }
        // frexp: realMultiplier = fraction · 2^exponent with |fraction| in [0.5, 1). A subnormal gets a
        // wrong fraction here, but its exponent is far below -31, so it is flushed to (0, 0) below anyway.
        int exponent = Math.getExponent(realMultiplier) + 1;
        double fraction = Math.scalb(realMultiplier, -exponent);
        long q = FixedPoint.roundHalfAwayFromZero(fraction * TWO_POW_31); // exact: a power-of-two scaling
        if (q == (1L << 31)) {
            q = 1L << 30;
            exponent++;
        }
        if (exponent < -31) {
            return new QuantizedMultiplier(0, 0);
        }
        return new QuantizedMultiplier((int) q, exponent);
    }

    /**
     * MultiplyByQuantizedMultiplier, default double-rounding build (spec §3.2): the left shift wraps in
     * 32 bits, then SRDHM32, then a rounding right shift (ties away from zero).
     */
    public int apply(int x) {
        int left = Math.max(shift, 0);
        int right = Math.max(-shift, 0);
        return FixedPoint.roundingDivideByPOT(
                FixedPoint.saturatingRoundingDoublingHighMul(x << left, multiplier), right);
    }

    /**
     * MBQM64, the int64-input overload of TFLite Micro's 16x8 fully connected layer (spec §3.2): the
     * multiplier is first reduced to 16 bits, then one rounding right shift by {@code 15 - shift}.
     * Callers with an {@code int} accumulator must cast it to {@code long} to select this overload.
     */
    public int apply(long x) {
        long reduced = multiplier < 0x7FFF0000 ? (multiplier + (1 << 15)) >> 16 : 0x7FFF;
        int totalShift = 15 - shift;
        return (int) ((x * reduced + (1L << (totalShift - 1))) >> totalShift);
    }

    /** The real value this pair stands for, {@code multiplier · 2^(shift - 31)}, for reports. */
    public double realValue() {
        return Math.scalb((double) multiplier, shift - 31);
    }
}
