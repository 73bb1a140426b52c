package io.lstmq.model.fb;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A vector of scalars, held as a little-endian slice of the bytes it was read from (a mapped file, typically):
 * reading a model never copies weight data. Mutations build a new vector instead of writing into the slice.
 */
public final class FbScalarVector {
    private final BaseType element;
    private final ByteBuffer bytes;

    public FbScalarVector(BaseType element, ByteBuffer bytes) {
        if (!element.isScalar()) {
            throw new IllegalArgumentException("not a scalar kind: " + element);
        }
        if (bytes.remaining() % element.inlineSize() != 0) {
            throw new IllegalArgumentException(bytes.remaining() + " bytes is not a whole number of " + element);
        }
        this.element = element;
        this.bytes = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
    }

    public static FbScalarVector ofInts(int... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new FbScalarVector(BaseType.INT, b);
    }

    public static FbScalarVector ofLongs(long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new FbScalarVector(BaseType.LONG, b);
    }

    public static FbScalarVector ofFloats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new FbScalarVector(BaseType.FLOAT, b);
    }

    public static FbScalarVector ofBools(boolean... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length);
        for (boolean v : values) {
            b.put((byte) (v ? 1 : 0));
        }
        b.flip();
        return new FbScalarVector(BaseType.BOOL, b);
    }

    public static FbScalarVector ofBytes(BaseType element, ByteBuffer data) {
        return new FbScalarVector(element, data);
    }

    public BaseType element() {
        return element;
    }

    public int size() {
        return bytes.remaining() / element.inlineSize();
    }

    /** A read-only little-endian view of the raw bytes, positioned at 0. */
    public ByteBuffer bytes() {
        return bytes.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Element i as a long: integers sign- or zero-extended as their kind says, floats as raw bits. */
    public long getBits(int i) {
        int at = i * element.inlineSize();
        return switch (element) {
            case BOOL, UBYTE, UTYPE -> bytes.get(at) & 0xFFL;
            case BYTE -> bytes.get(at);
            case SHORT -> bytes.getShort(at);
            case USHORT -> bytes.getShort(at) & 0xFFFFL;
            case INT -> bytes.getInt(at);
            case UINT, FLOAT -> bytes.getInt(at) & 0xFFFFFFFFL;
            case LONG, ULONG, DOUBLE -> bytes.getLong(at);
            default -> throw new IllegalStateException(element.name());
        };
    }

    public int[] toIntArray() {
        int[] out = new int[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) getBits(i);
        }
        return out;
    }

    public long[] toLongArray() {
        long[] out = new long[size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = getBits(i);
        }
        return out;
    }

    public float[] toFloatArray() {
        if (element != BaseType.FLOAT) {
            throw new IllegalStateException("not a float vector: " + element);
        }
        float[] out = new float[size()];
        bytes().asFloatBuffer().get(out);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FbScalarVector v && v.element == element && v.bytes().equals(bytes());
    }

    @Override
    public int hashCode() {
        return element.hashCode() * 31 + bytes().hashCode();
    }
}
