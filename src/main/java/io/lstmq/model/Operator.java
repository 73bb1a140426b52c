package io.lstmq.model;

import io.lstmq.model.fb.FbTable;

/** An operator of a subgraph: its code index, tensor inputs and outputs, intermediates and options. */
public final class Operator {
    private final FbTable table;
    private final int index;

    Operator(FbTable table, int index) {
        this.table = table;
        this.index = index;
    }

    public static Operator create(int opcodeIndex, int[] inputs, int[] outputs) {
        FbTable t = new FbTable(Views.def("Operator"));
        t.set("opcode_index", (long) opcodeIndex);
        Views.setInts(t, "inputs", inputs);
        Views.setInts(t, "outputs", outputs);
        return new Operator(t, -1);
    }

    public FbTable table() {
        return table;
    }

    public int index() {
        return index;
    }

    public int opcodeIndex() {
        return table.getInt("opcode_index");
    }

    public int[] inputs() {
        return Views.ints(table, "inputs");
    }

    public void setInputs(int[] inputs) {
        Views.setInts(table, "inputs", inputs);
    }

    public int[] outputs() {
        return Views.ints(table, "outputs");
    }

    public void setOutputs(int[] outputs) {
        Views.setInts(table, "outputs", outputs);
    }

    public int[] intermediates() {
        return Views.ints(table, "intermediates");
    }

    public boolean hasIntermediates() {
        return table.has("intermediates");
    }

    public void setIntermediates(int[] intermediates) {
        Views.setInts(table, "intermediates", intermediates);
    }

    /** The builtin options table (any member of the BuiltinOptions union), or null. */
    public FbTable builtinOptions() {
        return table.getTable("builtin_options");
    }

    /** Sets the builtin options; the union type is derived from the table's definition. */
    public void setBuiltinOptions(FbTable options) {
        var union = table.def().field("builtin_options").type().union();
        table.set("builtin_options_type", options == null ? null : (long) union.typeIdOf(options.def()));
        table.set("builtin_options", options);
    }

    /** The second options union (StableHLO operators), or null. */
    public FbTable builtinOptions2() {
        return table.getTable("builtin_options_2");
    }
}
