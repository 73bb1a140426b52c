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

    public LstmVariant variant() {
        Set<LstmSlot> present = EnumSet.noneOf(LstmSlot.class);
        for (LstmSlot s : LstmSlot.values()) {
            if (slots[s.index()] != null) {
                present.add(s);
            }
        }
        return LstmVariant.fromPresentSlots(present);
    }

    public FbTable options() {
        return op.builtinOptions();
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
