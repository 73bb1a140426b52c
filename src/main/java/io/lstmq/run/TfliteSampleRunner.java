package io.lstmq.run;

import java.util.List;

import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;
import io.lstmq.runtime.TfliteRunner;

/** {@link SampleRunner} on the TFLite interpreter (no delegates). */
final class TfliteSampleRunner implements SampleRunner {
    private final TfliteRunner runner;

    TfliteSampleRunner(ModelFile model) {
        this.runner = TfliteRunner.open(model);
    }

    @Override
    public List<NdArray> run(List<NdArray> inputs) {
        return runner.run(inputs);
    }

    @Override
    public void reset() {
        runner.resetVariableTensors();
    }

    @Override
    public void close() {
        runner.close();
    }
}
