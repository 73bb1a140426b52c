package io.lstmq.validate;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.LstmObserver;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.lstm.FloatLstmRecorder;
import io.lstmq.engine.lstm.LstmTrace;
import io.lstmq.io.ModelInputs;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Tensor;
import io.lstmq.run.SampleRunner;

/**
 * For every LSTM (the k-th of the reference against the k-th of the candidate), the mean absolute difference per
 * time step between the float hidden and cell state and the integer ones, dequantized with the state tensors'
 * scales. Run on the Java engine, which can watch every step.
 */
final class LstmStateCurves {
    private LstmStateCurves() {}

    /** Per LSTM: [step] sums of |difference| and counts, for hidden and cell. */
    private static final class Sums {
        final String name;
        final double[] hidden;
        final double[] cell;
        final long[] count;

        Sums(String name, int steps) {
            this.name = name;
            hidden = new double[steps];
            cell = new double[steps];
            count = new long[steps];
        }
    }

    static List<HtmlReport.StepCurve> compute(ModelFile reference, ModelFile candidate, ModelInputs rin,
                                              ModelInputs cin, Numerics numerics, int maxSamples) {
        List<LstmOperator> refOps = LstmOperator.in(reference.model(), reference.model().subgraph(0));
        List<LstmOperator> candOps = LstmOperator.in(candidate.model(), candidate.model().subgraph(0));
        int n = Math.min(refOps.size(), candOps.size());
        if (n == 0 || !candOps.get(0).isInteger() || !refOps.get(0).isFloat()) {
            return List.of();
        }
        int[] steps = new int[n];
        float[][][] floatHidden = new float[n][][];
        float[][][] floatCell = new float[n][][];
        Sums[] sums = new Sums[n];
        for (int k = 0; k < n; k++) {
            Tensor out = candOps.get(k).output();
            steps[k] = candOps.get(k).isSequence() ? out.shape()[candOps.get(k).timeMajor() ? 0 : 1] : 1;
            floatHidden[k] = new float[steps[k]][];
            floatCell[k] = new float[steps[k]][];
            sums[k] = new Sums(candOps.get(k).describe(), steps[k]);
        }
        LstmObserver refObserver = new LstmObserver() {
            @Override
            public FloatLstmRecorder floatRecorder(int operatorIndex) {
                int k = indexOf(refOps, operatorIndex);
                return k < 0 || k >= n ? null : new FloatLstmRecorder() {
                    @Override
                    public void cell(int step, int row, float[] c, int off, int len) {
                        floatCell[k][step] = copy(floatCell[k][step], row, c, off, len);
                    }

                    @Override
                    public void output(int step, int row, float[] h, int off, int len) {
                        floatHidden[k][step] = copy(floatHidden[k][step], row, h, off, len);
                    }
                };
            }
        };
        LstmObserver candObserver = new LstmObserver() {
            @Override
            public LstmTrace integerTrace(int operatorIndex) {
                int k = indexOf(candOps, operatorIndex);
                if (k < 0 || k >= n) {
                    return null;
                }
                Tensor h = candOps.get(k).slot(LstmSlot.OUTPUT_STATE);
                float hScale = h.scale();
                long hZp = h.zeroPoint();
                float cScale = candOps.get(k).slot(LstmSlot.CELL_STATE).scale();
                return new LstmTrace() {
                    @Override
                    public void cell(int step, int row, short[] c, int off, int len) {
                        float[] f = floatCell[k][step];
                        for (int i = 0; i < len; i++) {
                            sums[k].cell[step] += Math.abs(c[off + i] * cScale - f[row * len + i]);
                        }
                    }

                    @Override
                    public void hidden(int step, int row, short[] hv, int off, int len) {
                        float[] f = floatHidden[k][step];
                        for (int i = 0; i < len; i++) {
                            sums[k].hidden[step] += Math.abs((hv[off + i] - hZp) * hScale - f[row * len + i]);
                        }
                        sums[k].count[step] += len;
                    }
                };
            }
        };
        try (SampleRunner ref = SampleRunner.java(reference, EngineOptions.defaults().withObserver(refObserver));
             SampleRunner cand = SampleRunner.java(candidate,
                     EngineOptions.defaults().withNumerics(numerics).withObserver(candObserver))) {
            int samples = Math.min(maxSamples, rin.sampleCount());
            for (int i = 0; i < samples; i++) {
                ref.reset();
                ref.run(rin.sample(i));
                cand.reset();
                cand.run(cin.sample(i));
            }
        }
        List<HtmlReport.StepCurve> curves = new ArrayList<>();
        for (Sums s : sums) {
            double[] h = new double[s.count.length];
            double[] c = new double[s.count.length];
            for (int t = 0; t < h.length; t++) {
                h[t] = s.count[t] == 0 ? 0 : s.hidden[t] / s.count[t];
                c[t] = s.count[t] == 0 ? 0 : s.cell[t] / s.count[t];
            }
            curves.add(new HtmlReport.StepCurve(s.name, "hidden state", h));
            curves.add(new HtmlReport.StepCurve(s.name, "cell state", c));
        }
        return curves;
    }

    private static int indexOf(List<LstmOperator> ops, int operatorIndex) {
        for (int k = 0; k < ops.size(); k++) {
            if (ops.get(k).operator().index() == operatorIndex) {
                return k;
            }
        }
        return -1;
    }

    /** Stores one batch row of a step's values into the step's buffer, growing it as rows arrive. */
    private static float[] copy(float[] into, int row, float[] v, int off, int len) {
        int need = (row + 1) * len;
        float[] out = into == null || into.length < need ? java.util.Arrays.copyOf(into == null ? new float[0] : into,
                need) : into;
        System.arraycopy(v, off, out, row * len, len);
        return out;
    }
}
