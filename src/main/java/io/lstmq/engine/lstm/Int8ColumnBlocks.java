package io.lstmq.engine.lstm;

import java.util.List;

/**
 * The weights widened to int, one array per input column and block of outputs, for products over many rows:
 * the inner loop {@code acc[j] += column[k][j] · x[k]} runs over two arrays indexed alike, which C2 turns into
 * SIMD code. A block's columns take about 1 MiB, so they stay in a core's L2 cache while every row goes through
 * them: the weights are read from memory once per block of rows, not once per row.
 */
final class Int8ColumnBlocks extends Int8Matrix {
    private static final int BLOCK_INTS = 1 << 18;
    private static final int MIN_BLOCK_OUTPUTS = 64;

    private final int blockOutputs;
    /** {@code [block][k][j]} = {@code W[block·blockOutputs + j][k]}. */
    private final int[][][] blocks;
    private final int[] acc;

    Int8ColumnBlocks(List<byte[]> w, int blockRows, int inDim) {
        super(w, blockRows, inDim);
        blockOutputs = Math.max(1, Math.min(outDim, Math.max(MIN_BLOCK_OUTPUTS, BLOCK_INTS / Math.max(1, inDim))));
        blocks = new int[(outDim + blockOutputs - 1) / blockOutputs][][];
        for (int b = 0; b < blocks.length; b++) {
            int first = b * blockOutputs;
            int[][] columns = new int[inDim][length(b)];
            for (int j = 0; j < length(b); j++) {
                for (int k = 0; k < inDim; k++) {
                    columns[k][j] = weight(w, blockRows, inDim, first + j, k);
                }
            }
            blocks[b] = columns;
        }
        acc = new int[blockOutputs];
    }

    private int length(int block) {
        return Math.min(blockOutputs, outDim - block * blockOutputs);
    }

    @Override
    void products(int rows, short[] x, int xOff, int from, int to, int[] start, int[] out) {
        for (int b = 0; b < blocks.length; b++) {
            int first = b * blockOutputs;
            int n = length(b);
            for (int r = 0; r < rows; r++) {
                begin(acc, n, start, first);
                row(blocks[b], n, x, xOff + r * inDim, from, to);
                System.arraycopy(acc, 0, out, r * outDim + first, n);
            }
        }
    }

    /**
     * acc += one row's products with a block, four columns per pass. (One accumulator per loop: with two, for two
     * rows, C2 cannot tell the arrays apart and gives up on SIMD.)
     */
    private void row(int[][] columns, int n, short[] x, int xr, int from, int to) {
        int[] a = acc;
        int k = from;
        for (; k + 3 < to; k += 4) {
            int x0 = x[xr + k];
            int x1 = x[xr + k + 1];
            int x2 = x[xr + k + 2];
            int x3 = x[xr + k + 3];
            int[] c0 = columns[k];
            int[] c1 = columns[k + 1];
            int[] c2 = columns[k + 2];
            int[] c3 = columns[k + 3];
            for (int j = 0; j < n; j++) {
                a[j] += c0[j] * x0 + c1[j] * x1 + c2[j] * x2 + c3[j] * x3;
            }
        }
        for (; k < to; k++) {
            int x0 = x[xr + k];
            int[] c0 = columns[k];
            for (int j = 0; j < n; j++) {
                a[j] += c0[j] * x0;
            }
        }
    }
}
