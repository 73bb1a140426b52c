package io.lstmq.engine.lstm;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmVariant;
import java.util.ArrayList;
import java.util.List;

/**
 * The float LSTM of TFLite (spec §6), in float32 arithmetic, with CIFG, peephole, layer norm, projection and
 * both clips; the reference for calibration. Per step and batch row:
 * <pre>
 * pre_X = W_X·x + R_X·h [+ w_cX ⊙ c]      (peephole: previous c for i and f, updated c for o)
 * gate_X = σ(pre_X + b_X), or with layer norm σ(normalize(pre_X) ⊙ ln_X + b_X); the cell gate uses act
 * i = 1 - f with CIFG;  c = clip(f ⊙ c + i ⊙ g);  m = o ⊙ act(c);  h = clip(P·m + b_P) or m
 * </pre>
 * Layer norm uses the population variance over the S cells: {@code (pre - mean) / sqrt(var + 1e-8)}.
 * Rows are independent, so time-major and batch-major runs compute the same values. Not thread-safe.
 *
 * <p>{@code W_X·x} does not depend on the recurrence: it is computed ahead for a block of rows at a time, one
 * pass over the input weights for the block ({@link FloatProducts}); {@code R_X·h} of all four gates is computed
 * at the start of each step ({@link FloatRowMatrix}). Every product has the same summation order whichever way
 * it is computed, so results do not depend on the block size or the layout.
 */
public final class FloatLstm {
    private static final float LAYER_NORM_EPSILON = 1e-8f;
    /** {@link Gate#values()} without the copy each call makes: invoking allocates nothing. */
    private static final Gate[] GATES = Gate.values();
    /**
     * The input rows whose input products are computed together: as many as fit, transposed, in about 512 KiB
     * (a share of a core's L2 cache), within these bounds.
     */
    private static final int TRANSPOSED_BLOCK_FLOATS = 1 << 17;
    private static final int MIN_BLOCK_ROWS = 16;
    private static final int MAX_BLOCK_ROWS = 128;

    private interface FloatFunction {
        float apply(float x);
    }

    private final FloatLstmWeights weights;
    private final LstmDims dims;
    private final LstmVariant variant;
    private final FloatFunction activation;
    private final float cellClip;
    private final float projClip;
    private final float[][] gateValues;
    private final float[] hiddenBeforeProjection;
    private final FloatProducts inputSide;
    private final FloatRowMatrix recurrent;
    private final FloatRowMatrix projection;
    /** {@code R_X·h} of every gate for the current step, {@code [4][S]}. */
    private final float[] recurrentProducts;
    private final int blockRows;
    /** {@code W_X·x} of every gate for a block of input rows, {@code [rows][4][S]}. */
    private float[] inputProducts = new float[0];

    /**
     * @param activation the fused activation of the cell gate and of act(c)
     * @param cellClip   0 for none, else c is clamped to ±cellClip
     * @param projClip   0 for none, else the projected output is clamped to ±projClip
     */
    public FloatLstm(FloatLstmWeights weights, FusedActivation activation, float cellClip, float projClip) {
        if (cellClip < 0 || projClip < 0) {
            throw new LstmqException("LSTM clips must be >= 0 (cell_clip " + cellClip + ", proj_clip " + projClip + ")");
        }
        this.weights = weights;
        this.dims = weights.dims();
        this.variant = weights.variant();
        this.activation = function(activation);
        this.cellClip = cellClip;
        this.projClip = projClip;
        this.gateValues = new float[4][dims.cell()];
        this.hiddenBeforeProjection = new float[dims.cell()];
        this.inputSide = new FloatProducts(dims.input());
        List<float[]> recurrentWeights = new ArrayList<>();
        for (Gate g : GATES) {
            recurrentWeights.add(weights.gate(g).recurrentWeights());
        }
        this.recurrent = new FloatRowMatrix(recurrentWeights, dims.cell(), dims.output());
        this.recurrentProducts = new float[4 * dims.cell()];
        this.projection = weights.projection() == null ? null
                : new FloatRowMatrix(List.of(weights.projection()), dims.output(), dims.cell());
        this.blockRows = Math.max(MIN_BLOCK_ROWS, Math.min(MAX_BLOCK_ROWS, TRANSPOSED_BLOCK_FLOATS / dims.input()));
    }

