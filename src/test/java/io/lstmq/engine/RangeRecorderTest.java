package io.lstmq.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.ModelFile;
import io.lstmq.testing.Shared;

/**
 * Calibration ranges of the float MNIST model over 20 digits. Model facts: tensor 0 is the input, 18 the LSTM
 * output (no projection, so each step's output is the hidden value m), 2 and 17 the output and cell state, 16 the
 * dense layer's weights, 21 the softmax output.
 */
class RangeRecorderTest {
    private static final int DIGITS = 20;

    @Test
    void recordsOperatorTensorsAndLstmInternals() {
        NdArray calibration = Npy.read(Shared.path("data/mnist/calib_1000_float32.npy"));
        RangeRecorder recorder = new RangeRecorder();
        Interpreter in = Interpreter.create(ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm.tflite"))
                .model(), EngineOptions.defaults().withRecorder(recorder));
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int d = 0; d < DIGITS; d++) {
            NdArray digit = calibration.sample(d);
            for (float v : digit.asFloatArray()) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            in.resetVariables();
            in.setInput(0, digit);
            in.invoke();
        }
        assertEquals(new RangeRecorder.Range(lo, hi), recorder.tensor(0), "the input, as read from the digits");

        // Two independent paths see the same values: the op's output tensor and the kernel's hidden value m.
        RangeRecorder.Range output = recorder.tensor(18);
        assertEquals(output, recorder.lstmInternal(0, LstmSlot.Intermediate.HIDDEN));
        assertTrue(output.min() > -1 && output.max() < 1 && output.min() < 0 && output.max() > 0, output.toString());

        // States are seen at the sequence boundaries: zero before each digit, the last step after it.
        RangeRecorder.Range hiddenState = recorder.tensor(2);
        assertTrue(hiddenState.min() <= 0 && hiddenState.max() >= 0, hiddenState.toString());
        assertTrue(hiddenState.min() >= output.min() && hiddenState.max() <= output.max(), hiddenState.toString());
        assertNotNull(recorder.tensor(17), "cell state");

        for (Gate g : Gate.values()) {
            RangeRecorder.Range pre = recorder.lstmInternal(0, g.intermediate());
            assertNotNull(pre, g.toString());
            assertTrue(pre.min() < pre.max(), g + " " + pre);
        }
        RangeRecorder.Range probabilities = recorder.tensor(21);
        assertTrue(probabilities.min() >= 0 && probabilities.max() <= 1 && probabilities.max() > 0.99,
                probabilities.toString());
        assertNull(recorder.tensor(16), "constants are not recorded");
        assertEquals(java.util.Set.of(0, 2, 17, 18, 19, 20, 21), recorder.tensorRanges().keySet(),
                "every non-constant float tensor an operator reads or writes");
    }

    @Test
    void nansAreSkipped() {
        RangeRecorder r = new RangeRecorder();
        r.recordTensor(5, new float[] {Float.NaN, 2f, -1f, Float.NaN}, 0, 4);
        r.recordTensor(5, new float[] {Float.NaN}, 0, 1);
        r.recordTensor(6, new float[] {Float.NaN}, 0, 1);
        assertEquals(new RangeRecorder.Range(-1f, 2f), r.tensor(5));
        assertNull(r.tensor(6));
    }
}
