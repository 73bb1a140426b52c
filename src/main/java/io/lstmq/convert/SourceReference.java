package io.lstmq.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.quant.Calibrator;
import io.lstmq.run.Engine;

/**
 * The source model's outputs on the check samples: the reference every run of the converted model is compared
 * with, computed once. TFLite computes them on a thread of its own, started before the conversion, so that it
 * runs the float model while lstmq's engine calibrates it: on a large model these are the two longest steps and
 * each keeps one core busy. TFLite holds its copy of the weights in native memory, so the Java heap does not
 * grow. Where TFLite cannot load the source model, lstmq's engine runs it instead, in the thread that asks for
 * the outputs, after calibration: two float copies of the weights never share the heap.
 */
public final class SourceReference implements AutoCloseable {
    private static final long PROGRESS_POLL_MILLIS = 100;

    private final Path source;
    private final Map<String, NdArray> calibration;
    private final String dataSource;
    private final int maxSamples;
    private final AtomicInteger done = new AtomicInteger();
    /** Samples to run, once the background thread has bound them to the model; 0 before. */
    private volatile int samples;
    private volatile boolean cancelled;
    private final FutureTask<TfliteOutcome> task;

    /** What the background thread found: the outputs, or why TFLite could not load the model. */
    private record TfliteOutcome(ModelFile model, ModelInputs inputs, int samples, List<List<float[]>> outputs,
            String tfliteFailure) {}

    /**
     * The reference outputs and how they were computed.
     *
     * @param outputs one list of outputs (floats, dequantized) per sample, in sample order
     * @param note    why lstmq's engine ran the source model instead of TFLite, or null
     */
    record Outputs(List<List<float[]>> outputs, String note) {}

    private SourceReference(Path source, Map<String, NdArray> calibration, String dataSource, int maxSamples) {
        this.source = source;
        this.calibration = calibration;
        this.dataSource = dataSource;
        this.maxSamples = maxSamples;
        this.task = calibration == null ? null : new FutureTask<>(this::runInTflite);
    }

    /**
     * Starts computing the reference in the background. Problems (an unreadable source, samples that do not fit
     * it) are reported by {@link #await}, where the checks used to meet them, not here: the conversion reports
     * its own first.
     *
     * @param calibration the samples as given to the conversion, or null: then there is nothing to run
     * @param maxSamples  compare at most this many samples (the first ones)
     */
    public static SourceReference start(Path source, Map<String, NdArray> calibration, String dataSource,
            int maxSamples) {
        SourceReference r = new SourceReference(source, calibration, dataSource, maxSamples);
        if (r.task != null) {
            Thread t = new Thread(r.task, "lstmq source reference");
            t.setDaemon(true);
            t.start();
        }
        return r;
    }

    /** Whether there are samples to compare on. */
    boolean hasSamples() {
        return calibration != null;
    }

    Map<String, NdArray> calibration() {
        return calibration;
    }

    String dataSource() {
        return dataSource;
    }

    /**
     * Waits for the outputs, telling {@code progress} the samples done so far as they complete. Throws what the
     * background computation threw.
     */
    Outputs await(Calibrator.Progress progress) {
        TfliteOutcome outcome = awaitTflite(progress);
        if (outcome.tfliteFailure() == null) {
            return new Outputs(outcome.outputs(), null);
        }
        List<List<float[]>> outputs = new ArrayList<>(outcome.samples());
        try (FloatOutputRun java = new FloatOutputRun(outcome.model(), outcome.inputs(), Engine.JAVA, Numerics.TFLM)) {
            for (int s = 0; s < outcome.samples(); s++) {
                outputs.add(java.run(s));
                progress.samplesDone(s + 1, outcome.samples());
            }
        }
        return new Outputs(outputs, "the source model is run by lstmq's engine: TFLite cannot load it ("
                + outcome.tfliteFailure() + ")");
    }

    private TfliteOutcome awaitTflite(Calibrator.Progress progress) {
        int reported = -1;
        while (true) {
            try {
                TfliteOutcome outcome = task.get(PROGRESS_POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (outcome.tfliteFailure() == null) {
                    progress.samplesDone(outcome.samples(), outcome.samples());
                }
                return outcome;
            } catch (TimeoutException e) {
                int now = done.get();
                if (samples > 0 && now != reported) {
                    reported = now;
                    progress.samplesDone(now, samples);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LstmqException("interrupted while the source model ran for the output checks");
            } catch (ExecutionException e) {
                throw SideBySide.rethrow(e.getCause());
            }
        }
    }

    /** On the background thread: opens the source model and runs the samples in TFLite, if TFLite loads it. */
    private TfliteOutcome runInTflite() {
        ModelFile original = ModelFile.open(source);
        ModelInputs inputs = ModelInputs.bind(original.model().subgraph(0), calibration, dataSource);
        int count = Math.min(maxSamples, inputs.sampleCount());
        FloatOutputRun tflite;
        try {
            tflite = new FloatOutputRun(original, inputs, Engine.TFLITE, Numerics.TFLM);
        } catch (LstmqException e) {
            return new TfliteOutcome(original, inputs, count, null, e.getMessage());
        }
        samples = count;
        List<List<float[]>> outputs = new ArrayList<>(count);
        try (tflite) {
            for (int s = 0; s < count && !cancelled; s++) {
                outputs.add(tflite.run(s));
                done.incrementAndGet();
            }
        }
        return new TfliteOutcome(original, inputs, count, outputs, null);
    }

    /** Stops the background run after its current sample (when the outputs are no longer wanted) and waits. */
    @Override
    public void close() {
        if (task == null) {
            return;
        }
        cancelled = true;
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // reported by await, or not wanted
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
