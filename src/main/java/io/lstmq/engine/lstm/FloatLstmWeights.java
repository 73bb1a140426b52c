package io.lstmq.engine.lstm;

import io.lstmq.LstmqException;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmVariant;
import java.util.List;

/**
 * The constant tensors of a float LSTM, with the same layout and slot conventions as
 * {@link io.lstmq.lstm.LstmWeights}: input weights {@code [S][I]}, recurrent {@code [S][O]}, projection
 * {@code [O][S]}; optional parts null when absent (not copied).
 *
 * @param gates per gate, indexed by {@link Gate#ordinal()}
 */
public record FloatLstmWeights(LstmDims dims, List<GateWeights> gates, float[] projection, float[] projectionBias) {

    /**
     * One gate's tensors; everything null for the CIFG input gate.
     *
     * @param peephole  {@code [S]} cell-to-gate weights, or null
     * @param layerNorm {@code [S]} layer-norm coefficients, or null
     */
    public record GateWeights(float[] inputWeights, float[] recurrentWeights, float[] peephole, float[] layerNorm,
            float[] bias) {
        public static GateWeights of(float[] inputWeights, float[] recurrentWeights, float[] bias) {
            return new GateWeights(inputWeights, recurrentWeights, null, null, bias);
        }
    }

    public FloatLstmWeights {
        if (gates.size() != Gate.values().length) {
            throw new IllegalArgumentException("need weights for 4 gates, got " + gates.size());
        }
        gates = List.copyOf(gates);
        int s = dims.cell();
        for (Gate g : Gate.values()) {
            GateWeights w = gates.get(g.ordinal());
            if (g == Gate.INPUT && w.inputWeights() == null) {
                if (w.recurrentWeights() != null || w.bias() != null || w.peephole() != null || w.layerNorm() != null) {
                    throw new LstmqException("LSTM: CIFG (no input_to_input_weights) needs slots 5, 9, 12 and 20 absent too");
                }
                continue;
            }
            check(w.inputWeights(), (long) s * dims.input(), g.inputWeights());
            check(w.recurrentWeights(), (long) s * dims.output(), g.recurrentWeights());
            check(w.bias(), s, g.bias());
            if (w.peephole() != null) {
                check(w.peephole(), s, g.peephole());
            }
            if (w.layerNorm() != null) {
                check(w.layerNorm(), s, g.layerNormCoefficients());
            }
        }
        if (projection != null) {
            check(projection, (long) dims.output() * s, LstmSlot.PROJECTION_WEIGHTS);
            if (projectionBias != null) {
                check(projectionBias, dims.output(), LstmSlot.PROJECTION_BIAS);
            }
        } else if (projectionBias != null || dims.output() != s) {
            throw new LstmqException("LSTM: without projection_weights there can be no projection_bias and n_output"
                    + " must equal n_cell (" + dims + ")");
        }
    }

    public GateWeights gate(Gate g) {
        return gates.get(g.ordinal());
    }

    public LstmVariant variant() {
        boolean peephole = false;
        for (GateWeights w : gates) {
            peephole |= w.peephole() != null;
        }
        return new LstmVariant(gate(Gate.INPUT).inputWeights() == null, peephole, projection != null,
                gate(Gate.FORGET).layerNorm() != null);
    }

    private static void check(float[] a, long expected, LstmSlot slot) {
        if (a == null || a.length != expected) {
            throw new LstmqException("LSTM: " + slot.tfliteName() + " (slot " + slot.index() + ") has "
                    + (a == null ? "no" : String.valueOf(a.length)) + " values, expected " + expected);
        }
    }
}
