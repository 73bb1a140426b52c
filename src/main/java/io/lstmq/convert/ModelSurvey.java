package io.lstmq.convert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * What lstmq finds in a model before converting it: its LSTM operators, what kind of model it is, and the
 * reasons it cannot be converted at all (no LSTM, an unfused or bidirectional LSTM, control flow, the basic
 * 5-input kernel, mixed kinds). Each refusal says what was found and what the user can do.
 */
public final class ModelSurvey {
    /** Inputs of the "basic" LSTM kernel, which has no integer version. */
    private static final int BASIC_LSTM_INPUTS = 5;
    /** An unrolled LSTM cell needs at least a sigmoid, a tanh and the products of the gates. */
    private static final int UNROLLED_CELL_OPS = 3;

    /** The kind of model, decided by its LSTM operators. */
    public enum Kind {
        /** Float weights and activations, no recorded ranges: needs calibration data. */
        FLOAT("float"),
        /** Float, with min/max recorded on the activations by a calibrator: quantizable as is. */
        CALIBRATED("calibrated float"),
        /** Dynamic range: int8 weights, float activations. */
        HYBRID("hybrid (int8 weights, float activations)"),
        /** Integer activations already. */
        INTEGER("integer");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One LSTM operator as found, and the kind it was classified as before any change to the model. */
    public record LstmOp(LstmOperator op, Kind kind) {
        public String describe() {
            return op.describe();
        }
    }

    private final Kind kind;
    private final List<LstmOp> lstms;

    private ModelSurvey(Kind kind, List<LstmOp> lstms) {
        this.kind = kind;
        this.lstms = lstms;
    }

    /** @throws LstmqException when the model cannot be converted, saying what was found and what to do */
    public static ModelSurvey of(Model model, String file) {
        List<SubGraph> subgraphs = model.subgraphs();
        if (subgraphs.isEmpty()) {
            throw new LstmqException(file + ": the model has no subgraphs, so nothing to convert");
        }
        Map<String, Integer> counts = opCounts(model);
        List<LstmOperator> found = new ArrayList<>();
        for (SubGraph sg : subgraphs) {
            found.addAll(LstmOperator.in(model, sg));
        }
        if (found.isEmpty()) {
            throw noLstm(file, counts);
        }
        if (subgraphs.size() > 1) {
            throw new LstmqException(file + ": the model has " + subgraphs.size() + " subgraphs (control flow or "
                    + "several signatures); lstmq converts single-subgraph models");
        }
        List<LstmOp> lstms = new ArrayList<>();
        Kind kind = null;
        for (LstmOperator l : found) {
            if (l.inputCount() == BASIC_LSTM_INPUTS) {
                throw new LstmqException(file + ": " + l.describe() + " is the 5-input 'basic' LSTM kernel, "
                        + "which has no integer version in TFLite or TFLite Micro; re-export the model with the "
                        + "full 24-input LSTM (the default of TensorFlow's converter)");
            }
            if (l.slotInconsistency() != null) {
                throw new LstmqException(file + ": " + l.describe() + ": " + l.slotInconsistency());
            }
            Kind k = kindOf(l);
            if (kind != null && k != kind) {
                throw new LstmqException(file + ": the LSTM operators disagree: " + lstms.get(0).describe() + " is "
                        + kind.label() + ", " + l.describe() + " is " + k.label()
                        + "; convert a model whose LSTMs are all float, all calibrated or all hybrid");
            }
            kind = k;
            lstms.add(new LstmOp(l, k));
        }
        return new ModelSurvey(kind, List.copyOf(lstms));
    }

    public Kind kind() {
        return kind;
    }

    public List<LstmOp> lstms() {
        return lstms;
    }

    private static Kind kindOf(LstmOperator l) {
        if (l.isInteger() || l.inputType() != DataType.FLOAT32) {
            return Kind.INTEGER;
        }
        if (l.isHybrid()) {
            return Kind.HYBRID;
        }
        return hasRange(l.slot(LstmSlot.INPUT)) && hasRange(l.output()) ? Kind.CALIBRATED : Kind.FLOAT;
    }

    private static boolean hasRange(Tensor t) {
        return t.quantization() != null && t.quantization().min().length > 0 && t.quantization().max().length > 0;
    }

    private static LstmqException noLstm(String file, Map<String, Integer> counts) {
        String found = counts.isEmpty() ? "no operators" : counts.toString().replace("{", "").replace("}", "")
                .replace("=", " x");
        String what;
        if (counts.containsKey("BIDIRECTIONAL_SEQUENCE_LSTM")) {
            what = "a BIDIRECTIONAL_SEQUENCE_LSTM, which has no integer kernel in TFLite or TFLite Micro; export "
                    + "the two directions as UNIDIRECTIONAL_SEQUENCE_LSTM layers (the backward one on reversed input)";
        } else if (counts.containsKey("WHILE")) {
            what = "no LSTM operator but a WHILE loop, which is how an unfused LSTM is exported (its steps run in "
                    + "the loop); re-export it with a fixed batch size and sequence length from a standard Keras LSTM "
                    + "layer, which TensorFlow's converter fuses into UNIDIRECTIONAL_SEQUENCE_LSTM";
        } else if (counts.getOrDefault("LOGISTIC", 0) + counts.getOrDefault("TANH", 0)
                + counts.getOrDefault("MUL", 0) >= UNROLLED_CELL_OPS && counts.containsKey("LOGISTIC")
                && counts.containsKey("TANH")) {
            what = "what looks like an unfused (unrolled) LSTM built from LOGISTIC, TANH and MUL operators; "
                    + "re-export it with a fused LSTM (a standard Keras LSTM layer without unroll=True)";
        } else {
            what = "no LSTM operator; lstmq converts models with LSTM or UNIDIRECTIONAL_SEQUENCE_LSTM";
        }
        return new LstmqException(file + ": found " + what + " (operators: " + found + ")");
    }

    private static Map<String, Integer> opCounts(Model model) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (SubGraph sg : model.subgraphs()) {
            for (Operator op : sg.operators()) {
                counts.merge(model.operatorCodes().get(op.opcodeIndex()).name(), 1, Integer::sum);
            }
        }
        return counts;
    }
}
