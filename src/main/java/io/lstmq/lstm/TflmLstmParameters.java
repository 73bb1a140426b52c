package io.lstmq.lstm;

import io.lstmq.LstmqException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What TFLite Micro's Prepare computes for an integer UNIDIRECTIONAL_SEQUENCE_LSTM (spec §3.4), with its
 * own names: per gate an {@code input_fc} and a {@code recurrent_fc} rescale into Q3.12, then
 * {@code forget_cell_mul}, {@code input_mul}, {@code output_mul}, the cell power and the quantized cell clip.
 * The fully connected products are rounded to float32 and divided in double; the element-wise ones are
 * pure double.
 */
public final class TflmLstmParameters {
    /** Gate pre-activations are Q3.12 in TFLite Micro. */
    public static final int GATE_SCALE_POWER = -12;

    /** A gate's two fully connected rescalings, each into Q3.12 and saturated to int16 on its own. */
    public record GateParameters(EffectiveScale inputFc, EffectiveScale recurrentFc) {}

    private final Map<Gate, GateParameters> gates;
    private final EffectiveScale forgetCellMul;
    private final EffectiveScale inputMul;
    private final EffectiveScale outputMul;
    private final CellStateFormat cellFormat;
    private final int quantizedCellClip;
    private final boolean clipsCell;
    private final int inputZeroPoint;
    private final int hiddenZeroPoint;
    private final int activationBits;

    private TflmLstmParameters(LstmQuantization q) {
        LstmVariant v = q.variant();
        if (!v.equals(LstmVariant.STANDARD)) {
            throw new LstmqException("TFLite Micro cannot run a " + v.describe() + " LSTM: its Prepare needs slots "
                    + "1..8 present and 9..11, 16, 17, 20..23 absent");
        }
        if (q.activationBits() != 8 && q.activationBits() != 16) {
            throw new LstmqException("TFLite Micro runs integer LSTMs with int8 or int16 activations, not "
                    + q.activationBits() + "-bit");
        }
        double gateScale = Math.scalb(1.0, GATE_SCALE_POWER);
        EnumMap<Gate, GateParameters> g = new EnumMap<>(Gate.class);
        for (Gate gate : Gate.TFLM_ORDER) {
            LstmQuantization.GateScales s = q.gate(gate);
            float inputProduct = q.input().scale() * s.inputWeights();
            float recurrentProduct = q.outputState().scale() * s.recurrentWeights();
            g.put(gate, new GateParameters(
                    EffectiveScale.of((double) inputProduct / gateScale),
                    EffectiveScale.of((double) recurrentProduct / gateScale)));
        }
        gates = Collections.unmodifiableMap(g);
        double q015 = Math.scalb(1.0, -15);
        double cell = q.cellScale();
        forgetCellMul = EffectiveScale.of(q015 * cell / cell);
        inputMul = EffectiveScale.of(q015 * q015 / cell);
        outputMul = EffectiveScale.of(q015 * q015 / (double) q.outputState().scale());
        cellFormat = CellStateFormat.of(q.cellScale());
        clipsCell = q.cellClip() > 0;
        quantizedCellClip = clipsCell
                ? (short) (int) Math.max(-32768.0, Math.min(32767.0, (double) q.cellClip() / cell))
                : 0;
        inputZeroPoint = q.input().zeroPoint();
        hiddenZeroPoint = q.outputState().zeroPoint();
        activationBits = q.activationBits();
    }

    /** @throws LstmqException when TFLite Micro's Prepare would reject the operator */
    public static TflmLstmParameters of(LstmQuantization q) {
        return new TflmLstmParameters(q);
    }

    public GateParameters gate(Gate g) {
        return gates.get(g);
    }

    /** Rescales {@code f · c} (Q0.15 · cell) back to the cell scale: always 2^-15. */
    public EffectiveScale forgetCellMul() {
        return forgetCellMul;
    }

    /** Rescales {@code i · g} (Q0.15 · Q0.15) to the cell scale. */
    public EffectiveScale inputMul() {
        return inputMul;
    }

    /** Rescales {@code o · tanh(c)} (Q0.15 · Q0.15) to the hidden (output state) scale. */
    public EffectiveScale outputMul() {
        return outputMul;
    }

    public CellStateFormat cellFormat() {
        return cellFormat;
    }

    /** P = round(log2(cell scale)), unchecked: TFLite Micro's tanh(c) reads the cell as if it were 2^P. */
    public int cellStateScalePower() {
        return cellFormat.power();
    }

    /** Whether the cell is clipped: the float cell_clip is positive (even if it quantizes to 0). */
    public boolean clipsCell() {
        return clipsCell;
    }

    public int quantizedCellClip() {
        return quantizedCellClip;
    }

    public int inputZeroPoint() {
        return inputZeroPoint;
    }

    /** Zero point of the output state, subtracted from h in the recurrent FC and added after output_mul. */
    public int hiddenZeroPoint() {
        return hiddenZeroPoint;
    }

    public int activationBits() {
        return activationBits;
    }

    /**
     * Every (multiplier, shift) pair in TFLite Micro's order, named {@code <gate>_gate.input_fc},
     * {@code <gate>_gate.recurrent_fc}, then {@code forget_cell_mul}, {@code input_mul}, {@code output_mul}.
     */
    public Map<String, EffectiveScale> multipliers() {
        Map<String, EffectiveScale> m = new LinkedHashMap<>();
        for (Gate g : Gate.TFLM_ORDER) {
            m.put(g.tfliteName() + "_gate.input_fc", gates.get(g).inputFc());
            m.put(g.tfliteName() + "_gate.recurrent_fc", gates.get(g).recurrentFc());
        }
        m.put("forget_cell_mul", forgetCellMul);
        m.put("input_mul", inputMul);
        m.put("output_mul", outputMul);
        return Collections.unmodifiableMap(m);
    }

    /** The integer constants besides the multipliers: {@code cell_state_scale_power}, {@code quantized_cell_clip}. */
    public Map<String, Integer> scalars() {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("cell_state_scale_power", cellStateScalePower());
        m.put("quantized_cell_clip", quantizedCellClip);
        return Collections.unmodifiableMap(m);
    }
}
