package io.lstmq.validate;

/**
 * Agreement between a reference and a candidate over many values: max and mean absolute error, RMSE, SNR in dB,
 * cosine similarity, argmax agreement per sample, and a histogram of the errors for the report.
 */
public final class ErrorStats {
    static final int BINS = 40;

    private long count;
    private double maxAbs;
    private double sumAbs;
    private double sumSq;
    private double sumRef2;
    private double sumCand2;
    private double sumDot;
    private int samples;
    private int argmaxAgree;
    private final double[] errors;
    private int stored;

    /** @param keepErrors how many signed errors to keep for the histogram */
    public ErrorStats(int keepErrors) {
        this.errors = new double[keepErrors];
    }

    /** Adds one sample's values. */
    public void add(float[] reference, float[] candidate) {
        int ra = 0;
        int ca = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i];
            double c = candidate[i];
            double e = c - r;
            maxAbs = Math.max(maxAbs, Math.abs(e));
            sumAbs += Math.abs(e);
            sumSq += e * e;
            sumRef2 += r * r;
            sumCand2 += c * c;
            sumDot += r * c;
            if (stored < errors.length) {
                errors[stored++] = e;
            }
            ra = reference[i] > reference[ra] ? i : ra;
            ca = candidate[i] > candidate[ca] ? i : ca;
        }
        count += reference.length;
        samples++;
        argmaxAgree += ra == ca ? 1 : 0;
    }

    public double maxAbsError() {
        return maxAbs;
    }

    public double meanAbsError() {
        return count == 0 ? 0 : sumAbs / count;
    }

    public double rmse() {
        return count == 0 ? 0 : Math.sqrt(sumSq / count);
    }

    /** Signal-to-noise ratio in dB; infinite when the candidate equals the reference. */
    public double snrDb() {
        return sumSq == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(sumRef2 / sumSq);
    }

    public double cosine() {
        double d = Math.sqrt(sumRef2 * sumCand2);
        return d == 0 ? (sumRef2 == sumCand2 ? 1 : 0) : sumDot / d;
    }

    public double argmaxAgreement() {
        return samples == 0 ? 0 : (double) argmaxAgree / samples;
    }

    public int samples() {
        return samples;
    }

    /** Counts of the kept errors in {@link #BINS} equal bins over [-maxAbs, maxAbs]. */
    public int[] histogram() {
        int[] h = new int[BINS];
        double w = maxAbs == 0 ? 1 : 2 * maxAbs / BINS;
        for (int i = 0; i < stored; i++) {
            int b = (int) Math.floor((errors[i] + maxAbs) / w);
            h[Math.max(0, Math.min(BINS - 1, b))]++;
        }
        return h;
    }
}
