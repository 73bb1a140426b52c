package io.lstmq.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.lstmq.model.DataType;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.Quantization;
import io.lstmq.model.fb.FbTable;

/** Small hand-made graphs for kernel tests: tensors with explicit types and quantization, then an interpreter. */
final class TestGraph {
    private final ModelBuilder b = new ModelBuilder("lstmq engine test");

    /** A tensor computed at run time (graph input or operator output). */
    int activation(String name, DataType type, int[] shape, float scale, int zeroPoint) {
        return b.tensor(name, type, shape, null, quant(scale, zeroPoint), false);
    }

    int floatActivation(String name, int... shape) {
        return b.tensor(name, DataType.FLOAT32, shape, null, null, false);
    }

    /** A float variable tensor (an operator state, zero until written). */
    int floatVariable(String name, int... shape) {
        return b.tensor(name, DataType.FLOAT32, shape, null, null, true);
    }

    int int8Constant(String name, int[] shape, Quantization q, int... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length);
        for (int v : values) {
            data.put((byte) v);
        }
        return b.tensor(name, DataType.INT8, shape, data.flip(), q, false);
    }

    int int32Constant(String name, int[] shape, float scale, int... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        data.asIntBuffer().put(values);
        return b.tensor(name, DataType.INT32, shape, data, quant(scale, 0), false);
    }

    int int64Constant(String name, int[] shape, float scale, long... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        data.asLongBuffer().put(values);
        return b.tensor(name, DataType.INT64, shape, data, quant(scale, 0), false);
    }

    int floatConstant(String name, int[] shape, float... values) {
        return b.constant(name, shape, values);
    }

    /** An unquantized int32 constant (shapes, begin/end/strides). */
    int indexConstant(String name, int... values) {
        return b.constant(name, new int[] {values.length}, values);
    }

    static Quantization quant(float scale, int zeroPoint) {
        return Quantization.of(new float[] {scale}, new long[] {zeroPoint}, 0);
    }

    static FbTable options(String table) {
        return ModelBuilder.options(table);
    }

    TestGraph op(int builtinCode, int[] inputs, int[] outputs, FbTable options) {
        b.operator(builtinCode, 1, inputs, outputs, options);
        return this;
    }

    Interpreter interpreter(int[] inputs, int[] outputs) {
        b.inputs(inputs);
        b.outputs(outputs);
        return Interpreter.create(b.model());
    }
}
