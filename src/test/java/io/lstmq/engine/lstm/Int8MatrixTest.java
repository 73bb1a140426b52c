package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The column-layout products against the plain row-major definition. */
class Int8MatrixTest {

    /** Row-major reference: one long sum per output, narrowed at the end as the int32 kernels wrap. */
    private static long[] reference(byte[] w, int out, int in, long[] bias, short[] x, int xOff) {
        long[] r = new long[out];
        for (int o = 0; o < out; o++) {
            long s = bias[o];
            for (int k = 0; k < in; k++) {
                s += (long) w[o * in + k] * x[xOff + k];
            }
            r[o] = s;
        }
        return r;
    }

    private static byte[] randomBytes(Random rnd, int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private static short[] randomShorts(Random rnd, int n) {
        short[] s = new short[n];
        for (int k = 0; k < n; k++) {
            s[k] = (short) rnd.nextInt(65536);
        }
        return s;
    }

    /** Odd column count, two rows, int16 inputs large enough for the int32 sum to wrap. */
    @Test
    void int32ProductsWrapLikeTheCKernels() {
        Random rnd = new Random(7);
        int out = 5;
        int in = 1001;
        byte[] w = randomBytes(rnd, out * in);
        Arrays.fill(w, 0, in, (byte) -128);
        short[] x = randomShorts(rnd, 3 + 2 * in);
        Arrays.fill(x, 3, 3 + in, Short.MIN_VALUE); // row 0, output 0: 1001 · 2^22 wraps
        int[] bias = {1, -2, 3, Integer.MAX_VALUE, 5};
        int[] actual = new int[2 * out];
        Int8Matrix.of(w, out, in).multiply(2, x, 3, bias, actual);
        long[] wideBias = Arrays.stream(bias).asLongStream().toArray();
        for (int r = 0; r < 2; r++) {
            long[] expected = reference(w, out, in, wideBias, x, 3 + r * in);
            int[] narrowed = Arrays.stream(expected).mapToInt(v -> (int) v).toArray();
            assertArrayEquals(narrowed, Arrays.copyOfRange(actual, r * out, (r + 1) * out), "row " + r);
        }
    }

    /** The int64 form is exact on both sides of its int32 shortcut (fewer than 512 columns). */
    @Test
    void int64ProductsAreExact() {
        Random rnd = new Random(11);
        for (int in : new int[] {511, 512, 700}) {
            int out = 3;
            byte[] w = randomBytes(rnd, out * in);
            Arrays.fill(w, (byte) -128);
            short[] x = new short[in];
            Arrays.fill(x, Short.MIN_VALUE);
            long[] bias = {1L << 40, -7, 0};
            long[] actual = new long[out];
            Int8Matrix.of(w, out, in).multiply(1, x, 0, bias, actual);
            assertArrayEquals(reference(w, out, in, bias, x, 0), actual, "columns " + in);
        }
    }

    /** Stacked blocks are the gates one under another; a null block is zeros. */
    @Test
    void stackedBlocksAndRowSums() {
        byte[] a = {1, 2, 3, 4};
        byte[] c = {-5, 6, -7, 8};
        Int8Matrix m = Int8Matrix.stack(Arrays.asList(a, null, c), 2, 2);
        assertArrayEquals(new int[] {3, 7, 0, 0, 1, 1}, m.rowSums());
        int[] out = new int[6];
        m.multiply(1, new short[] {10, -1}, 0, new int[6], out);
        assertArrayEquals(new int[] {8, 26, 0, 0, -56, -78}, out);
        assertArrayEquals(new int[] {3, 7}, Int8Matrix.stack(List.of(a), 2, 2).rowSums());
    }
}
