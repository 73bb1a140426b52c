package io.lstmq.model.fb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A schema table: its fields in vtable-slot order. */
public final class TableDef {
    private final String name;
    private final List<FieldDef> fields = new ArrayList<>();
    private final Map<String, FieldDef> byName = new HashMap<>();

    TableDef(String name) {
        this.name = name;
    }

    void add(FieldDef field) {
        fields.add(field);
        byName.put(field.name(), field);
    }

    public String name() {
        return name;
    }

    /** Fields indexed by their vtable slot id. */
    public List<FieldDef> fields() {
        return Collections.unmodifiableList(fields);
    }

    /** The field with this name; the schema is ours, so an unknown name is a programming error. */
    public FieldDef field(String fieldName) {
        FieldDef f = byName.get(fieldName);
        if (f == null) {
            throw new IllegalArgumentException("table " + name + " has no field " + fieldName);
        }
        return f;
    }

    public boolean hasField(String fieldName) {
        return byName.containsKey(fieldName);
    }

    @Override
    public String toString() {
        return name;
    }
}
