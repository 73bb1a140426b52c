package io.lstmq.engine.lstm;

import static io.lstmq.quant.FixedPoint.roundingDivideByPOT;
import static io.lstmq.quant.FixedPoint.saturate16;
import static io.lstmq.quant.FixedPoint.saturate8;

import io.lstmq.LstmqException;
import io.lstmq.lstm.CellStateFormat;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.lstm.TfliteEffectiveBiases;
import io.lstmq.lstm.TfliteLstmParameters;
import io.lstmq.quant.QuantizedMultiplier;
import java.util.ArrayList;
import java.util.List;

/**
 * TFLite's integer 8x8_16 LSTM ({@code LstmStepInteger8x8_16} on the reference primitives, spec §4.4), with
 * CIFG, peephole, layer norm and projection. Zero points are folded into effective biases at Prepare; each
 * gate's recurrent FC is added to the saturated input FC before one more saturation; sigmoid and tanh are
 * gemmlowp's fixed-point functions; the two cell products wrap to int16 after a single rounding shift; the
 * hidden value takes intermediate 4's scale and zero point.
 *
 * <p>TFLite's quirks are kept: the peephole loop runs over n_output (not n_cell) elements per row with rows
 * strided by n_output; the hidden value fed to the projection is stored as {@code v - hidden_zp}; the
 * projection clip ignores the zero point; the cell gate is always tanh.
 */
public final class TfliteNumerics implements LstmNumerics {
    /** Gate pre-activations (after layer norm, if any) are Q3.12 for the activations. */
    private static final int GATE_INTEGER_BITS = 3;
    private static final int Q0_15_ONE = 32767;

    private final LstmDims dims;
    private final LstmVariant variant;
    private final TfliteLstmParameters params;
    private final GateUnit[] gates = new GateUnit[4];
    private final Int8Matrix inputWeights;
    private final int[] inputBias;
    private final Int8Matrix recurrentWeights;
    private final int[] recurrentBias;
    private final int cellScale;
    private final int cellTanhIntegerBits;
    private final QuantizedMultiplier hiddenScale;
    private final int hiddenZeroPoint;
    private final Int8Matrix projection;
    private final int[] projectionBias;
    private final QuantizedMultiplier projectionScale;
    private final int outputStateZeroPoint;
    /** The input products of a block of input rows, {@code [rows][4][S]}. */
    private int[] inputProducts = new int[0];
    /** The recurrent products of the step's rows, {@code [rows][4][S]}. */
    private int[] recurrentProducts = new int[0];
    private int inputRow;
    private int[] projected = new int[0];
    private short[] hiddenBeforeProjection = new short[0];

    /** One gate's rescalings and optional peephole and layer norm, fixed at Prepare. */
    private record GateUnit(QuantizedMultiplier inputScale, QuantizedMultiplier recurrentScale,
            short[] peephole, QuantizedMultiplier peepholeScale, TfliteLayerNorm layerNorm) {}

