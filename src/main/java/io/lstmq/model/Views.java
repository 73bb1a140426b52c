package io.lstmq.model;

import java.util.List;
import java.util.function.Function;

import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;
import io.lstmq.model.fb.TableDef;

/** Small helpers shared by the typed views over decoded tables. */
final class Views {
    private Views() {}

    static TableDef def(String table) {
        return Schema.tflite().table(table);
    }

    static <T> List<T> map(List<FbTable> tables, Function<FbTable, T> view) {
        return tables == null ? List.of() : tables.stream().map(view).toList();
    }

    static int[] ints(FbTable t, String field) {
        FbScalarVector v = t.getVector(field);
        return v == null ? new int[0] : v.toIntArray();
    }

    /** Null when the field is absent, which differs from an empty vector on the wire. */
    static int[] intsOrNull(FbTable t, String field) {
        FbScalarVector v = t.getVector(field);
        return v == null ? null : v.toIntArray();
    }

    static void setInts(FbTable t, String field, int[] values) {
        t.set(field, values == null ? null : FbScalarVector.ofInts(values));
    }
}
