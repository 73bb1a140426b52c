package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.quant.FixedPoint;
import io.lstmq.quant.QuantizedMultiplier;

/**
 * QUANTIZE as TFLite Micro computes it:
 * <ul>
 * <li>float to int8/int16: {@code q = round(x / s) + zp} with the division in float and ties away from zero,
 *     clamped to the type;</li>
 * <li>integer to integer (requantize, e.g. int8 to int8 with another scale): {@code zp_out + MBQM(x - zp_in)} with
 *     the multiplier {@code f64(s_in) / f64(s_out)}, clamped.</li>
 * </ul>
 * Only per-tensor output quantization is supported, as in TFLite Micro.
 */
final class Quantize {
    private Quantize() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        EngineTensor output = op.allocateOutput(0, input.shape());
        if (output.quantization() == null || output.quantization().scales().length != 1) {
            throw op.unsupported("output " + output.describe() + " without per-tensor quantization");
        }
        op.requireType(output, "output", DataType.INT8, DataType.INT16, DataType.INT32);
        int min = OutputClamp.typeMin(output.type());
        int max = OutputClamp.typeMax(output.type());
        int zp = output.zeroPoint();
        if (input.type() == DataType.FLOAT32) {
            float[] in = input.floats();
            float scale = output.scale();
            IntSink sink = IntSink.of(output);
            return () -> {
                for (int i = 0; i < in.length; i++) {
                    long q = FixedPoint.roundHalfAwayFromZero(in[i] / scale) + zp;
                    sink.set(i, (int) Math.min(Math.max(q, min), max));
                }
            };
        }
        op.requireType(input, "input", DataType.INT8, DataType.INT16, DataType.INT32, DataType.UINT8);
        QuantizedMultiplier m = QuantizedMultiplier.of((double) input.scale() / (double) output.scale());
        int inputZeroPoint = input.zeroPoint();
        IntSource source = IntSource.of(input);
        IntSink sink = IntSink.of(output);
        int n = input.size();
        return () -> {
            for (int i = 0; i < n; i++) {
                int v = m.apply(source.get(i) - inputZeroPoint) + zp;
                sink.set(i, Math.min(Math.max(v, min), max));
            }
        };
    }
}
