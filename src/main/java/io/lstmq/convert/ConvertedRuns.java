package io.lstmq.convert;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.run.Engine;

/**
 * The written model run on several runtimes over the same samples, by a few threads sharing the work: each
 * thread starts with a runtime of its own, and when that one has no samples left, helps a runtime that still
 * has some. Only TFLite is helped: its interpreters keep the weights in native memory, while each interpreter
 * of lstmq's engine would add a copy of them to the Java heap. Outputs are kept by sample, so whoever computed
 * them, they are compared in sample order as a single thread would.
 */
final class ConvertedRuns {
    /** Threads at most: each extra one holds another copy of the model, and memory bandwidth soon limits. */
    private static final int MAX_THREADS = 4;

    private ConvertedRuns() {}

    /**
     * One runtime's results.
     *
     * @param outputs by sample, when every sample ran
     * @param failure why the runtime could not run the model (then no outputs)
     */
    record Outcome(Engine engine, List<List<float[]>> outputs, String failure) {}

    /** One runtime's share of the work: the next sample to run and the outputs so far. */
    private static final class Work {
        final Engine engine;
        final AtomicInteger next = new AtomicInteger();
        final List<float[]>[] outputs;
        /** The first failure on any thread. */
        final AtomicReference<String> failure = new AtomicReference<>();

        @SuppressWarnings("unchecked")
        Work(Engine engine, int samples) {
            this.engine = engine;
            this.outputs = new List[samples];
        }

        boolean helpable() {
            return engine == Engine.TFLITE;
        }

        boolean hasSamplesLeft() {
            return failure.get() == null && next.get() < outputs.length;
        }
    }

    /**
     * @param calibration the samples, bound to the model's inputs on each thread
     * @param afterEach   told after every sample of every runtime (from any thread)
     */
    static List<Outcome> run(Path converted, List<Engine> engines, Map<String, NdArray> calibration,
            String dataSource, int samples, Runnable afterEach) {
        List<Work> work = engines.stream().map(e -> new Work(e, samples)).toList();
        int threads = Math.max(work.size(), Math.min(samples, Math.min(MAX_THREADS,
                Runtime.getRuntime().availableProcessors())));
        List<Callable<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<Work> order = new ArrayList<>();
            if (t < work.size()) {
                order.add(work.get(t));
            }
            work.stream().filter(w -> w.helpable() && !order.contains(w)).forEach(order::add);
            workers.add(() -> {
                runShare(order, converted, calibration, dataSource, afterEach);
                return null;
            });
        }
        SideBySide.run(workers);
        return work.stream().map(w -> w.failure.get() != null ? new Outcome(w.engine, null, w.failure.get())
                : new Outcome(w.engine, Arrays.asList(w.outputs), null)).toList();
    }

    /** One thread: its own reading of the model, then samples of each runtime in turn while any are left. */
    private static void runShare(List<Work> order, Path converted, Map<String, NdArray> calibration,
            String dataSource, Runnable afterEach) {
        ModelFile model = null;
        ModelInputs inputs = null;
        for (Work w : order) {
            if (!w.hasSamplesLeft()) {
                continue;
            }
            if (model == null) {
                model = ModelFile.open(converted);
                inputs = ModelInputs.bind(model.model().subgraph(0), calibration, dataSource);
            }
            try (FloatOutputRun run = new FloatOutputRun(model, inputs, w.engine, Numerics.TFLM)) {
                for (int s = w.next.getAndIncrement(); s < w.outputs.length && w.failure.get() == null;
                        s = w.next.getAndIncrement()) {
                    w.outputs[s] = run.run(s);
                    afterEach.run();
                }
            } catch (LstmqException e) {
                w.failure.compareAndSet(null, e.getMessage());
            }
        }
    }
}
