package io.lstmq.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.cli.CliRunner;
import io.lstmq.model.ModelWriter;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

class LstmReportTest {
    @TempDir
    Path tmp;

    private static JsonNode inspect(String path) throws Exception {
        CliRunner.Result r = CliRunner.run("inspect", path, "--json");
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(r.out());
    }

    private static void assertPair(JsonNode n, long multiplier, int shift) {
        assertEquals(multiplier, n.get("multiplier").asLong(), n.toString());
        assertEquals(shift, n.get("shift").asInt(), n.toString());
    }

    /**
     * Expected pairs derived by hand from the model's float32 scales with the formulas of spec §3.4 (TFLM) and
     * §3.3 (TFLite): f64(f32(s_in*s_w))/2^-12, 2^-30/s_c, 2^-30/s_h, then QuantizeMultiplier (§3.1).
     */
    @Test
    void officialInt8ModelPairs() throws Exception {
        JsonNode lstm = inspect(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString()).get("lstm").get(0);
        assertEquals("integer 8x8_16", lstm.get("kind").asText());
        JsonNode tflm = lstm.get("tflm");
        assertPair(tflm.get("input_fc").get("forget"), 2042355328, -3);
        assertPair(tflm.get("recurrent_fc").get("forget"), 1590606080, -2);
        assertPair(tflm.get("input_fc").get("input"), 1239940864, -2);
        assertPair(tflm.get("recurrent_fc").get("input"), 1276881792, -1);
        assertPair(tflm.get("input_fc").get("cell"), 1292446464, -2);
        assertPair(tflm.get("recurrent_fc").get("cell"), 1360030464, -2);
        assertPair(tflm.get("input_fc").get("output"), 1625049984, -2);
        assertPair(tflm.get("recurrent_fc").get("output"), 1131361536, -1);
        assertPair(tflm.get("forget_cell_mul"), 1073741824, -14);
        assertPair(tflm.get("input_mul"), 1073741824, -17);
        assertPair(tflm.get("output_mul"), 2146304392, -23);
        assertEquals(-12, tflm.get("cell_state_scale_power").asInt());
        assertEquals(32767, tflm.get("quantized_cell_clip").asInt(), "clip 10 at 2^-12 saturates");
        JsonNode tflite = lstm.get("tflite");
        assertPair(tflite.get("effective_input_to_forget_scale"), 2042355328, -3);
        assertPair(tflite.get("effective_hidden_scale"), 2146304384, -23);
        assertEquals(-12, tflite.get("cell_scale").asInt());
        assertTrue(lstm.get("cell_state_format").get("power_of_two").asBoolean());
        JsonNode root = inspect(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString());
        assertTrue(root.get("deployment").get("tflm_integer").asBoolean(), root.get("deployment").toString());
    }

    /** Spec §8: the TFLM Prepare multipliers of the 2x3x2x2 test model, reproduced from a model file. */
    @Test
    void specSection8PairsFromTheGoldenTestModel() throws Exception {
        Path model = tmp.resolve("tflm_golden_int8.tflite");
        ModelWriter.write(TflmGoldenModel.build(TflmGoldenModel.golden("eval_2x3x2x2_int8")), model);
        JsonNode tflm = inspect(model.toString()).get("lstm").get(0).get("tflm");
        for (String g : new String[] {"forget", "input"}) {
            assertPair(tflm.get("input_fc").get(g), 1358050560, 3);
            assertPair(tflm.get("recurrent_fc").get(g), 1629660544, 2);
        }
        for (String g : new String[] {"cell", "output"}) {
            assertPair(tflm.get("input_fc").get(g), 1086440448, -1);
            assertPair(tflm.get("recurrent_fc").get(g), 1303728384, -2);
        }
        assertPair(tflm.get("forget_cell_mul"), 1073741824, -14);
        assertPair(tflm.get("input_mul"), 1073741824, -17);
        assertPair(tflm.get("output_mul"), 1782579271, -22);
        assertEquals(24576, tflm.get("quantized_cell_clip").asInt());
        // TFLite rounds the hidden scale to float first (spec §3.5).
        assertPair(inspect(model.toString()).get("lstm").get(0).get("tflite").get("effective_hidden_scale"),
                1782579328, -22);
    }

    @Test
    void floatModelIsDiagnosedNotReady() throws Exception {
        JsonNode r = inspect(Shared.path("models/mnist_lstm/trained_lstm.tflite").toString());
        assertFalse(r.get("deployment").get("tflm_integer").asBoolean());
        assertTrue(r.get("deployment").get("findings").get(0).asText()
                .contains("float LSTM; TFLite Micro runs only integer LSTMs"), r.get("deployment").toString());
        assertEquals("float", r.get("lstm").get(0).get("kind").asText());
    }

    @Test
    void variantsTflmRejectsAreNamed() throws Exception {
        JsonNode r = inspect(Shared.path("models/quantizer_golden/lstm_quantized.tflite").toString());
        String findings = r.get("deployment").get("findings").toString();
        assertTrue(findings.contains("projection + layer norm LSTM; TFLite Micro runs only the standard variant"),
                findings);
        assertTrue(findings.contains("no LSTM (single step) kernel"), findings);
        JsonNode peephole = inspect(Shared.path("models/quantizer_golden/lstm_quantized2.tflite").toString());
        assertTrue(peephole.get("deployment").get("findings").toString().contains("peephole"));
    }

    @Test
    void noFusedLstmIsExplained() throws Exception {
        JsonNode r = inspect(Shared.path("models/roundtrip/litert_multi_subgraphs_while.tflite").toString());
        assertTrue(r.get("deployment").get("findings").get(0).asText()
                .contains("no fused LSTM: its recurrence is an unrolled WHILE loop"), r.get("deployment").toString());
    }

    /** The header compiles with gcc and its values, printed by a C program, equal the JSON report's. */
    @Test
    void cHeaderCompilesAndCarriesThePairs() throws Exception {
        String model = Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString();
        CliRunner.Result r = CliRunner.run("inspect", model, "--format", "c-header");
        assertEquals(0, r.code(), r.err());
        java.nio.file.Files.writeString(tmp.resolve("lstm.h"), r.out());
        java.nio.file.Files.writeString(tmp.resolve("main.c"), String.join("\n",
                "#include <stdio.h>", "#include \"lstm.h\"",
                "int main(void) { printf(\"%ld %d %ld %d %d\\n\", LSTMQ_LSTM0_TFLM_OUTPUT_MUL_MULTIPLIER,",
                "  LSTMQ_LSTM0_TFLM_OUTPUT_MUL_SHIFT, LSTMQ_LSTM0_TFLM_INPUT_FC_FORGET_MULTIPLIER,",
                "  LSTMQ_LSTM0_TFLM_INPUT_FC_FORGET_SHIFT, LSTMQ_LSTM0_TFLM_QUANTIZED_CELL_CLIP); return 0; }", ""));
        Process cc;
        try {
            cc = new ProcessBuilder("gcc", "-Wall", "-Werror", "-o", tmp.resolve("main").toString(),
                    tmp.resolve("main.c").toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("skipped: gcc is not installed");
            return;
        }
        String ccOut = new String(cc.getInputStream().readAllBytes());
        assertEquals(0, cc.waitFor(), ccOut);
        Process run = new ProcessBuilder(tmp.resolve("main").toString()).start();
        assertEquals("2146304392 -23 2042355328 -3 32767", new String(run.getInputStream().readAllBytes()).strip());
    }
}
