package io.lstmq.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.lstmq.LstmqException;
import io.lstmq.convert.CalibrationData;
import io.lstmq.engine.Interpreter;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Tensor;
import io.lstmq.run.BatchRun;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;

/**
 * Design-space exploration of an LSTM model's fixed-point formats: for every weight width W and activation width A
 * of the grid, the LSTM parameters' footprint and how the model scores against the float model (and the labels)
 * when its LSTMs run in the {@link FixedPointLstm} datapath. Ranges come from the calibration samples; scores from
 * the evaluation samples, every sample an independent sequence. When the grid holds W = A = 8 the int8 model of
 * {@code lstmq convert} is scored as well, as the reference for those rows.
 */
public final class Sweep {
    /**
     * @param limit   evaluate the first {@code limit} samples only; 0 for all
     * @param threads workers over the combinations
     */
    public record Options(List<Integer> weightBits, List<Integer> activationBits, int limit, int threads) {
        public Options {
            weightBits = List.copyOf(weightBits);
            activationBits = List.copyOf(activationBits);
            if (weightBits.isEmpty() || activationBits.isEmpty() || limit < 0 || threads < 1) {
                throw new IllegalArgumentException("empty grid, negative limit or no thread: " + weightBits + " "
                        + activationBits + " " + limit + " " + threads);
            }
        }
    }

    private record Combination(int weightBits, int activationBits) {}

    private final Path modelPath;
    private final ModelFile floatModel;
    private final LstmChain chain;
    private final Function<String, BatchRun.Progress> progress;

    /** @param progress gives the progress reporter of each phase by name ("calibrating", "sweeping") */
    public Sweep(Path floatModel, Function<String, BatchRun.Progress> progress) {
        this.modelPath = floatModel;
        this.floatModel = ModelFile.open(floatModel);
        this.chain = LstmChain.of(this.floatModel.model(), floatModel.toString());
        this.progress = progress;
    }

    /**
     * @param eval       evaluation arrays by model input name ({@code ""} for the only input)
     * @param evalSource names the evaluation data in messages
     * @param labels     one integer class per evaluation sample, or null
     */
    public SweepResult run(CalibrationData calibration, Map<String, NdArray> eval, String evalSource, NdArray labels,
            Options options) {
        Model model = floatModel.model();
        ModelInputs calibrationInputs = ModelInputs.bind(model.subgraph(0), calibration.arrays(),
                calibration.source());
        BatchRun.Progress calibrating = progress.apply("calibrating");
        List<LstmRanges> ranges = LstmCalibration.measure(model, chain.operators(), calibrationInputs,
                calibrating::done);

        ModelInputs evalInputs = ModelInputs.bind(model.subgraph(0), eval, evalSource);
        int n = options.limit() == 0 ? evalInputs.sampleCount() : Math.min(options.limit(), evalInputs.sampleCount());
        int[] classes = labels(labels, evalInputs.sampleCount(), n);
        float[][] inputs = new float[n][];
        for (int i = 0; i < n; i++) {
            inputs[i] = evalInputs.sample(i).get(0).asFloatArray();
        }
        float[][] reference = outputs(floatModel, eval, evalSource, n);

        List<SweepRow> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<LstmParameters> params = chain.parameters();
        rows.add(new SweepRow(SweepRow.Kind.FLOAT, 32, 32, Footprint.float32(params),
                Score.of(reference, classes, reference), List.of()));
        if (options.weightBits().contains(8) && options.activationBits().contains(8)) {
            try {
                ModelFile converted = ConvertedModel.convert(modelPath, calibration);
                rows.add(new SweepRow(SweepRow.Kind.CONVERTED, 8, 8, Footprint.stored(converted.model()),
                        Score.of(reference, classes, outputs(converted, eval, evalSource, n)), List.of()));
            } catch (LstmqException e) {
                notes.add("lstmq convert cannot make the int8 model: " + e.getMessage());
            }
        } else {
            notes.add("the int8 model of lstmq convert is scored only when the grid holds W = 8 and A = 8");
        }
        rows.addAll(fixedPoint(ranges, inputs, reference, classes, options));

        List<SweepResult.Lstm> lstms = new ArrayList<>();
        for (int k = 0; k < params.size(); k++) {
            LstmParameters p = params.get(k);
            lstms.add(new SweepResult.Lstm(p.name(), p.dims(), p.weightCount(), p.biasCount(), Footprint.float32(p),
                    ranges.get(k)));
        }
        Tensor output = model.subgraph(0).tensor(model.subgraph(0).outputs()[0]);
        return new SweepResult(modelPath.toString(), n, calibrationInputs.sampleCount(), output.name(), lstms, rows,
                notes);
    }