    private static FloatFunction function(FusedActivation a) {
        switch (a) {
            case TANH:
                return x -> (float) Math.tanh(x);
            case RELU:
                return x -> Math.max(0f, x);
            case RELU_N1_TO_1:
                return x -> Math.max(-1f, Math.min(1f, x));
            case RELU6:
                return x -> Math.max(0f, Math.min(6f, x));
            default:
                throw new LstmqException("LSTM fused activation " + a + " is not supported by the float LSTM kernel");
        }
    }

    public LstmDims dims() {
        return dims;
    }

    /**
     * Runs {@code steps} time steps for {@code batch} rows; same layouts and state contract as
     * {@link IntegerLstm#run}.
     *
     * @param recorder sees per-step values, or null
     */
    public void run(float[] input, float[] output, float[] hidden, float[] cell, int batch, int steps,
            boolean timeMajor, FloatLstmRecorder recorder) {
        int in = dims.input();
        int s = dims.cell();
        int o = dims.output();
        checkLength("input", input, (long) batch * steps * in);
        checkLength("output", output, (long) batch * steps * o);
        checkLength("hidden state", hidden, (long) batch * o);
        checkLength("cell state", cell, (long) batch * s);
        // Rows are processed in memory order (time-major: t then b; batch-major: b then t), and the input side
        // of a row does not depend on the recurrence: it is computed ahead for a block of rows at a time.
        int rows = batch * steps;
        for (int first = 0; first < rows; first += blockRows) {
            int n = Math.min(blockRows, rows - first);
            multiplyInputs(input, first * in, n);
            for (int row = first; row < first + n; row++) {
                int t = timeMajor ? row / batch : row % steps;
                int b = timeMajor ? row % batch : row / steps;
                step(input, row * in, (row - first) * 4 * s, hidden, b * o, cell, b * s, output, row * o, t, b,
                        recorder);
            }
        }
    }

    private void multiplyInputs(float[] x, int xOff, int rows) {
        int s = dims.cell();
        if (inputProducts.length < rows * 4 * s) {
            inputProducts = new float[rows * 4 * s];
        }
        inputSide.setRows(x, xOff, rows);
        for (Gate g : GATES) {
            float[] w = weights.gate(g).inputWeights();
            if (w != null) {
                inputSide.multiplyRows(w, s, inputProducts, g.ordinal() * s, 4 * s);
            }
        }
    }

    /** @param zOff where the row's input products start in {@link #inputProducts} */
    private void step(float[] x, int xOff, int zOff, float[] h, int hOff, float[] c, int cOff, float[] out,
            int outOff, int t, int b, FloatLstmRecorder rec) {
        int s = dims.cell();
        if (rec != null) {
            rec.input(t, b, x, xOff, dims.input());
        }
        recurrent.multiply(h, hOff, recurrentProducts, 0);
        float[] f = gateValues[Gate.FORGET.ordinal()];
        float[] i = gateValues[Gate.INPUT.ordinal()];
        float[] g = gateValues[Gate.CELL.ordinal()];
        float[] o = gateValues[Gate.OUTPUT.ordinal()];
        gate(Gate.FORGET, zOff, h, hOff, c, cOff, t, b, rec);
        if (variant.cifg()) {
            for (int j = 0; j < s; j++) {
                i[j] = 1f - f[j];
            }
        } else {
            gate(Gate.INPUT, zOff, h, hOff, c, cOff, t, b, rec);
        }
        gate(Gate.CELL, zOff, h, hOff, c, cOff, t, b, rec);
        for (int j = 0; j < s; j++) {
            c[cOff + j] = f[j] * c[cOff + j] + i[j] * g[j];
        }
        if (cellClip > 0) {
            clip(c, cOff, s, cellClip);
        }
        if (rec != null) {
            rec.cell(t, b, c, cOff, s);
        }
        gate(Gate.OUTPUT, zOff, h, hOff, c, cOff, t, b, rec);
        float[] m = hiddenBeforeProjection;
        for (int j = 0; j < s; j++) {
            m[j] = o[j] * activation.apply(c[cOff + j]);
        }
        if (rec != null) {
            rec.hidden(t, b, m, 0, s);
        }
        if (projection == null) {
            System.arraycopy(m, 0, h, hOff, s);
        } else {
            project(m, h, hOff);
        }
        System.arraycopy(h, hOff, out, outOff, dims.output());
        if (rec != null) {
            rec.output(t, b, h, hOff, dims.output());
        }
    }

