package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmq.LstmqException;
import io.lstmq.quant.QuantizedMultiplier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TfliteLstmParametersTest {
    private static final Pattern PAIR = Pattern.compile("(\\w+)=\\((-?\\d+),(-?\\d+)\\)");
    private static final Pattern SCALAR = Pattern.compile("(\\w+)=(-?\\d+)(?=\\s|$)");

    static Stream<JsonNode> kernelCases() {
        List<JsonNode> cases = new ArrayList<>();
        GoldenModels.read(GoldenModels.TFLITE_VECTORS).get("cases").forEach(cases::add);
        return cases.stream();
    }

    /** The golden file's model name, e.g. lstm_quantized2.bin is the quantized half of lstm_calibrated2. */
    static String modelName(JsonNode testCase) {
        return testCase.get("model_file").asText().replace("quantized", "calibrated").replace(".bin", "");
    }

    @ParameterizedTest
    @MethodSource("kernelCases")
    void prepareLogOfTheRealKernel(JsonNode testCase) {
        GoldenModels.LiteRtLstm model = GoldenModels.liteRtQuantized(modelName(testCase));
        TfliteLstmParameters p = TfliteLstmParameters.of(model.quantization());
        LstmVariant v = p.variant();
        JsonNode variant = testCase.get("variant");
        assertEquals(new LstmVariant(variant.get("cifg").asBoolean(), variant.get("peephole").asBoolean(),
                variant.get("projection").asBoolean(), variant.get("layer_norm").asBoolean()), v);
        Map<String, EffectiveScale> m = p.multipliers();
        Map<String, Integer> scalars = p.scalars();
        JsonNode log = testCase.get("prepare_log");
        for (Gate g : Gate.values()) {
            String line = log.get(g.ordinal()).asText();
            Map<String, QuantizedMultiplier> pairs = pairs(line);
            String x = g.tfliteName();
            assertEquals(pairs.get("in"), m.get("effective_input_to_" + x + "_scale").multiplier(), line);
            assertEquals(pairs.get("rec"), m.get("effective_recurrent_to_" + x + "_scale").multiplier(), line);
            if (v.hasPeephole(g)) {
                assertEquals(pairs.get("cell"), m.get("effective_cell_to_" + x + "_scale").multiplier(), line);
            } else {
                assertFalse(m.containsKey("effective_cell_to_" + x + "_scale"), line);
            }
            if (v.hasLayerNorm(g)) {
                assertEquals(pairs.get("ln"), m.get("layer_norm_" + x + "_scale").multiplier(), line);
                assertEquals(scalars(line).get("guard"), scalars.get(x + "_variance_guard"), line);
            } else {
                assertFalse(m.containsKey("layer_norm_" + x + "_scale"), line);
            }
        }
        String last = log.get(4).asText();
        Map<String, QuantizedMultiplier> pairs = pairs(last);
        Map<String, Integer> expected = scalars(last);
        assertEquals(pairs.get("hidden"), m.get("effective_hidden_scale").multiplier(), last);
        if (v.projection()) {
            assertEquals(pairs.get("proj"), m.get("effective_proj_scale").multiplier(), last);
        } else {
            assertFalse(m.containsKey("effective_proj_scale"));
        }
        assertEquals(expected.get("hidden_zp"), scalars.get("hidden_zp"), last);
        assertEquals(expected.get("cell_scale"), scalars.get("cell_scale"), last);
        assertEquals(expected.get("qcellclip"), scalars.get("quantized_cell_clip"), last);
        assertEquals(expected.get("qprojclip"), scalars.get("quantized_proj_clip"), last);
    }

    /**
     * Spec §3.5: on the TFLM test model TFLite's hidden multiplier comes from a float-rounded scale and
     * differs from TFLite Micro's output_mul (1782579271, -22) in the low bits.
     */
    @Test
    void hiddenMultiplierIsFloatRounded() {
        LstmQuantization q = GoldenModels.tfliteQuantizationOfTflmModel(GoldenModels.tflmCase("eval_2x3x2x2_int8"));
        TfliteLstmParameters p = TfliteLstmParameters.of(q);
        assertEquals(new QuantizedMultiplier(1782579328, -22), p.hidden().multiplier());
        assertEquals(TflmLstmParameters.of(q).gate(Gate.FORGET).inputFc().multiplier(),
                p.gate(Gate.FORGET).inputToGate().multiplier(), "without layer norm the gate FC pairs agree");
        assertEquals(List.of("effective_input_to_input_scale", "effective_recurrent_to_input_scale",
                "effective_input_to_forget_scale", "effective_recurrent_to_forget_scale",
                "effective_input_to_cell_scale", "effective_recurrent_to_cell_scale",
                "effective_input_to_output_scale", "effective_recurrent_to_output_scale", "effective_hidden_scale"),
                List.copyOf(p.multipliers().keySet()));
    }

    @Test
    void tfliteRejectsACellScaleThatIsNotAPowerOfTwo() {
        LstmQuantization q = LstmQuantization.builder().cellScale(3.0e-4f).build();
        LstmqException e = assertThrows(LstmqException.class, () -> TfliteLstmParameters.of(q));
        assertTrue(e.getMessage().startsWith("TFLite rejects this LSTM in Prepare: cell state scale 3.0E-4"),
                e.getMessage());
    }

    @Test
    void tfliteHasNoSixteenBitKernel() {
        LstmQuantization q = LstmQuantization.builder().cellScale(0x1p-12f).bits(16, 8, 64).build();
        assertThrows(LstmqException.class, () -> TfliteLstmParameters.of(q));
    }

    /** Both clips are truncated toward zero (4097.5 -> 4097, 99.9 -> 99); proj_clip uses the output scale (§1.5). */
    @Test
    void clipsAreTruncated() {
        LstmQuantization q = LstmQuantization.builder().cellScale(0x1p-12f).cellClip(1.00037f)
                .outputState(new TensorScale(0.01f, 5)).projClip(0.999f).build();
        TfliteLstmParameters p = TfliteLstmParameters.of(q);
        assertEquals(4097, p.quantizedCellClip());
        assertEquals(99, p.quantizedProjClip());
    }

    private static Map<String, QuantizedMultiplier> pairs(String line) {
        Map<String, QuantizedMultiplier> out = new HashMap<>();
        Matcher matcher = PAIR.matcher(line);
        while (matcher.find()) {
            out.put(matcher.group(1),
                    new QuantizedMultiplier(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
        }
        return out;
    }

    private static Map<String, Integer> scalars(String line) {
        Map<String, Integer> out = new HashMap<>();
        Matcher matcher = SCALAR.matcher(line);
        while (matcher.find()) {
            out.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
        }
        return out;
    }
}
