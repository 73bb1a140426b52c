package io.lstmq.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import io.lstmq.LstmqException;

/**
 * An immutable n-dimensional array: a {@link DType}, a shape and the elements in C order as little-endian bytes
 * (the layout of a {@code .npy} file and of a TFLite tensor buffer).
 *
 * <p>Flat indices count elements in C order. The byte size is limited to {@link Integer#MAX_VALUE} because the
 * data lives in one {@link ByteBuffer}.
 */
public final class NdArray {
    /** Largest byte size an array may have (one heap {@link ByteBuffer}). */
    public static final long MAX_BYTES = Integer.MAX_VALUE;

    private final DType dtype;
    private final long[] shape;
    private final long size;
    /** Read-only, little-endian, position 0, limit = byte size; never handed out itself, only duplicates. */
    private final ByteBuffer data;

    private NdArray(DType dtype, long[] shape, long size, ByteBuffer data) {
        this.dtype = dtype;
        this.shape = shape;
        this.size = size;
        this.data = data;
    }

    /** An array holding a copy of the remaining bytes of {@code littleEndianData}, which must fit the shape exactly. */
    public static NdArray of(DType dtype, long[] shape, ByteBuffer littleEndianData) {
        long[] s = shape.clone();
        long bytes = checkedByteSize(dtype, s);
        if (littleEndianData.remaining() != bytes) {
            throw new IllegalArgumentException(dtype + Arrays.toString(s) + " needs " + bytes + " bytes, got "
                    + littleEndianData.remaining());
        }
        ByteBuffer copy = ByteBuffer.allocate((int) bytes);
        copy.put(littleEndianData.duplicate()).flip();
        return new NdArray(dtype, s, bytes / dtype.size(), readOnly(copy));
    }

    /** Takes ownership of {@code data} (nobody else may keep a reference); the caller has checked its length. */
    static NdArray wrap(DType dtype, long[] shape, byte[] data) {
        return new NdArray(dtype, shape, data.length / dtype.size(), readOnly(ByteBuffer.wrap(data)));
    }

    /** A float32 array with the given shape and values. */
    public static NdArray ofFloats(long[] shape, float... values) {
        ByteBuffer b = allocate(DType.FLOAT32, shape, values.length);
        b.asFloatBuffer().put(values);
        return new NdArray(DType.FLOAT32, shape.clone(), values.length, readOnly(b));
    }

    /**
     * An integer (or bool) array with the given shape and values; each value must lie in the range of
     * {@code dtype} (0 or 1 for bool).
     */
    public static NdArray ofInts(DType dtype, long[] shape, int... values) {
        if (dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("ofInts needs an integer dtype, not " + dtype);
        }
        ByteBuffer b = allocate(dtype, shape, values.length);
        for (int v : values) {
            if (!fits(dtype, v)) {
                throw new IllegalArgumentException("value " + v + " does not fit in " + dtype);
            }
            switch (dtype) {
                case INT8, UINT8, BOOL -> b.put((byte) v);
                case INT16, UINT16 -> b.putShort((short) v);
                case INT32 -> b.putInt(v);
                case INT64 -> b.putLong(v);
                default -> throw new AssertionError(dtype);
            }
        }
        b.flip();
        return new NdArray(dtype, shape.clone(), values.length, readOnly(b));
    }

    private static ByteBuffer allocate(DType dtype, long[] shape, int valueCount) {
        long bytes = checkedByteSize(dtype, shape);
        if (bytes != (long) valueCount * dtype.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + bytes / dtype.size()
                    + " elements, got " + valueCount + " values");
        }
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static boolean fits(DType dtype, int v) {
        return switch (dtype) {
            case INT8 -> v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE;
            case UINT8 -> v >= 0 && v <= 0xFF;
            case INT16 -> v >= Short.MIN_VALUE && v <= Short.MAX_VALUE;
            case UINT16 -> v >= 0 && v <= 0xFFFF;
            case BOOL -> v == 0 || v == 1;
            default -> true;
        };
    }

