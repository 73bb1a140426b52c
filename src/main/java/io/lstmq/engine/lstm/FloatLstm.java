package io.lstmq.engine.lstm;

import io.lstmq.LstmqException;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmVariant;

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
 */
public final class FloatLstm {
    private static final float LAYER_NORM_EPSILON = 1e-8f;

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
        for (int outer = 0; outer < (timeMajor ? steps : batch); outer++) {
            for (int inner = 0; inner < (timeMajor ? batch : steps); inner++) {
                int t = timeMajor ? outer : inner;
                int b = timeMajor ? inner : outer;
                int row = timeMajor ? t * batch + b : b * steps + t;
                step(input, row * in, hidden, b * o, cell, b * s, output, row * o, t, b, recorder);
            }
        }
    }

    private void step(float[] x, int xOff, float[] h, int hOff, float[] c, int cOff, float[] out, int outOff,
            int t, int b, FloatLstmRecorder rec) {
        int s = dims.cell();
        if (rec != null) {
            rec.input(t, b, x, xOff, dims.input());
        }
        float[] f = gateValues[Gate.FORGET.ordinal()];
        float[] i = gateValues[Gate.INPUT.ordinal()];
        float[] g = gateValues[Gate.CELL.ordinal()];
        float[] o = gateValues[Gate.OUTPUT.ordinal()];
        gate(Gate.FORGET, x, xOff, h, hOff, c, cOff, t, b, rec);
        if (variant.cifg()) {
            for (int j = 0; j < s; j++) {
                i[j] = 1f - f[j];
            }
        } else {
            gate(Gate.INPUT, x, xOff, h, hOff, c, cOff, t, b, rec);
        }
        gate(Gate.CELL, x, xOff, h, hOff, c, cOff, t, b, rec);
        for (int j = 0; j < s; j++) {
            c[cOff + j] = f[j] * c[cOff + j] + i[j] * g[j];
        }
        if (cellClip > 0) {
            clip(c, cOff, s, cellClip);
        }
        if (rec != null) {
            rec.cell(t, b, c, cOff, s);
        }
        gate(Gate.OUTPUT, x, xOff, h, hOff, c, cOff, t, b, rec);
        float[] m = hiddenBeforeProjection;
        for (int j = 0; j < s; j++) {
            m[j] = o[j] * activation.apply(c[cOff + j]);
        }
        if (rec != null) {
            rec.hidden(t, b, m, 0, s);
        }
        if (weights.projection() == null) {
            System.arraycopy(m, 0, h, hOff, s);
        } else {
            project(m, h, hOff);
        }
        System.arraycopy(h, hOff, out, outOff, dims.output());
        if (rec != null) {
            rec.output(t, b, h, hOff, dims.output());
        }
    }

    private void gate(Gate gate, float[] x, int xOff, float[] h, int hOff, float[] c, int cOff, int t, int b,
            FloatLstmRecorder rec) {
        FloatLstmWeights.GateWeights gw = weights.gate(gate);
        float[] v = gateValues[gate.ordinal()];
        int s = dims.cell();
        int in = dims.input();
        int o = dims.output();
        float[] w = gw.inputWeights();
        float[] r = gw.recurrentWeights();
        for (int j = 0; j < s; j++) {
            float ax = 0f;
            for (int k = 0, base = j * in; k < in; k++) {
                ax += w[base + k] * x[xOff + k];
            }
            float ah = 0f;
            for (int k = 0, base = j * o; k < o; k++) {
                ah += r[base + k] * h[hOff + k];
            }
            v[j] = ax + ah;
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
        int s = dims.cell();
        float[] p = weights.projection();
        float[] bias = weights.projectionBias();
        for (int r = 0; r < dims.output(); r++) {
            float acc = bias != null ? bias[r] : 0f;
            for (int k = 0, base = r * s; k < s; k++) {
                acc += p[base + k] * m[k];
            }
            h[hOff + r] = acc;
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
