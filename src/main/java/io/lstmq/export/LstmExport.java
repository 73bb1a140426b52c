package io.lstmq.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.lstm.EffectiveScale;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.lstm.TflmLstmParameters;

/**
 * The constants of one integer LSTM as TFLite Micro's kernel uses them, ready to be written: per gate the int8
 * weights ({@code [cell][input]} and {@code [cell][output]}), the raw bias and the biases with the zero-point terms
 * folded in ({@link ZeroPointFolding}); every (multiplier, shift) pair of TFLM's Prepare; the cell-state power, the
 * quantized clip and the zero points; and the formats of the activations the kernel reads and writes.
 *
 * @param index       position among the model's LSTMs (subgraph by subgraph, in execution order), as inspect counts
 * @param operator    e.g. {@code subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM)}
 * @param dims        I, S, O
 * @param timeMajor   the operator's layout option
 * @param arrays      the weight and bias arrays
 * @param multipliers TFLM's pairs under inspect's names ({@code input_fc_forget}, ..., {@code output_mul})
 * @param scalars     zero points, cell-state power, quantized clip, activation width
 * @param activations formats of {@code input}, {@code hidden_state}, {@code cell_state},
 *                    {@code gate_pre_activation}, {@code gate_output}
 */
public record LstmExport(int index, String operator, LstmDims dims, boolean timeMajor, List<ExportArray> arrays,
        Map<String, EffectiveScale> multipliers, Map<String, Long> scalars, Map<String, ValueFormat> activations) {

    /** How the folded biases are computed, for the header comment and the manifests. */
    public static final String FOLDING_FORMULA = "input_to_X_folded_bias[s] = X_gate_bias[s] - input_zero_point * "
            + "sum_i input_to_X_weights[s][i]; recurrent_to_X_folded_bias[s] = -hidden_zero_point * "
            + "sum_j recurrent_to_X_weights[s][j]; TFLite Micro computes sum_i (x[i] - input_zero_point) * W[s][i] + "
            + "bias[s], which equals input_to_X_folded_bias[s] + sum_i x[i] * W[s][i] (int32 wrap-around with int8 "
            + "activations, int64 with int16)";

    /**
     * @throws LstmqException naming the operator when it is not an integer LSTM TFLite Micro can run
     */
    public static LstmExport of(int index, LstmOperator lstm) {
        if (!lstm.isInteger()) {
            throw new LstmqException(lstm.describe() + " is a " + (lstm.isFloat() ? "float" : "hybrid")
                    + " LSTM; export writes the constants of integer LSTMs (quantize the model first)");
        }
        LstmQuantization q;
        TflmLstmParameters p;
        LstmWeights w;
        try {
            q = lstm.quantization();
            p = TflmLstmParameters.of(q);
            w = lstm.weights();
        } catch (LstmqException e) {
            throw e.getMessage().startsWith(lstm.describe()) ? e
                    : new LstmqException(lstm.describe() + ": " + e.getMessage(), e);
        }
        return new LstmExport(index, lstm.describe(), w.dims(), lstm.timeMajor(), gateArrays(q, p, w),
                multipliers(p), scalars(w.dims(), q, p), activations(q));
    }

    /** Per gate: input and recurrent weights, the raw bias, and the two folded biases. */
    private static List<ExportArray> gateArrays(LstmQuantization q, TflmLstmParameters p, LstmWeights w) {
        LstmDims d = w.dims();
        boolean wide = q.activationBits() == 16;
        ElementType bias = wide ? ElementType.INT64 : ElementType.INT32;
        List<ExportArray> arrays = new ArrayList<>();
        for (Gate g : Gate.values()) {
            LstmWeights.GateWeights gw = w.gate(g);
            LstmQuantization.GateScales s = q.gate(g);
            // TFLite Micro reads the bias in the accumulator's scale, the float32 product of the two scales.
            float inputAccumulator = q.input().scale() * s.inputWeights();
            float recurrentAccumulator = q.outputState().scale() * s.recurrentWeights();
            String x = g.tfliteName();
            arrays.add(new ExportArray(g.inputWeights().tfliteName(), ElementType.INT8, new int[] {d.cell(), d.input()},
                    "[cell][input]", ValueFormat.affine(s.inputWeights(), 0, ElementType.INT8),
                    "slot " + g.inputWeights().index() + ", row-major", ExportArray.widen(gw.inputWeights())));
            arrays.add(new ExportArray(g.recurrentWeights().tfliteName(), ElementType.INT8,
                    new int[] {d.cell(), d.output()}, "[cell][output]",
                    ValueFormat.affine(s.recurrentWeights(), 0, ElementType.INT8),
                    "slot " + g.recurrentWeights().index() + ", row-major; multiplies the previous hidden state",
                    ExportArray.widen(gw.recurrentWeights())));
            arrays.add(new ExportArray(g.bias().tfliteName(), bias, new int[] {d.cell()}, "[cell]",
                    ValueFormat.affine(inputAccumulator, 0, bias),
                    "slot " + g.bias().index() + " as stored; TFLite Micro reads it in the input accumulator's "
                            + "scale input_scale*weight_scale", gw.bias().clone()));
            arrays.add(new ExportArray("input_to_" + x + "_folded_bias", bias, new int[] {d.cell()}, "[cell]",
                    ValueFormat.affine(inputAccumulator, 0, bias),
                    x + "_gate_bias - input_zero_point * rowsum(input_to_" + x + "_weights)",
                    ZeroPointFolding.fold(gw.inputWeights(), d.cell(), d.input(), gw.bias(), p.inputZeroPoint(), !wide)));
            arrays.add(new ExportArray("recurrent_to_" + x + "_folded_bias", bias, new int[] {d.cell()}, "[cell]",
                    ValueFormat.affine(recurrentAccumulator, 0, bias),
                    "-hidden_zero_point * rowsum(recurrent_to_" + x + "_weights)",
                    ZeroPointFolding.fold(gw.recurrentWeights(), d.cell(), d.output(), null, p.hiddenZeroPoint(),
                            !wide)));
        }
        return List.copyOf(arrays);
    }

    /** TFLite Micro's pairs in inspect's order: input FCs, recurrent FCs (forget, input, cell, output), then muls. */
    private static Map<String, EffectiveScale> multipliers(TflmLstmParameters p) {
        Map<String, EffectiveScale> m = new LinkedHashMap<>();
        for (Gate g : Gate.TFLM_ORDER) {
            m.put("input_fc_" + g.tfliteName(), p.gate(g).inputFc());
        }
        for (Gate g : Gate.TFLM_ORDER) {
            m.put("recurrent_fc_" + g.tfliteName(), p.gate(g).recurrentFc());
        }
        m.put("forget_cell_mul", p.forgetCellMul());
        m.put("input_mul", p.inputMul());
        m.put("output_mul", p.outputMul());
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, Long> scalars(LstmDims d, LstmQuantization q, TflmLstmParameters p) {
        Map<String, Long> m = new LinkedHashMap<>();
        m.put("input_size", (long) d.input());
        m.put("cell_size", (long) d.cell());
        m.put("output_size", (long) d.output());
        m.put("activation_bits", (long) q.activationBits());
        m.put("input_zero_point", (long) p.inputZeroPoint());
        m.put("hidden_zero_point", (long) p.hiddenZeroPoint());
        m.put("cell_state_scale_power", (long) p.cellStateScalePower());
        m.put("clips_cell", p.clipsCell() ? 1L : 0L);
        m.put("quantized_cell_clip", (long) p.quantizedCellClip());
        return Collections.unmodifiableMap(m);
    }

    private static Map<String, ValueFormat> activations(LstmQuantization q) {
        ElementType activation = q.activationBits() == 16 ? ElementType.INT16 : ElementType.INT8;
        Map<String, ValueFormat> m = new LinkedHashMap<>();
        m.put("input", ValueFormat.affine(q.input().scale(), q.input().zeroPoint(), activation));
        m.put("hidden_state", ValueFormat.affine(q.outputState().scale(), q.outputState().zeroPoint(), activation));
        m.put("cell_state", ValueFormat.affine(q.cellScale(), 0, ElementType.INT16));
        m.put("gate_pre_activation", ValueFormat.fixed(-TflmLstmParameters.GATE_SCALE_POWER, ElementType.INT16));
        m.put("gate_output", ValueFormat.fixed(15, ElementType.INT16));
        return Collections.unmodifiableMap(m);
    }
}
