package io.lstmq.lstm;

import static io.lstmq.lstm.GoldenModels.tflmCase;
import static io.lstmq.lstm.GoldenModels.tflmQuantization;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmq.LstmqException;
import io.lstmq.quant.FixedPoint;
import io.lstmq.quant.QuantizedMultiplier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TflmLstmParametersTest {

    @ParameterizedTest
    @ValueSource(strings = {"one_step_gate_check_int8", "one_step_gate_check_int16"})
    void prepareGivesTheRealKernelsMultipliers(String name) {
        JsonNode testCase = tflmCase(name);
        JsonNode expected = testCase.get("prepare_multipliers_tflm");
        TflmLstmParameters p = TflmLstmParameters.of(tflmQuantization(testCase));
        for (Gate g : Gate.values()) {
            JsonNode pairs = expected.get(g.tfliteName());
            assertPair(pairs.get(0), p.gate(g).inputFc().multiplier(), g + " input_fc");
            assertPair(pairs.get(1), p.gate(g).recurrentFc().multiplier(), g + " recurrent_fc");
        }
        assertPair(expected.get("fc_mul"), p.forgetCellMul().multiplier(), "forget_cell_mul");
        assertPair(expected.get("ig_mul"), p.inputMul().multiplier(), "input_mul");
        assertPair(expected.get("h_mul"), p.outputMul().multiplier(), "output_mul");
        assertEquals(expected.get("cell_pow").asInt(), p.cellStateScalePower());
        assertEquals(expected.get("qclip").asInt(), p.quantizedCellClip());
    }

    /** The Prepare table of spec §8, written out, with the names `inspect` prints. */
    @Test
    void specSection8PairsUnderTheirTflmNames() {
        TflmLstmParameters p = TflmLstmParameters.of(tflmQuantization(tflmCase("eval_2x3x2x2_int8")));
        var m = p.multipliers();
        assertEquals(List.of("forget_gate.input_fc", "forget_gate.recurrent_fc", "input_gate.input_fc",
                "input_gate.recurrent_fc", "cell_gate.input_fc", "cell_gate.recurrent_fc", "output_gate.input_fc",
                "output_gate.recurrent_fc", "forget_cell_mul", "input_mul", "output_mul"), List.copyOf(m.keySet()));
        assertEquals(new QuantizedMultiplier(1358050560, 3), m.get("forget_gate.input_fc").multiplier());
        assertEquals(new QuantizedMultiplier(1629660544, 2), m.get("input_gate.recurrent_fc").multiplier());
        assertEquals(new QuantizedMultiplier(1086440448, -1), m.get("cell_gate.input_fc").multiplier());
        assertEquals(new QuantizedMultiplier(1303728384, -2), m.get("output_gate.recurrent_fc").multiplier());
        assertEquals(new QuantizedMultiplier(1073741824, -14), m.get("forget_cell_mul").multiplier());
        assertEquals(new QuantizedMultiplier(1073741824, -17), m.get("input_mul").multiplier());
        assertEquals(new QuantizedMultiplier(1782579271, -22), m.get("output_mul").multiplier());
        assertEquals(-12, p.scalars().get("cell_state_scale_power"));
        assertEquals(24576, p.scalars().get("quantized_cell_clip"));
    }

    /**
     * The golden file's int8 tensors are the spec §8 float model quantized as TFLM's test helpers do:
     * {@code round(v / scale)} (ties away from zero) clamped to [min + 1, max].
     */
    @Test
    void goldenTensorsAreTheSpecModelQuantized() {
        JsonNode gates = tflmCase("eval_2x3x2x2_int8").get("model").get("gates");
        float[][] weights = {{10, 10, 20, 20}, {-10, -10, -20, -20}, {1, 1, 1, 1}, {1, 1, 1, 1}};
        float[][] biases = {{-1, -2}, {1, 2}, {0, 0}, {0, 0}};
        for (Gate g : Gate.values()) {
            JsonNode gate = gates.get(g.tfliteName());
            for (String kind : List.of("input_weights", "recurrent_weights")) {
                float scale = GoldenModels.f32(gate.get(kind).get("scale"));
                int[] q = new int[4];
                for (int k = 0; k < 4; k++) {
                    q[k] = (int) Math.max(-127, Math.min(127, FixedPoint.roundHalfAwayFromZero(weights[g.ordinal()][k] / scale)));
                }
                assertArrayEquals(GoldenModels.ints(gate.get(kind).get("values")), q,
                        g + " " + kind);
            }
            float biasScale = GoldenModels.f32(gate.get("bias").get("scale"));
            for (int k = 0; k < 2; k++) {
                assertEquals(gate.get("bias").get("values").get(k).asLong(),
                        FixedPoint.roundHalfAwayFromZero(biases[g.ordinal()][k] / biasScale), g + " bias " + k);
            }
        }
        assertEquals("[-64,-64,-127,-127]", gates.get("forget").get("input_weights").get("values").toString());
        assertEquals("[64,64,127,127]", gates.get("input").get("recurrent_weights").get("values").toString());
        assertEquals("[810,1619]", gates.get("forget").get("bias").get("values").toString());
    }

    @Test
    void tflmRejectsVariantsItCannotRun() {
        LstmQuantization cifg = LstmQuantization.builder().cellScale(0x1p-12f)
                .variant(new LstmVariant(true, false, false, false)).build();
        LstmqException e = assertThrows(LstmqException.class, () -> TflmLstmParameters.of(cifg));
        assertEquals("TFLite Micro cannot run a CIFG LSTM: its Prepare needs slots 1..8 present and 9..11, 16, 17, "
                + "20..23 absent", e.getMessage());
    }

    /** A float clip that quantizes to 0 still enables TFLM's clipping (spec §4.8 #11). */
    @Test
    void tinyCellClipStillClipsInTflm() {
        TflmLstmParameters p = TflmLstmParameters.of(LstmQuantization.builder().cellScale(0x1p-12f)
                .cellClip(0x1p-14f).build());
        assertTrue(p.clipsCell());
        assertEquals(0, p.quantizedCellClip());
    }

    private static void assertPair(JsonNode expected, QuantizedMultiplier actual, String what) {
        assertEquals(new QuantizedMultiplier(expected.get(0).asInt(), expected.get(1).asInt()), actual, what);
    }
}
