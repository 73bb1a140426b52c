package io.lstmq.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.lstmq.model.fb.FbScalarVector;
import io.lstmq.model.fb.FbString;
import io.lstmq.model.fb.FbTable;
import io.lstmq.model.fb.Schema;

/**
 * Builds a one-subgraph model from scratch, the way TFLite's converter lays one out: buffer 0 empty, one buffer
 * per tensor (empty for activations and state), operator codes appended on first use.
 */
public final class ModelBuilder {
    private final FbTable root = new FbTable(Views.def("Model"));
    private final Model model = new Model(root, Buffer.ExternalData.NONE);
    private final SubGraph subgraph;

    public ModelBuilder(String description) {
        root.set("version", 3L);
        root.set("operator_codes", new ArrayList<FbTable>());
        root.set("description", FbString.of(description));
        FbTable sg = new FbTable(Views.def("SubGraph"));
        sg.set("tensors", new ArrayList<FbTable>());
        sg.set("operators", new ArrayList<FbTable>());
        sg.set("name", FbString.of("main"));
        List<FbTable> subgraphs = new ArrayList<>();
        subgraphs.add(sg);
        root.set("subgraphs", subgraphs);
        root.set("buffers", new ArrayList<FbTable>());
        model.addBuffer(null);
        subgraph = new SubGraph(sg, 0);
    }

    /** A new options table of the named schema type (e.g. "FullyConnectedOptions"). */
    public static FbTable options(String table) {
        return new FbTable(Schema.tflite().table(table));
    }

    /** Adds a tensor; {@code data} null means no constant data (its buffer is empty). Returns its index. */
    public int tensor(String name, DataType type, int[] shape, ByteBuffer data, Quantization q, boolean variable) {
        FbTable t = new FbTable(Views.def("Tensor"));
        t.set("name", FbString.of(name));
        t.set("type", (long) type.code());
        t.set("shape", FbScalarVector.ofInts(shape));
        t.set("buffer", (long) model.addBuffer(data));
        if (q != null) {
            t.set("quantization", q.table());
        }
        if (variable) {
            t.set("is_variable", 1L);
        }
        return subgraph.addTensor(t).index();
    }

    public int activation(String name, DataType type, int... shape) {
        return tensor(name, type, shape, null, null, false);
    }

    public int constant(String name, int[] shape, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return tensor(name, DataType.FLOAT32, shape, b, null, false);
    }

    public int constant(String name, int[] shape, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return tensor(name, DataType.INT32, shape, b, null, false);
    }

    /** Appends an operator at the end of the execution order. */
    public Operator operator(int builtinCode, int version, int[] inputs, int[] outputs, FbTable options) {
        Operator op = Operator.create(model.operatorCodeIndex(builtinCode, version), inputs, outputs);
        if (options != null) {
            op.setBuiltinOptions(options);
        }
        subgraph.insertOperator(subgraph.operators().size(), op);
        return op;
    }

    public void inputs(int... tensors) {
        subgraph.setInputs(tensors);
    }

    public void outputs(int... tensors) {
        subgraph.setOutputs(tensors);
    }

    public Model model() {
        return model;
    }
}
