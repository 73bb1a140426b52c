package io.lstmq.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.lstm.DeploymentDiagnosis;
import io.lstmq.model.ModelFile;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.QuantScheme;
import io.lstmq.run.Engine;

/**
 * The checks {@code lstmq convert} runs on the file it wrote: the model is read back and verified, then run on
 * the calibration samples next to its source (in TFLite, or lstmq's engine where TFLite cannot load it; see
 * {@link SourceReference}) by every runtime meant to run it: lstmq's engine with TFLite Micro numerics for
 * integer models, TFLite for 8x8_16 and hybrid models (TFLite has no 16x8 LSTM kernel). The runtimes run side
 * by side ({@link ConvertedRuns}), and each is compared with the same source outputs, computed once.
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

    /** A runtime meant to run the converted model, and what its failing to means. */
    private record RuntimeCheck(Engine engine, String cannotRun, boolean failureFails) {}

    /**
     * @param reference the source model's outputs on the samples given to the conversion (none: then only
     *                  verification runs)
     */
    public static Report run(SourceReference reference, Path converted, ConvertOptions options,
            Calibrator.Progress progress) {
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
        if (!reference.hasSamples()) {
            notes.add("no samples to run (outputs are compared on --calibration data)");
            return new Report(true, runs, notes, false, tflm);
        }
        List<RuntimeCheck> runtimes = runtimes(options);
        SharedProgress shared = new SharedProgress(progress, runtimes.size() + 1);
        SourceReference.Outputs source = reference.await(shared::reference);
        if (source.note() != null) {
            notes.add(source.note());
        }
        List<ConvertedRuns.Outcome> outcomes = ConvertedRuns.run(converted,
                runtimes.stream().map(RuntimeCheck::engine).toList(), reference.calibration(), reference.dataSource(),
                source.outputs().size(), shared::step);
        boolean failed = false;
        for (int i = 0; i < runtimes.size(); i++) {
            RuntimeCheck runtime = runtimes.get(i);
            ConvertedRuns.Outcome outcome = outcomes.get(i);
            if (outcome.failure() == null) {
                runs.add(OutputCheck.compare(source.outputs(), outcome.outputs(),
                        FloatOutputRun.runtime(runtime.engine(), Numerics.TFLM)));
            } else {
                notes.add(runtime.cannotRun() + outcome.failure());
                failed |= runtime.failureFails();
            }
        }
        if (!options.weightsOnly() && options.scheme() != QuantScheme.INT8) {
            notes.add("TFLite has no LSTM kernel with int16 activations: the 16x8 model is for TFLite Micro");
        }
        return new Report(true, runs, notes, failed, tflm);
    }

    private static List<RuntimeCheck> runtimes(ConvertOptions options) {
        List<RuntimeCheck> runtimes = new ArrayList<>();
        if (!options.weightsOnly()) {
            runtimes.add(new RuntimeCheck(Engine.JAVA, "lstmq's engine cannot run the converted model: ", false));
        }
        if (options.weightsOnly() || options.scheme() == QuantScheme.INT8) {
            runtimes.add(new RuntimeCheck(Engine.TFLITE, "TFLite cannot run the converted model: ", true));
        }
        return runtimes;
    }

    /**
     * One progress count over several threads: the source reference's samples, then every runtime's, each runtime
     * running as many samples as the reference.
     */
    private static final class SharedProgress {
        private final Calibrator.Progress progress;
        private final int runs;
        private int done;
        private int total;

        /** @param runs the reference and every runtime */
        SharedProgress(Calibrator.Progress progress, int runs) {
            this.progress = progress;
            this.runs = runs;
        }

        synchronized void reference(int samplesDone, int samples) {
            done = samplesDone;
            total = samples * runs;
            progress.samplesDone(done, total);
        }

        synchronized void step() {
            progress.samplesDone(++done, total);
        }
    }
}
