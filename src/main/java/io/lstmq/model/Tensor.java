package io.lstmq.model;

import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;

/** A tensor of a subgraph: name, element type, shape, buffer index, quantization, variable flag. */
public final class Tensor {
    private final FbTable table;
    private final int index;

    Tensor(FbTable table, int index) {
        this.table = table;
        this.index = index;
    }

    public FbTable table() {
        return table;
    }

    /** Position in the subgraph's tensor list. */
    public int index() {
        return index;
    }

    public String name() {
        String n = table.getString("name");
        return n == null ? "" : n;
    }

    public void setName(String name) {
        table.set("name", FbString.of(name));
    }

    public long typeCode() {
        return table.getLong("type");
    }

    /** The element type, or null for a code this version does not know (the verifier rejects those). */
    public DataType type() {
        return DataType.ofCode(typeCode());
    }

    public void setType(DataType type) {
        table.set("type", (long) type.code());
    }

    /** The shape; empty for a scalar or when absent. */
    public int[] shape() {
        return Views.ints(table, "shape");
    }

    public boolean hasShape() {
        return table.has("shape");
    }

    public void setShape(int[] shape) {
        Views.setInts(table, "shape", shape);
    }

    public int[] shapeSignature() {
        return Views.intsOrNull(table, "shape_signature");
    }

    /** Element count of the static shape, or -1 if a dimension is negative or the product overflows. */
    public long elementCount() {
        long n = 1;
        for (int d : shape()) {
            if (d < 0) {
                return -1;
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                return -1;
            }
        }
        return n;
    }

    public int bufferIndex() {
        return table.getInt("buffer");
    }

    public void setBufferIndex(int buffer) {
        table.set("buffer", (long) buffer);
    }

    public boolean isVariable() {
        return table.getBool("is_variable");
    }

    /** The quantization parameters, or null when the field is absent. */
    public Quantization quantization() {
        FbTable q = table.getTable("quantization");
        return q == null ? null : new Quantization(q);
    }

    /** The per-tensor scale, or 0 when there is none. */
    public float scale() {
        Quantization q = quantization();
        return q == null || q.scales().length == 0 ? 0f : q.scales()[0];
    }

    /** The per-tensor zero point, or 0 when there is none. */
    public long zeroPoint() {
        Quantization q = quantization();
        return q == null ? 0 : q.zeroPoint();
    }

    public void setQuantization(Quantization q) {
        table.set("quantization", q == null ? null : q.table());
    }

    public boolean isSparse() {
        return table.has("sparsity");
    }

    /** Name with index, the way error messages and reports refer to a tensor. */
    public String describe() {
        return "tensor " + index + " '" + name() + "'";
    }
}
