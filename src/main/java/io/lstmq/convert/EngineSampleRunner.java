package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Interpreter;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.Model;

/** A model in lstmq's Java engine with the chosen integer LSTM numerics, state reset before every sample. */
final class EngineSampleRunner implements SampleRunner {
    private final Interpreter interpreter;
    private final ModelInputs inputs;
    private final Numerics numerics;

    EngineSampleRunner(Model model, ModelInputs inputs, Numerics numerics) {
        this.interpreter = Interpreter.create(model, EngineOptions.defaults().withNumerics(numerics));
        this.inputs = inputs;
        this.numerics = numerics;
    }

    @Override
    public String runtime() {
        return "lstmq engine (" + numerics.name().toLowerCase(java.util.Locale.ROOT) + " numerics)";
    }

    @Override
    public List<float[]> run(int sample) {
        interpreter.resetVariables();
        List<NdArray> values = inputs.sample(sample);
        for (int i = 0; i < values.size(); i++) {
            interpreter.inputTensor(i).set(values.get(i));
        }
        interpreter.invoke();
        List<float[]> out = new ArrayList<>(interpreter.outputCount());
        for (int o = 0; o < interpreter.outputCount(); o++) {
            EngineTensor t = interpreter.outputTensor(o);
            float[] v = t.toNdArray().asFloatArray();
            if (t.type().isInteger()) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = (v[i] - t.zeroPoint()) * t.scale();
                }
            }
            out.add(v);
        }
        return out;
    }

    @Override
    public void close() {}
}
