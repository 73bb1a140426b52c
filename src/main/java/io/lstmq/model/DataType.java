package io.lstmq.model;

/**
 * Tensor element types with their TFLite wire codes and storage widths. Codes are the schema's TensorType
 * values (a test checks them against schema.fbs); {@code bits} is -1 for types whose storage is not a
 * fixed width per element.
 */
public enum DataType {
    FLOAT32(0, 32), FLOAT16(1, 16), INT32(2, 32), UINT8(3, 8), INT64(4, 64), STRING(5, -1), BOOL(6, 8),
    INT16(7, 16), COMPLEX64(8, 64), INT8(9, 8), FLOAT64(10, 64), COMPLEX128(11, 128), UINT64(12, 64),
    RESOURCE(13, -1), VARIANT(14, -1), UINT32(15, 32), UINT16(16, 16), INT4(17, 4), BFLOAT16(18, 16), INT2(19, 2),
    UINT4(20, 4), FLOAT8_E4M3FN(21, 8), FLOAT8_E5M2(22, 8);

    private static final DataType[] BY_CODE = new DataType[values().length];

    static {
        for (DataType t : values()) {
            BY_CODE[t.code] = t;
        }
    }

    private final int code;
    private final int bits;

    DataType(int code, int bits) {
        this.code = code;
        this.bits = bits;
    }

    public int code() {
        return code;
    }

    public int bits() {
        return bits;
    }

    /** Bytes needed for {@code elements} values, or -1 when the width is not fixed. Sub-byte types pack several per byte. */
    public long storageBytes(long elements) {
        return bits < 0 ? -1 : (elements * bits + 7) / 8;
    }

    /** The type for a wire code, or null when this version of lstmq does not know it. */
    public static DataType ofCode(long code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[(int) code] : null;
    }

    public boolean isInteger() {
        return this == INT8 || this == UINT8 || this == INT16 || this == UINT16 || this == INT32 || this == INT64
                || this == UINT32 || this == UINT64 || this == INT4 || this == INT2 || this == UINT4;
    }

    public String lowerName() {
        return name().toLowerCase();
    }
}
