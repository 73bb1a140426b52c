package io.lstmq.engine.lstm;

import static io.lstmq.quant.FixedPoint.saturate16;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmVariant;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.lstm.TflmLstmParameters;
import io.lstmq.quant.QuantizedMultiplier;
import java.util.ArrayList;
import java.util.List;

/**
 * TFLite Micro's reference integer LSTM (spec §4.2): int8 activations with int32 bias, or int16 activations
 * with int64 bias ("16x8", whose fully connected layers use the 64-bit MBQM). Each gate's input and
 * recurrent FC is rescaled to Q3.12 and saturated to int16 on its own before the two are added; sigmoid and
 * tanh are TFLite Micro's interpolated tables; every rescale is MultiplyByQuantizedMultiplier.
 *
 * <p>TFLite Micro subtracts the input and hidden zero points term by term; here they are folded into the
 * bias once ({@code bias - z · rowsum(W)}), which gives the same int32 (wrap-around) or int64 sums.
 */
public final class TflmNumerics implements LstmNumerics {
    private final LstmDims dims;
    private final TflmLstmParameters params;
    private final FullyConnected inputFc;
    private final FullyConnected recurrentFc;
    private final QuantizedMultiplier forgetCellMul;
    private final QuantizedMultiplier inputMul;
    private final QuantizedMultiplier outputMul;
    private final int cellPower;
    private final int hiddenZeroPoint;
    private final int hiddenMin;
    private final int hiddenMax;
    /** The input FCs of a block of input rows, {@code [rows][4][S]}. */
    private int[] inputPart = new int[0];
    /** The recurrent FCs of the step's rows, {@code [rows][4][S]}. */
    private int[] recurrentPart = new int[0];
    private int inputRow;

    private TflmNumerics(LstmQuantization q, LstmWeights w, FusedActivation activation) {
        if (activation != FusedActivation.TANH) {
            throw new LstmqException("TFLite Micro's integer LSTM supports only the TANH fused activation, not "
                    + activation);
        }
        params = TflmLstmParameters.of(q);
        LstmVariant v = w.variant();
        if (!v.equals(LstmVariant.STANDARD)) {
            throw new LstmqException("TFLite Micro cannot run a " + v.describe() + " LSTM");
        }
        dims = w.dims();
        boolean wide = q.activationBits() == 16;
        int expectedBias = wide ? 64 : 32;
        if (q.biasBits() != expectedBias || q.weightBits() != 8) {
            throw new LstmqException("TFLite Micro's " + q.activationBits() + "-bit LSTM needs int8 weights and int"
                    + expectedBias + " biases, not " + q.weightBits() + "-bit weights and " + q.biasBits() + "-bit biases");
        }
        int s = dims.cell();
        List<byte[]> inputWeights = new ArrayList<>();
        List<byte[]> recurrentWeights = new ArrayList<>();
        long[] bias64 = new long[4 * s];
        int[] bias32 = new int[4 * s];
        QuantizedMultiplier[] inputScales = new QuantizedMultiplier[4];
        QuantizedMultiplier[] recurrentScales = new QuantizedMultiplier[4];
        for (Gate g : Gate.values()) {
            LstmWeights.GateWeights gw = w.gate(g);
            inputWeights.add(gw.inputWeights());
            recurrentWeights.add(gw.recurrentWeights());
            if (wide) {
                System.arraycopy(gw.bias(), 0, bias64, g.ordinal() * s, s);
            } else {
                System.arraycopy(w.int32Bias(g), 0, bias32, g.ordinal() * s, s);
            }
            inputScales[g.ordinal()] = params.gate(g).inputFc().multiplier();
            recurrentScales[g.ordinal()] = params.gate(g).recurrentFc().multiplier();
        }
        Int8Matrix in = Int8Matrix.forManyRows(inputWeights, s, dims.input());
        Int8Matrix rec = Int8Matrix.forOneRow(recurrentWeights, s, dims.output());
        if (wide) {
            inputFc = new Int64Fc(in, bias64, params.inputZeroPoint(), inputScales, s);
            recurrentFc = new Int64Fc(rec, new long[4 * s], params.hiddenZeroPoint(), recurrentScales, s);
        } else {
            inputFc = new Int32Fc(in, bias32, params.inputZeroPoint(), inputScales, s);
            recurrentFc = new Int32Fc(rec, new int[4 * s], params.hiddenZeroPoint(), recurrentScales, s);
        }
        forgetCellMul = params.forgetCellMul().multiplier();
        inputMul = params.inputMul().multiplier();
        outputMul = params.outputMul().multiplier();
        cellPower = params.cellStateScalePower();
        hiddenZeroPoint = params.hiddenZeroPoint();
        hiddenMin = wide ? Short.MIN_VALUE : Byte.MIN_VALUE;
        hiddenMax = wide ? Short.MAX_VALUE : Byte.MAX_VALUE;
    }

    /**
     * Prepares the kernel.
     *
     * @throws LstmqException when TFLite Micro would reject the operator (variant, types, activation)
     */
    public static TflmNumerics of(LstmQuantization q, LstmWeights w, FusedActivation activation) {
        return new TflmNumerics(q, w, activation);
    }

    public TflmLstmParameters parameters() {
        return params;
    }

    @Override
    public LstmDims dims() {
        return dims;
    }

