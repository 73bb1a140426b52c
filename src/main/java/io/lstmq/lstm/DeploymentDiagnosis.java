package io.lstmq.lstm;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.OperatorCode;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;
import io.lstmq.model.UnwrittenReads;
import io.lstmq.schema.BuiltinOperator;

/**
 * Whether a model can run as an integer model on TFLite Micro, and if not, why, in plain words: float or hybrid
 * LSTMs, no fused LSTM at all, variants TFLM rejects, wrong types or intermediates, per-channel LSTM weights, a
 * cell scale that is not a power of two, float operators around the LSTM.
 */
public final class DeploymentDiagnosis {
    /** One finding; a blocker stops TFLM from running the model as integer. */
    public record Finding(boolean blocker, String where, String message) {
        @Override
        public String toString() {
            return (blocker ? "" : "note: ") + where + ": " + message;
        }
    }

    private final List<Finding> findings = new ArrayList<>();

    private DeploymentDiagnosis() {}

    public static List<Finding> of(Model model) {
        DeploymentDiagnosis d = new DeploymentDiagnosis();
        d.run(model);
        return d.findings;
    }

    public static boolean tflmIntegerReady(List<Finding> findings) {
        return findings.stream().noneMatch(Finding::blocker);
    }

    private void run(Model model) {
        List<OperatorCode> codes = model.operatorCodes();
        int lstms = 0;
        boolean loops = false;
        String tensorListOp = null;
        for (SubGraph sg : model.subgraphs()) {
            lstms += LstmOperator.in(model, sg).size();
            for (Operator op : sg.operators()) {
                OperatorCode c = codes.get(op.opcodeIndex());
                loops |= c.builtinCode() == BuiltinOperator.WHILE;
                if (c.name().contains("TensorList")) {
                    tensorListOp = c.name();
                }
            }
        }
        if (lstms == 0) {
            String why = tensorListOp != null ? "its recurrence uses TensorList operators (" + tensorListOp + ")"
                    : loops ? "its recurrence is an unrolled WHILE loop" : "it has no LSTM operator at all";
            blocker("model", "no fused LSTM: " + why + ". Re-export with a fixed batch size and sequence length "
                    + "(e.g. tf.keras Input(batch_size=1) and a concrete function), so TensorFlow's converter fuses "
                    + "the layer into UNIDIRECTIONAL_SEQUENCE_LSTM");
        }
        for (UnwrittenReads.Read read : UnwrittenReads.of(model)) {
            blocker(read.describe(), "the tensor has no data, is not a graph input nor a state, and no operator "
                    + "writes it");
        }
        for (SubGraph sg : model.subgraphs()) {
            scales(sg);
            for (LstmOperator lstm : LstmOperator.in(model, sg)) {
                lstm(lstm);
            }
            otherOperators(model, sg);
        }
    }

    /** A scale that is not a positive finite number makes every multiplier derived from it meaningless. */
    private void scales(SubGraph sg) {
        for (Tensor t : sg.tensors()) {
            if (t.quantization() == null || !t.quantization().hasScale()) {
                continue;
            }
            for (float s : t.quantization().scales()) {
                if (!(s > 0 && Float.isFinite(s))) {
                    blocker("subgraph " + sg.index() + ", " + t.describe(), "scale " + s
                            + " is not a positive finite number");
                    break;
                }
            }
        }
    }

