package io.lstmq.engine.lstm;

import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturate16;

import java.util.function.IntBinaryOperator;

/**
 * TFLite's int16 logistic and tanh: gemmlowp's {@code FixedPoint<int16_t, IB>} functions (spec §4.5), an
 * exp(-x) from a Taylor polynomial and a barrel of constant multiplies, then three Newton-Raphson steps
 * for the division. Inputs are raw int16 with IB integer bits (15 - IB fraction bits), outputs Q0.15.
 *
 * <p>The arithmetic ({@link #computeLogistic}, {@link #computeTanh}) is the definition. Because it costs
 * a few dozen multiplies, the public functions read a 65,536-entry table per (function, IB) that is built
 * from that definition the first time the function is used.
 */
public final class GemmlowpActivations {
    /** Integer bits the tables cover: TFLite implements tanh(c) only for 15 + log2(s_c) in 0..6. */
    public static final int MAX_INTEGER_BITS = 6;

    // gemmlowp's 32-bit constants rescaled to 16 bits (RoundingDivideByPOT by 16).
    private static final int EXP_MINUS_ONE_EIGHTH = 28918;
    private static final int ONE_THIRD = 10923;
    private static final int FORTY_EIGHT_SEVENTEENTHS_Q2_13 = 23130;
    private static final int MINUS_THIRTY_TWO_SEVENTEENTHS_Q2_13 = -15420;
    /** exp(-2^k) in Q0.15 for k = -2..4, applied for each set bit of the whole-quarters remainder. */
    private static final int[] EXP_BARREL = {25520, 19875, 12055, 4435, 600, 11, 0};
    private static final int ONE_Q0_15 = 32767;
    private static final int ONE_Q2_13 = 8192;

    private GemmlowpActivations() {}

    /** Logistic of a raw int16 with {@code integerBits} (0..6) integer bits; Q0.15 result. */
    public static int logistic(int x, int integerBits) {
        return LogisticTables.BY_INTEGER_BITS[integerBits][x + 32768];
    }

    /** Tanh of a raw int16 with {@code integerBits} (0..6) integer bits; Q0.15 result. */
    public static int tanh(int x, int integerBits) {
        return TanhTables.BY_INTEGER_BITS[integerBits][x + 32768];
    }

    /** gemmlowp {@code logistic}: the reference arithmetic behind {@link #logistic}. */
    static int computeLogistic(int a, int integerBits) {
        if (a == 0) {
            return 16384;
        }
        boolean positive = a > 0;
        int magnitude = positive ? a : wrap16(-a);
        int r = oneOverOnePlus(expNegative(wrap16(-magnitude), integerBits));
        return positive ? r : wrap16(ONE_Q0_15 - r);
    }

    /**
     * gemmlowp {@code tanh}: the reference arithmetic behind {@link #tanh}. exp(-2|a|) is read from the
     * same raw value with one more integer bit. With IB = 0, inputs ±1 LSB come out with the wrong sign;
     * that is how gemmlowp behaves.
     */
    static int computeTanh(int a, int integerBits) {
        if (a == 0) {
            return 0;
        }
        boolean negative = a < 0;
        int n = negative ? a : wrap16(-a);
        int t = oneMinusOverOnePlus(expNegative(n, integerBits + 1));
        return negative ? wrap16(-t) : t;
    }

    /** exp(a) for a in [-1/4, 0), Q0.15 in and out: Taylor expansion around -1/8. */
    private static int expOnQuarterInterval(int a) {
        int x = wrap16(a + 4096);
        int x2 = srdhm16(x, x);
        int x3 = srdhm16(x2, x);
        int x4 = srdhm16(x2, x2);
        int t = wrap16(srdhm16(wrap16(roundingDivideByPOT(x4, 2) + x3), ONE_THIRD) + x2);
        t = roundingDivideByPOT(t, 1); // 16-bit RDBPOT equals the 32-bit one on int16 values
        return saturate16(EXP_MINUS_ONE_EIGHTH + srdhm16(EXP_MINUS_ONE_EIGHTH, wrap16(x + t)));
    }

