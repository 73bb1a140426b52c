package io.lstmq.export;

import io.lstmq.io.DType;

/**
 * The integer element types of exported arrays, with what each target needs: the C type, the width of a
 * {@code $readmemh} word, the numpy type.
 */
public enum ElementType {
    INT8(8, true, "int8_t", DType.INT8),
    INT16(16, true, "int16_t", DType.INT16),
    UINT16(16, false, "uint16_t", DType.UINT16),
    INT32(32, true, "int32_t", DType.INT32),
    INT64(64, true, "int64_t", DType.INT64);

    private final int bits;
    private final boolean signed;
    private final String cType;
    private final DType dtype;

    ElementType(int bits, boolean signed, String cType, DType dtype) {
        this.bits = bits;
        this.signed = signed;
        this.cType = cType;
        this.dtype = dtype;
    }

    public int bits() {
        return bits;
    }

    public boolean signed() {
        return signed;
    }

    public String cType() {
        return cType;
    }

    public DType dtype() {
        return dtype;
    }

    /** Lower-case name as in the manifests, e.g. {@code int8}. */
    public String lowerName() {
        return dtype.toString();
    }

    public long min() {
        return signed ? (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1))) : 0;
    }

    public long max() {
        return signed ? (bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1) : (1L << bits) - 1;
    }

    public boolean fits(long v) {
        return v >= min() && v <= max();
    }

    /** The value as {@code bits / 4} hex digits, two's complement for negative values (a $readmemh word). */
    public String hex(long v) {
        int digits = bits / 4;
        String h = Long.toHexString(v);
        if (h.length() > digits) {
            return h.substring(h.length() - digits);
        }
        return "0".repeat(digits - h.length()) + h;
    }

    /** Reads a word written by {@link #hex}, sign-extending signed types. */
    public long parseHex(String word) {
        long raw = Long.parseUnsignedLong(word.strip(), 16);
        if (signed && bits < 64) {
            return raw << (64 - bits) >> (64 - bits);
        }
        return raw;
    }

    /** A C literal of this type's value that every C compiler reads with the right type and sign. */
    public String cLiteral(long v) {
        if (this == INT64) {
            return v == Long.MIN_VALUE ? "(-INT64_C(9223372036854775807) - 1)" : "INT64_C(" + v + ")";
        }
        if (this == INT32 && v == Integer.MIN_VALUE) {
            return "(-2147483647 - 1)";
        }
        return Long.toString(v);
    }
}
