package io.lstmq.engine.lstm;

import java.util.Arrays;

/**
 * Products of a row-major float matrix {@code [outDim][inDim]} with activation rows, in loops HotSpot's C2
 * compiles to SIMD code or to independent dependency chains, all with one summation order: the terms of a dot
 * product are added in groups of four (each group summed left to right before it joins the running sum), the
 * remaining terms one by one. Java rounds every float operation the same way everywhere (IEEE 754, no fused or
 * wider intermediates), so a value never depends on which loop computed it or on how many rows were computed
 * together.
 *
 * <p>A float dot product {@code s += w[k]·x[k]} is a reduction C2 cannot vectorize (reordering would change the
 * rounding). Many rows at once run the other way round: the rows are transposed into one array per input column,
 * and the inner loop {@code acc[r] += w0·c0[r] + ... + w3·c3[r]} runs over rows; the weights are read once for
 * all rows and never copied. One row (a recurrent step) runs four matrix rows per pass instead, four independent
 * sums the processor overlaps.
 */
final class FloatProducts {
    /** Below this many rows the transposed loop is too short to pay for its setup. */
    private static final int MIN_TRANSPOSED_ROWS = 8;

    private final int inDim;
    /** {@code [k][r]}: the rows of the last {@link #setRows}, transposed; room for {@code acc.length} rows. */
    private float[][] columns = new float[0][];
    private float[] acc = new float[0];
    private float[] rowSource;
    private int rowOffset;
    private int rowCount;

    /** Scratch for products with {@code inDim} columns; not thread-safe. */
    FloatProducts(int inDim) {
        this.inDim = inDim;
    }

    /**
     * Takes the {@code rows} rows {@code x[xOff + r·inDim ...]} for the following {@link #multiplyRows} calls
     * (transposed here once for all of them). {@code x} must not change until then.
     */
    void setRows(float[] x, int xOff, int rows) {
        rowSource = x;
        rowOffset = xOff;
        rowCount = rows;
        if (rows < MIN_TRANSPOSED_ROWS) {
            return;
        }
        if (acc.length < rows) {
            columns = new float[inDim][rows];
            acc = new float[rows];
        }
        for (int r = 0; r < rows; r++) {
            int base = xOff + r * inDim;
            for (int k = 0; k < inDim; k++) {
                columns[k][r] = x[base + k];
            }
        }
    }

    /**
     * {@code out[outOff + r·outStride + n] = Σ_k w[n·inDim + k] · x[xOff + r·inDim + k]} for the rows x of the
     * last {@link #setRows}.
     */
    void multiplyRows(float[] w, int outDim, float[] out, int outOff, int outStride) {
        int rows = rowCount;
        if (rows < MIN_TRANSPOSED_ROWS) {
            for (int r = 0; r < rows; r++) {
                multiply(w, outDim, inDim, rowSource, rowOffset + r * inDim, out, outOff + r * outStride);
            }
            return;
        }
        float[] a = acc;
        for (int n = 0; n < outDim; n++) {
            int base = n * inDim;
            Arrays.fill(a, 0, rows, 0f);
            int k = 0;
            for (; k + 3 < inDim; k += 4) {
                float w0 = w[base + k];
                float w1 = w[base + k + 1];
                float w2 = w[base + k + 2];
                float w3 = w[base + k + 3];
                float[] c0 = columns[k];
                float[] c1 = columns[k + 1];
                float[] c2 = columns[k + 2];
                float[] c3 = columns[k + 3];
                for (int r = 0; r < rows; r++) {
                    a[r] += w0 * c0[r] + w1 * c1[r] + w2 * c2[r] + w3 * c3[r];
                }
            }
            for (; k < inDim; k++) {
                float w0 = w[base + k];
                float[] c0 = columns[k];
                for (int r = 0; r < rows; r++) {
                    a[r] += w0 * c0[r];
                }
            }
            for (int r = 0, o = outOff + n; r < rows; r++, o += outStride) {
                out[o] = a[r];
            }
        }
    }

    /** One row: {@code out[outOff + n] = Σ_k w[n·in + k] · x[xOff + k]}, four matrix rows per pass. */
    static void multiply(float[] w, int outDim, int in, float[] x, int xOff, float[] out, int outOff) {
        int n = 0;
        for (; n + 3 < outDim; n += 4) {
            int b0 = n * in;
            int b1 = b0 + in;
            int b2 = b1 + in;
            int b3 = b2 + in;
            float s0 = 0f;
            float s1 = 0f;
            float s2 = 0f;
            float s3 = 0f;
            int k = 0;
            for (; k + 3 < in; k += 4) {
                float x0 = x[xOff + k];
                float x1 = x[xOff + k + 1];
                float x2 = x[xOff + k + 2];
                float x3 = x[xOff + k + 3];
                s0 += w[b0 + k] * x0 + w[b0 + k + 1] * x1 + w[b0 + k + 2] * x2 + w[b0 + k + 3] * x3;
                s1 += w[b1 + k] * x0 + w[b1 + k + 1] * x1 + w[b1 + k + 2] * x2 + w[b1 + k + 3] * x3;
                s2 += w[b2 + k] * x0 + w[b2 + k + 1] * x1 + w[b2 + k + 2] * x2 + w[b2 + k + 3] * x3;
                s3 += w[b3 + k] * x0 + w[b3 + k + 1] * x1 + w[b3 + k + 2] * x2 + w[b3 + k + 3] * x3;
            }
            for (; k < in; k++) {
                float x0 = x[xOff + k];
                s0 += w[b0 + k] * x0;
                s1 += w[b1 + k] * x0;
                s2 += w[b2 + k] * x0;
                s3 += w[b3 + k] * x0;
            }
            out[outOff + n] = s0;
            out[outOff + n + 1] = s1;
            out[outOff + n + 2] = s2;
            out[outOff + n + 3] = s3;
        }
        for (; n < outDim; n++) {
            int b0 = n * in;
            float s0 = 0f;
            int k = 0;
            for (; k + 3 < in; k += 4) {
                s0 += w[b0 + k] * x[xOff + k] + w[b0 + k + 1] * x[xOff + k + 1] + w[b0 + k + 2] * x[xOff + k + 2]
                        + w[b0 + k + 3] * x[xOff + k + 3];
            }
            for (; k < in; k++) {
                s0 += w[b0 + k] * x[xOff + k];
            }
            out[outOff + n] = s0;
        }
    }
}