    private TfliteNumerics(LstmQuantization q, LstmWeights w) {
        params = TfliteLstmParameters.of(q);
        variant = q.variant();
        dims = w.dims();
        if (!variant.equals(w.variant())) {
            throw new LstmqException("LSTM: the quantization describes a " + variant.describe()
                    + " LSTM but the weights are " + w.variant().describe());
        }
        CellStateFormat cell = params.cellFormat();
        if (!cell.tfliteAccepts()) {
            throw new LstmqException("TFLite cannot compute this LSTM: " + cell.explanation());
        }
        if (variant.peephole() && dims.output() > dims.cell()) {
            throw new LstmqException("TFLite's peephole loop runs over n_output = " + dims.output()
                    + " elements, more than n_cell = " + dims.cell() + ": it reads out of bounds");
        }
        TfliteEffectiveBiases biases = TfliteEffectiveBiases.of(params, w);
        int s = dims.cell();
        List<byte[]> input = new ArrayList<>();
        List<byte[]> recurrent = new ArrayList<>();
        inputBias = new int[4 * s];
        recurrentBias = new int[4 * s];
        for (Gate g : Gate.values()) {
            LstmWeights.GateWeights gw = w.gate(g);
            input.add(gw.inputWeights());
            recurrent.add(gw.recurrentWeights());
            if (!variant.computes(g)) {
                continue;
            }
            System.arraycopy(biases.inputToGate(g), 0, inputBias, g.ordinal() * s, s);
            System.arraycopy(biases.recurrentToGate(g), 0, recurrentBias, g.ordinal() * s, s);
            TfliteLstmParameters.GateParameters gp = params.gate(g);
            if (variant.hasPeephole(g) && gw.peephole() == null) {
                throw new LstmqException("LSTM: peephole LSTM without " + g.peephole().tfliteName());
            }
            if (variant.hasLayerNorm(g) && gw.layerNorm() == null) {
                throw new LstmqException("LSTM: layer-norm LSTM without " + g.layerNormCoefficients().tfliteName());
            }
            TfliteLayerNorm ln = variant.hasLayerNorm(g)
                    ? new TfliteLayerNorm(gw.layerNorm(), w.int32Bias(g),
                            gp.layerNorm().multiplier(), gp.varianceGuard())
                    : null;
            gates[g.ordinal()] = new GateUnit(gp.inputToGate().multiplier(), gp.recurrentToGate().multiplier(),
                    variant.hasPeephole(g) ? gw.peephole() : null,
                    variant.hasPeephole(g) ? gp.cellToGate().multiplier() : null,
                    ln);
        }
        inputWeights = Int8Matrix.forManyRows(input, s, dims.input());
        recurrentWeights = Int8Matrix.forOneRow(recurrent, s, dims.output());
        cellScale = params.cellScale();
        cellTanhIntegerBits = cell.tanhIntegerBits();
        hiddenScale = params.hidden().multiplier();
        hiddenZeroPoint = params.hiddenZeroPoint();
        projection = variant.projection() ? Int8Matrix.forOneRow(List.of(w.projection()), dims.output(), s) : null;
        projectionBias = biases.projection();
        projectionScale = variant.projection() ? params.projection().multiplier() : null;
        outputStateZeroPoint = params.outputStateZeroPoint();
    }

    /**
     * Prepares the kernel.
     *
     * @throws LstmqException when TFLite would reject the operator or cannot compute it
     */
    public static TfliteNumerics of(LstmQuantization q, LstmWeights w) {
        return new TfliteNumerics(q, w);
    }

    public TfliteLstmParameters parameters() {
        return params;
    }

    @Override
    public LstmDims dims() {
        return dims;
    }

    @Override
    public LstmVariant variant() {
        return variant;
    }

    @Override
    public void multiplyInputs(int rows, short[] x, int xOff) {
        int n = rows * 4 * dims.cell();
        if (inputProducts.length < n) {
            inputProducts = new int[n];
        }
        inputWeights.multiply(rows, x, xOff, inputBias, inputProducts);
    }

    @Override
    public void multiplyRecurrent(int inputRow, int rows, short[] h, int hOff) {
        int n = rows * 4 * dims.cell();
        if (recurrentProducts.length < n) {
            recurrentProducts = new int[n];
        }
        recurrentWeights.multiply(rows, h, hOff, recurrentBias, recurrentProducts);
        this.inputRow = inputRow;
    }

