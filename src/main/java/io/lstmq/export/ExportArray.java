package io.lstmq.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;

/**
 * One exported integer array: its name (a C identifier suffix and a file name stem), element type, shape, what
 * its axes mean, how its values read as reals, and the values in row-major order.
 *
 * @param name        e.g. {@code forget_input_weights}
 * @param type        the element type; every value fits it
 * @param shape       the dimensions, outermost first
 * @param layout      the axes in words, e.g. {@code [cell][input]}
 * @param format      how a value reads as a real number
 * @param description one sentence: what the array is and, for derived arrays, the formula
 * @param values      row-major values
 */
public record ExportArray(String name, ElementType type, int[] shape, String layout, ValueFormat format,
        String description, long[] values) {

    public ExportArray {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(name + ": shape " + Arrays.toString(shape) + " holds " + n
                    + " values, got " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            if (!type.fits(values[i])) {
                throw new LstmqException(name + ": value " + values[i] + " at " + i + " does not fit " + type.lowerName());
            }
        }
    }

    public static long[] widen(byte[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public static long[] widen(short[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    public static long[] widen(int[] v) {
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The array as an {@link NdArray} of its numpy type. */
    public NdArray toNdArray() {
        long[] s = Arrays.stream(shape).asLongStream().toArray();
        ByteBuffer b = ByteBuffer.allocate(values.length * type.bits() / 8).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            switch (type.bits()) {
                case 8 -> b.put((byte) v);
                case 16 -> b.putShort((short) v);
                case 32 -> b.putInt((int) v);
                default -> b.putLong(v);
            }
        }
        b.flip();
        return NdArray.of(type.dtype(), s, b);
    }
}
