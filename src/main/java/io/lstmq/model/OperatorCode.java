package io.lstmq.model;

import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;

/** An operator code: builtin or custom, with its version. */
public final class OperatorCode {
    /** Codes at or above this do not fit the old byte field and are stored only in {@code builtin_code}. */
    static final int PLACEHOLDER_FOR_GREATER_OP_CODES = 127;

    private final FbTable table;

    OperatorCode(FbTable table) {
        this.table = table;
    }

    /** A new code the way current converters write it: both fields set, the old one capped at 127. */
    public static OperatorCode builtin(int code, int version) {
        FbTable t = new FbTable(Views.def("OperatorCode"));
        t.set("deprecated_builtin_code", (long) Math.min(code, PLACEHOLDER_FOR_GREATER_OP_CODES));
        t.set("builtin_code", (long) code);
        t.set("version", (long) version);
        return new OperatorCode(t);
    }

    public FbTable table() {
        return table;
    }

    /**
     * The builtin code the runtime uses: the larger of {@code builtin_code} and {@code deprecated_builtin_code},
     * since old models set only the latter and new ones put 127 there for larger codes.
     */
    public int builtinCode() {
        return (int) Math.max(table.getLong("builtin_code"), table.getLong("deprecated_builtin_code"));
    }

    public String customCode() {
        return table.getString("custom_code");
    }

    public boolean isCustom() {
        return builtinCode() == Schema.tflite().enumDef("BuiltinOperator").valueOf("CUSTOM");
    }

    public int version() {
        return table.getInt("version");
    }

    public void setVersion(int version) {
        table.set("version", (long) version);
    }

    /** Builtin name such as UNIDIRECTIONAL_SEQUENCE_LSTM, or the custom code for custom operators. */
    public String name() {
        if (isCustom()) {
            String c = customCode();
            return c == null ? "CUSTOM" : c;
        }
        String n = Schema.tflite().enumDef("BuiltinOperator").nameOf(builtinCode());
        return n == null ? "BUILTIN_" + builtinCode() : n;
    }

    void setCustomCode(String code) {
        table.set("custom_code", FbString.of(code));
    }
}
