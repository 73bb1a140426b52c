package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.engine.lstm.IntegerLstm;
import io.lstmq.engine.lstm.TflmNumerics;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

class LstmOperatorTest {
    @TempDir
    Path tmp;

    @Test
    void officialModelSlotsAndWeights() {
        ModelFile f = ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"));
        LstmOperator lstm = LstmOperator.in(f.model(), f.model().subgraph(0)).get(0);
        assertEquals(new LstmDims(28, 20, 20), lstm.dims());
        LstmWeights w = lstm.weights();
        assertEquals(20 * 28, w.gate(Gate.FORGET).inputWeights().length);
        assertEquals(20, w.gate(Gate.OUTPUT).bias().length);
        assertEquals(LstmVariant.STANDARD, lstm.variant());
        assertEquals(14, lstm.slot(LstmSlot.INPUT_TO_FORGET_WEIGHTS).index());
    }

    /** Weights read back from a written model drive the TFLM kernel to the golden integers of spec §8. */
    @Test
    void goldenModelThroughTheFileGivesTheGoldenOutputs() throws Exception {
        var c = TflmGoldenModel.golden("eval_2x3x2x2_int8");
        Path p = tmp.resolve("golden.tflite");
        ModelWriter.write(TflmGoldenModel.build(c), p);
        ModelFile f = ModelFile.open(p);
        LstmOperator lstm = LstmOperator.in(f.model(), f.model().subgraph(0)).get(0);
        var numerics = TflmNumerics.of(lstm.quantization(), lstm.weights(), FusedActivation.TANH);
        short[] in = new short[12];
        for (int i = 0; i < 12; i++) {
            in[i] = (short) c.get("quantized_input").get(i).asInt();
        }
        short[] out = new short[12];
        short[] h = new short[4];
        java.util.Arrays.fill(h, (short) -21);
        short[] cell = new short[4];
        new IntegerLstm(numerics).run(in, out, h, cell, 2, 3, false, null);
        assertArrayEquals(new short[] {35, 35, 80, 80, 102, 102, -21, -21, 78, 78, 85, 85}, out);
        assertArrayEquals(new short[] {3664, 3664, 3274, 3274}, cell);
    }
}
