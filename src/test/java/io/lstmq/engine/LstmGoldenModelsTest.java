package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.testing.Shared;

/**
 * LiteRT's LSTM test models (layer norm + projection, LSTM and UNIDIRECTIONAL_SEQUENCE_LSTM) in the engine and in
 * the TFLite interpreter, on random inputs in [0, 1) with state carried across invokes as TFLite carries it.
 */
class LstmGoldenModelsTest {

    @ParameterizedTest
    @ValueSource(strings = {"quantizer_golden/lstm_calibrated.tflite",
            "quantizer_golden/unidirectional_sequence_lstm_calibrated.tflite", "tflite_testdata/lstm.tflite",
            "tflite_testdata/unidirectional_sequence_lstm.tflite"})
    void floatLstmAgreesWithTfliteWithin1e5(String name) {
        compareWithTflite(name, Numerics.TFLM, 1e-5);
    }

    /** QUANTIZE → integer LSTM (layer norm + projection) → DEQUANTIZE, integer for integer. */
    @ParameterizedTest
    @ValueSource(strings = {"quantizer_golden/lstm_quantized.tflite",
            "quantizer_golden/unidirectional_sequence_lstm_quantized.tflite"})
    void integerLstmWithTfliteNumericsIsBitExactWithTflite(String name) {
        compareWithTflite(name, Numerics.TFLITE, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quantizer_golden/lstm_quantized.tflite",
            "quantizer_golden/unidirectional_sequence_lstm_quantized.tflite"})
    void tflmNumericsRejectTheLayerNormProjectionVariantNamingTheOperator(String name) {
        ModelFile file = ModelFile.open(Shared.path("models/" + name));
        LstmqException e = assertThrows(LstmqException.class,
                () -> Interpreter.create(file.model(), EngineOptions.defaults().withNumerics(Numerics.TFLM)));
        assertTrue(e.getMessage().startsWith("subgraph 0, operator 1 ("), e.getMessage());
        assertTrue(e.getMessage().contains("LSTM v2") && e.getMessage().contains("TFLM numerics")
                && e.getMessage().contains("layer norm"), e.getMessage());
    }

    private static void compareWithTflite(String name, Numerics numerics, double tolerance) {
        ModelFile file = ModelFile.open(Shared.path("models/" + name));
        Interpreter engine = Interpreter.create(file.model(), EngineOptions.defaults().withNumerics(numerics));
        SplittableRandom random = new SplittableRandom(7);
        try (TfliteRunner tflite = TfliteRunner.open(file)) {
            long[] shape = Arrays.stream(engine.inputTensor(0).shape()).asLongStream().toArray();
            for (int invoke = 0; invoke < 8; invoke++) {
                float[] values = new float[engine.inputTensor(0).size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextDouble();
                }
                NdArray x = NdArray.ofFloats(shape, values);
                engine.setInput(0, x);
                engine.invoke();
                NdArray expected = tflite.run(List.of(x)).get(0);
                NdArray actual = engine.output(0);
                assertArrayEquals(expected.shape(), actual.shape(), "TFLite resizes the [] output in Prepare too");
                float[] e = expected.asFloatArray();
                float[] a = actual.asFloatArray();
                for (int k = 0; k < e.length; k++) {
                    assertEquals(e[k], a[k], tolerance, name + " invoke " + invoke + " value " + k);
                }
            }
        }
    }
}
