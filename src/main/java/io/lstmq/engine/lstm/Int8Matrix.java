package io.lstmq.engine.lstm;

import java.util.Arrays;
import java.util.List;

/**
 * An int8 weight matrix {@code [outDim][inDim]} times blocks of int8/int16 activation rows, plus a bias.
 *
 * <p>The weights are kept widened to int, one array per input column, so the inner loop is
 * {@code acc[o] += column[o] · x[k]} over two arrays indexed alike: the form HotSpot's C2 turns into SIMD
 * code. Results are exact: int32 sums wrap exactly as the C kernels do, and since wrap-around addition is
 * associative the order of the terms does not matter; the int64 form is exact too.
 */
final class Int8Matrix {
    /** Below this many input columns an int32 sum of int16·int8 products (each below 2^22) cannot overflow. */
    private static final int EXACT_INT32_COLUMNS = 1 << 9;

    private final int outDim;
    private final int inDim;
    private final int[][] columns;
    private final int[] acc;

    private Int8Matrix(int outDim, int inDim) {
        this.outDim = outDim;
        this.inDim = inDim;
        this.columns = new int[inDim][outDim];
        this.acc = new int[outDim];
    }

    /** One row-major {@code [outDim][inDim]} matrix. */
    static Int8Matrix of(byte[] w, int outDim, int inDim) {
        return stack(List.of(w), outDim, inDim);
    }

    /**
     * Row-major {@code [blockRows][inDim]} blocks stacked on top of each other; a null block is all zeros
     * (the CIFG input gate).
     */
    static Int8Matrix stack(List<byte[]> blocks, int blockRows, int inDim) {
        Int8Matrix m = new Int8Matrix(blocks.size() * blockRows, inDim);
        for (int b = 0; b < blocks.size(); b++) {
            byte[] w = blocks.get(b);
            if (w == null) {
                continue;
            }
            for (int r = 0; r < blockRows; r++) {
                for (int k = 0; k < inDim; k++) {
                    m.columns[k][b * blockRows + r] = w[r * inDim + k];
                }
            }
        }
        return m;
    }

    int outDim() {
        return outDim;
    }

    /** {@code Σ_k W[o][k]} per output row, in int32 wrap-around. */
    int[] rowSums() {
        int[] sums = new int[outDim];
        for (int[] column : columns) {
            for (int o = 0; o < outDim; o++) {
                sums[o] += column[o];
            }
        }
        return sums;
    }

    /** {@code out[r·outDim + o] = bias[o] + Σ_k W[o][k] · x[xOff + r·inDim + k]} in int32 (wrapping). */
    void multiply(int rows, short[] x, int xOff, int[] bias, int[] out) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, acc, 0, outDim);
            accumulate(x, xOff + r * inDim);
            System.arraycopy(acc, 0, out, r * outDim, outDim);
        }
    }

    /** The same with an int64 bias and result (TFLite Micro 16x8), exact for any size. */
    void multiply(int rows, short[] x, int xOff, long[] bias, long[] out) {
        for (int r = 0; r < rows; r++) {
            int xBase = xOff + r * inDim;
            int outBase = r * outDim;
            if (inDim < EXACT_INT32_COLUMNS) {
                Arrays.fill(acc, 0);
                accumulate(x, xBase);
                for (int o = 0; o < outDim; o++) {
                    out[outBase + o] = bias[o] + acc[o];
                }
            } else {
                for (int o = 0; o < outDim; o++) {
                    long sum = bias[o];
                    for (int k = 0; k < inDim; k++) {
                        sum += columns[k][o] * x[xBase + k];
                    }
                    out[outBase + o] = sum;
                }
            }
        }
    }

    /** {@code acc[o] += Σ_k W[o][k] · x[xBase + k]}, two columns per pass. */
    private void accumulate(short[] x, int xBase) {
        int[] a = acc;
        int n = outDim;
        int k = 0;
        for (; k + 1 < inDim; k += 2) {
            int x0 = x[xBase + k];
            int x1 = x[xBase + k + 1];
            int[] c0 = columns[k];
            int[] c1 = columns[k + 1];
            for (int o = 0; o < n; o++) {
                a[o] += c0[o] * x0 + c1[o] * x1;
            }
        }
        if (k < inDim) {
            int x0 = x[xBase + k];
            int[] c0 = columns[k];
            for (int o = 0; o < n; o++) {
                a[o] += c0[o] * x0;
            }
        }
    }
}
