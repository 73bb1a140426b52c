package io.lstmq.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.LstmqException;
import io.lstmq.convert.CalibrationData;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelWriter;
import io.lstmq.run.BatchRun;
import io.lstmq.testdata.LstmClassifierFactory;
import io.lstmq.testdata.LstmClassifierSpec;
import io.lstmq.testing.Shared;

class StackedLstmSweepTest {
    @TempDir
    Path tmp;

    /** Two LSTMs in a chain, then RESHAPE, FULLY_CONNECTED and SOFTMAX: both simulated, the rest in float. */
    @Test
    void twoStackedLstmsAreBothSimulated() {
        LstmClassifierSpec spec = new LstmClassifierSpec(10, 6, 12, 2, 5, 7L);
        Path model = tmp.resolve("stacked.tflite");
        ModelWriter.write(LstmClassifierFactory.build(spec), model);
        Path calibration = tmp.resolve("calibration.npy");
        Npy.write(calibration, sequences(spec, 64, 1L));
        Map<String, NdArray> eval = Map.of("", sequences(spec, 200, 2L));
        SweepResult r = new Sweep(model, what -> BatchRun.Progress.NONE).run(
                CalibrationData.load(List.of(calibration.toString())), eval, "eval", null,
                new Sweep.Options(List.of(3, 16), List.of(16), 0, 2));
        assertEquals(2, r.lstms().size());
        // 4 x 12 x (6 + 12) and 4 x 12 x (12 + 12) weights, 48 biases each
        assertEquals(864, r.lstms().get(0).weights());
        assertEquals(1152, r.lstms().get(1).weights());
        assertEquals((864 * 3 + 1152 * 3 + 96 * 32) / 8, r.row(SweepRow.Kind.FIXED_POINT, 3, 16).lstmBytes());
        assertEquals(2, r.row(SweepRow.Kind.FIXED_POINT, 16, 16).formats().size());
        Score fine = r.row(SweepRow.Kind.FIXED_POINT, 16, 16).score();
        Score coarse = r.row(SweepRow.Kind.FIXED_POINT, 3, 16).score();
        assertNull(fine.accuracy(), "no labels, no accuracy");
        assertTrue(fine.rmse() < 1e-3 && fine.rmse() < coarse.rmse() / 10, fine + " " + coarse);
        assertEquals(1.0, fine.agreement(), 0.01, fine.toString());
        assertTrue(r.notes().get(0).contains("W = 8 and A = 8"), r.notes().toString());
    }

    @Test
    void anIntegerModelIsRefusedWithTheOperatorNamed() {
        LstmqException e = org.junit.jupiter.api.Assertions.assertThrows(LstmqException.class,
                () -> new Sweep(Shared.path("models/mnist_lstm/trained_lstm_int8.tflite"),
                        what -> BatchRun.Progress.NONE));
        assertEquals("subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) is not a float LSTM (input int8); sweep "
                + "explores the fixed-point formats of a float model", e.getMessage());
    }

    private static NdArray sequences(LstmClassifierSpec spec, int n, long seed) {
        return NdArray.ofFloats(new long[] {n, spec.steps(), spec.inputs()},
                LstmClassifierFactory.sequences(spec, n, seed));
    }
}
