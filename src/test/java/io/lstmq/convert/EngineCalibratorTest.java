package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Operator;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.LstmIntermediates;
import io.lstmq.quant.TensorRanges;

/** Calibration semantics on the project's small float classifier (standard LSTM, 12 steps, 32 samples). */
class EngineCalibratorTest {
    private static final Path CLASSIFIER = Path.of("testdata", "lstm_classifier.tflite");
    private static final NdArray SAMPLES = Npy.read(Path.of("testdata", "calibration.npy"));

    @Test
    void everySampleStartsFromZeroStateSoTheOrderDoesNotMatter() {
        List<NdArray> reversed = new ArrayList<>();
        for (long s = SAMPLES.dim(0) - 1; s >= 0; s--) {
            reversed.add(SAMPLES.sample(s));
        }
        Model model = model();
        TensorRanges forward = calibrate(model, SAMPLES);
        TensorRanges backward = calibrate(model, NdArray.stack(reversed));
        for (int t : forward.tensors()) {
            assertArrayEquals(forward.get(t), backward.get(t), model.subgraph(0).tensor(t).describe());
        }
    }

    @Test
    void statesAndHiddenValueCoverEveryStep() {
        Model model = model();
        TensorRanges r = calibrate(model, SAMPLES);
        Operator lstm = model.subgraph(0).operators().get(0);
        float[] output = r.get(lstm.outputs()[0]);
        // Without projection the hidden value m is the output h of every step, which the op output holds.
        assertArrayEquals(output, r.get(lstm.intermediates()[LstmSlot.Intermediate.HIDDEN.index()]));
        // The output state is h at every step plus its initial zeros.
        assertArrayEquals(new float[] {Math.min(0f, output[0]), Math.max(0f, output[1])},
                r.get(lstm.inputs()[LstmSlot.OUTPUT_STATE.index()]));
        float[] cell = r.get(lstm.inputs()[LstmSlot.CELL_STATE.index()]);
        assertNotNull(cell);
        assertTrue(cell[0] <= 0f && cell[1] >= 0f, "the initial zero cell is part of the range");
        // Gate pre-activations matter only with layer norm, which this LSTM has not.
        assertNull(r.get(lstm.intermediates()[0]));
    }

    private static Model model() {
        Model m = ModelFile.open(CLASSIFIER).model();
        LstmIntermediates.addIfAbsent(m);
        return m;
    }

    private static TensorRanges calibrate(Model model, NdArray samples) {
        ModelInputs inputs = ModelInputs.bind(model.subgraph(0), Map.of("", samples), "calibration.npy");
        return new EngineCalibrator().calibrate(model, inputs, Calibrator.Progress.NONE);
    }
}
