package io.lstmq.sweep;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;

/**
 * One standard LSTM in a fixed-point datapath with power-of-two scales, weights at W bits and activations at A
 * bits: the design the sweep explores. Formats (see {@link QFormat}):
 * <ul>
 * <li>weights: per tensor, symmetric, W bits, the finest power of two that covers the tensor's largest |w|;</li>
 * <li>input x and hidden state h (also the LSTM's output): A bits, covering their calibrated ranges;</li>
 * <li>biases: 32 bits at the scale of the input product s_x·s_w, or a coarser power of two if that would not hold
 *     the bias; added into the input accumulator;</li>
 * <li>gate pre-activations: Q3.12 (16 bits), the input and recurrent sums added exactly, rounded once and
 *     saturated;</li>
 * <li>gate outputs and tanh(c): Q0.(A-1), A bits. sigmoid and tanh are evaluated exactly (in double) on the
 *     fixed-point argument, then rounded to that format. Both arguments are 16 bits wide, so the results are
 *     kept as tables over every argument, as a hardware look-up table would hold them: the same integers;</li>
 * <li>cell state: 16 bits, covering its calibrated range, the cell clip applied in that format; {@code f·c + i·g}
 *     is summed exactly, rounded once and saturated.</li>
 * </ul>
 * Every right shift rounds half away from zero; every stored value saturates at its width. The state starts at
 * zero for each sequence ({@link #run}). Not thread-safe: one instance per thread.
 */
public final class FixedPointLstm {
    /** Gate pre-activations: 3 integer bits are enough for sigmoid and tanh to be flat beyond them. */
    static final QFormat PRE_ACTIVATION = new QFormat(16, -12);
    /** The cell state's width. */
    static final int CELL_BITS = 16;
    /** The bias words' width. */
    static final int BIAS_BITS = 32;

    private final LstmDims dims;
    private final int batch;
    private final int steps;
    private final boolean timeMajor;
    private final QFormat inputFormat;
    private final QFormat hiddenFormat;
    private final QFormat cellFormat;
    private final QFormat gateFormat;
    private final GateParameters[] gates = new GateParameters[4];
    private final long cellClip;
    private final int[] sigmoid;
    private final int[] tanhOfPreActivation;
    private final int[] tanhOfCell;
    private final long[] x;
    private final long[] h;
    private final long[] c;
    private final long[][] gateValues;

    /** One gate's integers, with the exponents the accumulators carry. */
    private record GateParameters(QFormat inputWeights, QFormat recurrentWeights, QFormat bias, long[] w, long[] r,
            long[] alignedBias, int inputExponent, int recurrentExponent) {}

    public FixedPointLstm(LstmParameters p, LstmRanges ranges, int weightBits, int activationBits) {
        this.dims = p.dims();
        this.batch = p.batch();
        this.steps = p.steps();
        this.timeMajor = p.timeMajor();
        this.inputFormat = QFormat.covering(ranges.input(), activationBits);
        this.hiddenFormat = QFormat.covering(ranges.hidden(), activationBits);
        this.cellFormat = QFormat.covering(ranges.cell(), CELL_BITS);
        this.gateFormat = new QFormat(activationBits, -(activationBits - 1));
        for (Gate g : Gate.values()) {
            gates[g.ordinal()] = quantize(p, g, weightBits);
        }
        this.cellClip = p.cellClip() > 0 ? cellFormat.quantize(p.cellClip()) : cellFormat.max();
        this.sigmoid = table(PRE_ACTIVATION, v -> 1 / (1 + Math.exp(-v)));
        this.tanhOfPreActivation = table(PRE_ACTIVATION, Math::tanh);
        this.tanhOfCell = table(cellFormat, Math::tanh);
        this.x = new long[dims.input()];
        this.h = new long[dims.output()];
        this.c = new long[dims.cell()];
        this.gateValues = new long[4][dims.cell()];
    }

    private GateParameters quantize(LstmParameters p, Gate g, int weightBits) {
        float[] wf = p.inputWeights(g);
        float[] rf = p.recurrentWeights(g);
        float[] bf = p.bias(g);
        QFormat wq = QFormat.covering(maxAbs(wf), weightBits);
        QFormat rq = QFormat.covering(maxAbs(rf), weightBits);
        int inputExponent = inputFormat.exponent() + wq.exponent();
        QFormat bq = QFormat.covering(maxAbs(bf), BIAS_BITS);
        if (bq.exponent() < inputExponent) {
            bq = new QFormat(BIAS_BITS, inputExponent);
        }
        long[] aligned = new long[bf.length];
        for (int j = 0; j < bf.length; j++) {
            aligned[j] = QFormat.rescale(bq.quantize(bf[j]), bq.exponent(), inputExponent);
        }
        return new GateParameters(wq, rq, bq, quantizeAll(wf, wq), quantizeAll(rf, rq), aligned, inputExponent,
                hiddenFormat.exponent() + rq.exponent());
    }

