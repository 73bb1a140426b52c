package io.lstmq.io;

import java.util.Arrays;
import java.util.Optional;

/**
 * Element types an {@link NdArray} can hold: the numpy dtypes lstmq reads and writes, which are also the
 * tensor types it feeds to and reads from TFLite. Data is always little-endian.
 */
public enum DType {
    FLOAT32('f', 4, "float32"),
    FLOAT64('f', 8, "float64"),
    INT8('i', 1, "int8"),
    UINT8('u', 1, "uint8"),
    INT16('i', 2, "int16"),
    UINT16('u', 2, "uint16"),
    INT32('i', 4, "int32"),
    INT64('i', 8, "int64"),
    BOOL('b', 1, "bool");

    private final char npyKind;
    private final int size;
    private final String displayName;

    DType(char npyKind, int size, String displayName) {
        this.npyKind = npyKind;
        this.size = size;
        this.displayName = displayName;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    public boolean isFloatingPoint() {
        return npyKind == 'f';
    }

    /**
     * The numpy type string numpy itself writes for this type: '|' (no byte order) for one-byte types,
     * '&lt;' (little-endian) for the others.
     */
    public String npyDescr() {
        return (size == 1 ? "|" : "<") + npyKind + size;
    }

    /** The type with numpy kind character {@code kind} ('f', 'i', 'u', 'b') and element size {@code size}. */
    static Optional<DType> fromNpy(char kind, int size) {
        return Arrays.stream(values()).filter(t -> t.npyKind == kind && t.size == size).findFirst();
    }

    /** The numpy name, e.g. {@code float32}. */
    @Override
    public String toString() {
        return displayName;
    }
}
