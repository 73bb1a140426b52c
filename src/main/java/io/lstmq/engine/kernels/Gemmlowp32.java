package io.lstmq.engine.kernels;

import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturatingRoundingDoublingHighMul;

/**
 * gemmlowp's 32-bit fixed-point functions as TFLite's int8 softmax, logistic and tanh kernels use them. A value
 * with {@code IB} integer bits is a raw {@code int} standing for {@code raw / 2^(31 - IB)}. Fixed-point products
 * are SRDHM; {@code +} and {@code -} wrap; "rescale" to fewer integer bits is a saturating left shift, to more a
 * rounding right shift.
 */
final class Gemmlowp32 {
    /** exp(-1/8) in Q0.31. */
    private static final int EXP_MINUS_ONE_EIGHTH = 1895147668;
    /** 1/3 in Q0.31. */
    private static final int ONE_THIRD = 715827883;
    /** exp(-2^k) in Q0.31 for k = -2 .. 4: the barrel shifter's factors. */
    private static final int[] EXP_MINUS_POWERS_OF_TWO = {1672461947, 1302514674, 790015084, 290630308, 39332535,
            720401, 242};
    /** 48/17 and -32/17 in Q2.29: the Newton-Raphson division's starting point. */
    private static final int FORTY_EIGHT_SEVENTEENTHS = 1515870810;
    private static final int MINUS_THIRTY_TWO_SEVENTEENTHS = -1010580540;
    private static final int ONE_Q2_29 = 1 << 29;
    private static final int ONE_Q0_31 = Integer.MAX_VALUE;

    private Gemmlowp32() {}

    /** {@code x · 2^exponent} for exponent > 0, saturating to the int32 range. */
    static int saturatingShiftLeft(int x, int exponent) {
        int threshold = (1 << (31 - exponent)) - 1;
        if (x > threshold) {
            return Integer.MAX_VALUE;
        }
        if (x < -threshold) {
            return Integer.MIN_VALUE;
        }
        return x << exponent;
    }

    /** {@code (a + b) / 2} rounded half away from zero. */
    static int roundingHalfSum(int a, int b) {
        long sum = (long) a + b;
        return (int) ((sum + (sum >= 0 ? 1 : -1)) / 2);
    }

    /** exp(a) for a in [-1/4, 0), Q0.31 in and out: Taylor series around -1/8. */
    static int expOnQuarterInterval(int a) {
        int x = a + (1 << 28);
        int x2 = saturatingRoundingDoublingHighMul(x, x);
        int x3 = saturatingRoundingDoublingHighMul(x2, x);
        int x4 = saturatingRoundingDoublingHighMul(x2, x2);
        int x4Over4 = roundingDivideByPOT(x4, 2);
        int series = roundingDivideByPOT(saturatingRoundingDoublingHighMul(x4Over4 + x3, ONE_THIRD) + x2, 1);
        return EXP_MINUS_ONE_EIGHTH + saturatingRoundingDoublingHighMul(EXP_MINUS_ONE_EIGHTH, x + series);
    }

    /** exp(a) for a <= 0 with {@code integerBits} integer bits; the result is Q0.31. */
    static int expOnNegativeValues(int a, int integerBits) {
        int fractionalBits = 31 - integerBits;
        int quarter = 1 << (fractionalBits - 2);
        int modQuarterMinusQuarter = (a & (quarter - 1)) - quarter;
        int result = expOnQuarterInterval(saturatingShiftLeft(modQuarterMinusQuarter, integerBits));
        int remainder = modQuarterMinusQuarter - a;
        for (int k = -2; k <= 4; k++) {
            if (integerBits > k && (remainder & (1 << (fractionalBits + k))) != 0) {
                result = saturatingRoundingDoublingHighMul(result, EXP_MINUS_POWERS_OF_TWO[k + 2]);
            }
        }
        if (integerBits > 5 && a < -(1 << (36 - integerBits))) {
            result = 0; // below -32
        }
        return a == 0 ? ONE_Q0_31 : result;
    }

    /** The Newton-Raphson estimate of 1 / (1 + a) in Q2.29, for a in [0, 1) given in Q0.31. */
    private static int newtonReciprocalHalf(int halfDenominator) {
        int x = FORTY_EIGHT_SEVENTEENTHS + saturatingRoundingDoublingHighMul(halfDenominator,
                MINUS_THIRTY_TWO_SEVENTEENTHS);
        for (int i = 0; i < 3; i++) {
            int halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x);
            int oneMinus = ONE_Q2_29 - halfDenominatorTimesX;
            x = x + saturatingShiftLeft(saturatingRoundingDoublingHighMul(x, oneMinus), 2);
        }
        return x;
    }

    /** 1 / (1 + a) for a in [0, 1), Q0.31 in and out. */
    static int oneOverOnePlusX(int a) {
        int x = newtonReciprocalHalf(roundingHalfSum(a, ONE_Q0_31));
        return saturatingShiftLeft(x, 1);
    }

    /** (1 - a) / (1 + a) for a in [0, 1), Q0.31 in and out. */
    static int oneMinusXOverOnePlusX(int a) {
        int x = newtonReciprocalHalf(roundingHalfSum(a, ONE_Q0_31));
        return saturatingShiftLeft(x - ONE_Q2_29, 2);
    }

    /** 1 / (1 + exp(-a)) of a value with {@code integerBits} integer bits; Q0.31 result. */
    static int logistic(int a, int integerBits) {
        if (a == 0) {
            return 1 << 30;
        }
        int abs = a > 0 ? a : -a;
        int positive = oneOverOnePlusX(expOnNegativeValues(-abs, integerBits));
        return a > 0 ? positive : ONE_Q0_31 - positive;
    }

    /** tanh(a) of a value with {@code integerBits} integer bits; Q0.31 result. */
    static int tanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        int negative = a < 0 ? a : -a;
        // exp(-2|a|): the same raw value read with one more integer bit.
        int t = oneMinusXOverOnePlusX(expOnNegativeValues(negative, integerBits + 1));
        return a < 0 ? -t : t;
    }

    /**
     * 1 / x for a positive x with {@code integerBits} integer bits, as TFLite's {@code GetReciprocal}: x is
     * normalised into [1, 2) and the result is {@code 1/x · 2^-(integerBits - clz(x))} in Q0.31; the exponent is
     * {@link #reciprocalBitsOverUnit}.
     */
    static int reciprocal(int x) {
        int headroomPlusOne = Integer.numberOfLeadingZeros(x);
        return oneOverOnePlusX((x << headroomPlusOne) + Integer.MIN_VALUE);
    }

    /** The number of bits of {@code x} above 1.0: the power of two {@link #reciprocal} leaves out. */
    static int reciprocalBitsOverUnit(int x, int integerBits) {
        return integerBits - Integer.numberOfLeadingZeros(x);
    }
}
