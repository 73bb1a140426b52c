package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;

/**
 * DEQUANTIZE of an int8, uint8 or int16 tensor with per-tensor quantization: {@code x = s · (q - zp)} in float
 * (for these widths the float product equals the double product rounded to float).
 */
final class Dequantize {
    private Dequantize() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        op.requireType(input, "input", DataType.INT8, DataType.UINT8, DataType.INT16);
        if (input.isPerChannel()) {
            throw op.unsupported("per-channel quantized input " + input.describe());
        }
        EngineTensor output = op.allocateOutput(0, input.shape());
        op.requireType(output, "output", DataType.FLOAT32);
        float[] out = output.floats();
        float scale = input.scale();
        int zp = input.zeroPoint();
        IntSource in = IntSource.of(input);
        return () -> {
            for (int i = 0; i < out.length; i++) {
                out[i] = scale * (in.get(i) - zp);
            }
        };
    }
}
