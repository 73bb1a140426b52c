package io.lstmq.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lstmq.LstmqException;
import io.lstmq.testing.Shared;
import org.junit.jupiter.api.Test;

class QuantizedMultiplierTest {
    private static final double Q3_12 = 0x1p-12;
    private static final double Q0_15 = 0x1p-15;

    // Scales of TFLM's 2x3x2x2 int8 test model (spec §8), as the float32 values stored in the model.
    private static final float S_IN = 0.007843137718737125f;       // 1/127.5
    private static final float S_H = 0.004705882165580988f;
    private static final float S_W_FORGET_INPUT = 0.15748031437397003f; // 20/127
    private static final float S_W_CELL_OUTPUT = 0.007874015718698502f; // 1/127
    private static final float S_CELL = 0x1p-12f;

    private static void assertPair(int multiplier, int shift, QuantizedMultiplier actual) {
        assertEquals(new QuantizedMultiplier(multiplier, shift), actual);
    }

    @Test
    void quantizeMultiplierExamplesOfTheSpec() {
        assertPair(1073741824, -14, QuantizedMultiplier.of(0x1p-15));
        assertPair(1073741824, 1, QuantizedMultiplier.of(1.0));
        assertPair(1610612736, 2, QuantizedMultiplier.of(3.0));
        assertPair(1073741824, 1, QuantizedMultiplier.of(0.9999999999)); // mantissa rounds up to 1.0
        assertPair(1073741824, -31, QuantizedMultiplier.of(0x1p-32));
        assertPair(0, 0, QuantizedMultiplier.of(1e-10));                 // exponent below -31 flushes
        assertPair(0, 0, QuantizedMultiplier.of(0.0));
        assertPair(0, 0, QuantizedMultiplier.of(Double.MIN_VALUE));      // subnormal
    }

    @Test
    void mantissaTieRoundsAwayFromZero() {
        // 0.5 + 2^-32 puts the Q0.31 mantissa exactly on 2^30 + 0.5.
        assertPair(1073741825, 0, QuantizedMultiplier.of(0.5 + 0x1p-32));
    }

    @Test
    void nonFiniteScaleIsAUserError() {
        assertThrows(LstmqException.class, () -> QuantizedMultiplier.of(Double.NaN));
        assertThrows(LstmqException.class, () -> QuantizedMultiplier.of(Double.POSITIVE_INFINITY));
    }

    @Test
    void tflmPreparePairsOfTheInt8TestModel() {
        // §3.4: QM( f64( f32(s_a * s_w) ) / 2^-12 ); expected pairs from spec §8.
        assertPair(1358050560, 3, QuantizedMultiplier.of((double) (S_IN * S_W_FORGET_INPUT) / Q3_12));
        assertPair(1629660544, 2, QuantizedMultiplier.of((double) (S_H * S_W_FORGET_INPUT) / Q3_12));
        assertPair(1086440448, -1, QuantizedMultiplier.of((double) (S_IN * S_W_CELL_OUTPUT) / Q3_12));
        assertPair(1303728384, -2, QuantizedMultiplier.of((double) (S_H * S_W_CELL_OUTPUT) / Q3_12));
        assertPair(1073741824, -14, QuantizedMultiplier.of(Q0_15 * S_CELL / S_CELL));
        assertPair(1073741824, -17, QuantizedMultiplier.of(Q0_15 * Q0_15 / S_CELL));
        assertPair(1782579271, -22, QuantizedMultiplier.of(Q0_15 * Q0_15 / S_H));
    }

    @Test
    void tfliteHiddenPairComesFromAFloatRoundedScale() {
        // §3.3: eff_hidden = f32( f64(2^-15) / f64(isc4) * f64(2^-15) ), here isc4 = s_h (§3.5).
        float effectiveHidden = (float) (Q0_15 / S_H * Q0_15);
        assertPair(1782579328, -22, QuantizedMultiplier.of(effectiveHidden));
    }

    @Test
    void tflmPreparePairsOfEveryGoldenCase() throws IOException {
        JsonNode root = new ObjectMapper().readTree(Shared.path("golden/tflm_lstm_test_vectors.json").toFile());
        int checked = 0;
        for (JsonNode c : root.get("cases")) {
            JsonNode expected = c.get("prepare_multipliers_tflm");
            if (expected == null) {
                continue;
            }
            JsonNode model = c.get("model");
            float sIn = model.get("input").get("scale").floatValue();
            float sH = model.get("hidden_state_and_output").get("scale").floatValue();
            double sC = model.get("cell_state").get("scale").floatValue();
            for (String gate : new String[] {"input", "forget", "cell", "output"}) {
                JsonNode g = model.get("gates").get(gate);
                float sW = g.get("input_weights").get("scale").floatValue();
                float sR = g.get("recurrent_weights").get("scale").floatValue();
                assertEquals(pair(expected.get(gate).get(0)), QuantizedMultiplier.of((double) (sIn * sW) / Q3_12),
                        c.get("name").asText() + " " + gate + " input FC");
                assertEquals(pair(expected.get(gate).get(1)), QuantizedMultiplier.of((double) (sH * sR) / Q3_12),
                        c.get("name").asText() + " " + gate + " recurrent FC");
            }
            assertEquals(pair(expected.get("fc_mul")), QuantizedMultiplier.of(Q0_15 * sC / sC));
            assertEquals(pair(expected.get("ig_mul")), QuantizedMultiplier.of(Q0_15 * Q0_15 / sC));
            assertEquals(pair(expected.get("h_mul")), QuantizedMultiplier.of(Q0_15 * Q0_15 / sH));
            checked++;
        }
        assertEquals(2, checked, "the int8 and int16 one-step cases carry Prepare multipliers");
    }

