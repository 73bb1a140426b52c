package io.lstmq.engine.lstm;

import static io.lstmq.lstm.GoldenModels.ints;
import static io.lstmq.lstm.GoldenModels.shorts;
import static io.lstmq.lstm.GoldenModels.tflmCase;
import static io.lstmq.lstm.GoldenModels.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.lstmq.lstm.GoldenModels;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** TFLite 8x8_16 against the integers of LiteRT's real portable primitives. */
class TfliteNumericsGoldenTest {

    /** The TFLM test model run through TFLite: output[1] is 36 here, 35 in TFLite Micro. */
    @Test
    void tflmModelThroughTflite() {
        JsonNode c = tflmCase("eval_2x3x2x2_int8");
        IntegerLstm lstm = new IntegerLstm(TfliteNumerics.of(GoldenModels.tfliteQuantizationOfTflmModel(c),
                GoldenModels.tflmWeights(c)));
        TflmNumericsGoldenTest.Run run = TflmNumericsGoldenTest.Run.of(c, false);
        lstm.run(run.input, run.output, run.hidden, run.cell, run.batch, run.steps, false, null);
        assertArrayEquals(ints(c.get("expected_output_tflite_8x8_16")), widen(run.output), "output");
        assertArrayEquals(ints(c.get("expected_hidden_tflite_8x8_16")), widen(run.hidden), "final hidden");
        assertArrayEquals(ints(c.get("expected_cell_tflite_8x8_16")), widen(run.cell), "final cell");
    }

    static Stream<JsonNode> kernelCases() {
        List<JsonNode> cases = new ArrayList<>();
        GoldenModels.read(GoldenModels.TFLITE_VECTORS).get("cases").forEach(cases::add);
        return cases.stream();
    }

    /** The three LiteRT goldens (layer norm + projection, peephole, sequence op with layer norm + projection). */
    @ParameterizedTest
    @MethodSource("kernelCases")
    void liteRtGoldenModels(JsonNode c) {
        String model = c.get("model_file").asText().replace("quantized", "calibrated").replace(".bin", "");
        GoldenModels.LiteRtLstm lstm = GoldenModels.liteRtQuantized(model);
        assertEquals(c.get("n_output").asInt(), lstm.weights().dims().output());
        int batch = c.get("n_batch").asInt();
        int steps = c.get("time_steps").asInt();
        short[] input = shorts(c.get("quantized_input_sequence"));
        short[] hidden = shorts(c.get("initial_output_state"));
        short[] cell = shorts(c.get("initial_cell_state"));
        short[] output = new short[batch * steps * lstm.weights().dims().output()];
        new IntegerLstm(TfliteNumerics.of(lstm.quantization(), lstm.weights()))
                .run(input, output, hidden, cell, batch, steps, false, null);
        assertArrayEquals(ints(c.get("expected_output_tflite")), widen(output), "output");
        assertArrayEquals(ints(c.get("expected_final_output_state")), widen(hidden), "final output state");
        assertArrayEquals(ints(c.get("expected_final_cell_state")), widen(cell), "final cell");
    }
}
