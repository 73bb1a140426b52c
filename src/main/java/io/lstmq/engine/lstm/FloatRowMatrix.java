package io.lstmq.engine.lstm;

import java.util.Arrays;
import java.util.List;

/**
 * Row-major float matrices {@code [blockRows][inDim]} stacked on top of each other, times one row at a time (a
 * recurrent step, a projection), in {@link FloatProducts}' summation order. A small stack is copied once into
 * one array per input column, so the step is the loop {@code acc[n] += c0[n]·x0 + ... + c3[n]·x3} that C2 turns
 * into SIMD code; a large one is read in place, four rows per pass: it is bound by memory reads either way, and a
 * copy would double the heap it takes.
 */
final class FloatRowMatrix {
    /** Stacks up to this many floats (4 MiB) are copied into columns. */
    private static final int MAX_COPIED_FLOATS = 1 << 20;

    private final float[][] blocks;
    private final int blockRows;
    private final int inDim;
    /** {@code [k][n]} = {@code W[n][k]} when copied, else null. */
    private final float[][] columns;
    private final float[] acc;

    /** @param blocks row-major blocks; a null block (the CIFG input gate) has zero outputs */
    FloatRowMatrix(List<float[]> blocks, int blockRows, int inDim) {
        this.blocks = blocks.toArray(new float[0][]);
        this.blockRows = blockRows;
        this.inDim = inDim;
        int outDim = blocks.size() * blockRows;
        if ((long) outDim * inDim <= MAX_COPIED_FLOATS) {
            columns = new float[inDim][outDim];
            for (int b = 0; b < blocks.size(); b++) {
                float[] w = blocks.get(b);
                for (int r = 0; w != null && r < blockRows; r++) {
                    for (int k = 0; k < inDim; k++) {
                        columns[k][b * blockRows + r] = w[r * inDim + k];
                    }
                }
            }
            acc = new float[outDim];
        } else {
            columns = null;
            acc = null;
        }
    }

    /** {@code out[outOff + n] = Σ_k W[n][k] · x[xOff + k]} for all stacked rows n. */
    void multiply(float[] x, int xOff, float[] out, int outOff) {
        if (columns == null) {
            for (int b = 0; b < blocks.length; b++) {
                float[] w = blocks[b];
                int from = outOff + b * blockRows;
                if (w == null) {
                    Arrays.fill(out, from, from + blockRows, 0f);
                } else {
                    FloatProducts.multiply(w, blockRows, inDim, x, xOff, out, from);
                }
            }
            return;
        }
        float[] a = acc;
        int n = a.length;
        Arrays.fill(a, 0f);
        int k = 0;
        for (; k + 3 < inDim; k += 4) {
            float x0 = x[xOff + k];
            float x1 = x[xOff + k + 1];
            float x2 = x[xOff + k + 2];
            float x3 = x[xOff + k + 3];
            float[] c0 = columns[k];
            float[] c1 = columns[k + 1];
            float[] c2 = columns[k + 2];
            float[] c3 = columns[k + 3];
            for (int j = 0; j < n; j++) {
                a[j] += c0[j] * x0 + c1[j] * x1 + c2[j] * x2 + c3[j] * x3;
            }
        }
        for (; k < inDim; k++) {
            float x0 = x[xOff + k];
            float[] c0 = columns[k];
            for (int j = 0; j < n; j++) {
                a[j] += c0[j] * x0;
            }
        }
        System.arraycopy(a, 0, out, outOff, n);
    }
}
