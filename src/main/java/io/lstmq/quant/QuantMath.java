package io.lstmq.quant;

/**
 * The numeric building blocks of TFLite's legacy post-training quantizer (spec §2.3, Q1–Q7), written to
 * reproduce its float32 arithmetic bit for bit: every {@code float} expression below rounds after each operation
 * exactly as the C++ does, and rounding is half away from zero ({@link FixedPoint#roundHalfAwayFromZero}).
 */
public final class QuantMath {
    /** Narrow int8 range used for weights: [-127, 127]. */
    static final int INT8_NARROW = 127;
    /** Narrow int16 range used for int16 weights and symmetric activations: [-32767, 32767]. */
    static final int INT16_NARROW = 32767;
    /** Largest power-of-two exponent the legacy quantizer gives the cell state range (2^10). */
    static final int MAX_CELL_POT = 10;
    /** Intermediates with a range below this cannot be quantized (legacy check). */
    static final float MIN_INTERMEDIATE_RANGE = 1e-8f;

    private QuantMath() {}

    /**
     * Scale, zero point and the (zero-extended) range they were computed from.
     *
     * @param min the range minimum after extending it to include 0, as the quantizer writes it back
     * @param max the range maximum after extending it to include 0
     */
    public record AffineParams(float scale, int zeroPoint, float min, float max) {}

    /** Symmetric int8 data with its per-tensor scale (zero point 0). */
    public record Int8Data(float scale, byte[] values) {}

    /** Symmetric int16 data with its per-tensor scale (zero point 0). */
    public record Int16Data(float scale, short[] values) {}

    /** Q1: asymmetric int8 activation parameters from a calibrated range. */
    public static AffineParams asymmetricInt8(float min, float max) {
        return asymmetric(min, max, Byte.MIN_VALUE, Byte.MAX_VALUE);
    }

