package io.lstmq.engine.lstm;

import java.util.Arrays;
import java.util.List;

/**
 * An int8 weight matrix {@code [outDim][inDim]} times rows of int8/int16 activations, plus a bias. The weights
 * are widened once, into one of two layouts whose inner loops HotSpot's C2 turns into SIMD code (JDK 17's C2 has
 * no efficient byte-to-int widening): {@link #forManyRows} for the products of a whole block of rows at once
 * (the input side of many steps), {@link #forOneRow} for the products of one step (the recurrent side).
 *
 * <p>Results are exact: int32 sums wrap as the C kernels' do, and since wrap-around addition is associative the
 * order of the terms does not matter; the int64 form adds int32 sums over column ranges too short to overflow.
 */
abstract class Int8Matrix {
    /** 256 products int16·int8 (each at most 2^22 in magnitude) cannot overflow an int32 sum. */
    private static final int EXACT_INT32_COLUMNS = 256;

    final int outDim;
    final int inDim;
    private final int[] rowSums;
    private int[] partial = new int[0];

    Int8Matrix(List<byte[]> blocks, int blockRows, int inDim) {
        this.outDim = blocks.size() * blockRows;
        this.inDim = inDim;
        this.rowSums = new int[outDim];
        for (int b = 0; b < blocks.size(); b++) {
            byte[] w = blocks.get(b);
            if (w == null) {
                continue;
            }
            for (int r = 0; r < blockRows; r++) {
                int sum = 0;
                for (int k = 0; k < inDim; k++) {
                    sum += w[r * inDim + k];
                }
                rowSums[b * blockRows + r] = sum;
            }
        }
    }

    /** {@code W[o][k]} of the stacked blocks; 0 in a null block. */
    static int weight(List<byte[]> blocks, int blockRows, int inDim, int o, int k) {
        byte[] w = blocks.get(o / blockRows);
        return w == null ? 0 : w[(o % blockRows) * inDim + k];
    }

    /**
     * For products over many rows at a time: row-major {@code [blockRows][inDim]} blocks stacked on top of each
     * other; a null block is all zeros (the CIFG input gate).
     */
    static Int8Matrix forManyRows(List<byte[]> blocks, int blockRows, int inDim) {
        return new Int8ColumnBlocks(blocks, blockRows, inDim);
    }

    /** For the products of one row (or a few) at a time; the blocks as in {@link #forManyRows}. */
    static Int8Matrix forOneRow(List<byte[]> blocks, int blockRows, int inDim) {
        return Int8ColumnPairs.pays(blocks.size() * blockRows, inDim)
                ? new Int8ColumnPairs(blocks, blockRows, inDim)
                : new Int8ColumnBlocks(blocks, blockRows, inDim);
    }

    int outDim() {
        return outDim;
    }

    /** {@code Σ_k W[o][k]} per output row, in int32 wrap-around. */
    int[] rowSums() {
        return rowSums.clone();
    }

    /**
     * {@code out[r·outDim + o] = start[o] + Σ_{from ≤ k < to} W[o][k] · x[xOff + r·inDim + k]} in int32
     * (wrapping), for {@code from} even and {@code to} even or {@code inDim}.
     *
     * @param start the sums' starting values, or null for 0
     */
    abstract void products(int rows, short[] x, int xOff, int from, int to, int[] start, int[] out);

    /** {@code out[r·outDim + o] = bias[o] + Σ_k W[o][k] · x[xOff + r·inDim + k]} in int32 (wrapping). */
    void multiply(int rows, short[] x, int xOff, int[] bias, int[] out) {
        products(rows, x, xOff, 0, inDim, bias, out);
    }

    /** The same with an int64 bias and result (TFLite Micro 16x8), exact for any size. */
    void multiply(int rows, short[] x, int xOff, long[] bias, long[] out) {
        int n = rows * outDim;
        if (partial.length < n) {
            partial = new int[n];
        }
        for (int r = 0; r < rows; r++) {
            System.arraycopy(bias, 0, out, r * outDim, outDim);
        }
        for (int from = 0; from < inDim; from += EXACT_INT32_COLUMNS) {
            products(rows, x, xOff, from, Math.min(inDim, from + EXACT_INT32_COLUMNS), null, partial);
            for (int j = 0; j < n; j++) {
                out[j] += partial[j];
            }
        }
    }

    /** Sets {@code acc[0, n)} to {@code start[from, from + n)}, or to 0 without a start. */
    static void begin(int[] acc, int n, int[] start, int from) {
        if (start == null) {
            Arrays.fill(acc, 0, n, 0);
        } else {
            System.arraycopy(start, from, acc, 0, n);
        }
    }
}
