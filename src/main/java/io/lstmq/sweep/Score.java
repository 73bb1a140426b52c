package io.lstmq.sweep;

import io.lstmq.validate.ErrorStats;

/**
 * How one variant of the model does on the evaluation samples, against the float model's outputs and the labels.
 *
 * @param accuracy  share of samples whose top class is the label, or null without labels
 * @param agreement share of samples whose top class is the float model's
 * @param maxAbsError largest |output - float output|
 * @param rmse      root mean square of output - float output
 * @param snrDb     float output power over error power, in dB (infinite when equal)
 */
public record Score(Double accuracy, double agreement, double maxAbsError, double rmse, double snrDb) {

    /**
     * @param reference the float model's output per sample
     * @param labels    the class per sample, or null
     * @param outputs   the variant's output per sample
     */
    static Score of(float[][] reference, int[] labels, float[][] outputs) {
        ErrorStats stats = new ErrorStats(0);
        int correct = 0;
        for (int i = 0; i < outputs.length; i++) {
            stats.add(reference[i], outputs[i]);
            if (labels != null && argmax(outputs[i]) == labels[i]) {
                correct++;
            }
        }
        return new Score(labels == null ? null : (double) correct / outputs.length, stats.argmaxAgreement(),
                stats.maxAbsError(), stats.rmse(), stats.snrDb());
    }

    /** The first index of the largest value, as ErrorStats and numpy's argmax pick it. */
    private static int argmax(float[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (v[j] > v[best]) {
                best = j;
            }
        }
        return best;
    }
}