    @Override
    public LstmVariant variant() {
        return LstmVariant.STANDARD;
    }

    @Override
    public void multiplyInputs(int rows, short[] x, int xOff) {
        int n = rows * 4 * dims.cell();
        if (inputPart.length < n) {
            inputPart = new int[n];
        }
        inputFc.apply(rows, x, xOff, inputPart);
    }

    @Override
    public void multiplyRecurrent(int inputRow, int rows, short[] h, int hOff) {
        int n = rows * 4 * dims.cell();
        if (recurrentPart.length < n) {
            recurrentPart = new int[n];
        }
        recurrentFc.apply(rows, h, hOff, recurrentPart);
        this.inputRow = inputRow;
    }

    @Override
    public void gate(Gate gate, int rows, short[] c, int cOff, short[] pre, short[] out) {
        int s = dims.cell();
        for (int r = 0; r < rows; r++) {
            int fromInput = (4 * (inputRow + r) + gate.ordinal()) * s;
            int fromRecurrent = (4 * r + gate.ordinal()) * s;
            int to = r * s;
            for (int j = 0; j < s; j++) {
                pre[to + j] = (short) saturate16(inputPart[fromInput + j] + recurrentPart[fromRecurrent + j]);
            }
        }
        int n = rows * s;
        if (gate == Gate.CELL) {
            for (int j = 0; j < n; j++) {
                out[j] = (short) TflmActivations.tanh(pre[j], TflmActivations.GATE_SCALE_POWER);
            }
        } else {
            for (int j = 0; j < n; j++) {
                out[j] = (short) TflmActivations.sigmoid(pre[j]);
            }
        }
    }

    @Override
    public void updateCell(int rows, short[] f, short[] i, short[] g, short[] c, int cOff) {
        int n = rows * dims.cell();
        for (int j = 0; j < n; j++) {
            int kept = saturate16(forgetCellMul.apply(f[j] * c[cOff + j]));
            int added = saturate16(inputMul.apply(i[j] * g[j]));
            c[cOff + j] = (short) saturate16(kept + added);
        }
        if (params.clipsCell()) {
            int q = params.quantizedCellClip();
            for (int j = 0; j < n; j++) {
                c[cOff + j] = (short) Math.max(-q, Math.min(q, c[cOff + j]));
            }
        }
    }

    @Override
    public void hidden(int rows, short[] o, short[] c, int cOff, short[] h, int hOff) {
        int n = rows * dims.cell();
        for (int j = 0; j < n; j++) {
            int t = TflmActivations.tanh(c[cOff + j], cellPower);
            int v = hiddenZeroPoint + outputMul.apply(t * o[j]);
            h[hOff + j] = (short) Math.max(hiddenMin, Math.min(hiddenMax, v));
        }
    }

    /**
     * The input or the recurrent fully connected layer of all four gates: products, then per gate the rescale
     * into Q3.12 and the saturation to int16. Output {@code [rows][4][S]}.
     */
    private interface FullyConnected {
        void apply(int rows, short[] x, int xOff, int[] out);
    }

    /** int8 activations: int32 accumulator and bias, 32-bit MBQM. */
    private static final class Int32Fc implements FullyConnected {
        private final Int8Matrix weights;
        private final int[] bias;
        private final QuantizedMultiplier[] scales;
        private final int cells;

        Int32Fc(Int8Matrix weights, int[] bias, int zeroPoint, QuantizedMultiplier[] scales, int cells) {
            this.weights = weights;
            this.bias = bias;
            int[] sums = weights.rowSums();
            for (int o = 0; o < bias.length; o++) {
                bias[o] -= zeroPoint * sums[o];
            }
            this.scales = scales;
            this.cells = cells;
        }

        @Override
        public void apply(int rows, short[] x, int xOff, int[] out) {
            weights.multiply(rows, x, xOff, bias, out);
            for (int block = 0; block < rows * 4; block++) {
                QuantizedMultiplier m = scales[block & 3];
                for (int j = block * cells; j < (block + 1) * cells; j++) {
                    out[j] = saturate16(m.apply(out[j]));
                }
            }
        }
    }

    /** int16 activations: int64 accumulator and bias, the 64-bit MBQM with its 16-bit multiplier. */
    private static final class Int64Fc implements FullyConnected {
        private final Int8Matrix weights;
        private final long[] bias;
        private final QuantizedMultiplier[] scales;
        private final int cells;
        private long[] acc = new long[0];

        Int64Fc(Int8Matrix weights, long[] bias, int zeroPoint, QuantizedMultiplier[] scales, int cells) {
            this.weights = weights;
            this.bias = bias;
            int[] sums = weights.rowSums();
            for (int o = 0; o < bias.length; o++) {
                bias[o] -= (long) zeroPoint * sums[o];
            }
            this.scales = scales;
            this.cells = cells;
        }

        @Override
        public void apply(int rows, short[] x, int xOff, int[] out) {
            int n = rows * weights.outDim();
            if (acc.length < n) {
                acc = new long[n];
            }
            weights.multiply(rows, x, xOff, bias, acc);
            for (int block = 0; block < rows * 4; block++) {
                QuantizedMultiplier m = scales[block & 3];
                for (int j = block * cells; j < (block + 1) * cells; j++) {
                    out[j] = saturate16(m.apply(acc[j]));
                }
            }
        }
    }
}
