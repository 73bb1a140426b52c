package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.engine.lstm.TflmActivations;
import io.lstmq.quant.FixedPoint;

/**
 * TANH as TFLite Micro computes it:
 * <ul>
 * <li>float: {@code tanh(x)};</li>
 * <li>int8 (output scale 1/128, zero point 0): gemmlowp's Q4.27 tanh on the rescaled input, rounded to Q0.7;</li>
 * <li>int16 with a power-of-two input scale and output 2^-15, zero points 0: the interpolated table of
 *     tanh(x) = 2·sigmoid(2x) - 1 (for power-of-two scales TFLite Micro's general input multiplier reduces to
 *     the table's own scaling).</li>
 * </ul>
 */
final class Tanh {
    private Tanh() {}

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
                        out[i] = (float) Math.tanh(in[i]);
                    }
                };
            }
            case INT8 -> {
                if (output.zeroPoint() != 0 || output.scale() != 1f / 128) {
                    throw op.unsupported("int8 output with scale " + output.scale() + " and zero point "
                            + output.zeroPoint() + " (1/128 and 0 expected)");
                }
                Int8InputScaling s = Int8InputScaling.of(input);
                return new Int8Lut(input.bytes(), output.bytes(), v -> int8(v, s));
            }
            case INT16 -> {
                int power = Int16Activation.requirePowerOfTwoInput(op, input, "TANH");
                if (power < -31 || power > 1) {
                    throw op.unsupported("int16 TANH with input scale 2^" + power + " (2^-31 .. 2^1 supported)");
                }
                Int16Activation.requireQ0_15Output(op, output);
                short[] in = input.shorts();
                short[] out = output.shorts();
                return () -> {
                    for (int i = 0; i < in.length; i++) {
                        out[i] = (short) TflmActivations.tanh(in[i], power);
                    }
                };
            }
            default -> throw op.unsupported(input.type().lowerName() + " input");
        }
    }

    private static int int8(int v, Int8InputScaling s) {
        int x = v - s.zeroPoint();
        if (x <= -s.radius()) {
            return Byte.MIN_VALUE;
        }
        if (x >= s.radius()) {
            return Byte.MAX_VALUE;
        }
        int q0 = Gemmlowp32.tanh(s.multiplier().apply(x), Int8InputScaling.INPUT_INTEGER_BITS);
        return FixedPoint.saturate8(FixedPoint.roundingDivideByPOT(q0, 31 - 7));
    }
}
