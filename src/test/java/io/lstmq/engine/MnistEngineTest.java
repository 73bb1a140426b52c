package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;
import io.lstmq.testing.Shared;

/**
 * The trained MNIST LSTM models run by the engine and by the real TFLite interpreter on the same digits, with the
 * LSTM state reset before each digit.
 */
class MnistEngineTest {
    private static NdArray calibration;
    private static NdArray images;

    @BeforeAll
    static void readDigits() {
        calibration = Npy.read(Shared.path("data/mnist/calib_1000_float32.npy"));
        images = Npy.read(Shared.path("data/mnist/images_uint8.npy"));
    }

    private static ModelFile model(String name) {
        return ModelFile.open(Shared.path("models/mnist_lstm/" + name));
    }

    @Test
    void floatEngineAgreesWithTfliteWithin1e5() {
        ModelFile file = model("trained_lstm.tflite");
        Interpreter engine = Interpreter.create(file.model());
        try (TfliteRunner tflite = TfliteRunner.open(file)) {
            for (int digit = 0; digit < 50; digit++) {
                NdArray x = calibration.sample(digit).reshape(1, 28, 28);
                engine.resetVariables();
                engine.setInput(0, x);
                engine.invoke();
                tflite.resetVariableTensors();
                float[] expected = tflite.run(List.of(x)).get(0).asFloatArray();
                float[] actual = engine.output(0).asFloatArray();
                assertEquals(10, actual.length);
                for (int k = 0; k < expected.length; k++) {
                    assertEquals(expected[k], actual[k], 1e-5, "digit " + digit + " class " + k);
                }
                assertEquals(argmax(expected), argmax(actual), "digit " + digit);
            }
        }
    }

    @Test
    void int8EngineWithTflmNumericsPredictsTflitesLabelsForTheFirst200Digits() {
        int[][] outputs = int8Outputs(Numerics.TFLM, 200);
        int[][] expected = tfliteInt8Outputs(200);
        for (int digit = 0; digit < 200; digit++) {
            assertEquals(argmax(expected[digit]), argmax(outputs[digit]), "digit " + digit);
        }
    }

    /** The TFLite numerics reproduce the TFLite interpreter's integers exactly, softmax output included. */
    @Test
    void int8EngineWithTfliteNumericsIsBitExactWithTflite() {
        int[][] outputs = int8Outputs(Numerics.TFLITE, 200);
        int[][] expected = tfliteInt8Outputs(200);
        for (int digit = 0; digit < 200; digit++) {
            assertArrayEquals(expected[digit], outputs[digit], "digit " + digit);
        }
    }

    @Test
    void int8EngineClassifiesAtLeastAsWellAsTheOfficialModel() {
        int[] labels = Npy.read(Shared.path("data/mnist/labels_int32.npy")).asIntArray();
        int[][] outputs = int8Outputs(Numerics.TFLM, 200);
        int correct = 0;
        for (int digit = 0; digit < 200; digit++) {
            correct += argmax(outputs[digit]) == labels[digit] ? 1 : 0;
        }
        assertTrue(correct >= 196, correct + " of 200"); // 99.09% over all 10,000 digits
    }

    /** The int8 model's input quantization (scale 1/255, zero point -128) maps pixel u to u - 128 exactly. */
    private static byte[] quantizedDigit(int digit) {
        byte[] q = new byte[784];
        for (int i = 0; i < q.length; i++) {
            q[i] = (byte) (images.getInt((long) digit * 784 + i) - 128);
        }
        return q;
    }

    private static int[][] int8Outputs(Numerics numerics, int digits) {
        Interpreter engine = Interpreter.create(model("trained_lstm_int8.tflite").model(),
                EngineOptions.defaults().withNumerics(numerics));
        int[][] out = new int[digits][];
        for (int digit = 0; digit < digits; digit++) {
            System.arraycopy(quantizedDigit(digit), 0, engine.inputTensor(0).bytes(), 0, 784);
            engine.resetVariables();
            engine.invoke();
            out[digit] = engine.output(0).asIntArray();
        }
        return out;
    }

    private static int[][] tfliteInt8Outputs(int digits) {
        int[][] out = new int[digits][];
        try (TfliteRunner tflite = TfliteRunner.open(model("trained_lstm_int8.tflite"))) {
            for (int digit = 0; digit < digits; digit++) {
                tflite.resetVariableTensors();
                NdArray x = NdArray.of(DType.INT8, new long[] {1, 28, 28}, ByteBuffer.wrap(quantizedDigit(digit)));
                out[digit] = tflite.run(List.of(x)).get(0).asIntArray();
            }
        }
        return out;
    }

    private static int argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(int[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
