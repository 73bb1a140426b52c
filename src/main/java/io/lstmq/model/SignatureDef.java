package io.lstmq.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.model.fb.FbTable;

/** A signature: a named entry point mapping input and output names to tensors of one subgraph. */
public final class SignatureDef {
    private final FbTable table;

    SignatureDef(FbTable table) {
        this.table = table;
    }

    public FbTable table() {
        return table;
    }

    public String key() {
        return table.getString("signature_key");
    }

    public int subgraphIndex() {
        return table.getInt("subgraph_index");
    }

    /** Input name to tensor index, in file order. */
    public Map<String, Integer> inputs() {
        return tensorMap(table.getTables("inputs"));
    }

    public Map<String, Integer> outputs() {
        return tensorMap(table.getTables("outputs"));
    }

    /** Replaces every reference to tensor {@code from} with {@code to}. */
    public void redirect(int from, int to) {
        for (String side : new String[] {"inputs", "outputs"}) {
            List<FbTable> maps = table.getTables(side);
            if (maps != null) {
                for (FbTable m : maps) {
                    if (m.getLong("tensor_index") == from) {
                        m.set("tensor_index", (long) to);
                    }
                }
            }
        }
    }

    private static Map<String, Integer> tensorMap(List<FbTable> maps) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (maps != null) {
            for (FbTable m : maps) {
                out.put(m.getString("name"), m.getInt("tensor_index"));
            }
        }
        return out;
    }
}
