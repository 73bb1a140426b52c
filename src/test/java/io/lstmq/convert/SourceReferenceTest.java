package io.lstmq.convert;

import static io.lstmq.convert.ConvertedTestModels.CLASSIFIER;
import static io.lstmq.convert.ConvertedTestModels.SAMPLES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.quant.Calibrator;
import io.lstmq.run.Engine;

class SourceReferenceTest {
    @TempDir
    static Path tmp;

    @Test
    void theSourceRunsInTfliteOnTheFirstSamples() {
        List<int[]> progress = new ArrayList<>();
        SourceReference.Outputs outputs;
        try (SourceReference r = SourceReference.start(CLASSIFIER, SAMPLES, "calibration.npy", 5)) {
            outputs = r.await((done, total) -> progress.add(new int[] {done, total}));
        }
        ConvertedTestModels.assertSameOutputs(ConvertedTestModels.sequentialOutputs(CLASSIFIER, Engine.TFLITE, 5),
                outputs.outputs());
        assertNull(outputs.note());
        int[] last = progress.get(progress.size() - 1);
        assertEquals(5, last[0]);
        assertEquals(5, last[1]);
    }

    @Test
    void lstmqsEngineRunsWhatTfliteCannotLoad() {
        // TFLite has no LSTM kernel with int16 activations, so it cannot run the 16x8 model.
        Path int16 = ConvertedTestModels.convert(tmp, "int16.tflite", "--activations", "int16");
        SourceReference.Outputs outputs;
        try (SourceReference r = SourceReference.start(int16, SAMPLES, "calibration.npy", 100)) {
            outputs = r.await(Calibrator.Progress.NONE);
        }
        assertTrue(outputs.note().startsWith("the source model is run by lstmq's engine: TFLite cannot load it ("),
                outputs.note());
        ConvertedTestModels.assertSameOutputs(ConvertedTestModels.sequentialOutputs(int16, Engine.JAVA, 32),
                outputs.outputs());
    }

    @Test
    void samplesThatDoNotFitAreReportedWhenTheOutputsAreAskedFor() {
        Map<String, NdArray> wrong = Map.of("", NdArray.ofFloats(new long[] {2, 3}, new float[6]));
        try (SourceReference r = SourceReference.start(CLASSIFIER, wrong, "wrong.npy", 10)) {
            assertThrows(LstmqException.class, () -> r.await(Calibrator.Progress.NONE));
        }
    }

    @Test
    void closingUnawaitedStopsTheRun() {
        SourceReference r = SourceReference.start(CLASSIFIER, SAMPLES, "calibration.npy", 32);
        r.close();
        r.close();
    }

    @Test
    void withoutSamplesNothingRuns() {
        try (SourceReference r = SourceReference.start(CLASSIFIER, null, null, 10)) {
            assertFalse(r.hasSamples());
        }
    }
}
