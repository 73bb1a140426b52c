package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.testing.TflmGoldenModel;

/** State tensors start where TFLite Micro starts them: int8 hidden state at its zero point (-21 here), not 0. */
class StateResetTest {
    @Test
    void goldenInt8ModelThroughTheInterpreterGivesTflmOutputs() throws Exception {
        JsonNode c = TflmGoldenModel.golden("eval_2x3x2x2_int8");
        ModelFile f = ModelFile.fromBytes(ModelWriter.toBytes(TflmGoldenModel.build(c)), "golden");
        Interpreter interpreter = Interpreter.create(f.model());
        int[] x = new int[12];
        int[] expected = new int[12];
        for (int i = 0; i < 12; i++) {
            x[i] = c.get("quantized_input").get(i).asInt();
            expected[i] = c.get("expected_output_tflm").get(i).asInt();
        }
        for (int run = 0; run < 2; run++) {
            interpreter.resetVariables();
            interpreter.setInput(0, NdArray.ofInts(DType.INT8, new long[] {2, 3, 2}, x));
            interpreter.invoke();
            assertArrayEquals(expected, interpreter.output(0).asIntArray(), "run " + run);
        }
    }
}
