package io.lstmq.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.LstmqException;
import io.lstmq.inspect.ModelReport;
import io.lstmq.lstm.EffectiveScale;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

class LstmExportTest {
    @TempDir
    Path tmp;

    private static ExportArray array(LstmExport l, String name) {
        return l.arrays().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no array " + name));
    }

    private static void assertPair(JsonNode expected, EffectiveScale actual, String what) {
        assertEquals(expected.get(0).asInt(), actual.multiplier().multiplier(), what + " multiplier");
        assertEquals(expected.get(1).asInt(), actual.multiplier().shift(), what + " shift");
    }

    /** Every pair and constant is what inspect reports for the same operator. */
    @Test
    void officialInt8ModelAgreesWithInspect() {
        Path path = ExportFixtures.mnistInt8();
        ModelFile file = ModelFile.open(path);
        LstmExport l = ModelExport.of(path, file, null).lstms().get(0);
        JsonNode report = ModelReport.of(file).get("lstm").get(0);
        JsonNode tflm = report.get("tflm");
        int pairs = 0;
        for (String fc : List.of("input_fc", "recurrent_fc")) {
            for (String g : List.of("forget", "input", "cell", "output")) {
                EffectiveScale s = l.multipliers().get(fc + "_" + g);
                assertEquals(tflm.get(fc).get(g).get("multiplier").asInt(), s.multiplier().multiplier(), fc + g);
                assertEquals(tflm.get(fc).get(g).get("shift").asInt(), s.multiplier().shift(), fc + g);
                pairs++;
            }
        }
        for (String m : List.of("forget_cell_mul", "input_mul", "output_mul")) {
            assertEquals(tflm.get(m).get("multiplier").asInt(), l.multipliers().get(m).multiplier().multiplier(), m);
            assertEquals(tflm.get(m).get("shift").asInt(), l.multipliers().get(m).multiplier().shift(), m);
            pairs++;
        }
        assertEquals(pairs, l.multipliers().size());
        for (String k : List.of("cell_state_scale_power", "quantized_cell_clip", "input_zero_point",
                "hidden_zero_point")) {
            assertEquals(tflm.get(k).asLong(), l.scalars().get(k), k);
        }
        assertEquals(Map.of("input_size", 28L, "cell_size", 20L, "output_size", 20L, "activation_bits", 8L,
                "clips_cell", 1L), Map.of("input_size", l.scalars().get("input_size"), "cell_size",
                l.scalars().get("cell_size"), "output_size", l.scalars().get("output_size"), "activation_bits",
                l.scalars().get("activation_bits"), "clips_cell", l.scalars().get("clips_cell")));
        assertEquals(-128L, l.scalars().get("input_zero_point"));
        assertEquals("Q3.12", l.activations().get("cell_state").qFormat());
    }

    /** Weights and raw biases are the tensors inspect puts in each slot, byte for byte, row-major. */
    @Test
    void officialInt8ModelArraysAreTheSlotTensors() {
        Path path = ExportFixtures.mnistInt8();
        ModelFile file = ModelFile.open(path);
        Model model = file.model();
        LstmExport l = ModelExport.of(path, file, null).lstms().get(0);
        JsonNode slots = ModelReport.of(file).get("lstm").get(0).get("slots");
        int checked = 0;
        for (JsonNode slot : slots) {
            String name = slot.get("name").asText();
            if (name.endsWith("_weights") && !name.startsWith("cell_to") && !name.startsWith("projection")
                    || name.endsWith("_gate_bias")) {
                ExportArray a = array(l, name);
                long[] expected = ExportFixtures.raw(model, model.subgraph(0).tensor(slot.get("tensor").asInt()));
                assertArrayEquals(expected, a.values(), name);
                int[] shape = name.endsWith("_bias") ? new int[] {20}
                        : new int[] {20, name.startsWith("input_to") ? 28 : 20};
                assertArrayEquals(shape, a.shape(), name);
                checked++;
            }
        }
        assertEquals(12, checked, "8 weight matrices and 4 biases");
        assertEquals(ElementType.INT32, array(l, "forget_gate_bias").type());
        assertArrayEquals(new int[] {20, 28}, array(l, "input_to_cell_weights").shape());
        assertArrayEquals(new int[] {20, 20}, array(l, "recurrent_to_cell_weights").shape());
    }

    /**
     * The folded biases do what the header promises: for any input, sum (x - z) W + b equals folded + sum x W in
     * int32, for every gate and row of the official model (input zero point -128).
     */
    @Test
    void foldedBiasesReproduceTheZeroPointTerms() {
        Path path = ExportFixtures.mnistInt8();
        LstmExport l = ModelExport.of(path, ModelFile.open(path), null).lstms().get(0);
        SplittableRandom random = new SplittableRandom(3);
        int z = -128;
        for (String g : List.of("input", "forget", "cell", "output")) {
            long[] w = array(l, "input_to_" + g + "_weights").values();
            long[] b = array(l, g + "_gate_bias").values();
            long[] folded = array(l, "input_to_" + g + "_folded_bias").values();
            for (int trial = 0; trial < 20; trial++) {
                int[] x = random.ints(28, -128, 128).toArray();
                for (int s = 0; s < 20; s++) {
                    int reference = (int) b[s];
                    int raw = (int) folded[s];
                    for (int i = 0; i < 28; i++) {
                        reference += (x[i] - z) * (int) w[s * 28 + i];
                        raw += x[i] * (int) w[s * 28 + i];
                    }
                    assertEquals(reference, raw, g + " row " + s);
                }
            }
            assertArrayEquals(new long[20], array(l, "recurrent_to_" + g + "_folded_bias").values(),
                    "hidden zero point 0: nothing to fold");
        }
    }

