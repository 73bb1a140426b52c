package io.lstmq.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lstmq.convert.CalibrationData;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.run.BatchRun;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;
import io.lstmq.testing.Shared;

/**
 * The sweep of the MNIST LSTM on the first 1,500 test digits, at W = 4, 8, 12 and A = 8, against the float model,
 * the int8 model lstmq convert makes, and the int8 model TensorFlow's converter made (trained_lstm_int8.tflite,
 * 99.09% on all 10,000 digits; float 99.16%).
 */
class MnistSweepTest {
    private static final int SAMPLES = 1500;
    private static SweepResult result;
    private static double officialInt8Accuracy;

    @BeforeAll
    static void sweep() {
        Path model = Shared.path("models/mnist_lstm/trained_lstm.tflite");
        Map<String, NdArray> digits = Map.of("",
                Npy.read(Shared.path("data/mnist/images_uint8.npy")).scaled(1 / 255f));
        NdArray labels = Npy.read(Shared.path("data/mnist/labels_int32.npy"));
        CalibrationData calibration = CalibrationData.load(
                List.of(Shared.path("data/mnist/calib_1000_float32.npy").toString()));
        result = new Sweep(model, what -> BatchRun.Progress.NONE).run(calibration, digits, "digits", labels,
                new Sweep.Options(List.of(4, 8, 12), List.of(8), SAMPLES, 2));
        officialInt8Accuracy = accuracy(ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite")),
                digits, labels);
    }

    /** TensorFlow's int8 model in the Java engine (TFLite Micro numerics), scored independently of the sweep. */
    private static double accuracy(ModelFile model, Map<String, NdArray> digits, NdArray labels) {
        ModelInputs inputs = ModelInputs.bind(model.model().subgraph(0), digits, "digits");
        int correct = 0;
        try (SampleRunner runner = SampleRunner.open(model, Engine.JAVA, Numerics.TFLM)) {
            for (int i = 0; i < SAMPLES; i++) {
                runner.reset();
                NdArray out = runner.run(inputs.sample(i)).get(0);
                int best = 0;
                for (int k = 1; k < out.size(); k++) {
                    best = out.getLong(k) > out.getLong(best) ? k : best;
                }
                correct += best == labels.getLong(i) ? 1 : 0;
            }
        }
        return (double) correct / SAMPLES;
    }

    @Test
    void eightBitRowsAgreeWithTheInt8Models() {
        SweepRow pot = result.row(SweepRow.Kind.FIXED_POINT, 8, 8);
        SweepRow converted = result.row(SweepRow.Kind.CONVERTED, 8, 8);
        assertNotNull(converted, "W = A = 8 is in the grid, so the convert row is there");
        double floatAccuracy = result.floatRow().score().accuracy();
        double accuracy = pot.score().accuracy();
        String all = "float " + floatAccuracy + ", fixed point " + accuracy + ", convert "
                + converted.score().accuracy() + ", TensorFlow int8 " + officialInt8Accuracy;
        assertEquals(officialInt8Accuracy, accuracy, 0.005, all);
        assertEquals(converted.score().accuracy(), accuracy, 0.005, all);
        assertEquals(floatAccuracy, accuracy, 0.005, all);
        assertEquals(officialInt8Accuracy, converted.score().accuracy(), 0.005, all);
        assertTrue(floatAccuracy > 0.98, all);
        assertTrue(pot.score().agreement() > 0.99, "top-1 agreement with float " + pot.score().agreement());
        // both store int8 weights and int32 biases: the same bytes
        assertEquals(converted.lstmBytes(), pot.lstmBytes());
    }

    @Test
    void footprintsAreTheHandCountedBytes() {
        // 4 gates x (20x28 input + 20x20 recurrent) = 3,840 weights and 4 x 20 = 80 biases
        SweepResult.Lstm lstm = result.lstms().get(0);
        assertEquals(3840, lstm.weights());
        assertEquals(80, lstm.biases());
        assertEquals((3840 + 80) * 4, result.floatRow().lstmBytes());
        assertEquals(3840 * 4 / 8 + 80 * 4, result.row(SweepRow.Kind.FIXED_POINT, 4, 8).lstmBytes());
        assertEquals(3840 + 80 * 4, result.row(SweepRow.Kind.FIXED_POINT, 8, 8).lstmBytes());
        assertEquals(3840 * 12 / 8 + 80 * 4, result.row(SweepRow.Kind.FIXED_POINT, 12, 8).lstmBytes());
        assertEquals(3840 + 80 * 4, result.row(SweepRow.Kind.CONVERTED, 8, 8).lstmBytes());
        // and so does the int8 model TensorFlow's converter made
        assertEquals(3840 + 80 * 4, Footprint.stored(
                ModelFile.open(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite")).model()));
    }

    @Test
    void moreWeightBitsGiveLessError() {
        Score w4 = result.row(SweepRow.Kind.FIXED_POINT, 4, 8).score();
        Score w8 = result.row(SweepRow.Kind.FIXED_POINT, 8, 8).score();
        Score w12 = result.row(SweepRow.Kind.FIXED_POINT, 12, 8).score();
        assertTrue(w4.rmse() > w8.rmse() && w8.rmse() > w12.rmse(), w4 + " " + w8 + " " + w12);
        assertTrue(w4.snrDb() < w8.snrDb() && w8.snrDb() < w12.snrDb(), w4 + " " + w8 + " " + w12);
        assertTrue(w4.accuracy() <= w12.accuracy(), w4 + " " + w12);
    }

    @Test
    void rangesAndFormatsComeFromCalibration() {
        assertEquals(SAMPLES, result.samples());
        assertEquals(1000, result.calibrationSamples());
        LstmRanges r = result.lstms().get(0).ranges();
        assertEquals(1.0, r.input(), 1e-6, "the calibration images are scaled to [0, 1]");
        assertTrue(r.hidden() > 0.9 && r.hidden() < 1.0, "h = o * tanh(c) stays inside (-1, 1): " + r.hidden());
        assertTrue(r.cell() > 1 && r.cell() <= 10, "the cell clip is 10: " + r.cell());
        SweepRow.Formats f = result.row(SweepRow.Kind.FIXED_POINT, 8, 8).formats().get(0);
        assertEquals("Q1.6", f.input().toString());
        // the largest |h| seen, 0.998, is beyond Q0.7's 127/128: the power-of-two rule gives up a fraction bit
        assertEquals("Q1.6", f.hidden().toString());
        assertEquals("Q0.7", f.gate().toString());
        assertEquals(16, f.cell().bits());
    }
}
