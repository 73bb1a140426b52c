package io.lstmq.convert;

import java.util.List;

/**
 * How closely a converted model follows its source over calibration samples: the share of samples whose
 * largest output (the predicted class) is the same, and the absolute differences of all output values.
 */
final class OutputCheck {
    private OutputCheck() {}

    /**
     * @param runtime      what ran the converted model
     * @param samples      samples compared
     * @param top1         share of samples (0..1) with the same arg-max in every output; NaN for scalar outputs
     * @param maxAbsError  largest |converted - source| over every output value
     * @param meanAbsError mean of |converted - source|
     */
    record Agreement(String runtime, int samples, double top1, double maxAbsError, double meanAbsError) {}

    /**
     * Compares the outputs sample by sample, in sample order.
     *
     * @param source    the source model's outputs, one list per sample
     * @param converted the converted model's outputs on the same samples
     * @param runtime   what ran the converted model
     */
    static Agreement compare(List<List<float[]>> source, List<List<float[]>> converted, String runtime) {
        int samples = converted.size();
        int same = 0;
        int classified = 0;
        double max = 0;
        double sum = 0;
        long values = 0;
        for (int s = 0; s < samples; s++) {
            List<float[]> a = source.get(s);
            List<float[]> b = converted.get(s);
            boolean agree = true;
            boolean vector = false;
            for (int o = 0; o < a.size(); o++) {
                float[] x = a.get(o);
                float[] y = b.get(o);
                for (int i = 0; i < x.length; i++) {
                    double d = Math.abs((double) x[i] - y[i]);
                    max = Math.max(max, d);
                    sum += d;
                    values++;
                }
                if (x.length > 1) {
                    vector = true;
                    agree &= argMax(x) == argMax(y);
                }
            }
            if (vector) {
                classified++;
                same += agree ? 1 : 0;
            }
        }
        double top1 = classified == 0 ? Double.NaN : (double) same / classified;
        return new Agreement(runtime, samples, top1, max, values == 0 ? 0 : sum / values);
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
