package io.lstmq.engine.lstm;

import java.util.List;

/**
 * The weights as int16 pairs of neighbouring input columns, for the products of one row at a time (a recurrent
 * step). The inner loop {@code acc[o] += w[2o]·b[2o] + w[2o+1]·b[2o+1]}, with {@code b} the row's two inputs
 * repeated, is the multiply-add of 16-bit pairs that C2 compiles to one SIMD instruction per 16 or 32 weights
 * (VNNI where the processor has it). Its sums wrap exactly like the scalar int32 ones. Against int columns it
 * reads half the weight bytes per step, at the price of writing {@code b} once per column pair.
 */
final class Int8ColumnPairs extends Int8Matrix {
    /**
     * Below this many weights the int columns (4 bytes a weight) stay in a core's L2 cache and are faster: the
     * pairs pay only when the step is bound by memory reads.
     */
    private static final long MIN_WEIGHTS = 1 << 19;
    /** {@code b} is written pair by pair this far, then doubled by array copies. */
    private static final int BROADCAST_SEED = 64;

    /** {@code [p][2o + i]} = {@code W[o][2p + i]}; 0 past the last column. */
    private final short[][] pairs;
    private final short[] broadcast;
    private final int[] acc;

    Int8ColumnPairs(List<byte[]> w, int blockRows, int inDim) {
        super(w, blockRows, inDim);
        pairs = new short[(inDim + 1) / 2][2 * outDim];
        for (int o = 0; o < outDim; o++) {
            for (int k = 0; k < inDim; k++) {
                pairs[k / 2][2 * o + (k & 1)] = (short) weight(w, blockRows, inDim, o, k);
            }
        }
        broadcast = new short[2 * outDim];
        acc = new int[outDim];
    }

    /** Whether this layout is the faster one for {@code outDim × inDim} weights. */
    static boolean pays(int outDim, int inDim) {
        return (long) outDim * inDim >= MIN_WEIGHTS;
    }

    @Override
    void products(int rows, short[] x, int xOff, int from, int to, int[] start, int[] out) {
        int[] a = acc;
        short[] b = broadcast;
        for (int r = 0; r < rows; r++) {
            int xr = xOff + r * inDim;
            begin(a, outDim, start, 0);
            for (int k = from; k < to; k += 2) {
                broadcast(x[xr + k], k + 1 < to ? x[xr + k + 1] : 0);
                short[] w = pairs[k / 2];
                for (int o = 0; o < outDim; o++) {
                    a[o] += w[2 * o] * b[2 * o] + w[2 * o + 1] * b[2 * o + 1];
                }
            }
            System.arraycopy(a, 0, out, r * outDim, outDim);
        }
    }

    /** Fills {@link #broadcast} with {@code x0, x1, x0, x1, ...}. */
    private void broadcast(short x0, short x1) {
        short[] b = broadcast;
        int seed = Math.min(b.length, BROADCAST_SEED);
        for (int i = 0; i < seed; i += 2) {
            b[i] = x0;
            b[i + 1] = x1;
        }
        for (int len = seed; len < b.length; len *= 2) {
            System.arraycopy(b, 0, b, len, Math.min(len, b.length - len));
        }
    }
}