    /** exp(a) for a <= 0 given with {@code integerBits} integer bits; Q0.15 result. */
    private static int expNegative(int a, int integerBits) {
        int fractionBits = 15 - integerBits;
        int quarter = 1 << (fractionBits - 2);
        int r = wrap16((a & (quarter - 1)) - quarter);
        int result = expOnQuarterInterval(integerBits == 0 ? r : srmbpot16(r, integerBits));
        int remainder = wrap16(r - a);
        for (int k = -2; k <= 4 && integerBits > k; k++) {
            int bit = wrap16(1 << (fractionBits + k));
            if ((remainder & bit) != 0) {
                result = srdhm16(result, EXP_BARREL[k + 2]);
            }
        }
        // gemmlowp's -32 constant, rescaled from 32 to 16 bits like every other constant.
        if (integerBits > 5 && a < roundingDivideByPOT(-(1 << (36 - integerBits)), 16)) {
            result = 0; // below -32
        }
        return a == 0 ? ONE_Q0_15 : result;
    }

    /** Halved denominator (1 + a)/2 with gemmlowp's rounding half-sum, then x ≈ 1/that in Q2.13. */
    private static int newtonReciprocal(int a) {
        int sum = a + ONE_Q0_15;
        int halfDenominator = wrap16((sum + (sum >= 0 ? 1 : -1)) / 2);
        int x = wrap16(FORTY_EIGHT_SEVENTEENTHS_Q2_13
                + srdhm16(halfDenominator, MINUS_THIRTY_TWO_SEVENTEENTHS_Q2_13));
        for (int i = 0; i < 3; i++) {
            int error = wrap16(ONE_Q2_13 - srdhm16(halfDenominator, x));
            x = wrap16(x + srmbpot16(srdhm16(x, error), 2));
        }
        return x;
    }

    /** 1/(1 + a) for a in [0, 1), Q0.15. */
    private static int oneOverOnePlus(int a) {
        return srmbpot16(newtonReciprocal(a), 1);
    }

    /** (1 - a)/(1 + a) for a in [0, 1), Q0.15. */
    private static int oneMinusOverOnePlus(int a) {
        return srmbpot16(wrap16(newtonReciprocal(a) - ONE_Q2_13), 2);
    }

    private static int wrap16(int x) {
        return (short) x;
    }

    /** 16-bit saturating rounding doubling high multiply. */
    private static int srdhm16(int a, int b) {
        if (a == Short.MIN_VALUE && b == Short.MIN_VALUE) {
            return Short.MAX_VALUE;
        }
        int p = a * b;
        int nudge = p >= 0 ? 16384 : -16383;
        return wrap16((p + nudge) / 32768);
    }

    /** 16-bit saturating left shift by a positive exponent (gemmlowp SaturatingRoundingMultiplyByPOT). */
    private static int srmbpot16(int x, int exponent) {
        int threshold = (1 << (15 - exponent)) - 1;
        if (x > threshold) {
            return Short.MAX_VALUE;
        }
        if (x < -threshold) {
            return Short.MIN_VALUE;
        }
        return x << exponent;
    }

    private static short[][] buildTables(IntBinaryOperator f) {
        short[][] tables = new short[MAX_INTEGER_BITS + 1][65536];
        for (int ib = 0; ib <= MAX_INTEGER_BITS; ib++) {
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                tables[ib][x + 32768] = (short) f.applyAsInt(x, ib);
            }
        }
        return tables;
    }

    /** Built on first use of {@link #logistic} (class initialisation makes it safely published). */
    private static final class LogisticTables {
        static final short[][] BY_INTEGER_BITS = buildTables(GemmlowpActivations::computeLogistic);
    }

    private static final class TanhTables {
        static final short[][] BY_INTEGER_BITS = buildTables(GemmlowpActivations::computeTanh);
    }
}
