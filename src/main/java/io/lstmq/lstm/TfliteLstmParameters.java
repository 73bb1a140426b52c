package io.lstmq.lstm;

import io.lstmq.LstmqException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What TFLite's {@code PopulateQuantizedLstmParams8x8_16} computes (spec §3.3), with TFLite's names. Every
 * effective scale is a float32 computed with float32 operations, except the peephole and hidden scales which
 * are computed in double and then rounded to float32; QuantizeMultiplier then sees the float promoted to
 * double. Without layer norm the gate accumulators are Q3.12 (2^-12) and intermediates 0..3 are ignored.
 *
 * <p>Only the pairs the kernel reads are kept: TFLite also fills unused ones from the default scale 1.0,
 * but no kernel path reads them.
 */
public final class TfliteLstmParameters {
    private static final float GATE_SCALE_WITHOUT_LAYER_NORM = 0x1p-12f;

    /**
     * One gate's parameters.
     *
     * @param accumulatorScale isc[k]: the intermediate scale with layer norm, else 2^-12
     * @param inputToGate      effective_input_to_X_scale
     * @param recurrentToGate  effective_recurrent_to_X_scale
     * @param cellToGate       effective_cell_to_X_scale, or null without peephole (and for the cell gate)
     * @param layerNorm        layer_norm_X_scale, or null without layer norm
     * @param varianceGuard    X_variance_guard (used with layer norm only)
     */
    public record GateParameters(float accumulatorScale, EffectiveScale inputToGate, EffectiveScale recurrentToGate,
            EffectiveScale cellToGate, EffectiveScale layerNorm, int varianceGuard) {}

    private final LstmVariant variant;
    private final Map<Gate, GateParameters> gates;
    private final EffectiveScale hidden;
    private final EffectiveScale projection;
    private final int hiddenZeroPoint;
    private final CellStateFormat cellFormat;
    private final int quantizedCellClip;
    private final int quantizedProjClip;
    private final int inputZeroPoint;
    private final int outputStateZeroPoint;

    private TfliteLstmParameters(LstmQuantization q) {
        if (q.activationBits() != 8 || q.weightBits() != 8 || q.biasBits() != 32) {
            throw new LstmqException("TFLite has an integer LSTM kernel only for 8x8_16 (int8 activations and "
                    + "weights, int32 bias); this LSTM has " + q.activationBits() + "-bit activations, "
                    + q.weightBits() + "-bit weights and " + q.biasBits() + "-bit bias");
        }
        variant = q.variant();
        cellFormat = CellStateFormat.of(q.cellScale());
        if (!cellFormat.log2NearInteger()) {
            throw new LstmqException("TFLite rejects this LSTM in Prepare: " + cellFormat.explanation());
        }
        int p = cellFormat.power();
        float inputScale = q.input().scale();
        float stateScale = q.outputState().scale();
        EnumMap<Gate, GateParameters> g = new EnumMap<>(Gate.class);
        for (Gate gate : Gate.values()) {
            if (!variant.computes(gate)) {
                continue;
            }
            LstmQuantization.GateScales s = q.gate(gate);
            float isc = variant.layerNorm() ? q.intermediate(gate.intermediate()).scale() : GATE_SCALE_WITHOUT_LAYER_NORM;
            EffectiveScale in = EffectiveScale.of(s.inputWeights() * inputScale / isc);
            EffectiveScale rec = EffectiveScale.of(s.recurrentWeights() * stateScale / isc);
            EffectiveScale cell = variant.hasPeephole(gate)
                    ? EffectiveScale.of((float) (Math.scalb(1.0, p) * (double) s.peephole() / (double) isc))
                    : null;
            EffectiveScale ln = variant.hasLayerNorm(gate) ? EffectiveScale.of(s.layerNorm()) : null;
            int guard = Math.max(1, (int) (10000f * s.layerNorm()));
            g.put(gate, new GateParameters(isc, in, rec, cell, ln, guard));
        }
        gates = Collections.unmodifiableMap(g);
        TensorScale hiddenQuant = q.intermediate(LstmSlot.Intermediate.HIDDEN);
        double q015 = Math.scalb(1.0, -15);
        hidden = EffectiveScale.of((float) (q015 / (double) hiddenQuant.scale() * q015));
        projection = variant.projection()
                ? EffectiveScale.of(q.projectionScale() * hiddenQuant.scale() / stateScale)
                : null;
        hiddenZeroPoint = hiddenQuant.zeroPoint();
        quantizedCellClip = q.cellClip() > 0
                ? (short) (int) Math.max(-32768f, Math.min(32767f, q.cellClip() / q.cellScale()))
                : 0;
        quantizedProjClip = q.projClip() > 0
                ? (byte) (int) Math.max(-128f, Math.min(127f, q.projClip() / q.output().scale()))
                : 0;
        inputZeroPoint = q.input().zeroPoint();
        outputStateZeroPoint = q.outputState().zeroPoint();
    }

