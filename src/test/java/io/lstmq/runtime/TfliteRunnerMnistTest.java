package io.lstmq.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.testing.Shared;

/** The trained MNIST LSTM models (float and int8) in the real TFLite interpreter. */
class TfliteRunnerMnistTest {
    private static final int DIGITS = 20;
    /** Predictions observed for the first 20 calibration digits (identical for both models and every run). */
    private static final int[] OBSERVED = {5, 4, 2, 2, 5, 9, 8, 9, 5, 7, 9, 8, 7, 1, 9, 0, 0, 2, 3, 7};

    private static NdArray calib;
    private static int[] labels;

    @BeforeAll
    static void readData() {
        calib = Npy.read(Shared.path("data/mnist/calib_1000_float32.npy"));
        // The calibration digits are the first 1000 images of the test set, scaled to [0, 1].
        labels = Arrays.copyOf(Npy.read(Shared.path("data/mnist/labels_int32.npy")).asIntArray(), DIGITS);
    }

    /** Names, indices, shapes, types and quantization as flatc --json shows them (scales as exact float32 bits). */
    @Test
    void describesTheFloatModelsTensors() {
        try (TfliteRunner r = TestModels.open("mnist_lstm/trained_lstm.tflite")) {
            assertEquals(List.of(new TensorInfo(0, "serving_default_fixed_input:0", DType.FLOAT32,
                    new int[] {1, 28, 28}, 0f, 0)), r.inputs());
            assertEquals(List.of(new TensorInfo(21, "StatefulPartitionedCall:0", DType.FLOAT32, new int[] {1, 10},
                    0f, 0)), r.outputs());
            assertEquals(3136, r.inputs().get(0).byteSize());
        }
    }

    @Test
    void describesTheInt8ModelsTensors() {
        try (TfliteRunner r = TestModels.open("mnist_lstm/trained_lstm_int8.tflite")) {
            assertEquals(List.of(new TensorInfo(0, "serving_default_fixed_input:0", DType.INT8,
                    new int[] {1, 28, 28}, Float.intBitsToFloat(0x3b808081), -128)), r.inputs());
            assertEquals(List.of(new TensorInfo(26, "StatefulPartitionedCall:0", DType.INT8, new int[] {1, 10},
                    Float.intBitsToFloat(0x3b800000), -128)), r.outputs());
            assertTrue(r.inputs().get(0).isQuantized());
        }
    }

    @Test
    void floatModelClassifiesDigitsDeterministically() {
        List<NdArray> first = outputs("mnist_lstm/trained_lstm.tflite", false);
        assertEquals(first, outputs("mnist_lstm/trained_lstm.tflite", false), "a second runner, bit for bit");
        int[] predicted = first.stream().mapToInt(o -> argmax(o.asFloatArray())).toArray();
        assertTrue(correct(predicted) >= DIGITS - 1, Arrays.toString(predicted));
        assertArrayEquals(OBSERVED, predicted);
        assertEquals(DType.FLOAT32, first.get(0).dtype());
        assertArrayEquals(new long[] {1, 10}, first.get(0).shape());
    }

    @Test
    void int8ModelClassifiesQuantizedDigitsDeterministically() {
        List<NdArray> first = outputs("mnist_lstm/trained_lstm_int8.tflite", true);
        assertEquals(first, outputs("mnist_lstm/trained_lstm_int8.tflite", true), "a second runner, bit for bit");
        int[] predicted = first.stream().mapToInt(o -> argmax(o.asFloatArray())).toArray();
        assertTrue(correct(predicted) >= DIGITS - 1, Arrays.toString(predicted));
        assertArrayEquals(OBSERVED, predicted);
        assertEquals(DType.INT8, first.get(0).dtype());
    }

    @Test
    void resettingStateMakesRepeatedRunsBitIdentical() {
        try (TfliteRunner r = TestModels.open("mnist_lstm/trained_lstm.tflite")) {
            List<NdArray> digit = List.of(calib.sample(0).reshape(1, 28, 28));
            List<NdArray> fresh = r.run(digit);
            List<NdArray> carriedOver = r.run(digit);
            assertNotEquals(fresh, carriedOver, "without a reset the LSTM starts from the last state");
            r.resetVariableTensors();
            assertEquals(fresh, r.run(digit));
            r.run(List.of(calib.sample(1).reshape(1, 28, 28)));
            r.resetVariableTensors();
            assertEquals(fresh, r.run(digit));
        }
    }

    /** Runs the first digits through a fresh runner, resetting the LSTM state before each. */
    private static List<NdArray> outputs(String model, boolean quantize) {
        try (TfliteRunner r = TestModels.open(model)) {
            TensorInfo in = r.inputs().get(0);
            return IntStream.range(0, DIGITS).mapToObj(i -> {
                NdArray digit = calib.sample(i).reshape(1, 28, 28);
                r.resetVariableTensors();
                return r.run(List.of(quantize ? quantize(digit, in) : digit)).get(0);
            }).toList();
        }
    }

    /** q = clamp(rha(x / scale) + zp) with x / scale in float32, as TFLite's QUANTIZE kernel does. */
    private static NdArray quantize(NdArray x, TensorInfo into) {
        float[] v = x.asFloatArray();
        int[] q = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            double scaled = v[i] / into.scale();
            double rounded = Math.signum(scaled) * Math.floor(Math.abs(scaled) + 0.5);
            q[i] = (int) Math.max(-128, Math.min(127, rounded + into.zeroPoint()));
        }
        return NdArray.ofInts(DType.INT8, x.shape(), q);
    }

    private static int correct(int[] predicted) {
        int n = 0;
        for (int i = 0; i < predicted.length; i++) {
            n += predicted[i] == labels[i] ? 1 : 0;
        }
        return n;
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
}
