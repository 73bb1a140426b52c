package io.lstmq.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.LstmqException;
import io.lstmq.engine.lstm.IntegerLstm;
import io.lstmq.engine.lstm.TflmNumerics;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Model;
import io.lstmq.model.ModelBuilder;
import io.lstmq.model.ModelWriter;
import io.lstmq.testdata.IntegerLstmFactory;
import io.lstmq.testdata.IntegerLstmSpec;
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

    private static Model randomInt8Lstm() {
        return IntegerLstmFactory.build(new IntegerLstmSpec(1, 2, 3, 4, false, 3f, 1));
    }

    /** TFLite ignores options of another operator's type (builtin_options_as_... is null), and so does lstmq. */
    @Test
    void optionsOfAnotherOperatorCountAsNone() {
        Model model = randomInt8Lstm();
        LstmOperator before = LstmOperator.in(model, model.subgraph(0)).get(0);
        assertEquals(3f, before.cellClip());
        before.operator().setBuiltinOptions(ModelBuilder.options("GreaterOptions"));
        LstmOperator lstm = LstmOperator.in(model, model.subgraph(0)).get(0);
        assertNull(lstm.options());
        assertEquals(0f, lstm.cellClip());
        assertEquals(0, lstm.activation());
        assertEquals(false, lstm.timeMajor());
    }

    @Test
    void anLstmWithoutInputOrOutputIsNamedAsBroken() {
        Model noOutput = randomInt8Lstm();
        noOutput.subgraph(0).operators().get(0).setOutputs(new int[0]);
        assertEquals("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) has 0 outputs; an LSTM has exactly one",
                assertThrows(LstmqException.class, () -> LstmOperator.in(noOutput, noOutput.subgraph(0))).getMessage());
        Model noInput = randomInt8Lstm();
        noInput.subgraph(0).operators().get(0).setInputs(new int[0]);
        assertEquals("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) has no input tensor (input 0)",
                assertThrows(LstmqException.class, () -> LstmOperator.in(noInput, noInput.subgraph(0))).getMessage());
    }
}
