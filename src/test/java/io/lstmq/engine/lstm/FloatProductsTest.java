package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The float product loops: close to the exact (double) products, and equal bit for bit to each other whatever
 * the path (transposed rows, dot products, copied columns), since they share one summation order.
 */
class FloatProductsTest {

    private static float[] random(Random rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = rnd.nextFloat() * 2 - 1;
        }
        return v;
    }

    private static void assertCloseToExact(float[] w, int outDim, int in, float[] x, int xOff, float[] actual,
            int actualOff) {
        for (int n = 0; n < outDim; n++) {
            double exact = 0;
            double magnitude = 0;
            for (int k = 0; k < in; k++) {
                exact += (double) w[n * in + k] * x[xOff + k];
                magnitude += Math.abs((double) w[n * in + k] * x[xOff + k]);
            }
            assertEquals(exact, actual[actualOff + n], 1e-6 * magnitude, "output " + n);
        }
    }

    /** 37 rows (transposed) and the same rows one by one (dot products), with a tail of 3 columns. */
    @Test
    void rowsTogetherEqualRowsAlone() {
        Random rnd = new Random(3);
        int outDim = 13;
        int in = 23;
        int rows = 37;
        float[] w = random(rnd, outDim * in);
        float[] x = random(rnd, 2 + rows * in);
        FloatProducts products = new FloatProducts(in);
        float[] together = new float[rows * 2 * outDim];
        products.setRows(x, 2, rows);
        products.multiplyRows(w, outDim, together, outDim, 2 * outDim);
        float[] alone = new float[outDim];
        for (int r = 0; r < rows; r++) {
            FloatProducts.multiply(w, outDim, in, x, 2 + r * in, alone, 0);
            int from = r * 2 * outDim + outDim;
            assertArrayEquals(alone, Arrays.copyOfRange(together, from, from + outDim), "row " + r);
            assertCloseToExact(w, outDim, in, x, 2 + r * in, alone, 0);
        }
        products.setRows(x, 2 + 5 * in, 3);
        float[] few = new float[3 * outDim];
        products.multiplyRows(w, outDim, few, 0, outDim);
        assertArrayEquals(Arrays.copyOfRange(together, 5 * 2 * outDim + outDim, 5 * 2 * outDim + 2 * outDim),
                Arrays.copyOfRange(few, 0, outDim), "three rows take the dot products");
    }

    /** A small stack is copied into columns, a large one read in place; an absent block gives zeros. */
    @Test
    void rowMatrixInBothLayouts() {
        Random rnd = new Random(4);
        for (int rows : new int[] {30, 600}) {
            int in = 901;
            float[] a = random(rnd, rows * in);
            float[] b = random(rnd, rows * in);
            float[] x = random(rnd, 1 + in);
            float[] out = new float[1 + 3 * rows];
            Arrays.fill(out, Float.NaN);
            new FloatRowMatrix(Arrays.asList(a, null, b), rows, in).multiply(x, 1, out, 1);
            float[] expectedA = new float[rows];
            float[] expectedB = new float[rows];
            FloatProducts.multiply(a, rows, in, x, 1, expectedA, 0);
            FloatProducts.multiply(b, rows, in, x, 1, expectedB, 0);
            assertArrayEquals(expectedA, Arrays.copyOfRange(out, 1, 1 + rows), rows + " rows, block 0");
            assertArrayEquals(new float[rows], Arrays.copyOfRange(out, 1 + rows, 1 + 2 * rows), "absent block");
            assertArrayEquals(expectedB, Arrays.copyOfRange(out, 1 + 2 * rows, 1 + 3 * rows), "block 2");
            assertCloseToExact(b, rows, in, x, 1, expectedB, 0);
            assertEquals(Float.NaN, out[0], "nothing written before outOff");
        }
        float[] w = random(rnd, 5);
        float[] out = new float[1];
        new FloatRowMatrix(List.of(w), 1, 5).multiply(new float[] {1, 0, 0, 0, 0}, 0, out, 0);
        assertEquals(w[0], out[0]);
    }
}
