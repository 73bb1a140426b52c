package io.lstmq.model.fb;

import java.util.ArrayList;
import java.util.List;

/**
 * One decoded table of any schema type. Each field slot holds null when the field is absent in the file, so a
 * rewrite keeps absent fields absent and empty vectors empty. Values by field kind:
 * scalars and union type ids: {@link Long} (floating point: {@link Double} holding the exact float or double);
 * strings: {@link FbString}; vectors of scalars: {@link FbScalarVector}; vectors of strings or tables:
 * {@code List<FbString>} / {@code List<FbTable>}; tables and union values: {@link FbTable}.
 */
public final class FbTable {
    private final TableDef def;
    private final Object[] values;

    public FbTable(TableDef def) {
        this.def = def;
        this.values = new Object[def.fields().size()];
    }

    public TableDef def() {
        return def;
    }

    public Object get(FieldDef field) {
        return values[field.id()];
    }

    public Object get(String field) {
        return values[def.field(field).id()];
    }

    public boolean has(String field) {
        return get(field) != null;
    }

    public void set(FieldDef field, Object value) {
        values[field.id()] = value;
    }

    public void set(String field, Object value) {
        values[def.field(field).id()] = value;
    }

    public void clear(String field) {
        set(field, null);
    }

    /** An integer or boolean scalar, or its schema default when absent. */
    public long getLong(String field) {
        FieldDef f = def.field(field);
        Object v = values[f.id()];
        return v == null ? f.defaultBits() : (Long) v;
    }

    public int getInt(String field) {
        return (int) getLong(field);
    }

    public boolean getBool(String field) {
        return getLong(field) != 0;
    }

    /** A floating point scalar, or its schema default when absent. */
    public double getDouble(String field) {
        FieldDef f = def.field(field);
        Object v = values[f.id()];
        return v == null ? Double.longBitsToDouble(f.defaultBits()) : (Double) v;
    }

    public float getFloat(String field) {
        return (float) getDouble(field);
    }

    public String getString(String field) {
        Object v = get(field);
        return v == null ? null : v.toString();
    }

    public FbTable getTable(String field) {
        return (FbTable) get(field);
    }

    public FbScalarVector getVector(String field) {
        return (FbScalarVector) get(field);
    }

    @SuppressWarnings("unchecked")
    public List<FbTable> getTables(String field) {
        return (List<FbTable>) get(field);
    }

    @SuppressWarnings("unchecked")
    public List<FbString> getStrings(String field) {
        return (List<FbString>) get(field);
    }

    /** The table list of a field, created empty (and so written as an empty vector) when absent. */
    public List<FbTable> tablesForEdit(String field) {
        List<FbTable> list = getTables(field);
        if (list == null) {
            list = new ArrayList<>();
            set(field, list);
        }
        return list;
    }

    /** A shallow copy: same values, new slots, so edits of the copy's fields do not reach this table. */
    public FbTable copy() {
        FbTable t = new FbTable(def);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof List<?> list) {
                v = new ArrayList<>(list);
            }
            t.values[i] = v;
        }
        return t;
    }

    @Override
    public String toString() {
        return def.name();
    }
}
