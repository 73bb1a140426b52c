package io.lstmq.engine.lstm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lstmq.io.NdArray;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.GoldenModels;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.testing.Shared;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The float kernel against TFLite's own float LSTM on the calibrated LiteRT goldens with layer norm and
 * projection (LSTM op and UNIDIRECTIONAL_SEQUENCE_LSTM, cell_clip 10). The peephole golden
 * ({@code lstm_calibrated2}) cannot serve: TFLite refuses to load it (its tensor 23 has shape [-1]).
 */
class FloatLstmVsTfliteTest {
    private static final float TOLERANCE = 1e-6f;
    /** Inputs around and beyond the calibration ranges ([0.2, 0.3] and [0.003, 0.99]). */
    private static final float[] INPUT = {0.21f, 0.29f, 0.3f, 0.2f, -0.5f, 0.99f, 0.75f, 0.003f, 2.5f, -1.25f,
        0.25f, 0.25f};

    static FloatLstmWeights weights(GoldenModels.LiteRtFloatLstm m) {
        List<FloatLstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            float[][] a = m.gate(g);
            gates.add(new FloatLstmWeights.GateWeights(a[0], a[1], a[2], a[3], a[4]));
        }
        return new FloatLstmWeights(m.dims(), gates, m.projection(), m.projectionBias());
    }

    /** One invoke per step for the LSTM op (state in variable tensors), one invoke for the sequence op. */
    @ParameterizedTest
    @CsvSource({"lstm_calibrated, false", "unidirectional_sequence_lstm_calibrated, true"})
    void sameOutputsAsTflite(String name, boolean sequenceOp) {
        GoldenModels.LiteRtFloatLstm model = GoldenModels.liteRtFloat(name);
        int in = model.dims().input();
        int out = model.dims().output();
        int steps = sequenceOp ? 2 : INPUT.length / in;
        float[] input = Arrays.copyOf(INPUT, steps * in);
        float[] expected = new float[steps * out];
        try (TfliteRunner tflite = TfliteRunner.open(
                ModelFile.open(Shared.path("models/quantizer_golden/" + name + ".tflite")))) {
            tflite.resetVariableTensors();
            if (sequenceOp) {
                NdArray y = tflite.run(List.of(NdArray.ofFloats(new long[] {1, steps, in}, input))).get(0);
                expected = y.asFloatArray();
            } else {
                for (int t = 0; t < steps; t++) {
                    float[] x = Arrays.copyOfRange(input, t * in, (t + 1) * in);
                    float[] y = tflite.run(List.of(NdArray.ofFloats(new long[] {1, in}, x))).get(0).asFloatArray();
                    System.arraycopy(y, 0, expected, t * out, out);
                }
            }
        }
        float[] output = new float[steps * out];
        new FloatLstm(weights(model), FusedActivation.TANH, model.cellClip(), model.projClip())
                .run(input, output, new float[out], new float[model.dims().cell()], 1, steps, false, null);
        assertArrayEquals(expected, output, TOLERANCE, name);
    }
}