    @Override
    public void gate(Gate gate, int rows, short[] c, int cOff, short[] pre, short[] out) {
        GateUnit u = gates[gate.ordinal()];
        if (u == null) {
            throw new IllegalStateException("a CIFG LSTM has no input gate to compute");
        }
        int s = dims.cell();
        QuantizedMultiplier inputScale = u.inputScale();
        QuantizedMultiplier recurrentScale = u.recurrentScale();
        for (int r = 0; r < rows; r++) {
            int fromInput = (4 * (inputRow + r) + gate.ordinal()) * s;
            int fromRecurrent = (4 * r + gate.ordinal()) * s;
            int to = r * s;
            for (int j = 0; j < s; j++) {
                int input = saturate16(inputScale.apply(inputProducts[fromInput + j]));
                pre[to + j] = (short) saturate16(recurrentScale.apply(recurrentProducts[fromRecurrent + j]) + input);
            }
        }
        if (u.peephole() != null) {
            addPeephole(u, rows, c, cOff, pre);
        }
        if (u.layerNorm() != null) {
            for (int r = 0; r < rows; r++) {
                u.layerNorm().apply(pre, r * s, s);
            }
        }
        int n = rows * s;
        if (gate == Gate.CELL) {
            for (int j = 0; j < n; j++) {
                out[j] = (short) GemmlowpActivations.tanh(pre[j], GATE_INTEGER_BITS);
            }
        } else {
            for (int j = 0; j < n; j++) {
                out[j] = (short) GemmlowpActivations.logistic(pre[j], GATE_INTEGER_BITS);
            }
        }
    }

    /**
     * TFLite's peephole term: n_output elements per row and rows strided by n_output, over the gate and cell
     * buffers of the whole block. Identical to a per-cell peephole only when n_output == n_cell.
     */
    private void addPeephole(GateUnit u, int rows, short[] c, int cOff, short[] pre) {
        int o = dims.output();
        short[] w = u.peephole();
        QuantizedMultiplier m = u.peepholeScale();
        for (int r = 0; r < rows; r++) {
            int base = r * o;
            for (int v = 0; v < o; v++) {
                int j = base + v;
                pre[j] = (short) saturate16(m.apply(w[v] * c[cOff + j]) + pre[j]);
            }
        }
    }

    @Override
    public void updateCell(int rows, short[] f, short[] i, short[] g, short[] c, int cOff) {
        int n = rows * dims.cell();
        if (variant.cifg()) {
            for (int j = 0; j < n; j++) {
                i[j] = (short) (Q0_15_ONE - f[j]);
            }
        }
        int inputShift = 30 + cellScale;
        for (int j = 0; j < n; j++) {
            short kept = (short) roundingDivideByPOT(f[j] * c[cOff + j], 15);
            short added = (short) roundingDivideByPOT(i[j] * g[j], inputShift);
            c[cOff + j] = (short) saturate16(kept + added);
        }
        int q = params.quantizedCellClip();
        if (q > 0) {
            for (int j = 0; j < n; j++) {
                c[cOff + j] = (short) Math.max(-q, Math.min(q, c[cOff + j]));
            }
        }
    }

    @Override
    public void hidden(int rows, short[] o, short[] c, int cOff, short[] h, int hOff) {
        int n = rows * dims.cell();
        if (projection == null) {
            for (int j = 0; j < n; j++) {
                int t = GemmlowpActivations.tanh(c[cOff + j], cellTanhIntegerBits);
                h[hOff + j] = (short) saturate8(hiddenScale.apply(o[j] * t) + hiddenZeroPoint);
            }
            return;
        }
        if (hiddenBeforeProjection.length < n) {
            hiddenBeforeProjection = new short[n];
        }
        short[] m = hiddenBeforeProjection;
        for (int j = 0; j < n; j++) {
            int t = GemmlowpActivations.tanh(c[cOff + j], cellTanhIntegerBits);
            m[j] = (short) saturate8(hiddenScale.apply(o[j] * t) - hiddenZeroPoint);
        }
        int out = rows * dims.output();
        if (projected.length < out) {
            projected = new int[out];
        }
        int[] acc = projected;
        projection.multiply(rows, m, 0, projectionBias, acc);
        int clip = params.quantizedProjClip();
        int lo = clip > 0 ? -clip : Byte.MIN_VALUE;
        int hi = clip > 0 ? clip : Byte.MAX_VALUE;
        for (int j = 0; j < out; j++) {
            int v = saturate8(projectionScale.apply(acc[j]) + outputStateZeroPoint);
            h[hOff + j] = (short) Math.max(lo, Math.min(hi, v));
        }
    }
}
