package io.lstmq.lstm;

import io.lstmq.LstmqException;

/**
 * TFLite's zero-point folding ({@code PopulatePrecomputedZPTimesWeightsWithBias}, spec §3.3): the kernel
 * multiplies raw int8 activations and adds {@code -zp · rowsum(W)} (plus the bias) once per row, in int32
 * wrap-around arithmetic.
 *
 * <ul>
 *   <li>{@code input_to_X_effective_bias = (layer norm ? 0 : bias_X) - z_in · rowsum(W_X)}: with layer norm the
 *       gate bias is added inside the normalization instead;</li>
 *   <li>{@code recurrent_to_X_effective_bias = -z_h · rowsum(R_X)} with z_h the output state's zero point;</li>
 *   <li>{@code projection_effective_bias = projection_bias + hidden_zp · rowsum(P)}: a plus, consistent with
 *       the kernel storing the hidden value as {@code v - hidden_zp} (see the projection quirk in §4.4).</li>
 * </ul>
 *
 * @param inputToGate     per gate (ordinal), null for the CIFG input gate
 * @param recurrentToGate per gate (ordinal), null for the CIFG input gate
 * @param projection      {@code [O]}, or null without projection
 */
public record TfliteEffectiveBiases(int[][] inputToGate, int[][] recurrentToGate, int[] projection) {

    public static TfliteEffectiveBiases of(TfliteLstmParameters params, LstmWeights w) {
        LstmVariant v = params.variant();
        if (!v.equals(w.variant())) {
            throw new LstmqException("LSTM: the quantization describes a " + v.describe()
                    + " LSTM but the weights are " + w.variant().describe());
        }
        LstmDims d = w.dims();
        int[][] in = new int[4][];
        int[][] rec = new int[4][];
        for (Gate g : Gate.values()) {
            if (!v.computes(g)) {
                continue;
            }
            LstmWeights.GateWeights gw = w.gate(g);
            int[] bias = v.layerNorm() ? new int[d.cell()] : w.int32Bias(g);
            in[g.ordinal()] = fold(gw.inputWeights(), d.cell(), d.input(), -params.inputZeroPoint(), bias);
            rec[g.ordinal()] = fold(gw.recurrentWeights(), d.cell(), d.output(), -params.outputStateZeroPoint(),
                    new int[d.cell()]);
        }
        int[] proj = null;
        if (v.projection()) {
            int[] bias = w.projectionBias() != null ? w.projectionBias().clone() : new int[d.output()];
            proj = fold(w.projection(), d.output(), d.cell(), params.hiddenZeroPoint(), bias);
        }
        return new TfliteEffectiveBiases(in, rec, proj);
    }

    /** {@code bias[r] + zeroPointFactor · Σ_c W[r][c]}, wrapping in 32 bits. Fills and returns {@code bias}. */
    static int[] fold(byte[] weights, int rows, int cols, int zeroPointFactor, int[] bias) {
        for (int r = 0; r < rows; r++) {
            int rowSum = 0;
            for (int c = 0; c < cols; c++) {
                rowSum += weights[r * cols + c];
            }
            bias[r] += zeroPointFactor * rowSum;
        }
        return bias;
    }

    public int[] inputToGate(Gate g) {
        return inputToGate[g.ordinal()];
    }

    public int[] recurrentToGate(Gate g) {
        return recurrentToGate[g.ordinal()];
    }
}
