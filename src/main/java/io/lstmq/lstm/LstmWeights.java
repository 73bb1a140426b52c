package io.lstmq.lstm;

import io.lstmq.LstmqException;
import java.util.List;

/**
 * The constant tensors of one integer LSTM as flat row-major arrays (not copied). Input weights are
 * {@code [S][I]}, recurrent weights {@code [S][O]}, projection weights {@code [O][S]}; gate biases are held
 * as {@code long} so the same type carries int32 (8-bit activations) and int64 (TFLite Micro 16x8) biases.
 * Optional parts are null when absent; the {@link #variant()} follows from what is present.
 *
 * @param dims           I, S, O
 * @param gates          per gate, indexed by {@link Gate#ordinal()}
 * @param projection     slot 16 {@code [O][S]} int8, or null
 * @param projectionBias slot 17 {@code [O]} int32, or null
 */
public record LstmWeights(LstmDims dims, List<GateWeights> gates, byte[] projection, int[] projectionBias) {

    /**
     * One gate's tensors.
     *
     * @param inputWeights     {@code [S][I]} int8; null only for the CIFG input gate
     * @param recurrentWeights {@code [S][O]} int8; null only for the CIFG input gate
     * @param peephole         {@code [S]} int16 cell-to-gate weights, or null
     * @param layerNorm        {@code [S]} int16 layer-norm coefficients, or null
     * @param bias             {@code [S]} int32 or int64 values; null only for the CIFG input gate
     */
    public record GateWeights(byte[] inputWeights, byte[] recurrentWeights, short[] peephole, short[] layerNorm,
            long[] bias) {

        public static GateWeights of(byte[] inputWeights, byte[] recurrentWeights, long[] bias) {
            return new GateWeights(inputWeights, recurrentWeights, null, null, bias);
        }

        /** Widens int32 biases to the {@code long} container. */
        public static long[] widen(int[] bias) {
            long[] out = new long[bias.length];
            for (int k = 0; k < bias.length; k++) {
                out[k] = bias[k];
            }
            return out;
        }
    }

    public LstmWeights {
        if (gates.size() != Gate.values().length) {
            throw new IllegalArgumentException("need weights for 4 gates, got " + gates.size());
        }
        gates = List.copyOf(gates);
        int s = dims.cell();
        for (Gate g : Gate.values()) {
            GateWeights w = gates.get(g.ordinal());
            boolean cifgInput = g == Gate.INPUT && w.inputWeights() == null;
            if (cifgInput) {
                if (w.recurrentWeights() != null || w.bias() != null || w.peephole() != null) {
                    throw new LstmqException("LSTM: the input gate has no input weights (CIFG) but has recurrent "
                            + "weights, bias or peephole; CIFG needs slots 1, 5, 9 and 12 all absent");
                }
            } else {
                require(w.inputWeights(), (long) s * dims.input(), g.inputWeights());
                require(w.recurrentWeights(), (long) s * dims.output(), g.recurrentWeights());
                require(w.bias(), s, g.bias());
            }
            if (w.peephole() != null) {
                require(w.peephole().length, s, g.peephole());
            }
            if (w.layerNorm() != null) {
                require(w.layerNorm().length, s, g.layerNormCoefficients());
            }
        }
        if (projection != null) {
            require(projection.length, (long) dims.output() * s, LstmSlot.PROJECTION_WEIGHTS);
        } else if (projectionBias != null) {
            throw new LstmqException("LSTM: projection_bias (slot 17) is present without projection_weights (slot 16)");
        } else if (dims.output() != s) {
            throw new LstmqException("LSTM: n_output " + dims.output() + " differs from n_cell " + s
                    + " but there is no projection");
        }
        if (projectionBias != null) {
            require(projectionBias.length, dims.output(), LstmSlot.PROJECTION_BIAS);
        }
    }

    public GateWeights gate(Gate g) {
        return gates.get(g.ordinal());
    }

    /**
     * Gate {@code g}'s bias as the int32 values of an 8-bit-activation LSTM.
     *
     * @throws LstmqException when a value does not fit int32 (an int64 bias in an int8 LSTM)
     */
    public int[] int32Bias(Gate g) {
        long[] bias = gate(g).bias();
        int[] out = new int[bias.length];
        for (int k = 0; k < bias.length; k++) {
            if (bias[k] != (int) bias[k]) {
                throw new LstmqException("LSTM: " + g.bias().tfliteName() + " value " + bias[k] + " at " + k
                        + " does not fit the int32 bias of an int8 LSTM");
            }
            out[k] = (int) bias[k];
        }
        return out;
    }

    /** The variant implied by which arrays are present. */
    public LstmVariant variant() {
        boolean peephole = false;
        for (GateWeights w : gates) {
            peephole |= w.peephole() != null;
        }
        return new LstmVariant(gate(Gate.INPUT).inputWeights() == null, peephole, projection != null,
                gate(Gate.FORGET).layerNorm() != null);
    }

    private static void require(byte[] a, long expected, LstmSlot slot) {
        if (a == null) {
            throw new LstmqException("LSTM: " + slot.tfliteName() + " (slot " + slot.index() + ") is missing");
        }
        require(a.length, expected, slot);
    }

    private static void require(long[] a, long expected, LstmSlot slot) {
        if (a == null) {
            throw new LstmqException("LSTM: " + slot.tfliteName() + " (slot " + slot.index() + ") is missing");
        }
        require(a.length, expected, slot);
    }

    private static void require(int length, long expected, LstmSlot slot) {
        if (length != expected) {
            throw new LstmqException("LSTM: " + slot.tfliteName() + " (slot " + slot.index() + ") has " + length
                    + " values, expected " + expected);
        }
    }
}
