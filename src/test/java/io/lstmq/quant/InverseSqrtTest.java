package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class InverseSqrtTest {
    /**
     * Five Newton-Raphson steps from y = 1 on a normalised input a in [1/4, 1) converge slowest at a = 1/4
     * (target 2): 1.375, 1.7375, 1.9506, 1.9982, 1.9999975 leaves 1.24e-6 relative error. The Q3.28 and
     * Q0.31 roundings add about 1e-8, so 2e-6 bounds every input.
     */
    private static final double RELATIVE_TOLERANCE = 2e-6;

    @Test
    void inputsOfOneOrLessGiveTheMaximalMultiplier() {
        for (int x : new int[] {1, 0, -1, Integer.MIN_VALUE}) {
            assertEquals(new QuantizedMultiplier(Integer.MAX_VALUE, 0), InverseSqrt.of(x));
        }
    }

    @Test
    void approximatesOneOverSquareRoot() {
        int[] inputs = {2, 3, 4, 5, 7, 100, 1000, 12345, 1 << 20, (1 << 27) - 1, 1 << 27, (1 << 29) - 1, 1 << 29,
                1 << 30, Integer.MAX_VALUE};
        for (int x : inputs) {
            assertEquals(1.0, InverseSqrt.of(x).realValue() * Math.sqrt(x), RELATIVE_TOLERANCE, "x = " + x);
        }
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            int x = 2 + random.nextInt(1 << (1 + random.nextInt(30)));
            assertEquals(1.0, InverseSqrt.of(x).realValue() * Math.sqrt(x), RELATIVE_TOLERANCE, "x = " + x);
        }
    }

    @Test
    void fourTimesTheInputHalvesTheResultExactly() {
        // Normalisation moves whole bit pairs, so x and 4x reach the same Newton input and differ only by one in
        // the shift (while no negative right shift is folded into the multiplier: x >= 2^8).
        Random random = new Random(11);
        for (int i = 0; i < 5_000; i++) {
            int x = 256 + random.nextInt((1 << 27) - 256);
            QuantizedMultiplier q = InverseSqrt.of(x);
            assertEquals(new QuantizedMultiplier(q.multiplier(), q.shift() - 1), InverseSqrt.of(4 * x), "x = " + x);
        }
        // Above 2^29 the input is divided by 4 instead, with the same effect.
        assertEquals(InverseSqrt.of(1 << 28).multiplier(), InverseSqrt.of(1 << 30).multiplier());
        assertEquals(InverseSqrt.of(1 << 28).shift() - 1, InverseSqrt.of(1 << 30).shift());
    }

    @Test
    void smallInputsFoldTheNegativeShiftIntoTheMultiplier() {
        QuantizedMultiplier q = InverseSqrt.of(4);
        assertEquals(0, q.shift());
        assertEquals(0.5, q.realValue(), 0.5 * RELATIVE_TOLERANCE);
    }
}