    private void lstm(LstmOperator lstm) {
        String where = lstm.describe();
        if (lstm.slotInconsistency() != null) {
            blocker(where, lstm.slotInconsistency());
            return;
        }
        if (lstm.isFloat()) {
            blocker(where, "float LSTM; TFLite Micro runs only integer LSTMs: run lstmq convert with calibration data");
            return;
        }
        if (lstm.isHybrid()) {
            blocker(where, "hybrid LSTM (int8 weights, float activations); TFLite Micro has no hybrid LSTM kernel: "
                    + "run lstmq convert with calibration data");
            return;
        }
        if (!lstm.isInteger()) {
            blocker(where, "input type " + lstm.inputType().lowerName() + " is not supported by any LSTM kernel");
            return;
        }
        if (!lstm.isSequence()) {
            blocker(where, "TFLite Micro has no LSTM (single step) kernel, only UNIDIRECTIONAL_SEQUENCE_LSTM");
        }
        if (lstm.inputCount() != LstmSlot.COUNT) {
            blocker(where, lstm.inputCount() + " inputs; TFLite Micro needs exactly 24");
        }
        for (LstmSlot s : lstm.parametersWithoutData()) {
            blocker(where, s.tfliteName() + " (" + lstm.slot(s).describe() + ") has no data; the integer LSTM kernels "
                    + "read their weights and biases as constants");
        }
        LstmVariant v = lstm.variant();
        if (!v.equals(LstmVariant.STANDARD)) {
            blocker(where, v.describe() + " LSTM; TFLite Micro runs only the standard variant (no CIFG, peephole, "
                    + "projection or layer norm)");
        }
        for (String mismatch : LstmTypes.mismatches(lstm)) {
            blocker(where, mismatch);
        }
        for (LstmSlot s : LstmSlot.values()) {
            Tensor t = lstm.slot(s);
            if (t == null) {
                continue;
            }
            if (t.quantization() != null && t.quantization().isPerChannel()) {
                blocker(where, s.tfliteName() + " (" + t.describe() + ") is quantized per channel; the LSTM kernels "
                        + "read one scale per tensor (TFLite Micro would use an uninitialised multiplier)");
            }
            if (s.kind() == LstmSlot.Kind.STATE && !t.isVariable()) {
                blocker(where, s.tfliteName() + " (" + t.describe() + ") is not a variable tensor");
            }
        }
        DataType act = lstm.inputType();
        try {
            CellStateFormat f = lstm.quantization().cellStateFormat();
            if (!f.exactPowerOfTwo()) {
                blocker(where, f.explanation());
            } else if (!f.tfliteAccepts()) {
                note(where, f.explanation());
            }
        } catch (LstmqException e) {
            blocker(where, e.getMessage());
        }
        if (act == DataType.INT8) {
            if (lstm.intermediateCount() != 5) {
                note(where, lstm.intermediateCount() + " intermediates; TFLite needs 5 for an int8 LSTM (TFLite Micro "
                        + "ignores them)");
            } else if (lstm.intermediate(4).quantization() == null || !lstm.intermediate(4).quantization().hasScale()) {
                note(where, "intermediate 4 (effective hidden scale) has no quantization; TFLite's Prepare fails "
                        + "(TFLite Micro ignores it)");
            }
        } else {
            note(where, "int16 activations (16x8): TFLite Micro runs it; TFLite has no such LSTM kernel");
        }
    }

    /** Operators that still compute in float keep the model from being fully integer. */
    private void otherOperators(Model model, SubGraph sg) {
        List<OperatorCode> codes = model.operatorCodes();
        for (Operator op : sg.operators()) {
            OperatorCode c = codes.get(op.opcodeIndex());
            if (LstmOperator.isLstm(c.builtinCode()) || c.builtinCode() == BuiltinOperator.QUANTIZE
                    || c.builtinCode() == BuiltinOperator.DEQUANTIZE) {
                continue;
            }
            for (int out : op.outputs()) {
                if (out >= 0 && sg.tensor(out).type() == DataType.FLOAT32) {
                    blocker("subgraph " + sg.index() + ", operator " + op.index() + " (" + c.name() + ")",
                            "computes in float32");
                    break;
                }
            }
        }
    }

    private void blocker(String where, String message) {
        findings.add(new Finding(true, where, message));
    }

    private void note(String where, String message) {
        findings.add(new Finding(false, where, message));
    }
}
