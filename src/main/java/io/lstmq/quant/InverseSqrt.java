package io.lstmq.quant;

import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturatingRoundingDoublingHighMul;

/**
 * TFLite's integer 1/sqrt used by the layer norm ({@code GetInvSqrtQuantizedMultiplierExp} with
 * {@code reverse_shift = -1}, spec §4.6): a gemmlowp Q3.28 Newton-Raphson iteration on a normalised input.
 */
public final class InverseSqrt {
    /** 1.5 in Q3.28. */
    private static final int THREE_HALVES_Q3_28 = 402653184;
    /** sqrt(2)/2 in Q0.31. */
    private static final int HALF_SQRT2_Q0_31 = 1518500250;
    private static final int NEWTON_ITERATIONS = 5;

    private InverseSqrt() {}

    /**
     * Returns (multiplier, shift) such that MBQM by it approximates multiplying by {@code 1/sqrt(x)}.
     * Inputs of 1 or less (0 is a degenerate variance) give (INT32_MAX, 0), as TFLite does.
     */
    public static QuantizedMultiplier of(int x) {
        if (x <= 1) {
            return new QuantizedMultiplier(Integer.MAX_VALUE, 0);
        }
        int shift = 11;
        while (x >= (1 << 29)) {
            x /= 4;
            shift++;
        }
        // Normalise x into [2^27, 2^29) by whole bit pairs, so that sqrt stays a shift.
        int pairs = (Integer.numberOfLeadingZeros(x) - 1) / 2 - 1;
        shift -= pairs;
        x <<= 2 * pairs;

        int halfInput = roundingDivideByPOT(x >> 1, 1);
        int y = 1 << 28; // 1.0 in Q3.28
        for (int i = 0; i < NEWTON_ITERATIONS; i++) {
            int y3 = saturatingShiftLeft(
                    saturatingRoundingDoublingHighMul(saturatingRoundingDoublingHighMul(y, y), y), 6);
            y = saturatingShiftLeft(saturatingRoundingDoublingHighMul(THREE_HALVES_Q3_28, y)
                    - saturatingRoundingDoublingHighMul(halfInput, y3), 3);
        }
        y = saturatingRoundingDoublingHighMul(y, HALF_SQRT2_Q0_31);
        if (shift < 0) {
            y <<= -shift;
            shift = 0;
        }
        return new QuantizedMultiplier(y, -shift);
    }

    /** gemmlowp SaturatingRoundingMultiplyByPOT for a positive exponent in 32 bits. */
    private static int saturatingShiftLeft(int v, int exponent) {
        int threshold = (1 << (31 - exponent)) - 1;
        if (v > threshold) {
            return Integer.MAX_VALUE;
        }
        if (v < -threshold) {
            return Integer.MIN_VALUE;
        }
        return v << exponent;
    }
}
