package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.lstmq.io.NdArray;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.model.ModelFile;
import io.lstmq.model.ModelWriter;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.testdata.IntegerLstmFactory;
import io.lstmq.testdata.IntegerLstmSpec;

/** With TFLite numerics the Java kernel equals the TFLite interpreter bit for bit on random int8 LSTM models. */
class RandomModelsVsTfliteTest {
    static List<IntegerLstmSpec> specs() {
        return List.of(
                new IntegerLstmSpec(1, 28, 28, 20, false, 0f, 1),
                new IntegerLstmSpec(3, 10, 5, 8, false, 0f, 2),
                new IntegerLstmSpec(2, 12, 7, 16, true, 0f, 3),
                new IntegerLstmSpec(4, 6, 3, 4, true, 1.5f, 4),
                new IntegerLstmSpec(2, 20, 16, 32, false, 3f, 5),
                new IntegerLstmSpec(1, 5, 1, 1, false, 0.5f, 6),
                new IntegerLstmSpec(5, 9, 12, 24, true, 8f, 7),
                // longer than one block of input products; time-major blocks of whole steps
                new IntegerLstmSpec(3, 50, 6, 10, true, 0f, 8),
                // recurrent weights in the pair layout, two blocks per sequence
                new IntegerLstmSpec(2, 140, 20, 384, false, 0f, 9));
    }

    @ParameterizedTest
    @MethodSource("specs")
    void javaTfliteNumericsEqualTheInterpreter(IntegerLstmSpec spec) {
        ModelFile model = ModelFile.fromBytes(ModelWriter.toBytes(IntegerLstmFactory.build(spec)), spec.toString());
        LstmOperator op = LstmOperator.in(model.model(), model.model().subgraph(0)).get(0);
        IntegerLstm kernel = new IntegerLstm(TfliteNumerics.of(op.quantization(), op.weights()));
        SplittableRandom random = new SplittableRandom(spec.seed() * 31);
        int n = spec.batch() * spec.steps() * spec.inputs();
        int compared = 0;
        try (TfliteRunner tflite = TfliteRunner.open(model)) {
            for (int sequence = 0; sequence < 5; sequence++) {
                byte[] x = new byte[n];
                short[] in = new short[n];
                for (int i = 0; i < n; i++) {
                    x[i] = (byte) random.nextInt(-128, 128);
                    in[i] = x[i];
                }
                tflite.resetVariableTensors();
                NdArray expected = tflite.runBytes(List.of(ByteBuffer.wrap(x))).get(0);
                short[] out = new short[spec.batch() * spec.steps() * spec.units()];
                short[] h = new short[spec.batch() * spec.units()];
                java.util.Arrays.fill(h, (short) op.slot(io.lstmq.lstm.LstmSlot.OUTPUT_STATE).zeroPoint());
                short[] c = new short[spec.batch() * spec.units()];
                kernel.run(in, out, h, c, spec.batch(), spec.steps(), spec.timeMajor(), null);
                int[] got = new int[out.length];
                for (int i = 0; i < out.length; i++) {
                    got[i] = out[i];
                }
                assertArrayEquals(expected.asIntArray(), got, spec + ", sequence " + sequence);
                compared += out.length;
            }
        }
        assertTrue(compared > 0);
    }
}