    /** Spec §8's Prepare table and the golden model's quantized tensors, in the export of the golden models. */
    @ParameterizedTest
    @ValueSource(strings = {"one_step_gate_check_int8", "one_step_gate_check_int16"})
    void goldenModelsCarryTheRealKernelsPrepareValues(String caseName) throws Exception {
        JsonNode c = TflmGoldenModel.golden(caseName);
        Path path = ExportFixtures.goldenModel(caseName, tmp);
        LstmExport l = ModelExport.of(path, ModelFile.open(path), null).lstms().get(0);
        JsonNode expected = c.get("prepare_multipliers_tflm");
        for (String g : List.of("input", "forget", "cell", "output")) {
            assertPair(expected.get(g).get(0), l.multipliers().get("input_fc_" + g), g + " input_fc");
            assertPair(expected.get(g).get(1), l.multipliers().get("recurrent_fc_" + g), g + " recurrent_fc");
            JsonNode gate = c.get("model").get("gates").get(g);
            assertArrayEquals(ExportFixtures.longs(gate.get("input_weights").get("values")),
                    array(l, "input_to_" + g + "_weights").values());
            assertArrayEquals(ExportFixtures.longs(gate.get("recurrent_weights").get("values")),
                    array(l, "recurrent_to_" + g + "_weights").values());
            assertArrayEquals(ExportFixtures.longs(gate.get("bias").get("values")),
                    array(l, g + "_gate_bias").values());
        }
        assertPair(expected.get("fc_mul"), l.multipliers().get("forget_cell_mul"), "forget_cell_mul");
        assertPair(expected.get("ig_mul"), l.multipliers().get("input_mul"), "input_mul");
        assertPair(expected.get("h_mul"), l.multipliers().get("output_mul"), "output_mul");
        assertEquals(expected.get("cell_pow").asLong(), l.scalars().get("cell_state_scale_power"));
        assertEquals(expected.get("qclip").asLong(), l.scalars().get("quantized_cell_clip"));
        boolean wide = caseName.endsWith("int16");
        assertEquals(wide ? ElementType.INT64 : ElementType.INT32, array(l, "forget_gate_bias").type());
        assertEquals(wide ? ElementType.INT16 : ElementType.INT8, ElementType.valueOf(
                "INT" + l.scalars().get("activation_bits")));
    }

    /**
     * Spec §8's int8 model: input zero point 0 leaves the input biases as they are; the hidden zero point -21 folds
     * into 21 * rowsum(R): rows {64, 64} and {127, 127} give 2688 and 5334, negated for the forget gate.
     */
    @Test
    void goldenInt8FoldedBiasesByHand() throws Exception {
        Path path = ExportFixtures.goldenModel("eval_2x3x2x2_int8", tmp);
        LstmExport l = ModelExport.of(path, ModelFile.open(path), null).lstms().get(0);
        assertArrayEquals(new long[] {810, 1619}, array(l, "input_to_forget_folded_bias").values());
        assertArrayEquals(new long[] {-810, -1619}, array(l, "input_to_input_folded_bias").values());
        assertArrayEquals(new long[] {2688, 5334}, array(l, "recurrent_to_input_folded_bias").values());
        assertArrayEquals(new long[] {-2688, -5334}, array(l, "recurrent_to_forget_folded_bias").values());
        assertArrayEquals(new long[] {5334, 5334}, array(l, "recurrent_to_cell_folded_bias").values());
        assertArrayEquals(new long[] {5334, 5334}, array(l, "recurrent_to_output_folded_bias").values());
        assertEquals(-21L, l.scalars().get("hidden_zero_point"));
        assertEquals(-21L, l.activations().get("hidden_state").zeroPoint());
    }

    @Test
    void floatAndLayerNormLstmsAreRefusedNamingTheOperator() {
        Path floatModel = Shared.path("models/mnist_lstm/trained_lstm.tflite");
        LstmqException e = assertThrows(LstmqException.class,
                () -> ModelExport.of(floatModel, ModelFile.open(floatModel), null));
        assertEquals("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) is a float LSTM; export writes the "
                + "constants of integer LSTMs (quantize the model first)", e.getMessage());
        Path layerNorm = Shared.path("models/quantizer_golden/unidirectional_sequence_lstm_quantized.tflite");
        e = assertThrows(LstmqException.class, () -> ModelExport.of(layerNorm, ModelFile.open(layerNorm), null));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 1 (UNIDIRECTIONAL_SEQUENCE_LSTM): TFLite Micro "
                + "cannot run a projection + layer norm LSTM"), e.getMessage());
    }

    @Test
    void namesComeFromTheFileOrMustBeIdentifiers() {
        assertEquals("trained_lstm_int8", ModelExport.identifierFrom(Path.of("/x/trained_lstm_int8.tflite")));
        assertEquals("my_model_v2", ModelExport.identifierFrom(Path.of("My-Model.v2.tflite")));
        assertEquals("model_2x3", ModelExport.identifierFrom(Path.of("2x3.tflite")));
        Path path = ExportFixtures.mnistInt8();
        LstmqException e = assertThrows(LstmqException.class,
                () -> ModelExport.of(path, ModelFile.open(path), "9lives"));
        assertEquals("--name 9lives: not a C identifier (letters, digits and _, not starting with a digit)",
                e.getMessage());
    }
}
