package io.lstmq.engine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.lstmq.LstmqException;
import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.model.DataType;
import io.lstmq.model.Quantization;
import io.lstmq.model.Tensor;

/**
 * The storage of one tensor while a model runs: its element type, its shape (fixed when the interpreter is built)
 * and its values in one flat primitive array in C order. int8, uint8 and bool live in a {@code byte[]} (uint8 and
 * bool read with {@code & 0xFF}), int16 in a {@code short[]}, int32 in an {@code int[]}, int64 in a {@code long[]},
 * float32 in a {@code float[]}. The array is allocated once; kernels keep a reference to it and write into it.
 */
public final class EngineTensor {
    private final int index;
    private final String name;
    private final DataType type;
    private final int[] shape;
    private final int size;
    private final Quantization quantization;
    private final boolean constant;
    private final Object array;

    private EngineTensor(Tensor meta, int[] shape, boolean constant) {
        this.index = meta.index();
        this.name = meta.name();
        this.type = meta.type();
        this.shape = shape.clone();
        this.size = elementCount(shape, meta);
        this.quantization = meta.quantization();
        this.constant = constant;
        this.array = newArray(type, size, meta);
    }

    /** Storage for a tensor the model computes (or a graph input, or a state), zero-filled. */
    static EngineTensor allocate(Tensor meta, int[] shape) {
        return new EngineTensor(meta, shape, false);
    }

    /** A constant tensor holding the model's buffer data, read once. */
    static EngineTensor constant(Tensor meta, ByteBuffer data) {
        EngineTensor t = new EngineTensor(meta, meta.shape(), true);
        t.load(data, meta.describe() + " (buffer " + meta.bufferIndex() + ")");
        return t;
    }

    private static int elementCount(int[] shape, Tensor meta) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new LstmqException(meta.describe() + " has an unknown dimension in shape " + Arrays.toString(shape)
                        + "; the engine needs static shapes");
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new LstmqException(meta.describe() + " with shape " + Arrays.toString(shape) + " is too large");
            }
        }
        return (int) n;
    }

    private static Object newArray(DataType type, int size, Tensor meta) {
        if (type == null) {
            throw new LstmqException(meta.describe() + " has an element type the engine does not know");
        }
        return switch (type) {
            case FLOAT32 -> new float[size];
            case INT8, UINT8, BOOL -> new byte[size];
            case INT16 -> new short[size];
            case INT32 -> new int[size];
            case INT64 -> new long[size];
            default -> throw new LstmqException(meta.describe() + " is " + type.lowerName()
                    + ", a type the engine cannot hold");
        };
    }

    /** Replaces the values with little-endian bytes that must match the element count exactly. */
    void load(ByteBuffer littleEndian, String what) {
        ByteBuffer b = littleEndian.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        long expected = (long) size * (type.bits() / 8);
        if (b.remaining() != expected) {
            throw new LstmqException(what + ": " + type.lowerName() + Arrays.toString(shape) + " needs " + expected
                    + " bytes, the data has " + b.remaining());
        }
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().get(floats());
            case INT8, UINT8, BOOL -> b.get(bytes());
            case INT16 -> b.asShortBuffer().get(shorts());
            case INT32 -> b.asIntBuffer().get(ints());
            case INT64 -> b.asLongBuffer().get(longs());
            default -> throw new AssertionError(type);
        }
    }

    /** Position in the subgraph's tensor list. */
    public int index() {
        return index;
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public int size() {
        return size;
    }

    /** True for weights and other data read from the model's buffers. */
    public boolean isConstant() {
        return constant;
    }

    /** The quantization parameters, or null. */
    public Quantization quantization() {
        return quantization;
    }

    /** The per-tensor scale, 0 when the tensor is not quantized. */
    public float scale() {
        return quantization == null || quantization.scales().length == 0 ? 0f : quantization.scales()[0];
    }

    /** The per-tensor zero point (0 when none is stored). */
    public int zeroPoint() {
        return quantization == null ? 0 : (int) quantization.zeroPoint();
    }

    public boolean isPerChannel() {
        return quantization != null && quantization.isPerChannel();
    }

    public float[] floats() {
        return (float[]) typed(DataType.FLOAT32);
    }

    /** int8, uint8 or bool values. */
    public byte[] bytes() {
        if (type != DataType.INT8 && type != DataType.UINT8 && type != DataType.BOOL) {
            throw wrongType("byte");
        }
        return (byte[]) array;
    }

    public short[] shorts() {
        return (short[]) typed(DataType.INT16);
    }

    public int[] ints() {
        return (int[]) typed(DataType.INT32);
    }

    public long[] longs() {
        return (long[]) typed(DataType.INT64);
    }

    /** The backing array whatever its type, for type-blind copies with {@link System#arraycopy}. */
    public Object array() {
        return array;
    }

    private Object typed(DataType expected) {
        if (type != expected) {
            throw wrongType(expected.lowerName());
        }
        return array;
    }

    private IllegalStateException wrongType(String wanted) {
        return new IllegalStateException(describe() + " holds " + type.lowerName() + ", not " + wanted + " values");
    }

    /** The values as an array of this tensor's shape (a copy). */
    public NdArray toNdArray() {
        ByteBuffer b = ByteBuffer.allocate(size * (type.bits() / 8)).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case FLOAT32 -> b.asFloatBuffer().put(floats());
            case INT8, UINT8, BOOL -> b.put(bytes()).flip();
            case INT16 -> b.asShortBuffer().put(shorts());
            case INT32 -> b.asIntBuffer().put(ints());
            case INT64 -> b.asLongBuffer().put(longs());
            default -> throw new AssertionError(type);
        }
        long[] s = Arrays.stream(shape).asLongStream().toArray();
        return NdArray.of(dtype(), s, b.rewind());
    }

    /** Copies {@code value}'s elements in; its dtype must be this tensor's and its element count this size. */
    public void set(NdArray value) {
        if (value.dtype() != dtype()) {
            throw new LstmqException(describe() + " is " + type.lowerName() + Arrays.toString(shape) + " and cannot take "
                    + value + " data");
        }
        load(value.data(), describe());
    }

    /** The numpy type of this tensor's elements. */
    public DType dtype() {
        return switch (type) {
            case FLOAT32 -> DType.FLOAT32;
            case INT8 -> DType.INT8;
            case UINT8 -> DType.UINT8;
            case BOOL -> DType.BOOL;
            case INT16 -> DType.INT16;
            case INT32 -> DType.INT32;
            case INT64 -> DType.INT64;
            default -> throw new AssertionError(type);
        };
    }

    /** Name with index, as messages refer to a tensor. */
    public String describe() {
        return "tensor " + index + " '" + name + "'";
    }

    @Override
    public String toString() {
        return describe() + " " + type.lowerName() + Arrays.toString(shape);
    }
}
