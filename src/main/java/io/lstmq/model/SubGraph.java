package io.lstmq.model;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.model.fb.FbTable;

/** A subgraph: tensors, operators in execution order, inputs and outputs. */
public final class SubGraph {
    private final FbTable table;
    private final int index;

    SubGraph(FbTable table, int index) {
        this.table = table;
        this.index = index;
    }

    public FbTable table() {
        return table;
    }

    public int index() {
        return index;
    }

    public String name() {
        return table.getString("name");
    }

    public List<Tensor> tensors() {
        List<FbTable> ts = table.getTables("tensors");
        List<Tensor> out = new ArrayList<>(ts == null ? 0 : ts.size());
        if (ts != null) {
            for (int i = 0; i < ts.size(); i++) {
                out.add(new Tensor(ts.get(i), i));
            }
        }
        return out;
    }

    public int tensorCount() {
        List<FbTable> ts = table.getTables("tensors");
        return ts == null ? 0 : ts.size();
    }

    public Tensor tensor(int i) {
        return new Tensor(table.getTables("tensors").get(i), i);
    }

    /** The first tensor with this name, or null. */
    public Tensor tensorNamed(String name) {
        for (Tensor t : tensors()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Appends a tensor and returns its view (with its new index). */
    public Tensor addTensor(FbTable tensor) {
        List<FbTable> ts = table.tablesForEdit("tensors");
        ts.add(tensor);
        return new Tensor(tensor, ts.size() - 1);
    }

    public List<Operator> operators() {
        List<FbTable> ops = table.getTables("operators");
        List<Operator> out = new ArrayList<>(ops == null ? 0 : ops.size());
        if (ops != null) {
            for (int i = 0; i < ops.size(); i++) {
                out.add(new Operator(ops.get(i), i));
            }
        }
        return out;
    }

    /** Inserts an operator at a position of the execution order. */
    public void insertOperator(int position, Operator op) {
        table.tablesForEdit("operators").add(position, op.table());
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

    public String describe() {
        return "subgraph " + index + (name() == null || name().isEmpty() ? "" : " '" + name() + "'");
    }
}
