package io.lstmq.runtime;

import java.util.Arrays;

import io.lstmq.io.DType;

/**
 * One input or output tensor of a TFLite interpreter, as the interpreter sees it after allocation.
 *
 * @param index     the tensor's index in the interpreter (its index in the primary subgraph)
 * @param scale     per-tensor quantization scale, 0 when the tensor is not quantized
 * @param zeroPoint per-tensor quantization zero point
 */
public record TensorInfo(int index, String name, DType dtype, int[] shape, float scale, int zeroPoint) {
    public TensorInfo {
        shape = shape.clone();
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    public long[] longShape() {
        return Arrays.stream(shape).asLongStream().toArray();
    }

    public long elementCount() {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public long byteSize() {
        return elementCount() * dtype.size();
    }

    public boolean isQuantized() {
        return scale != 0f;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && t.index == index && t.name.equals(name) && t.dtype == dtype
                && Arrays.equals(t.shape, shape) && Float.compare(t.scale, scale) == 0 && t.zeroPoint == zeroPoint;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * index + name.hashCode()) + Arrays.hashCode(shape);
    }

    /** For example {@code 'serving_default_x:0' int8[1, 28, 28] scale 0.003921569 zero point -128}. */
    @Override
    public String toString() {
        String q = isQuantized() ? " scale " + scale + " zero point " + zeroPoint : "";
        return "'" + name + "' " + dtype + Arrays.toString(shape) + q;
    }
}
