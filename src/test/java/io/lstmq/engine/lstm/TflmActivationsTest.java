package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TflmActivationsTest {
    private static final int[] SAMPLE_INPUTS = {-32768, -8192, -1000, -1, 0, 1, 1000, 8192, 32767};

    /*
     * Error bounds against the real functions, in Q0.15 LSB. The table entries lie within 1.11/65536 of
     * sigmoid(k/24) (Appendix A against the formula); linear interpolation between samples 1/24 apart adds at
     * most h^2/8 · max|sigmoid''| = (1/24)^2/8 · 0.0962; the final shift rounds by half an LSB.
     *   sigmoid: 0.555 + 0.684 + 0.5                            -> 1.75
     *   tanh = 2·sigmoid(2x) - 1 doubles the first two terms: 1.11 + 1.37 + 0.5 -> 3.0
     *   scales below 2^-12 also round the input to 1/12288, at most 0.5 step at slope 1: + 1.33 -> 4.35
     */
    private static final double SIGMOID_ERROR_BOUND = 1.75;
    private static final double TANH_ERROR_BOUND = 3.0;
    private static final double TANH_ROUNDED_INPUT_ERROR_BOUND = 4.35;

    @Test
    void sigmoidSampleValuesOfTheSpec() {
        int[] expected = {11, 3906, 14394, 16382, 16384, 16386, 18374, 28862, 32757};
        int[] actual = new int[SAMPLE_INPUTS.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = TflmActivations.sigmoid(SAMPLE_INPUTS[i]);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void gateTanhSampleValuesOfTheSpec() {
        int[] expected = {-32767, -31589, -7845, -8, 0, 8, 7845, 31589, 32767};
        int[] actual = new int[SAMPLE_INPUTS.length];
        for (int i = 0; i < actual.length; i++) {
            actual[i] = TflmActivations.tanh(SAMPLE_INPUTS[i], TflmActivations.GATE_SCALE_POWER);
        }
        assertArrayEquals(expected, actual);
    }

    @Test
    void sigmoidIsBoundedMonotoneAndComplementary() {
        int previous = 0;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int y = TflmActivations.sigmoid(x);
            assertTrue(y >= 0 && y <= 32767, "x = " + x);
            assertTrue(y >= previous, "not monotone at x = " + x);
            previous = y;
            // The negative branch computes (2^25 - r + 511) >> 10 = 32768 - ((r + 512) >> 10) exactly.
            if (x != Short.MIN_VALUE) {
                assertEquals(32768, y + TflmActivations.sigmoid(-x), "x = " + x);
            }
        }
    }

    @Test
    void sigmoidIsCloseToTheRealFunction() {
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            double real = 32768 / (1 + Math.exp(-x / 4096.0));
            assertEquals(real, TflmActivations.sigmoid(x), SIGMOID_ERROR_BOUND, "x = " + x);
        }
    }

    @Test
    void tanhForEveryCellScaleIsBoundedMonotoneAndClose() {
        for (int p = -16; p <= -9; p++) {
            double bound = p < -12 ? TANH_ROUNDED_INPUT_ERROR_BOUND : TANH_ERROR_BOUND;
            int previous = -32767;
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                int y = TflmActivations.tanh(x, p);
                String where = "P = " + p + ", x = " + x;
                assertTrue(y >= -32767 && y <= 32767, where);
                assertTrue(y >= previous, "not monotone at " + where);
                previous = y;
                assertEquals(32768 * Math.tanh(Math.scalb((double) x, p)), y, bound, where);
            }
        }
    }

    @Test
    void tanhIsOddUpToInputRounding() {
        for (int p = -16; p <= -9; p++) {
            int maxAsymmetry = 0;
            for (int x = Short.MIN_VALUE + 1; x <= Short.MAX_VALUE; x++) {
                maxAsymmetry = Math.max(maxAsymmetry, Math.abs(TflmActivations.tanh(x, p) + TflmActivations.tanh(-x, p)));
            }
            // From 2^-12 up the input is scaled exactly and both branches round alike: exactly odd. Below, the
            // rounding right shift breaks ties upward for both signs, so ±x can land one table step
            // (at most 683/256 of an LSB) apart.
            if (p >= -12) {
                assertEquals(0, maxAsymmetry, "P = " + p);
            } else {
                assertTrue(maxAsymmetry <= 3, "P = " + p + ": asymmetry " + maxAsymmetry);
            }
        }
    }

    @Test
    void tanhSaturatesForWideCellScales() {
        // With P = -9 (Q6.9) the input reaches ±64, far beyond the table's ±10.6.
        assertEquals(32767, TflmActivations.tanh(32767, -9));
        assertEquals(-32767, TflmActivations.tanh(-32768, -9));
        assertEquals(0, TflmActivations.tanh(0, -16));
    }
}
