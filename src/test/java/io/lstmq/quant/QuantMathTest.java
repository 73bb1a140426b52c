package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Q1–Q7 against the numbers of spec §2.11 (the worked example, equal bit for bit to LiteRT's golden
 * {@code unidirectional_sequence_lstm_quantized}) and hand-computed edge cases.
 */
class QuantMathTest {
    /** The weights of every gate in the LiteRT test models. */
    private static final float[] WEIGHTS = {0.36855682730674744f, 0.3001047968864441f, -0.1259930431842804f,
        0.5892156958580017f};
    /** Their biases and layer-norm coefficients. */
    private static final float[] PAIR = {0.36855682730674744f, 0.3001047968864441f};

    @Test
    void q1InputRangeIsZeroExtended() {
        QuantMath.AffineParams p = QuantMath.asymmetricInt8(0.003405928611755371f, 0.9932453632354736f);
        assertEquals(0.0038950799498707056f, p.scale());
        assertEquals(-128, p.zeroPoint());
        assertEquals(0f, p.min());
        assertEquals(0.9932453632354736f, p.max());
    }

    @Test
    void q1AllNegativeRangePutsZeroAtTheTop() {
        // [-2, -1] extends to [-2, 0]: scale 2/255, zero point -128 + 255 = 127.
        QuantMath.AffineParams p = QuantMath.asymmetricInt8(-2f, -1f);
        assertEquals(2f / 255f, p.scale());
        assertEquals(127, p.zeroPoint());
        assertEquals(0f, p.max());
    }

    @Test
    void q1EmptyRangeHasZeroScale() {
        QuantMath.AffineParams p = QuantMath.asymmetricInt8(0f, 0f);
        assertEquals(0f, p.scale());
        assertEquals(-128, p.zeroPoint());
    }

    @Test
    void q2LayerNormIntermediateScale() {
        assertEquals(2.7853950086864643e-05f, QuantMath.symmetricInt16Scale(-0.03846140205860138f,
                0.9126904010772705f));
    }

    @Test
    void q3CellScaleIsTheNextPowerOfTwoCappedAtTen() {
        assertEquals(6.103515625e-05f, QuantMath.cellStateScale(0f, 1.3111958503723145f)); // pot 1
        assertEquals(3.0517578125e-05f, QuantMath.cellStateScale(0f, 0.42434969544410706f)); // pot 0: 2^-15
        assertEquals(2, QuantMath.cellStatePowerOfTwo(-4f, 3f)); // exactly 2^2 needs no more
        assertEquals(10, QuantMath.cellStatePowerOfTwo(0f, 5000f));
        assertEquals(1f / 32f, QuantMath.cellStateScale(0f, 5000f));
    }

    @Test
    void q4WeightsMultiplyByTheInverseRange() {
        QuantMath.Int8Data q = QuantMath.int8Weights(WEIGHTS, -0.1259930431842804f, 0.5892156958580017f);
        assertEquals(0.004639493767172098f, q.scale());
        assertArrayEquals(new byte[] {79, 65, -27, 127}, q.values());
    }

    @Test
    void q4RoundsHalfAwayFromZero() {
        // Range 127 makes the inverse exactly 1, so ±2.5 are ties: C's round gives ±3 (Java's Math.round -2).
        QuantMath.Int8Data q = QuantMath.int8Weights(new float[] {2.5f, -2.5f, -127f, 0.49999997f}, -127f, 1f);
        assertEquals(1f, q.scale());
        assertArrayEquals(new byte[] {3, -3, -127, 0}, q.values());
    }

    @Test
    void q4ZeroRangeGivesUnitScaleAndZeros() {
        QuantMath.Int8Data q = QuantMath.int8Weights(new float[] {0f, 0f}, 0f, 0f);
        assertEquals(1f, q.scale());
        assertArrayEquals(new byte[] {0, 0}, q.values());
    }

    @Test
    void q5LayerNormCoefficients() {
        QuantMath.Int16Data q = QuantMath.int16Weights(PAIR);
        assertEquals(1.1247804650338367e-05f, q.scale());
        assertArrayEquals(new short[] {32767, 26681}, q.values());
    }

    @Test
    void q6LayerNormBiasScaleIsTheCoefficientScaleTimesTwoToMinusTen() {
        float scale = QuantMath.derivedScale(1.1247804650338367e-05f, (float) Math.pow(2, -10));
        assertEquals(1.0984184228846061e-08f, scale);
        assertArrayEquals(new int[] {33553408, 27321536}, QuantMath.int32Bias(PAIR, scale));
    }

    @Test
    void q6ProjectionBiasScaleMultipliesInRecipeOrder() {
        float scale = QuantMath.derivedScale(0.004639493767172098f, 0.0022932137362658978f);
        assertEquals(1.0639350875862874e-05f, scale);
        assertArrayEquals(new int[] {34641, 28207}, QuantMath.int32Bias(PAIR, scale));
    }

    @Test
    void q6SaturatesAndMapsNanToZero() {
        int[] q = QuantMath.int32Bias(new float[] {1e30f, -1e30f, Float.NaN}, 1f);
        assertArrayEquals(new int[] {2147483647, -2147483647, 0}, q);
        long[] w = QuantMath.int64Bias(new float[] {1e30f, -1e30f, 3.5f}, 1f);
        assertArrayEquals(new long[] {Long.MAX_VALUE, -Long.MAX_VALUE, 4}, w);
    }

    @Test
    void q7SharedStateAndOutputRange() {
        // State 18 [0, 0.5840777] and output [0.2264279, 0.5840777] merge to [0, 0.5840777].
        float min = Math.min(0f, 0.22642791271209717f);
        float max = Math.max(0.5840776562690735f, 0.5840776562690735f);
        QuantMath.AffineParams p = QuantMath.asymmetricInt8(min, max);
        assertEquals(0.002290500560775399f, p.scale());
        assertEquals(-128, p.zeroPoint());
    }

    @Test
    void symmetricInt16ActivationKeepsZeroAtZero() {
        QuantMath.AffineParams p = QuantMath.symmetricInt16(0.25f, 32767f);
        assertEquals(1f, p.scale());
        assertEquals(0, p.zeroPoint());
        assertEquals(0f, p.min());
    }

    @Test
    void constantActivationValuesUseTheirOwnZeroPoint() {
        // scale 0.5, zp -10: 1.25/0.5 = 2.5 rounds away to 3, then -7; -100 clamps to -128.
        assertArrayEquals(new int[] {-7, -13, -128}, QuantMath.affineValues(new float[] {1.25f, -1.25f, -100f},
                0.5f, -10, -128, 127));
    }
}
