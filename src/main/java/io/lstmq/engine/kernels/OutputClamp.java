package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.OpContext;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;
import io.lstmq.quant.FixedPoint;
import io.lstmq.schema.ActivationFunctionType;

/**
 * The clamp a fused activation ({@code fused_activation_function}) puts on an operator's output: in float, and in
 * the quantized domain of the output tensor the way TFLite's {@code CalculateActivationRangeQuantized} computes it
 * ({@code zp + round(f / scale)} in float with ties away from zero, then intersected with the type's range).
 *
 * @param floatMin lower clamp of a float output
 * @param floatMax upper clamp of a float output
 */
record OutputClamp(float floatMin, float floatMax) {

    /** The activation of an operator whose options table carries {@code fused_activation_function}. */
    static OutputClamp of(OpContext op) {
        FbTable options = op.options();
        int code = options == null ? ActivationFunctionType.NONE : options.getInt("fused_activation_function");
        return switch (code) {
            case ActivationFunctionType.NONE -> new OutputClamp(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY);
            case ActivationFunctionType.RELU -> new OutputClamp(0f, Float.POSITIVE_INFINITY);
            case ActivationFunctionType.RELU_N1_TO_1 -> new OutputClamp(-1f, 1f);
            case ActivationFunctionType.RELU6 -> new OutputClamp(0f, 6f);
            default -> throw op.unsupported("fused activation " + FusedActivation.describe(code));
        };
    }

    /** Lower clamp of an integer output tensor. */
    int quantizedMin(EngineTensor output) {
        int typeMin = typeMin(output.type());
        return floatMin == Float.NEGATIVE_INFINITY ? typeMin : Math.max(typeMin, quantize(floatMin, output));
    }

    /** Upper clamp of an integer output tensor. */
    int quantizedMax(EngineTensor output) {
        int typeMax = typeMax(output.type());
        return floatMax == Float.POSITIVE_INFINITY ? typeMax : Math.min(typeMax, quantize(floatMax, output));
    }

    private static int quantize(float f, EngineTensor t) {
        return t.zeroPoint() + (int) FixedPoint.roundHalfAwayFromZero(f / t.scale());
    }

    static int typeMin(DataType t) {
        return switch (t) {
            case INT8 -> Byte.MIN_VALUE;
            case INT16 -> Short.MIN_VALUE;
            case UINT8 -> 0;
            case INT32 -> Integer.MIN_VALUE;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }

    static int typeMax(DataType t) {
        return switch (t) {
            case INT8 -> Byte.MAX_VALUE;
            case INT16 -> Short.MAX_VALUE;
            case UINT8 -> 255;
            case INT32 -> Integer.MAX_VALUE;
            default -> throw new IllegalArgumentException(t.toString());
        };
    }
}
