package io.lstmq.diff;

import java.nio.ByteBuffer;

import io.lstmq.model.DataType;

/** Reads element i of a little-endian tensor buffer as a double, for any numeric element type. */
final class ElementReader {
    private ElementReader() {}

    static boolean supports(DataType t) {
        return switch (t) {
            case FLOAT32, FLOAT64, INT8, UINT8, INT16, UINT16, INT32, UINT32, INT64, BOOL -> true;
            default -> false;
        };
    }

    static double get(ByteBuffer b, DataType t, int i) {
        return switch (t) {
            case FLOAT32 -> b.getFloat(i * 4);
            case FLOAT64 -> b.getDouble(i * 8);
            case INT8 -> b.get(i);
            case UINT8, BOOL -> b.get(i) & 0xFF;
            case INT16 -> b.getShort(i * 2);
            case UINT16 -> b.getShort(i * 2) & 0xFFFF;
            case INT32 -> b.getInt(i * 4);
            case UINT32 -> b.getInt(i * 4) & 0xFFFFFFFFL;
            case INT64 -> b.getLong(i * 8);
            default -> throw new IllegalArgumentException(t.name());
        };
    }
}
