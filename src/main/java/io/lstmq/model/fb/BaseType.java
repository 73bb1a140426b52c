package io.lstmq.model.fb;

/** The wire kinds a schema field can have. Scalar kinds know their inline size. */
public enum BaseType {
    BOOL(1), BYTE(1), UBYTE(1), SHORT(2), USHORT(2), INT(4), UINT(4), LONG(8), ULONG(8), FLOAT(4), DOUBLE(8),
    STRING(4), VECTOR(4), TABLE(4), UNION(4),
    /** The hidden {@code <field>_type} companion of a union field: a ubyte naming the member table. */
    UTYPE(1);

    private final int inlineSize;

    BaseType(int inlineSize) {
        this.inlineSize = inlineSize;
    }

    public int inlineSize() {
        return inlineSize;
    }

    public boolean isScalar() {
        return ordinal() <= DOUBLE.ordinal() || this == UTYPE;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE;
    }

    static BaseType ofScalarName(String name) {
        switch (name) {
            case "bool": return BOOL;
            case "byte": case "int8": return BYTE;
            case "ubyte": case "uint8": return UBYTE;
            case "short": case "int16": return SHORT;
            case "ushort": case "uint16": return USHORT;
            case "int": case "int32": return INT;
            case "uint": case "uint32": return UINT;
            case "long": case "int64": return LONG;
            case "ulong": case "uint64": return ULONG;
            case "float": case "float32": return FLOAT;
            case "double": case "float64": return DOUBLE;
            case "string": return STRING;
            default: return null;
        }
    }
}
