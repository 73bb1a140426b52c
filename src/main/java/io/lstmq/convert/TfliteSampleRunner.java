package io.lstmq.convert;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TensorInfo;
import io.lstmq.runtime.TfliteRunner;

/** A verified model in the TFLite interpreter, state reset before every sample. */
final class TfliteSampleRunner implements SampleRunner {
    private final TfliteRunner runner;
    private final ModelInputs inputs;

    /** @param inputs samples bound to this model's inputs */
    TfliteSampleRunner(ModelFile verified, ModelInputs inputs) {
        this.runner = TfliteRunner.open(verified);
        this.inputs = inputs;
    }

    @Override
    public String runtime() {
        return "TFLite";
    }

    @Override
    public List<float[]> run(int sample) {
        runner.resetVariableTensors();
        List<NdArray> outputs = runner.run(inputs.sample(sample));
        List<float[]> out = new ArrayList<>(outputs.size());
        for (int i = 0; i < outputs.size(); i++) {
            out.add(dequantized(outputs.get(i), runner.outputs().get(i)));
        }
        return out;
    }

    /** Output memory belongs to the interpreter, so it is copied out here, dequantized when integer. */
    private static float[] dequantized(NdArray a, TensorInfo info) {
        float[] v = a.asFloatArray();
        if (!a.dtype().isFloatingPoint()) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (v[i] - info.zeroPoint()) * info.scale();
            }
        }
        return v;
    }

    @Override
    public void close() {
        runner.close();
    }
}
