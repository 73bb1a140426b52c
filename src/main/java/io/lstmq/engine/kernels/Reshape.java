package io.lstmq.engine.kernels;

import java.util.Arrays;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.OpContext;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbScalarVector;

/**
 * RESHAPE: the same elements with a new shape, taken from the constant shape input (input 1) or else the
 * {@code new_shape} option, or where neither is given as each runtime's Prepare takes it (by the numerics
 * chosen); one dimension may be -1 and is inferred. The values are copied.
 */
final class Reshape {
    private Reshape() {}

    static Kernel prepare(OpContext op) {
        EngineTensor input = op.requireInput(0, "input");
        int[] shape = resolve(op, requestedShape(op), input.size());
        EngineTensor output = op.allocateOutput(0, shape);
        if (output.type() != input.type()) {
            throw op.invalid("changes the type from " + input.type().lowerName() + " to " + output.type().lowerName());
        }
        Object from = input.array();
        Object to = output.array();
        int n = input.size();
        return () -> System.arraycopy(from, 0, to, 0, n);
    }

    private static int[] requestedShape(OpContext op) {
        EngineTensor shapeInput = op.input(1);
        if (shapeInput != null) {
            if (!shapeInput.isConstant() || shapeInput.type() != DataType.INT32 || shapeInput.rank() > 1) {
                throw op.unsupported("a shape input that is not a constant int32 vector (" + shapeInput + ")");
            }
            return shapeInput.ints().clone();
        }
        FbScalarVector v = op.options() == null ? null : op.options().getVector("new_shape");
        if (v == null) {
            // No shape given: TFLite Micro keeps the declared output shape, while TFLite's Prepare reads the missing
            // option as an empty new_shape, a scalar (so it refuses any input of more than one value).
            return op.numerics() == Numerics.TFLITE ? new int[0] : op.outputMeta(0).shape();
        }
        return v.toIntArray();
    }

    private static int[] resolve(OpContext op, int[] shape, int size) {
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] == -1 && unknown < 0) {
                unknown = i;
            } else if (shape[i] < 0) {
                throw op.invalid("asks for shape " + Arrays.toString(shape));
            } else {
                known *= shape[i];
            }
        }
        int[] out = shape.clone();
        if (unknown >= 0) {
            if (known == 0 || size % known != 0) {
                throw op.invalid("cannot reshape " + size + " values to " + Arrays.toString(shape));
            }
            out[unknown] = (int) (size / known);
        } else if (known != size) {
            throw op.invalid("cannot reshape " + size + " values to " + Arrays.toString(shape));
        }
        return out;
    }
}
