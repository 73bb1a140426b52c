package io.lstmq.engine.kernels;

import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.OpContext;
import io.lstmq.schema.ActivationFunctionType;

/**
 * CONCATENATION along one axis (negative counts from the end). Quantized inputs must share the output's scale
 * and zero point: TFLite Micro copies the integers as they are, so anything else would silently change values.
 * No fused activation, as in TFLite Micro.
 */
final class Concatenation {
    private Concatenation() {}

    static Kernel prepare(OpContext op) {
        int n = op.inputCount();
        if (n < 1) {
            throw op.invalid("has no inputs");
        }
        EngineTensor first = op.requireInput(0, "input");
        int rank = first.rank();
        int axis = op.options() == null ? 0 : op.options().getInt("axis");
        if (axis < 0) {
            axis += rank;
        }
        if (axis < 0 || axis >= rank) {
            throw op.invalid("concatenates along axis " + axis + " of rank-" + rank + " inputs");
        }
        if (op.options() != null && op.options().getInt("fused_activation_function") != ActivationFunctionType.NONE) {
            throw op.unsupported("a fused activation");
        }
        EngineTensor[] inputs = new EngineTensor[n];
        int[] shape = first.shape();
        shape[axis] = 0;
        for (int i = 0; i < n; i++) {
            inputs[i] = op.requireInput(i, "input");
            if (inputs[i].rank() != rank || inputs[i].type() != first.type()) {
                throw op.invalid("mixes " + first + " with " + inputs[i]);
            }
            for (int a = 0; a < rank; a++) {
                if (a != axis && inputs[i].dim(a) != first.dim(a)) {
                    throw op.invalid("mixes " + first + " with " + inputs[i]);
                }
            }
            shape[axis] += inputs[i].dim(axis);
        }
        EngineTensor output = op.allocateOutput(0, shape);
        if (output.type() != first.type()) {
            throw op.invalid("changes the type from " + first.type().lowerName() + " to " + output.type().lowerName());
        }
        if (output.type().isInteger()) {
            for (EngineTensor in : inputs) {
                if (in.scale() != output.scale() || in.zeroPoint() != output.zeroPoint()) {
                    throw op.unsupported("input " + in.describe() + " quantized differently from the output");
                }
            }
        }
        int outer = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        int inner = 1;
        for (int a = axis + 1; a < rank; a++) {
            inner *= shape[a];
        }
        Object[] from = new Object[n];
        int[] chunk = new int[n];
        for (int i = 0; i < n; i++) {
            from[i] = inputs[i].array();
            chunk[i] = inputs[i].dim(axis) * inner;
        }
        Object to = output.array();
        int rows = outer;
        return () -> {
            int at = 0;
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < from.length; i++) {
                    System.arraycopy(from[i], r * chunk[i], to, at, chunk[i]);
                    at += chunk[i];
                }
            }
        };
    }
}
