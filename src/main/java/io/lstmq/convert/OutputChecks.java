package io.lstmq.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.lstm.DeploymentDiagnosis;
import io.lstmq.model.ModelFile;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.QuantScheme;
import io.lstmq.run.Engine;

/**
 * The checks {@code lstmq convert} runs on the file it wrote: the model is read back and verified, then run on
 * the calibration samples next to its source (in TFLite, or lstmq's engine where TFLite cannot load it) by every
 * runtime meant to run it: lstmq's engine with TFLite Micro numerics for integer models, TFLite for 8x8_16 and
 * hybrid models (TFLite has no 16x8 LSTM kernel).
 */
public final class OutputChecks {
    /** Samples compared by default: enough for a stable agreement figure, quick for small models. */
    public static final int DEFAULT_SAMPLES = 256;

    private OutputChecks() {}

    /**
     * @param verified false when the written file failed verification (then nothing ran)
     * @param runs     one comparison per runtime that ran the converted model
     * @param notes    why a runtime did not run it, or failed to
     * @param failed   verification failed, or a runtime meant to run the model could not
     * @param tflm     what keeps TFLite Micro from running the model as an integer model, and notes
     */
    public record Report(boolean verified, List<OutputCheck.Agreement> runs, List<String> notes, boolean failed,
            List<DeploymentDiagnosis.Finding> tflm) {}

    /** @param calibration the samples as given to the conversion, or null: then only verification runs */
    public static Report run(Path source, Path converted, ConvertOptions options, Map<String, NdArray> calibration,
            String dataSource, int maxSamples, Calibrator.Progress progress) {
        ModelFile written;
        try {
            written = ModelFile.open(converted);
        } catch (LstmqException e) {
            return new Report(false, List.of(), List.of("the written model fails verification: " + e.getMessage()),
                    true, List.of());
        }
        List<String> notes = new ArrayList<>();
        List<OutputCheck.Agreement> runs = new ArrayList<>();
        List<DeploymentDiagnosis.Finding> tflm = DeploymentDiagnosis.of(written.model());
        if (calibration == null) {
            notes.add("no samples to run (outputs are compared on --calibration data)");
            return new Report(true, runs, notes, false, tflm);
        }
        ModelFile original = ModelFile.open(source);
        ModelInputs sourceInputs = ModelInputs.bind(original.model().subgraph(0), calibration, dataSource);
        ModelInputs convertedInputs = ModelInputs.bind(written.model().subgraph(0), calibration, dataSource);
        int samples = Math.min(maxSamples, convertedInputs.sampleCount());
        boolean failed = false;
        try (FloatOutputRun reference = reference(original, sourceInputs, notes)) {
            if (!options.weightsOnly()) {
                try (FloatOutputRun engine = new FloatOutputRun(written, convertedInputs, Engine.JAVA, Numerics.TFLM)) {
                    runs.add(compare(reference, engine, samples, progress));
                } catch (LstmqException e) {
                    notes.add("lstmq's engine cannot run the converted model: " + e.getMessage());
                }
            }
            if (options.weightsOnly() || options.scheme() == QuantScheme.INT8) {
                try (FloatOutputRun tflite = new FloatOutputRun(written, convertedInputs, Engine.TFLITE, Numerics.TFLM)) {
                    runs.add(compare(reference, tflite, samples, progress));
                } catch (LstmqException e) {
                    notes.add("TFLite cannot run the converted model: " + e.getMessage());
                    failed = true;
                }
            } else {
                notes.add("TFLite has no LSTM kernel with int16 activations: the 16x8 model is for TFLite Micro");
            }
        }
        return new Report(true, runs, notes, failed, tflm);
    }

    /** The source model in TFLite; in lstmq's engine when TFLite cannot load it. */
    private static FloatOutputRun reference(ModelFile source, ModelInputs inputs, List<String> notes) {
        try {
            return new FloatOutputRun(source, inputs, Engine.TFLITE, Numerics.TFLM);
        } catch (LstmqException e) {
            notes.add("the source model is run by lstmq's engine: TFLite cannot load it (" + e.getMessage() + ")");
            return new FloatOutputRun(source, inputs, Engine.JAVA, Numerics.TFLM);
        }
    }

    private static OutputCheck.Agreement compare(FloatOutputRun reference, FloatOutputRun candidate, int samples,
            Calibrator.Progress progress) {
        int[] done = {0};
        return OutputCheck.compare(reference, candidate, samples, () -> progress.samplesDone(++done[0], samples));
    }
}
