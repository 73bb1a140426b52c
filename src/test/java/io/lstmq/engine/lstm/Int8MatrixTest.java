package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Both weight layouts against the plain row-major definition. */
class Int8MatrixTest {

    /** One weight layout, built from stacked row-major blocks. */
    private record Layout(String name, Factory factory) {
        interface Factory {
            Int8Matrix build(List<byte[]> blocks, int blockRows, int inDim);
        }

        Int8Matrix of(byte[] w, int out, int in) {
            return factory.build(List.of(w), out, in);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> layouts() {
        return Stream.of(Arguments.of(new Layout("column blocks", Int8ColumnBlocks::new)),
                Arguments.of(new Layout("column pairs", Int8ColumnPairs::new)));
    }

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

    private static void assertRowsMatch(byte[] w, int out, int in, int[] bias, short[] x, int xOff, int rows,
            int[] actual, String what) {
        long[] wideBias = Arrays.stream(bias).asLongStream().toArray();
        for (int r = 0; r < rows; r++) {
            long[] expected = reference(w, out, in, wideBias, x, xOff + r * in);
            int[] narrowed = Arrays.stream(expected).mapToInt(v -> (int) v).toArray();
            assertArrayEquals(narrowed, Arrays.copyOfRange(actual, r * out, (r + 1) * out), what + ", row " + r);
        }
    }

    /** Odd column count, one to three rows, int16 inputs large enough for the int32 sum to wrap. */
    @ParameterizedTest
    @MethodSource("layouts")
    void int32ProductsWrapLikeTheCKernels(Layout layout) {
        Random rnd = new Random(7);
        int out = 5;
        int in = 1001;
        byte[] w = randomBytes(rnd, out * in);
        Arrays.fill(w, 0, in, (byte) -128);
        short[] x = randomShorts(rnd, 3 + 3 * in);
        Arrays.fill(x, 3, 3 + in, Short.MIN_VALUE); // row 0, output 0: 1001 · 2^22 wraps
        int[] bias = {1, -2, 3, Integer.MAX_VALUE, 5};
        Int8Matrix m = layout.of(w, out, in);
        for (int rows = 1; rows <= 3; rows++) {
            int[] actual = new int[rows * out];
            m.multiply(rows, x, 3, bias, actual);
            assertRowsMatch(w, out, in, bias, x, 3, rows, actual, rows + " rows");
        }
    }

    /** Many outputs in several blocks (long columns make the blocks short), an odd row count, odd columns. */
    @ParameterizedTest
    @MethodSource("layouts")
    void manyOutputsAndRows(Layout layout) {
        Random rnd = new Random(5);
        int out = 300;
        int in = 4099;
        int rows = 5;
        byte[] w = randomBytes(rnd, out * in);
        short[] x = randomShorts(rnd, rows * in);
        int[] bias = rnd.ints(out).toArray();
        int[] actual = new int[rows * out];
        layout.of(w, out, in).multiply(rows, x, 0, bias, actual);
        assertRowsMatch(w, out, in, bias, x, 0, rows, actual, layout.name());
    }

    /** The int64 form is exact where an int32 sum of the extreme products would overflow. */
    @ParameterizedTest
    @MethodSource("layouts")
    void int64ProductsAreExact(Layout layout) {
        Random rnd = new Random(11);
        for (int in : new int[] {255, 256, 511, 512, 701}) {
            int out = 3;
            byte[] w = randomBytes(rnd, out * in);
            Arrays.fill(w, (byte) -128);
            short[] x = new short[2 * in];
            Arrays.fill(x, Short.MIN_VALUE);
            x[in + 7] = 12345;
            long[] bias = {1L << 40, -7, 0};
            long[] actual = new long[2 * out];
            layout.of(w, out, in).multiply(2, x, 0, bias, actual);
            for (int r = 0; r < 2; r++) {
                assertArrayEquals(reference(w, out, in, bias, x, r * in), Arrays.copyOfRange(actual, r * out,
                        (r + 1) * out), "columns " + in + ", row " + r);
            }
        }
    }

    /** Stacked blocks are the gates one under another; a null block is zeros. */
    @ParameterizedTest
    @MethodSource("layouts")
    void stackedBlocksAndRowSums(Layout layout) {
        byte[] a = {1, 2, 3, 4};
        byte[] c = {-5, 6, -7, 8};
        List<byte[]> blocks = Arrays.asList(a, null, c);
        Int8Matrix m = layout.factory().build(blocks, 2, 2);
        assertArrayEquals(new int[] {3, 7, 0, 0, 1, 1}, m.rowSums());
        int[] out = new int[6];
        m.multiply(1, new short[] {10, -1}, 0, new int[6], out);
        assertArrayEquals(new int[] {8, 26, 0, 0, -56, -78}, out);
        assertArrayEquals(new int[] {3, 7}, layout.of(a, 2, 2).rowSums());
    }

    /** One-row products take the pair layout only where it is the faster one. */
    @Test
    void factoriesChooseTheLayoutBySize() {
        assertInstanceOf(Int8ColumnBlocks.class, Int8Matrix.forManyRows(List.of(new byte[512 * 2]), 512, 2));
        assertInstanceOf(Int8ColumnBlocks.class, Int8Matrix.forOneRow(List.of(new byte[1024 * 256]), 1024, 256));
        assertInstanceOf(Int8ColumnPairs.class, Int8Matrix.forOneRow(List.of(new byte[2048 * 512]), 2048, 512));
    }
}
