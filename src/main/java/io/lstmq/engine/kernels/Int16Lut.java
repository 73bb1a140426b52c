package io.lstmq.engine.kernels;

import java.util.function.DoubleUnaryOperator;

import io.lstmq.quant.FixedPoint;

/**
 * TFLite Micro's int16 lookup tables with linear interpolation (its {@code gen_lut} and {@code LUTLookup}): 512
 * segments over an input range, plus one entry for the last slope. Each entry is the sampled value corrected by
 * half the error the interpolation makes at the segment's midpoint. Everything is computed in float, as TFLite
 * Micro does, and rounded half away from zero.
 */
final class Int16Lut {
    private static final int SEGMENTS = 512;

    /** exp(x) on [-10, 0], output [-1, 1) as Q0.15: the int16 softmax's exponential. */
    static final short[] EXP = build(Math::exp, -10f, 0f);
    /** 1 / (1 + x) on [0, 1], output as Q0.15: the int16 softmax's reciprocal. */
    static final short[] ONE_OVER_ONE_PLUS_X = build(x -> 1.0 / (1.0 + x), 0f, 1f);

    private Int16Lut() {}

    /**
     * The table of {@code f} on [inputMin, inputMax] with outputs on [-1, 1] (scaling 65536 / 2). {@code f} is
     * evaluated in double and rounded to float, standing for the float function of the C code.
     */
    static short[] build(DoubleUnaryOperator f, float inputMin, float inputMax) {
        short[] lut = new short[SEGMENTS + 1];
        float step = (inputMax - inputMin) / SEGMENTS;
        float halfStep = step / 2;
        float scaling = 65536f / 2f;
        for (int i = 0; i < SEGMENTS; i++) {
            float val = apply(f, inputMin + i * step);
            float midpointValue = apply(f, inputMin + i * step + halfStep);
            float next = apply(f, inputMin + (i + 1) * step);
            float sample = round(val * scaling);
            float midpointInterpolated = round((next * scaling + round(val * scaling)) / 2);
            float midpoint = round(midpointValue * scaling);
            float bias = round((midpointInterpolated - midpoint) / 2);
            lut[i] = clampToShort(sample - bias);
        }
        lut[SEGMENTS] = clampToShort(round(apply(f, inputMax) * scaling));
        return lut;
    }

    private static float apply(DoubleUnaryOperator f, float x) {
        return (float) f.applyAsDouble(x);
    }

    private static float round(float x) {
        return FixedPoint.roundHalfAwayFromZero(x);
    }

    private static short clampToShort(float v) {
        return (short) Math.min(Math.max(v, Short.MIN_VALUE), Short.MAX_VALUE);
    }

    /** Interpolated lookup: the top 9 bits pick the segment, the low 7 bits interpolate within it. */
    static short lookup(int value, short[] lut) {
        int index = 256 + (value >> 7);
        int offset = value & 0x7f;
        int base = lut[index];
        int slope = lut[index + 1] - lut[index];
        int delta = (slope * offset + 64) >> 7;
        return (short) (base + delta);
    }
}
