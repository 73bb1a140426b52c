package io.lstmq.lstm;

import java.util.EnumSet;
import java.util.Set;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.fb.FbTable;
import io.lstmq.schema.BuiltinOperator;

/**
 * One LSTM or UNIDIRECTIONAL_SEQUENCE_LSTM operator of a model, seen through the slot table: which tensor fills
 * each slot, the variant, the options, and the quantization Prepare reads. The one bridge between the model
 * classes and the LSTM numerics, used by inspect, the engine and the exporters alike.
 */
public final class LstmOperator {
    private final Model model;
    private final SubGraph subgraph;
    private final Operator op;
    private final int builtinCode;
    private final Tensor[] slots = new Tensor[LstmSlot.COUNT];
    private final Tensor[] intermediates;

    private LstmOperator(Model model, SubGraph subgraph, Operator op, int builtinCode) {
        this.model = model;
        this.subgraph = subgraph;
        this.op = op;
        this.builtinCode = builtinCode;
        int[] in = op.inputs();
        // Every reader of an LSTM starts from its input and its output; one without them is no LSTM at all.
        if (in.length == 0 || in[LstmSlot.INPUT.index()] < 0) {
            throw new LstmqException(describe() + " has no input tensor (input 0)");
        }
        if (op.outputs().length != 1 || op.outputs()[0] < 0) {
            throw new LstmqException(describe() + " has " + op.outputs().length + " outputs; an LSTM has exactly one");
        }
        for (int i = 0; i < Math.min(in.length, LstmSlot.COUNT); i++) {
            slots[i] = in[i] < 0 ? null : subgraph.tensor(in[i]);
        }
        int[] im = op.intermediates();
        intermediates = new Tensor[im.length];
        for (int i = 0; i < im.length; i++) {
            intermediates[i] = subgraph.tensor(im[i]);
        }
    }

    public static boolean isLstm(int builtinCode) {
        return builtinCode == BuiltinOperator.LSTM || builtinCode == BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM;
    }

    /** The LSTM operators of a subgraph, in execution order. */
    public static java.util.List<LstmOperator> in(Model model, SubGraph subgraph) {
        java.util.List<LstmOperator> out = new java.util.ArrayList<>();
        for (Operator op : subgraph.operators()) {
            int code = model.operatorCodes().get(op.opcodeIndex()).builtinCode();
            if (isLstm(code)) {
                out.add(new LstmOperator(model, subgraph, op, code));
            }
        }
        return out;
    }

    public Operator operator() {
        return op;
    }

    public SubGraph subgraph() {
        return subgraph;
    }

    public Model model() {
        return model;
    }

    public boolean isSequence() {
        return builtinCode == BuiltinOperator.UNIDIRECTIONAL_SEQUENCE_LSTM;
    }

    public String opcodeName() {
        return isSequence() ? "UNIDIRECTIONAL_SEQUENCE_LSTM" : "LSTM";
    }

    /** "subgraph 0, operator 3 (UNIDIRECTIONAL_SEQUENCE_LSTM)", the way messages name the operator. */
    public String describe() {
        return "subgraph " + subgraph.index() + ", operator " + op.index() + " (" + opcodeName() + ")";
    }

    public int inputCount() {
        return op.inputs().length;
    }

    /** The tensor in a slot, or null when the slot is absent (-1) or beyond the operator's inputs. */
    public Tensor slot(LstmSlot s) {
        return slots[s.index()];
    }

    public Tensor output() {
        return subgraph.tensor(op.outputs()[0]);
    }

    /** Intermediate k, or null when the operator has fewer. */
    public Tensor intermediate(int k) {
        return k < intermediates.length ? intermediates[k] : null;
    }

    public int intermediateCount() {
        return intermediates.length;
    }

    /**
     * The parameter slots whose tensor has no constant data (it is computed by another operator or by nothing).
     * Integer kernels read the weights and biases in Prepare, before any operator has run.
     */
    public java.util.List<LstmSlot> parametersWithoutData() {
        java.util.List<LstmSlot> out = new java.util.ArrayList<>();
        for (LstmSlot s : LstmSlot.values()) {
            Tensor t = slots[s.index()];
            if (s.isParameter() && t != null && t.elementCount() != 0 && !model.data(t).hasRemaining()) {
                out.add(s);
            }
        }
        return out;
    }