    /** Byte size of an array of this type and shape; rejects negative dimensions and sizes over {@link #MAX_BYTES}. */
    static long checkedByteSize(DType dtype, long[] shape) {
        long bytes = dtype.size();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            bytes = Math.multiplyExact(bytes, d);
        }
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException(dtype + Arrays.toString(shape) + " is larger than 2 GiB");
        }
        return bytes;
    }

    private static ByteBuffer readOnly(ByteBuffer b) {
        return b.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the shape. */
    public long[] shape() {
        return shape.clone();
    }

    /** The shape as ints (every dimension of an array under 2 GiB fits unless another dimension is 0). */
    public int[] intShape() {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int axis) {
        return shape[axis];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    public int byteSize() {
        return data.limit();
    }

    /** The elements as little-endian bytes in C order: a read-only view from position 0 to the end. */
    public ByteBuffer data() {
        return readOnly(data.duplicate());
    }

    /** Element {@code index}; float64 and integers are converted to the nearest float, as numpy's astype does. */
    public float getFloat(long index) {
        int off = offset(index);
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(off);
            case FLOAT64 -> (float) data.getDouble(off);
            default -> (float) integerAt(off);
        };
    }

    /** Element {@code index} as a double (exact for every type except int64 beyond 2^53). */
    public double getDouble(long index) {
        int off = offset(index);
        return switch (dtype) {
            case FLOAT32 -> data.getFloat(off);
            case FLOAT64 -> data.getDouble(off);
            default -> integerAt(off);
        };
    }

    /** Element {@code index} of an integer or bool array; an int64 value must fit in an int. */
    public int getInt(long index) {
        long v = getLong(index);
        if (v != (int) v) {
            throw new LstmqException("int64 value " + v + " at flat index " + index + " does not fit in 32 bits");
        }
        return (int) v;
    }

    /** Element {@code index} of an integer or bool array. */
    public long getLong(long index) {
        return integerAt(offset(index));
    }

    /** All elements as floats (see {@link #getFloat}). */
    public float[] asFloatArray() {
        float[] out = new float[(int) size];
        if (dtype == DType.FLOAT32) {
            data.duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        } else {
            for (int i = 0; i < out.length; i++) {
                out[i] = getFloat(i);
            }
        }
        return out;
    }

    /** All elements of an integer or bool array as ints (see {@link #getInt}). */
    public int[] asIntArray() {
        int[] out = new int[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = getInt(i);
        }
        return out;
    }

    private int offset(long index) {
        Objects.checkIndex(index, size);
        return (int) index * dtype.size();
    }

    private long integerAt(int off) {
        return switch (dtype) {
            case INT8 -> data.get(off);
            case UINT8, BOOL -> data.get(off) & 0xFF;
            case INT16 -> data.getShort(off);
            case UINT16 -> data.getShort(off) & 0xFFFF;
            case INT32 -> data.getInt(off);
            case INT64 -> data.getLong(off);
            case FLOAT32, FLOAT64 -> throw new LstmqException("the array holds " + dtype
                    + " values where integers are expected");
        };
    }

    /** Sample {@code index} along axis 0: an array of shape {@code shape[1:]} sharing this array's data. */
    public NdArray sample(long index) {
        if (shape.length == 0) {
            throw new IllegalStateException("a scalar has no samples");
        }
        Objects.checkIndex(index, shape[0]);
        long[] rest = Arrays.copyOfRange(shape, 1, shape.length);
        int sampleBytes = (int) (byteSize() / shape[0]);
        ByteBuffer slice = data.slice((int) index * sampleBytes, sampleBytes);
        return new NdArray(dtype, rest, sampleBytes / dtype.size(), readOnly(slice));
    }

    /** The same elements seen with another shape of the same element count. */
    public NdArray reshape(long... newShape) {
        long[] s = newShape.clone();
        if (checkedByteSize(dtype, s) != byteSize()) {
            throw new IllegalArgumentException("cannot reshape " + this + " to " + Arrays.toString(s));
        }
        return new NdArray(dtype, s, size, data);
    }

    /** A float32 copy with every value multiplied by {@code factor} in float32 (data preprocessing). */
    public NdArray scaled(float factor) {
        float[] v = new float[(int) size];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) getDouble(i) * factor;
        }
        return ofFloats(shape, v);
    }

    /** Stacks arrays of one dtype and shape along a new axis 0. */
    public static NdArray stack(List<NdArray> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("nothing to stack");
        }
        NdArray first = samples.get(0);
        long[] s = new long[first.rank() + 1];
        s[0] = samples.size();
        System.arraycopy(first.shape, 0, s, 1, first.rank());
        ByteBuffer b = ByteBuffer.allocate((int) checkedByteSize(first.dtype, s));
        for (NdArray a : samples) {
            if (a.dtype != first.dtype || !Arrays.equals(a.shape, first.shape)) {
                throw new IllegalArgumentException("cannot stack " + a + " with " + first);
            }
            b.put(a.data());
        }
        b.flip();
        return new NdArray(first.dtype, s, s[0] * first.size, readOnly(b));
    }

    /**
     * Throws unless the shape equals {@code expected}, where -1 matches any dimension.
     *
     * @param what names the array in the message, e.g. the file it came from
     */
    public NdArray requireShape(long[] expected, String what) {
        boolean ok = expected.length == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = expected[i] == -1 || expected[i] == shape[i];
        }
        if (!ok) {
            throw new LstmqException(what + ": expected shape " + Arrays.toString(expected) + " but got "
                    + Arrays.toString(shape));
        }
        return this;
    }

    /** Throws unless the element type is {@code expected}; {@code what} names the array in the message. */
    public NdArray requireDType(DType expected, String what) {
        if (dtype != expected) {
            throw new LstmqException(what + ": expected " + expected + " data but got " + dtype);
        }
        return this;
    }

    /** Equal dtype, shape and bytes (so float NaNs compare by bit pattern). */
    @Override
    public boolean equals(Object o) {
        return o instanceof NdArray a && a.dtype == dtype && Arrays.equals(a.shape, shape) && a.data.equals(data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, Arrays.hashCode(shape), data);
    }

    /** For example {@code float32[1000, 28, 28]}. */
    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