    private static QuantizedMultiplier pair(JsonNode node) {
        return new QuantizedMultiplier(node.get(0).intValue(), node.get(1).intValue());
    }

    @Test
    void quantizedValueIsWithinHalfAnLsbOfTheReal() {
        Random random = new Random(20240611);
        for (int i = 0; i < 10_000; i++) {
            double real = Math.pow(10, -9 + 12 * random.nextDouble());
            QuantizedMultiplier q = QuantizedMultiplier.of(real);
            assertTrue(q.multiplier() >= 1 << 30, () -> real + " -> " + q);
            assertEquals(real, q.realValue(), Math.scalb(0.5, q.shift() - 31), () -> real + " -> " + q);
        }
    }

    @Test
    void realValueOfAPair() {
        assertEquals(3.0, QuantizedMultiplier.of(3.0).realValue());
        assertEquals(0x1p-17, new QuantizedMultiplier(1073741824, -16).realValue());
        assertEquals(0.0, new QuantizedMultiplier(0, 0).realValue());
    }

    @Test
    void mbqmDoubleRoundingWithRightShift() {
        QuantizedMultiplier quarter = new QuantizedMultiplier(1 << 30, -1); // 0.25
        assertEquals(2, quarter.apply(5));    //  1.25: SRDHM gives 3 (2.5 up), RDBPOT(3, 1) = 2; single rounding: 1
        assertEquals(2, quarter.apply(6));    //  1.5
        assertEquals(-1, quarter.apply(-5));  // -1.25: SRDHM -2 (tie toward zero), RDBPOT(-2, 1) = -1
        assertEquals(-2, quarter.apply(-6));  // -1.5:  SRDHM -3, RDBPOT(-3, 1) = -2
        assertEquals(-2, new QuantizedMultiplier(1 << 30, 0).apply(-5)); // -2.5 -> -2: SRDHM's negative tie
        assertEquals(3, new QuantizedMultiplier(1 << 30, 0).apply(5));   //  2.5 -> 3
    }

    @Test
    void mbqmRealisticPairs() {
        QuantizedMultiplier hidden = new QuantizedMultiplier(1782579271, -22);
        assertEquals(212, hidden.apply(32767 * 32767));          // 212.487
        assertEquals(-212, hidden.apply(-32767 * 32767));
        assertEquals(24, hidden.apply(123456789));               // 24.433
        assertEquals(622, new QuantizedMultiplier(1303728384, -2).apply(4095));       // 621.514
        assertEquals(505913, new QuantizedMultiplier(1358050560, 3).apply(100000));   // 505913.258
        assertEquals(-505913, new QuantizedMultiplier(1358050560, 3).apply(-100000));
    }

    @Test
    void mbqmLeftShift() {
        QuantizedMultiplier three = QuantizedMultiplier.of(3.0); // (1610612736, 2)
        for (int x = -1000; x <= 1000; x++) {
            assertEquals(3 * x, three.apply(x));
        }
        // The left shift wraps in 32 bits before the multiply, as the C code does.
        QuantizedMultiplier two = new QuantizedMultiplier(1 << 30, 2);
        assertEquals(0, two.apply(1 << 30));                        // 2^32 wraps to 0
        assertEquals(-1073741824, two.apply(3 << 29));               // 3·2^31 wraps to INT32_MIN
    }

    @Test
    void mbqmSaturatesInt32MinTimesInt32Min() {
        assertEquals(Integer.MAX_VALUE, new QuantizedMultiplier(Integer.MIN_VALUE, 0).apply(Integer.MIN_VALUE));
        assertEquals(Integer.MAX_VALUE, new QuantizedMultiplier(Integer.MIN_VALUE, 1).apply(1 << 30));
    }

    @Test
    void mbqm64UsesASixteenBitMultiplier() {
        assertEquals(33554432, new QuantizedMultiplier(1 << 30, -14).apply(1L << 40)); // 2^40 · 2^-15
        assertEquals(2, new QuantizedMultiplier(1 << 30, 0).apply(3L));     //  1.5 -> 2
        assertEquals(-1, new QuantizedMultiplier(1 << 30, 0).apply(-3L));   // -1.5 -> -1 (rounds half up)
        // Multipliers from 0x7FFF0000 up reduce to 0x7FFF instead of overflowing 16 bits.
        assertEquals(65534, new QuantizedMultiplier(Integer.MAX_VALUE, 0).apply(65536L)); // exact 65535.99997
        // The 16-bit multiplier (23405 for 1533870029) costs precision: exact 5382124.43.
        QuantizedMultiplier hidden16 = new QuantizedMultiplier(1533870029, -14);
        assertEquals(5382125, hidden16.apply(123456789012L));
        assertEquals(-5382125, hidden16.apply(-123456789012L));
        assertEquals(-19442711, new QuantizedMultiplier(1352766208, -5).apply(-987654321L)); // exact -19442310.3
    }
}
