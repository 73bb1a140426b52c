package io.lstmq.bench;

import java.util.List;
import java.util.SplittableRandom;

import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Tensor;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;

/**
 * Sequences per second of one model on one engine: the state is reset and one whole input sequence is run, as an
 * application classifying independent sequences does. Both engines go through the same {@link SampleRunner}
 * boundary (input copied in, output copied out), so the ratio compares the engines, not the plumbing.
 */
final class Throughput {
    private Throughput() {}

    record Result(double sequencesPerSecond, long runs) {
        double microsPerSequence() {
            return 1e6 / sequencesPerSecond;
        }
    }

    static Result measure(ModelFile model, Engine engine, Numerics numerics, double seconds) {
        List<NdArray> input = randomInput(model);
        try (SampleRunner runner = SampleRunner.open(model, engine, numerics)) {
            loop(runner, input, seconds / 3);
            return loop(runner, input, seconds);
        }
    }

    private static Result loop(SampleRunner runner, List<NdArray> input, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long runs = 0;
        long now;
        do {
            for (int i = 0; i < 8; i++) {
                runner.reset();
                runner.run(input);
            }
            runs += 8;
            now = System.nanoTime();
        } while (now < deadline);
        return new Result(runs / ((now - start) / 1e9), runs);
    }

    /** A deterministic random sample in each input's own type (floats in [0, 1), integers over their range). */
    static List<NdArray> randomInput(ModelFile model) {
        SplittableRandom r = new SplittableRandom(11);
        var sg = model.model().subgraph(0);
        java.util.ArrayList<NdArray> out = new java.util.ArrayList<>();
        for (int i : sg.inputs()) {
            Tensor t = sg.tensor(i);
            int n = (int) t.elementCount();
            float[] v = new float[n];
            for (int k = 0; k < n; k++) {
                v[k] = (float) r.nextDouble();
            }
            long[] shape = java.util.Arrays.stream(t.shape()).asLongStream().toArray();
            NdArray floats = NdArray.ofFloats(shape, v);
            // float data in [0, 1) quantizes into the input's range for integer inputs
            out.add(ModelInputs.bind(sg, java.util.Map.of(t.name(), floats), "bench").sample(0).get(0));
        }
        return out;
    }
}