    private void gate(Gate gate, int zOff, float[] h, int hOff, float[] c, int cOff, int t, int b,
            FloatLstmRecorder rec) {
        FloatLstmWeights.GateWeights gw = weights.gate(gate);
        float[] v = gateValues[gate.ordinal()];
        int s = dims.cell();
        int fromInput = zOff + gate.ordinal() * s;
        int fromRecurrent = gate.ordinal() * s;
        for (int j = 0; j < s; j++) {
            v[j] = inputProducts[fromInput + j] + recurrentProducts[fromRecurrent + j];
        }
        float[] peephole = gw.peephole();
        if (peephole != null) {
            for (int j = 0; j < s; j++) {
                v[j] += peephole[j] * c[cOff + j];
            }
        }
        if (rec != null) {
            rec.gatePreActivation(t, b, gate, v, 0, s);
        }
        float[] bias = gw.bias();
        if (gw.layerNorm() != null) {
            normalize(v, s);
            float[] ln = gw.layerNorm();
            for (int j = 0; j < s; j++) {
                v[j] = v[j] * ln[j] + bias[j];
            }
        } else {
            for (int j = 0; j < s; j++) {
                v[j] += bias[j];
            }
        }
        if (gate == Gate.CELL) {
            for (int j = 0; j < s; j++) {
                v[j] = activation.apply(v[j]);
            }
        } else {
            for (int j = 0; j < s; j++) {
                v[j] = 1f / (1f + (float) Math.exp(-v[j]));
            }
        }
    }

    private static void normalize(float[] v, int n) {
        float sum = 0f;
        float sumOfSquares = 0f;
        for (int j = 0; j < n; j++) {
            sum += v[j];
            sumOfSquares += v[j] * v[j];
        }
        float mean = sum / n;
        float variance = sumOfSquares / n - mean * mean;
        float inverseStdDev = 1f / (float) Math.sqrt(variance + LAYER_NORM_EPSILON);
        for (int j = 0; j < n; j++) {
            v[j] = (v[j] - mean) * inverseStdDev;
        }
    }

    private void project(float[] m, float[] h, int hOff) {
        float[] bias = weights.projectionBias();
        projection.multiply(m, 0, h, hOff);
        if (bias != null) {
            for (int r = 0; r < dims.output(); r++) {
                h[hOff + r] += bias[r];
            }
        }
        if (projClip > 0) {
            clip(h, hOff, dims.output(), projClip);
        }
    }

    private static void clip(float[] v, int off, int n, float limit) {
        for (int j = off; j < off + n; j++) {
            v[j] = Math.max(-limit, Math.min(limit, v[j]));
        }
    }

    private static void checkLength(String what, float[] a, long expected) {
        if (a.length != expected) {
            throw new LstmqException("LSTM run: the " + what + " has " + a.length + " values, expected " + expected);
        }
    }
}
