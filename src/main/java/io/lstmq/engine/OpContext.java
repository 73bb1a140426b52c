package io.lstmq.engine;

import java.util.Arrays;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbTable;

/**
 * What a {@link KernelFactory} sees of the operator it prepares: its input tensors (already holding their storage
 * and final shape), its options, its intermediates, the interpreter's options, and the means to allocate its
 * outputs once their shapes are known. Messages name the operator by index and opcode.
 */
public final class OpContext {
    private final Model model;
    private final SubGraph subgraph;
    private final Operator operator;
    private final String opName;
    private final EngineTensor[] tensors;
    private final EngineOptions options;
    private final int[] inputs;
    private final int[] outputs;

    OpContext(Model model, SubGraph subgraph, Operator operator, String opName, EngineTensor[] tensors,
            EngineOptions options) {
        this.model = model;
        this.subgraph = subgraph;
        this.operator = operator;
        this.opName = opName;
        this.tensors = tensors;
        this.options = options;
        this.inputs = operator.inputs();
        this.outputs = operator.outputs();
    }

    /** The model the operator belongs to, for kernels that read it through a model-level view. */
    public Model model() {
        return model;
    }

    public SubGraph subgraph() {
        return subgraph;
    }

    /** Position of the operator in the execution order. */
    public int index() {
        return operator.index();
    }

    /** For example {@code subgraph 0, operator 2 (FULLY_CONNECTED v4)}. */
    public String describe() {
        return "subgraph " + subgraph.index() + ", operator " + operator.index() + " (" + opName + ")";
    }

    /** The builtin options table, or null when the operator has none. */
    public FbTable options() {
        return operator.builtinOptions();
    }

    public Numerics numerics() {
        return options.numerics();
    }

    /** The LSTM observer of this run, or null. */
    public LstmObserver observer() {
        return options.observer();
    }

    /** The range recorder of a calibrating run, or null. */
    public RangeRecorder recorder() {
        return options.recorder();
    }

    public int inputCount() {
        return inputs.length;
    }

    /** Input {@code i}, or null when the slot is absent ({@code -1}) or beyond the operator's input list. */
    public EngineTensor input(int i) {
        if (i >= inputs.length || inputs[i] < 0) {
            return null;
        }
        EngineTensor t = tensors[inputs[i]];
        if (t != null) {
            return t;
        }
        Tensor meta = subgraph.tensor(inputs[i]);
        if (meta.isVariable()) {
            // Only an LSTM's own state slots allocate a variable tensor (state()), after checking its size:
            // allocating one here would cost whatever memory its claimed shape asks for.
            throw unsupported("reading " + meta.describe() + ", a variable tensor of " + meta.elementCount()
                    + " values, as input " + i + " (variable tensors are supported as LSTM output and cell state)");
        }
        throw new LstmqException(describe() + " reads " + meta.describe()
                + " before any operator writes it and it is neither a graph input, a state nor a constant");
    }

    /**
     * Input {@code i} as a state tensor of {@code expectedValues} values: a state the interpreter has not allocated
     * yet is allocated only once its claimed shape agrees, so a damaged shape costs no memory.
     */
    public EngineTensor state(int i, String role, long expectedValues) {
        Tensor meta = i < inputs.length && inputs[i] >= 0 ? subgraph.tensor(inputs[i]) : null;
        EngineTensor t = meta == null ? null : tensors[meta.index()];
        boolean isState = t == null ? meta != null && meta.isVariable() : !t.isConstant();
        long values = t != null ? t.size() : meta == null ? -1 : meta.elementCount();
        if (!isState || values != expectedValues) {
            throw invalid("needs " + role + " (input " + i + ") to be a state tensor of " + expectedValues
                    + " values, not " + (t != null ? t.toString() : meta == null ? "absent" : meta.describe()
                    + (meta.isVariable() ? " of " + values + " values" : " (not a variable)")));
        }
        return t != null ? t : allocateState(meta);
    }

    private EngineTensor allocateState(Tensor meta) {
        EngineTensor t = EngineTensor.allocate(meta, meta.shape());
        tensors[meta.index()] = t;
        return t;
    }

    /** Input {@code i}, which the operator cannot do without. */
    public EngineTensor requireInput(int i, String role) {
        EngineTensor t = input(i);
        if (t == null) {
            throw invalid("has no " + role + " (input " + i + ")");
        }
        return t;
    }

    public int outputCount() {
        return outputs.length;
    }

    /** The model's description of output {@code i} (type, quantization, declared shape). */
    public Tensor outputMeta(int i) {
        return subgraph.tensor(outputIndex(i));
    }

    private int outputIndex(int i) {
        if (i >= outputs.length || outputs[i] < 0) {
            throw invalid("has no output " + i + " (it lists " + outputs.length + ")");
        }
        return outputs[i];
    }

    public DataType outputType(int i) {
        return outputMeta(i).type();
    }

    /**
     * Allocates output {@code i} with the shape the kernel computed (the runtime resizes outputs in Prepare, so the
     * declared shape may be a placeholder such as {@code []}).
     */
    public EngineTensor allocateOutput(int i, int[] shape) {
        int index = outputIndex(i);
        if (tensors[index] != null) {
            throw invalid("writes " + tensors[index].describe() + ", which already has a value (an input, a constant"
                    + " or another operator's output)");
        }
        Tensor meta = subgraph.tensor(index);
        EngineTensor t = EngineTensor.allocate(meta, shape);
        tensors[index] = t;
        return t;
    }

    /** Intermediate {@code k} of the operator (model metadata only; intermediates hold no values), or null. */
    public Tensor intermediate(int k) {
        int[] im = operator.intermediates();
        return k < im.length && im[k] >= 0 ? subgraph.tensor(im[k]) : null;
    }

    /** An error for an operator or type combination the engine does not run. */
    public LstmqException unsupported(String what) {
        return new LstmqException(describe() + ": " + what + " is not supported by the lstmq engine");
    }

    /** An error for an operator that breaks its own rules (wrong shapes, missing tensors). */
    public LstmqException invalid(String what) {
        return new LstmqException(describe() + " " + what);
    }

    /** Throws {@link #unsupported} unless {@code t} has one of the given types. */
    public void requireType(EngineTensor t, String role, DataType... allowed) {
        for (DataType a : allowed) {
            if (t.type() == a) {
                return;
            }
        }
        throw unsupported(role + " of type " + t.type().lowerName() + " (" + t.describe() + "; supported: "
                + Arrays.stream(allowed).map(DataType::lowerName).toList() + ")");
    }
}