    private static long[] quantizeAll(float[] v, QFormat f) {
        long[] q = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            q[i] = f.quantize(v[i]);
        }
        return q;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }

    /** fn over every integer of a 16-bit argument format, rounded to the gate format; index = argument + 32768. */
    private int[] table(QFormat argument, java.util.function.DoubleUnaryOperator fn) {
        int[] t = new int[1 << 16];
        for (int q = -32768; q <= 32767; q++) {
            t[q + 32768] = (int) gateFormat.quantize(fn.applyAsDouble(argument.dequantize(q)));
        }
        return t;
    }

    public QFormat inputFormat() {
        return inputFormat;
    }

    public QFormat hiddenFormat() {
        return hiddenFormat;
    }

    public QFormat cellFormat() {
        return cellFormat;
    }

    public QFormat gateFormat() {
        return gateFormat;
    }

    /** The formats of gate {@code g}'s input weights, recurrent weights and bias. */
    public QFormat[] weightFormats(Gate g) {
        GateParameters gp = gates[g.ordinal()];
        return new QFormat[] {gp.inputWeights(), gp.recurrentWeights(), gp.bias()};
    }

    /**
     * Runs one sequence from a zero state: {@code input} laid out as the operator's input ({@code [B, T, I]}, or
     * {@code [T, B, I]} when time-major), {@code output} likewise with O per row, written dequantized.
     */
    public void run(float[] input, float[] output) {
        for (int b = 0; b < batch; b++) {
            java.util.Arrays.fill(h, 0);
            java.util.Arrays.fill(c, 0);
            for (int t = 0; t < steps; t++) {
                int row = timeMajor ? t * batch + b : b * steps + t;
                step(input, row * dims.input(), output, row * dims.output());
            }
        }
    }

    private void step(float[] in, int inOffset, float[] out, int outOffset) {
        for (int k = 0; k < x.length; k++) {
            x[k] = inputFormat.quantize(in[inOffset + k]);
        }
        for (Gate g : Gate.values()) {
            preActivation(g);
        }
        long[] i = activate(Gate.INPUT, sigmoid);
        long[] f = activate(Gate.FORGET, sigmoid);
        long[] gg = activate(Gate.CELL, tanhOfPreActivation);
        long[] o = activate(Gate.OUTPUT, sigmoid);
        int forgetExponent = gateFormat.exponent() + cellFormat.exponent();
        int updateExponent = 2 * gateFormat.exponent();
        int fine = Math.min(forgetExponent, updateExponent);
        for (int j = 0; j < c.length; j++) {
            long sum = QFormat.rescale(f[j] * c[j], forgetExponent, fine)
                    + QFormat.rescale(i[j] * gg[j], updateExponent, fine);
            long cj = cellFormat.saturate(QFormat.rescale(sum, fine, cellFormat.exponent()));
            c[j] = Math.max(-cellClip, Math.min(cellClip, cj));
        }
        for (int j = 0; j < h.length; j++) {
            long t = tanhOfCell[(int) c[j] + 32768];
            h[j] = hiddenFormat.saturate(QFormat.rescale(o[j] * t, updateExponent, hiddenFormat.exponent()));
            out[outOffset + j] = (float) hiddenFormat.dequantize(h[j]);
        }
    }

    /** Gate {@code g}'s pre-activation in Q3.12, left in its gate value array. */
    private void preActivation(Gate g) {
        GateParameters p = gates[g.ordinal()];
        long[] v = gateValues[g.ordinal()];
        int in = dims.input();
        int o = dims.output();
        int fine = Math.min(p.inputExponent(), p.recurrentExponent());
        for (int j = 0; j < v.length; j++) {
            long ax = p.alignedBias()[j];
            for (int k = 0, base = j * in; k < in; k++) {
                ax += x[k] * p.w()[base + k];
            }
            long ah = 0;
            for (int k = 0, base = j * o; k < o; k++) {
                ah += h[k] * p.r()[base + k];
            }
            long sum = QFormat.rescale(ax, p.inputExponent(), fine) + QFormat.rescale(ah, p.recurrentExponent(), fine);
            v[j] = PRE_ACTIVATION.saturate(QFormat.rescale(sum, fine, PRE_ACTIVATION.exponent()));
        }
    }

    /** Replaces gate {@code g}'s pre-activations by the activation's table values. */
    private long[] activate(Gate g, int[] table) {
        long[] v = gateValues[g.ordinal()];
        for (int j = 0; j < v.length; j++) {
            v[j] = table[(int) v[j] + 32768];
        }
        return v;
    }
}
