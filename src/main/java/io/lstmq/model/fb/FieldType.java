package io.lstmq.model.fb;

/**
 * The type of one field: a scalar (possibly an enum), a string, a table, a union, or a vector of one of those.
 * For vectors {@link #base()} is VECTOR and the element is described by {@link #element()}.
 */
public record FieldType(BaseType base, BaseType element, EnumDef enumDef, TableDef table, UnionDef union) {

    static FieldType scalar(BaseType base, EnumDef enumDef) {
        return new FieldType(base, null, enumDef, null, null);
    }

    public boolean isVector() {
        return base == BaseType.VECTOR;
    }

    /** The kind of a single value: the vector's element kind, or the field's own kind. */
    public BaseType valueKind() {
        return isVector() ? element : base;
    }

    @Override
    public String toString() {
        String inner = table != null ? table.name() : union != null ? union.name() : enumDef != null
                ? enumDef.name() : valueKind().name().toLowerCase();
        return isVector() ? "[" + inner + "]" : inner;
    }
}
