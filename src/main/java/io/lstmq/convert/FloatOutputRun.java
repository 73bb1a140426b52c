package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.model.Tensor;
import io.lstmq.run.BatchRun;
import io.lstmq.run.Engine;
import io.lstmq.run.SampleRunner;

/**
 * One model on one engine, run sample by sample from a fresh LSTM state, with every output as floats (integer
 * outputs dequantized), so that models of any kind can be compared.
 */
final class FloatOutputRun implements AutoCloseable {
    private final SampleRunner runner;
    private final ModelInputs inputs;
    private final List<Tensor> outputs;

    /** @param inputs samples bound to this model's inputs */
    FloatOutputRun(ModelFile model, ModelInputs inputs, Engine engine, Numerics numerics) {
        this.runner = SampleRunner.open(model, engine, numerics);
        this.inputs = inputs;
        this.outputs = BatchRun.outputs(model.model().subgraph(0));
    }

    /** What runs a model, e.g. "TFLite" or "lstmq engine (tflm numerics)". */
    static String runtime(Engine engine, Numerics numerics) {
        return engine == Engine.TFLITE ? "TFLite"
                : "lstmq engine (" + numerics.name().toLowerCase(java.util.Locale.ROOT) + " numerics)";
    }

    List<float[]> run(int sample) {
        runner.reset();
        List<NdArray> values = runner.run(inputs.sample(sample));
        List<float[]> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            out.add(ModelInputs.dequantize(values.get(i), outputs.get(i)).asFloatArray());
        }
        return out;
    }

    @Override
    public void close() {
        runner.close();
    }
}