    /** @throws LstmqException when TFLite's Prepare would reject the operator */
    public static TfliteLstmParameters of(LstmQuantization q) {
        return new TfliteLstmParameters(q);
    }

    public LstmVariant variant() {
        return variant;
    }

    /** The gate's parameters, or null for the input gate of a CIFG LSTM. */
    public GateParameters gate(Gate g) {
        return gates.get(g);
    }

    /** effective_hidden_scale: {@code o · tanh(c)} (Q0.15 · Q0.15) to intermediate 4's scale. */
    public EffectiveScale hidden() {
        return hidden;
    }

    /** effective_proj_scale, or null without projection. */
    public EffectiveScale projection() {
        return projection;
    }

    /** hidden_zp: intermediate 4's zero point. */
    public int hiddenZeroPoint() {
        return hiddenZeroPoint;
    }

    public CellStateFormat cellFormat() {
        return cellFormat;
    }

    /** cell_scale: log2 of the cell scale (checked to be an integer). */
    public int cellScale() {
        return cellFormat.power();
    }

    /** quantized_cell_clip; 0 means no clipping. */
    public int quantizedCellClip() {
        return quantizedCellClip;
    }

    /** quantized_proj_clip, in the int8 domain ignoring the zero point; 0 means no clipping. */
    public int quantizedProjClip() {
        return quantizedProjClip;
    }

    public int inputZeroPoint() {
        return inputZeroPoint;
    }

    public int outputStateZeroPoint() {
        return outputStateZeroPoint;
    }

    /**
     * The pairs the kernel reads, named as in TFLite's {@code IntegerLstmParameter} without the {@code _a/_b}
     * suffix: per gate (i, f, c, o) {@code effective_input_to_X_scale}, {@code effective_recurrent_to_X_scale},
     * {@code effective_cell_to_X_scale} (peephole), {@code layer_norm_X_scale} (layer norm); then
     * {@code effective_proj_scale} (projection) and {@code effective_hidden_scale}.
     */
    public Map<String, EffectiveScale> multipliers() {
        Map<String, EffectiveScale> m = new LinkedHashMap<>();
        for (Map.Entry<Gate, GateParameters> e : gates.entrySet()) {
            String x = e.getKey().tfliteName();
            GateParameters p = e.getValue();
            m.put("effective_input_to_" + x + "_scale", p.inputToGate());
            m.put("effective_recurrent_to_" + x + "_scale", p.recurrentToGate());
            if (p.cellToGate() != null) {
                m.put("effective_cell_to_" + x + "_scale", p.cellToGate());
            }
            if (p.layerNorm() != null) {
                m.put("layer_norm_" + x + "_scale", p.layerNorm());
            }
        }
        if (projection != null) {
            m.put("effective_proj_scale", projection);
        }
        m.put("effective_hidden_scale", hidden);
        return Collections.unmodifiableMap(m);
    }

    /**
     * The integer constants: {@code X_variance_guard} (layer norm), {@code hidden_zp}, {@code cell_scale},
     * {@code quantized_cell_clip}, {@code quantized_proj_clip}.
     */
    public Map<String, Integer> scalars() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Map.Entry<Gate, GateParameters> e : gates.entrySet()) {
            if (e.getValue().layerNorm() != null) {
                m.put(e.getKey().tfliteName() + "_variance_guard", e.getValue().varianceGuard());
            }
        }
        m.put("hidden_zp", hiddenZeroPoint);
        m.put("cell_scale", cellScale());
        m.put("quantized_cell_clip", quantizedCellClip);
        m.put("quantized_proj_clip", quantizedProjClip);
        return Collections.unmodifiableMap(m);
    }
}