    /**
     * Q1 for any integer range: the range is extended to contain 0, the scale is {@code (max - min) / (qmax - qmin)}
     * in float32 and the zero point {@code qmin - min / scale}, rounded half away from zero and clamped.
     */
    static AffineParams asymmetric(float min, float max, int qmin, int qmax) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        float levels = (float) (qmax - qmin);
        float scale = (hi - lo) / levels;
        float zeroPointFromMin = scale != 0 ? (float) qmin - lo / scale : (float) qmin;
        int zeroPoint;
        if (zeroPointFromMin < qmin) {
            zeroPoint = qmin;
        } else if (zeroPointFromMin > qmax) {
            zeroPoint = qmax;
        } else {
            zeroPoint = (int) FixedPoint.roundHalfAwayFromZero(zeroPointFromMin);
        }
        return new AffineParams(scale, zeroPoint, lo, hi);
    }

    /**
     * Symmetric int16 activation parameters (16x8 models): scale {@code max(|min|, |max|) / 32767}, zero point 0.
     * The range written back is zero-extended like Q1's.
     */
    public static AffineParams symmetricInt16(float min, float max) {
        float lo = Math.min(min, 0f);
        float hi = Math.max(max, 0f);
        return new AffineParams(symmetricInt16Scale(lo, hi), 0, lo, hi);
    }

    /** Q2: the scale of a symmetric int16 tensor, {@code f32(max(|min|, |max|) / 32767)}. */
    public static float symmetricInt16Scale(float min, float max) {
        return Math.max(Math.abs(min), Math.abs(max)) / (float) INT16_NARROW;
    }

    /**
     * Q3: the power of two {@code pot} in [0, 10] the legacy quantizer gives a cell state of this range: the
     * smallest with {@code 2^pot >= max(|min|, |max|)}, capped at 10.
     */
    public static int cellStatePowerOfTwo(float min, float max) {
        float range = Math.max(Math.abs(min), Math.abs(max));
        int pot = 0;
        for (int i = 0; i < MAX_CELL_POT; i++) {
            if (Math.pow(2, pot) < range) {
                pot++;
            }
        }
        return pot;
    }

    /** Q3: the cell state scale {@code 2^pot / 32768}. */
    public static float cellStateScale(float min, float max) {
        float range = (float) Math.pow(2, cellStatePowerOfTwo(min, max));
        return range / 32768.0f;
    }

    /**
     * Q4: symmetric per-tensor int8 weights in [-127, 127]. The scale is {@code range / 127} but the values are
     * multiplied by {@code 127 / range}, which is not the same as dividing by the scale; both as TFLite does.
     *
     * @param min the recorded minimum (the data minimum unless the tensor already carried one)
     * @param max the recorded maximum
     */
    public static Int8Data int8Weights(float[] values, float min, float max) {
        float range = Math.max(Math.abs(min), Math.abs(max));
        byte[] q = new byte[values.length];
        if (range == 0) {
            return new Int8Data(1.0f, q);
        }
        float scale = range / INT8_NARROW;
        float inverse = INT8_NARROW / range;
        for (int i = 0; i < values.length; i++) {
            q[i] = (byte) clamp(FixedPoint.roundHalfAwayFromZero(values[i] * inverse), INT8_NARROW);
        }
        return new Int8Data(scale, q);
    }

    /** Q5: symmetric int16 weights in [-32767, 32767], range taken from the data. */
    public static Int16Data int16Weights(float[] values) {
        float[] mm = minMax(values);
        float range = Math.max(Math.abs(mm[0]), Math.abs(mm[1]));
        float scale = range / (float) INT16_NARROW;
        float inverse = scale == 0 ? 0f : (float) (1.0 / scale);
        short[] q = new short[values.length];
        for (int i = 0; i < values.length; i++) {
            q[i] = (short) clamp(FixedPoint.roundHalfAwayFromZero(values[i] * inverse), INT16_NARROW);
        }
        return new Int16Data(scale, q);
    }

    /** Q6: a derived bias scale, the float32 running product of the factors in the given order (starting at 1). */
    public static float derivedScale(float... factors) {
        float scale = 1.0f;
        for (float f : factors) {
            scale = scale * f;
        }
        return scale;
    }

    /** Q6: int32 bias values for a derived scale, clamped to ±(2^31 - 1). */
    public static int[] int32Bias(float[] values, float scale) {
        float inverse = inverse(scale);
        int[] q = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            // Saturating as the quantizer's SafeCast does (NaN rounds to 0), then the symmetric clamp.
            long v = FixedPoint.roundHalfAwayFromZero(values[i] * inverse);
            q[i] = (int) Math.max(-Integer.MAX_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        return q;
    }

    /** Q6 with int64 storage (16x8 models): the same rounding, clamped to ±(2^63 - 1). */
    public static long[] int64Bias(float[] values, float scale) {
        float inverse = inverse(scale);
        long[] q = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            q[i] = Math.max(-Long.MAX_VALUE, FixedPoint.roundHalfAwayFromZero(values[i] * inverse));
        }
        return q;
    }

    /**
     * Constant data of an activation-like input (e.g. the constant operand of ADD) quantized with asymmetric
     * parameters: {@code clamp(rha(v / scale) + zeroPoint)}.
     */
    public static int[] affineValues(float[] values, float scale, int zeroPoint, int qmin, int qmax) {
        int[] q = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            long v = scale == 0 ? zeroPoint : FixedPoint.roundHalfAwayFromZero(values[i] / scale) + zeroPoint;
            q[i] = (int) Math.max(qmin, Math.min(qmax, v));
        }
        return q;
    }

    /** The float32 minimum and maximum of the data, {@code {0, 0}} when empty. */
    public static float[] minMax(float[] values) {
        if (values.length == 0) {
            return new float[] {0f, 0f};
        }
        float lo = values[0];
        float hi = values[0];
        for (float v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new float[] {lo, hi};
    }

    /** {@code 1 / scale} computed in double and stored as float, 0 for a zero scale (Q5, Q6). */
    private static float inverse(float scale) {
        return scale == 0 ? 0f : (float) (1.0 / scale);
    }

    private static long clamp(long v, int limit) {
        return Math.max(-limit, Math.min(limit, v));
    }
}
