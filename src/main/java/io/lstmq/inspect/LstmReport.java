package io.lstmq.inspect;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.LstmqException;
import io.lstmq.lstm.CellStateFormat;
import io.lstmq.lstm.EffectiveScale;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.TfliteLstmParameters;
import io.lstmq.lstm.TflmLstmParameters;
import io.lstmq.model.Tensor;

/**
 * The gate-by-gate report of one LSTM operator: every slot's tensor and quantization, the cell-state format,
 * and every (multiplier, shift) pair as TFLite Micro and TFLite compute them in Prepare, under their own names.
 */
public final class LstmReport {
    private LstmReport() {}

    public static ObjectNode of(LstmOperator lstm) {
        ObjectNode o = Json.object();
        o.put("subgraph", lstm.subgraph().index());
        o.put("operator", lstm.operator().index());
        o.put("opcode", lstm.opcodeName());
        o.put("kind", lstm.isFloat() ? "float" : lstm.isHybrid() ? "hybrid"
                : lstm.inputType().lowerName().equals("int16") ? "integer 16x8" : "integer 8x8_16");
        o.put("variant", lstm.variant().describe());
        ObjectNode options = o.putObject("options");
        options.put("fused_activation_function", lstm.activation());
        options.put("cell_clip", lstm.cellClip());
        options.put("proj_clip", lstm.projClip());
        options.put("time_major", lstm.timeMajor());
        ArrayNode slots = o.putArray("slots");
        for (LstmSlot s : LstmSlot.values()) {
            ObjectNode n = slots.addObject().put("slot", s.index()).put("name", s.tfliteName());
            describe(n, lstm.slot(s));
        }
        ArrayNode intermediates = o.putArray("intermediates");
        for (int k = 0; k < lstm.intermediateCount(); k++) {
            ObjectNode n = intermediates.addObject().put("index", k)
                    .put("name", LstmSlot.Intermediate.values().length > k ? LstmSlot.Intermediate.values()[k].mlirName()
                            : "intermediate_" + k);
            describe(n, lstm.intermediate(k));
        }
        if (!lstm.isInteger()) {
            return o;
        }
        LstmQuantization q;
        try {
            q = lstm.quantization();
        } catch (LstmqException e) {
            o.put("error", e.getMessage());
            return o;
        }
        CellStateFormat cell = q.cellStateFormat();
        o.putObject("cell_state_format").put("scale", cell.scale()).put("power", cell.power())
                .put("power_of_two", cell.exactPowerOfTwo()).put("tflite_accepts", cell.tfliteAccepts())
                .put("explanation", cell.explanation());
        o.set("tflm", tflm(q));
        o.set("tflite", tflite(q));
        return o;
    }

    private static void describe(ObjectNode n, Tensor t) {
        if (t == null) {
            n.putNull("tensor");
            return;
        }
        n.put("tensor", t.index()).put("tensor_name", t.name()).put("dtype", t.type().lowerName());
        n.set("shape", Json.of(t.shape()));
        if (t.quantization() != null && t.quantization().hasScale()) {
            if (t.quantization().isPerChannel()) {
                n.set("scales", Json.of(t.quantization().scales()));
            } else {
                n.put("scale", t.scale()).put("zero_point", t.zeroPoint());
            }
        }
    }

    /** TFLite Micro's names: per gate input_fc and recurrent_fc, then the three element-wise multiplies. */
    private static ObjectNode tflm(LstmQuantization q) {
        ObjectNode o = Json.object();
        TflmLstmParameters p;
        try {
            p = TflmLstmParameters.of(q);
        } catch (LstmqException e) {
            return o.put("error", e.getMessage());
        }
        ObjectNode inputFc = o.putObject("input_fc");
        ObjectNode recurrentFc = o.putObject("recurrent_fc");
        for (Gate g : Gate.TFLM_ORDER) {
            inputFc.set(g.tfliteName(), pair(p.gate(g).inputFc()));
            recurrentFc.set(g.tfliteName(), pair(p.gate(g).recurrentFc()));
        }
        o.set("forget_cell_mul", pair(p.forgetCellMul()));
        o.set("input_mul", pair(p.inputMul()));
        o.set("output_mul", pair(p.outputMul()));
        o.put("cell_state_scale_power", p.cellStateScalePower());
        o.put("quantized_cell_clip", p.quantizedCellClip());
        o.put("input_zero_point", p.inputZeroPoint());
        o.put("hidden_zero_point", p.hiddenZeroPoint());
        return o;
    }

    /** TFLite's names from IntegerLstmParameter (the _a/_b suffixes are multiplier and shift). */
    private static ObjectNode tflite(LstmQuantization q) {
        ObjectNode o = Json.object();
        if (q.activationBits() != 8) {
            return o.put("error", "TFLite has no LSTM kernel with " + q.activationBits() + "-bit activations");
        }
        TfliteLstmParameters p;
        try {
            p = TfliteLstmParameters.of(q);
        } catch (LstmqException e) {
            return o.put("error", e.getMessage());
        }
        for (Map.Entry<String, EffectiveScale> e : p.multipliers().entrySet()) {
            o.set(e.getKey(), pair(e.getValue()));
        }
        for (Map.Entry<String, Integer> e : p.scalars().entrySet()) {
            o.put(e.getKey(), e.getValue());
        }
        return o;
    }

    private static ObjectNode pair(EffectiveScale s) {
        return Json.object().put("multiplier", s.multiplier().multiplier()).put("shift", s.multiplier().shift())
                .put("effective_scale", s.scale());
    }
}
