package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntBinaryOperator;

import org.junit.jupiter.api.Test;

class GemmlowpActivationsTest {
    private static final int[] SAMPLE_INPUTS = {-32768, -8192, -1000, -1, 0, 1, 1000, 8192, 32767};
    private static final int GATE_INTEGER_BITS = 3;

    /*
     * Error bounds against the real functions, in Q0.15 LSB, by the triangle inequality through TFLM: spec §4.8
     * bounds TFLite - TFLM by 7 (sigmoid) and 12 (tanh) LSB on Q3.12 inputs, and TflmActivationsTest bounds
     * TFLM - real by 1.75 and 3.0. The integer-bit count only changes the input's resolution; the exp and
     * Newton stages whose rounding dominates run at the same precision for every IB, so the bounds are
     * asserted for IB = 0..6.
     */
    private static final double LOGISTIC_ERROR_BOUND = 7 + 1.75;
    private static final double TANH_ERROR_BOUND = 12 + 3.0;
    /*
     * The division's Newton result is Q2.13: one of its LSBs is 2 output LSBs for the logistic (x/2) and 4 for
     * tanh (x - 1, shifted by 2). Neighbouring inputs can end up to 4 of those apart in the wrong direction.
     */
    private static final int LOGISTIC_MAX_DIP = 8;
    private static final int TANH_MAX_DIP = 16;

    private static int[] samples(IntBinaryOperator f, int integerBits) {
        int[] out = new int[SAMPLE_INPUTS.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsInt(SAMPLE_INPUTS[i], integerBits);
        }
        return out;
    }

    @Test
    void sampleValuesOfTheSpec() {
        assertArrayEquals(new int[] {11, 3901, 14391, 16383, 16384, 16384, 18376, 28866, 32756},
                samples(GemmlowpActivations::logistic, GATE_INTEGER_BITS));
        assertArrayEquals(new int[] {-32767, -31596, -7840, -8, 0, 8, 7840, 31596, 32767},
                samples(GemmlowpActivations::tanh, GATE_INTEGER_BITS));
        assertArrayEquals(new int[] {-24964, -8032, -1000, 8, 0, -8, 1000, 8032, 24964},
                samples(GemmlowpActivations::tanh, 0));
    }

    @Test
    void tanhWithoutIntegerBitsFlipsTheSignAtOneLsb() {
        assertEquals(-8, GemmlowpActivations.tanh(1, 0));
        assertEquals(8, GemmlowpActivations.tanh(-1, 0));
    }

    @Test
    void tablesEqualTheArithmeticDefinition() {
        for (int ib = 0; ib <= GemmlowpActivations.MAX_INTEGER_BITS; ib++) {
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                assertEquals(GemmlowpActivations.computeLogistic(x, ib), GemmlowpActivations.logistic(x, ib));
                assertEquals(GemmlowpActivations.computeTanh(x, ib), GemmlowpActivations.tanh(x, ib));
            }
        }
    }

    @Test
    void logisticPropertiesForEveryIntegerBitCount() {
        for (int ib = 0; ib <= GemmlowpActivations.MAX_INTEGER_BITS; ib++) {
            int runningMax = 0;
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                int y = GemmlowpActivations.logistic(x, ib);
                String where = "IB = " + ib + ", x = " + x;
                assertTrue(y >= 0 && y <= 32767, where);
                assertTrue(y >= runningMax - LOGISTIC_MAX_DIP, "dips at " + where);
                runningMax = Math.max(runningMax, y);
                // Negative inputs are computed as 1 - logistic(|x|).
                if (x != 0 && x != Short.MIN_VALUE) {
                    assertEquals(32767, y + GemmlowpActivations.logistic(-x, ib), where);
                }
                double real = 32768 / (1 + Math.exp(-Math.scalb((double) x, ib - 15)));
                assertEquals(real, y, LOGISTIC_ERROR_BOUND, where);
            }
        }
    }

    @Test
    void tanhPropertiesForEveryIntegerBitCount() {
        for (int ib = 0; ib <= GemmlowpActivations.MAX_INTEGER_BITS; ib++) {
            int runningMax = -32767;
            for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
                int y = GemmlowpActivations.tanh(x, ib);
                String where = "IB = " + ib + ", x = " + x;
                assertTrue(y >= -32767 && y <= 32767, where);
                assertTrue(y >= runningMax - TANH_MAX_DIP, "dips at " + where);
                runningMax = Math.max(runningMax, y);
                if (x != Short.MIN_VALUE) {
                    assertEquals(0, y + GemmlowpActivations.tanh(-x, ib), where); // computed on -|x|, then negated
                }
                assertEquals(32768 * Math.tanh(Math.scalb((double) x, ib - 15)), y, TANH_ERROR_BOUND, where);
            }
        }
    }

    @Test
    void differsFromTflmAsSpecSection48Counts() {
        int sigmoidDiffering = 0;
        int sigmoidMax = 0;
        int tanhDiffering = 0;
        int tanhMax = 0;
        for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
            int ds = Math.abs(GemmlowpActivations.logistic(x, GATE_INTEGER_BITS) - TflmActivations.sigmoid(x));
            int dt = Math.abs(GemmlowpActivations.tanh(x, GATE_INTEGER_BITS)
                    - TflmActivations.tanh(x, TflmActivations.GATE_SCALE_POWER));
            sigmoidDiffering += ds != 0 ? 1 : 0;
            tanhDiffering += dt != 0 ? 1 : 0;
            sigmoidMax = Math.max(sigmoidMax, ds);
            tanhMax = Math.max(tanhMax, dt);
        }
        assertEquals(56_761, sigmoidDiffering);
        assertEquals(7, sigmoidMax);
        assertEquals(41_116, tanhDiffering);
        assertEquals(12, tanhMax);
    }
}
