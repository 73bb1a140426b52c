package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.OpContext;

/**
 * The int16 LOGISTIC and TANH kernels run on TFLite Micro's interpolated sigmoid table, whose input scaling the
 * project's {@link io.lstmq.engine.lstm.TflmActivations} implements for power-of-two scales. Other scales use a
 * general multiplier in TFLite Micro and are rejected here.
 */
final class Int16Activation {
    private Int16Activation() {}

    /** The exponent P of an input scale that is exactly 2^P (zero point 0). */
    static int requirePowerOfTwoInput(OpContext op, EngineTensor input, String what) {
        float s = input.scale();
        if (input.zeroPoint() != 0 || !(s > 0) || Math.scalb(1f, Math.getExponent(s)) != s) {
            throw op.unsupported("int16 " + what + " with input scale " + s + " and zero point " + input.zeroPoint()
                    + " (a power-of-two scale with zero point 0 is needed)");
        }
        return Math.getExponent(s);
    }

    static void requireQ3_12Input(OpContext op, EngineTensor input, String what) {
        if (requirePowerOfTwoInput(op, input, what) != -12) {
            throw op.unsupported("int16 " + what + " with input scale " + input.scale() + " (2^-12 is needed)");
        }
    }

    /** TFLite Micro checks that the output is Q0.15: scale 2^-15 and zero point 0. */
    static void requireQ0_15Output(OpContext op, EngineTensor output) {
        if (output.zeroPoint() != 0 || output.scale() != 0x1p-15f) {
            throw op.unsupported("int16 output with scale " + output.scale() + " and zero point " + output.zeroPoint()
                    + " (2^-15 and 0 expected)");
        }
    }
}
