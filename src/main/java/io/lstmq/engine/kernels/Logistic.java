package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.engine.lstm.TflmActivations;
import io.lstmq.model.DataType;
import io.lstmq.quant.FixedPoint;

/**
 * LOGISTIC as TFLite Micro computes it:
 * <ul>
 * <li>float: {@code 1 / (1 + e^-x)}, with e^x below -9 and 1 above 16.619;</li>
 * <li>int8 (output scale 1/256, zero point -128): gemmlowp's Q4.27 logistic on the rescaled input, rounded to
 *     Q0.8;</li>
 * <li>int16 with input scale 2^-12 (Q3.12) and output 2^-15, zero points 0: the interpolated sigmoid table.</li>
 * </ul>
 */
final class Logistic {
    private static final float CUTOFF_UPPER = 16.619047164916992188f;
    private static final float CUTOFF_LOWER = -9f;

    private Logistic() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        EngineTensor output = op.allocateOutput(0, input.shape());
        if (input.type() != output.type()) {
            throw op.unsupported(input.type().lowerName() + " input with " + output.type().lowerName() + " output");
        }
        switch (input.type()) {
            case FLOAT32 -> {
                float[] in = input.floats();
                float[] out = output.floats();
                return () -> {
                    for (int i = 0; i < in.length; i++) {
                        out[i] = logistic(in[i]);
                    }
                };
            }
            case INT8 -> {
                if (output.zeroPoint() != -128 || output.scale() != 1f / 256) {
                    throw op.unsupported("int8 output with scale " + output.scale() + " and zero point "
                            + output.zeroPoint() + " (1/256 and -128 expected)");
                }
                Int8InputScaling s = Int8InputScaling.of(input);
                return new Int8Lut(input.bytes(), output.bytes(), v -> int8(v, s));
            }
            case INT16 -> {
                Int16Activation.requireQ3_12Input(op, input, "LOGISTIC");
                Int16Activation.requireQ0_15Output(op, output);
                short[] in = input.shorts();
                short[] out = output.shorts();
                return () -> {
                    for (int i = 0; i < in.length; i++) {
                        out[i] = (short) TflmActivations.sigmoid(in[i]);
                    }
                };
            }
            default -> throw op.unsupported(input.type().lowerName() + " input");
        }
    }

    static float logistic(float x) {
        if (x > CUTOFF_UPPER) {
            return 1f;
        }
        if (x < CUTOFF_LOWER) {
            return (float) Math.exp(x);
        }
        return 1f / (1f + (float) Math.exp(-x));
    }

    private static int int8(int v, Int8InputScaling s) {
        int x = v - s.zeroPoint();
        if (x <= -s.radius()) {
            return Byte.MIN_VALUE;
        }
        if (x >= s.radius()) {
            return Byte.MAX_VALUE;
        }
        int q0 = Gemmlowp32.logistic(s.multiplier().apply(x), Int8InputScaling.INPUT_INTEGER_BITS);
        return FixedPoint.saturate8(FixedPoint.roundingDivideByPOT(q0, 31 - 8) - 128);
    }
}