    public LstmVariant variant() {
        return LstmVariant.fromPresentSlots(presentSlots());
    }

    /**
     * Why the full (20- or 24-input) kernels cannot run this operator's slots, or null when they can (see
     * {@link LstmVariant#inconsistency}); the 5-input basic kernel has a layout of its own and is not judged.
     */
    public String slotInconsistency() {
        return inputCount() == 5 ? null : LstmVariant.inconsistency(presentSlots());
    }

    private Set<LstmSlot> presentSlots() {
        Set<LstmSlot> present = EnumSet.noneOf(LstmSlot.class);
        for (LstmSlot s : LstmSlot.values()) {
            if (slots[s.index()] != null) {
                present.add(s);
            }
        }
        return present;
    }

    /**
     * The operator's options, or null when it has none or they are a table of another operator: TFLite ignores
     * options of the wrong type, and so does lstmq.
     */
    public FbTable options() {
        FbTable o = op.builtinOptions();
        String expected = isSequence() ? "UnidirectionalSequenceLSTMOptions" : "LSTMOptions";
        return o != null && o.def().name().equals(expected) ? o : null;
    }

    public float cellClip() {
        return options() == null ? 0f : options().getFloat("cell_clip");
    }

    public float projClip() {
        return options() == null ? 0f : options().getFloat("proj_clip");
    }

    public boolean timeMajor() {
        return isSequence() && options() != null && options().getBool("time_major");
    }

    /** The fused activation code (TANH = 4 in practice). */
    public int activation() {
        return options() == null ? 0 : options().getInt("fused_activation_function");
    }

    public DataType inputType() {
        return slot(LstmSlot.INPUT).type();
    }

    /** Float activations and float weights. */
    public boolean isFloat() {
        return inputType() == DataType.FLOAT32 && weightType() == DataType.FLOAT32;
    }

    /** Float activations with integer (dynamic-range) weights. */
    public boolean isHybrid() {
        return inputType() == DataType.FLOAT32 && weightType() != DataType.FLOAT32;
    }

    /** Integer activations: 8x8_16 (int8) or 16x8 (int16). */
    public boolean isInteger() {
        return inputType() == DataType.INT8 || inputType() == DataType.INT16;
    }

    private DataType weightType() {
        Tensor w = slot(LstmSlot.INPUT_TO_FORGET_WEIGHTS);
        return w == null ? null : w.type();
    }

    /**
     * What Prepare reads: float32 scales and zero points of the quantized operator.
     * @throws LstmqException naming the tensor when a quantized tensor lacks its per-tensor parameters
     */
    public LstmQuantization quantization() {
        if (!isInteger()) {
            throw new LstmqException(describe() + " is not an integer LSTM (input is " + inputType().lowerName() + ")");
        }
        LstmQuantization.Builder b = LstmQuantization.builder();
        b.input(scaleOf(slot(LstmSlot.INPUT), "input"));
        b.outputState(scaleOf(slot(LstmSlot.OUTPUT_STATE), "output state"));
        b.output(scaleOf(output(), "output"));
        b.cellScale(scaleOf(slot(LstmSlot.CELL_STATE), "cell state").scale());
        for (Gate g : Gate.values()) {
            b.gate(g, new LstmQuantization.GateScales(scaleOrOne(g.inputWeights()), scaleOrOne(g.recurrentWeights()),
                    g.hasPeephole() ? scaleOrOne(g.peephole()) : 1f, scaleOrOne(g.layerNormCoefficients())));
        }
        b.projectionScale(scaleOrOne(LstmSlot.PROJECTION_WEIGHTS));
        for (LstmSlot.Intermediate k : LstmSlot.Intermediate.values()) {
            Tensor t = intermediate(k.index());
            if (t != null && t.quantization() != null && t.quantization().hasScale()) {
                b.intermediate(k, new TensorScale(t.scale(), (int) t.zeroPoint()));
            }
        }
        b.cellClip(cellClip()).projClip(projClip());
        boolean int16 = inputType() == DataType.INT16;
        b.bits(int16 ? 16 : 8, 8, int16 ? 64 : 32);
        b.variant(variant());
        return b.build();
    }