    private static int[] labels(NdArray labels, int samples, int n) {
        if (labels == null) {
            return null;
        }
        if (labels.size() != samples) {
            throw new LstmqException("--labels: " + labels.size() + " labels for " + samples + " samples");
        }
        int[] all = labels.asIntArray();
        return java.util.Arrays.copyOf(all, n);
    }

    /** The first output of a model in the Java engine (TFLite Micro numerics), dequantized, for n samples. */
    private static float[][] outputs(ModelFile model, Map<String, NdArray> data, String source, int n) {
        ModelInputs inputs = ModelInputs.bind(model.model().subgraph(0), data, source);
        Tensor out = BatchRun.outputs(model.model().subgraph(0)).get(0);
        float[][] result = new float[n][];
        try (SampleRunner runner = SampleRunner.open(model, Engine.JAVA, Numerics.TFLM)) {
            for (int i = 0; i < n; i++) {
                runner.reset();
                result[i] = ModelInputs.dequantize(runner.run(inputs.sample(i)).get(0), out).asFloatArray();
            }
        }
        return result;
    }

    private List<SweepRow> fixedPoint(List<LstmRanges> ranges, float[][] inputs, float[][] reference, int[] classes,
            Options options) {
        List<Combination> grid = new ArrayList<>();
        for (int w : options.weightBits()) {
            for (int a : options.activationBits()) {
                grid.add(new Combination(w, a));
            }
        }
        int workers = Math.min(options.threads(), grid.size());
        // Interpreters are built here, one per worker, each on its own copy of the tail: nothing is shared.
        List<Interpreter> tails = new ArrayList<>();
        for (int t = 0; t < workers; t++) {
            tails.add(Interpreter.create(chain.tail(ModelFile.open(modelPath).model())));
        }
        SweepRow[] rows = new SweepRow[grid.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        BatchRun.Progress sweeping = progress.apply("sweeping");
        int total = grid.size() * inputs.length;
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Interpreter tail : tails) {
                futures.add(pool.submit(() -> {
                    for (int k = next.getAndIncrement(); k < grid.size(); k = next.getAndIncrement()) {
                        rows[k] = evaluate(grid.get(k), ranges, tail, inputs, reference, classes);
                        int d = done.incrementAndGet();
                        synchronized (sweeping) {
                            sweeping.done(d * inputs.length, total);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LstmqException("sweep interrupted");
        } finally {
            pool.shutdownNow();
        }
        return List.of(rows);
    }

    private SweepRow evaluate(Combination c, List<LstmRanges> ranges, Interpreter tail, float[][] inputs,
            float[][] reference, int[] classes) {
        List<LstmParameters> params = chain.parameters();
        List<FixedPointLstm> lstms = new ArrayList<>();
        List<SweepRow.Formats> formats = new ArrayList<>();
        int[] outputLengths = new int[params.size()];
        for (int k = 0; k < params.size(); k++) {
            LstmParameters p = params.get(k);
            FixedPointLstm l = new FixedPointLstm(p, ranges.get(k), c.weightBits(), c.activationBits());
            lstms.add(l);
            formats.add(SweepRow.Formats.of(l));
            outputLengths[k] = p.batch() * p.steps() * p.dims().output();
        }
        SimulatedModel model = new SimulatedModel(lstms, outputLengths, tail);
        float[][] outputs = new float[inputs.length][];
        for (int i = 0; i < inputs.length; i++) {
            outputs[i] = model.run(inputs[i]);
        }
        return new SweepRow(SweepRow.Kind.FIXED_POINT, c.weightBits(), c.activationBits(),
                Footprint.fixedPoint(params, c.weightBits()), Score.of(reference, classes, outputs), formats);
    }
}
