package io.lstmq.model.fb;

/**
 * One field of a table as it is on the wire. {@code id} is the vtable slot; a union field in the schema
 * becomes two fields here: its {@code _type} companion (UTYPE) and the value (UNION), in that order.
 * {@code defaultBits} holds the default of a scalar: the value for integers and booleans,
 * {@code Double.doubleToRawLongBits} for floating point.
 */
public record FieldDef(String name, int id, FieldType type, long defaultBits) {

    /** Offset of this field's entry in the vtable. */
    public int vtableOffset() {
        return 4 + 2 * id;
    }
}