    /** I, S, O from the weight shapes: input weights [S, I], recurrent weights [S, O]. */
    public LstmDims dims() {
        Tensor w = slot(LstmSlot.INPUT_TO_FORGET_WEIGHTS);
        Tensor r = slot(LstmSlot.RECURRENT_TO_FORGET_WEIGHTS);
        if (w == null || r == null || w.shape().length != 2 || r.shape().length != 2) {
            throw new LstmqException(describe() + ": input_to_forget_weights and recurrent_to_forget_weights must be "
                    + "present and of rank 2");
        }
        return new LstmDims(w.shape()[1], w.shape()[0], r.shape()[1]);
    }

    /** The integer constants as flat arrays (copied out of the model buffers once). */
    public LstmWeights weights() {
        if (!isInteger()) {
            throw new LstmqException(describe() + " is not an integer LSTM");
        }
        java.util.List<LstmWeights.GateWeights> gates = new java.util.ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new LstmWeights.GateWeights(bytes(g.inputWeights()), bytes(g.recurrentWeights()),
                    g.hasPeephole() ? shorts(g.peephole()) : null, shorts(g.layerNormCoefficients()), longs(g.bias())));
        }
        long[] projectionBias = longs(LstmSlot.PROJECTION_BIAS);
        int[] pb = null;
        if (projectionBias != null) {
            pb = new int[projectionBias.length];
            for (int i = 0; i < pb.length; i++) {
                pb[i] = Math.toIntExact(projectionBias[i]);
            }
        }
        return new LstmWeights(dims(), gates, bytes(LstmSlot.PROJECTION_WEIGHTS), pb);
    }

    private java.nio.ByteBuffer data(LstmSlot s, DataType expected) {
        Tensor t = slot(s);
        if (t == null) {
            return null;
        }
        if (t.type() != expected) {
            throw new LstmqException(describe() + ": " + s.tfliteName() + " " + t.describe() + " is "
                    + t.type().lowerName() + ", expected " + expected.lowerName());
        }
        java.nio.ByteBuffer b = model.data(t);
        if (b.remaining() == 0) {
            throw new LstmqException(describe() + ": " + s.tfliteName() + " " + t.describe() + " has no data");
        }
        return b;
    }

    private byte[] bytes(LstmSlot s) {
        java.nio.ByteBuffer b = data(s, DataType.INT8);
        if (b == null) {
            return null;
        }
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private short[] shorts(LstmSlot s) {
        java.nio.ByteBuffer b = data(s, DataType.INT16);
        if (b == null) {
            return null;
        }
        short[] out = new short[b.remaining() / 2];
        b.duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(out);
        return out;
    }

    /** Biases: int32 in 8-bit-activation LSTMs, int64 in 16x8 ones. */
    private long[] longs(LstmSlot s) {
        Tensor t = slot(s);
        if (t == null) {
            return null;
        }
        java.nio.ByteBuffer b = data(s, t.type() == DataType.INT64 ? DataType.INT64 : DataType.INT32)
                .duplicate().order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / (t.type() == DataType.INT64 ? 8 : 4)];
        for (int i = 0; i < out.length; i++) {
            out[i] = t.type() == DataType.INT64 ? b.getLong(i * 8) : b.getInt(i * 4);
        }
        return out;
    }

    private float scaleOrOne(LstmSlot s) {
        Tensor t = slot(s);
        return t == null ? 1f : scaleOf(t, s.tfliteName()).scale();
    }

    private TensorScale scaleOf(Tensor t, String what) {
        if (t == null) {
            throw new LstmqException(describe() + ": " + what + " is absent");
        }
        if (t.quantization() == null || !t.quantization().hasScale()) {
            throw new LstmqException(describe() + ": " + what + " " + t.describe() + " has no quantization");
        }
        if (t.quantization().isPerChannel()) {
            throw new LstmqException(describe() + ": " + what + " " + t.describe()
                    + " is quantized per channel; LSTM kernels read one scale per tensor");
        }
        return new TensorScale(t.scale(), (int) t.zeroPoint());
    }
}
