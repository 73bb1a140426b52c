package io.lstmq.run;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.Interpreter;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;

/** {@link SampleRunner} on lstmq's Java engine. */
final class JavaSampleRunner implements SampleRunner {
    private final Interpreter interpreter;

    JavaSampleRunner(ModelFile model, EngineOptions options) {
        this.interpreter = Interpreter.create(model.model(), options);
    }

    @Override
    public List<NdArray> run(List<NdArray> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            interpreter.setInput(i, inputs.get(i));
        }
        interpreter.invoke();
        List<NdArray> out = new ArrayList<>(interpreter.outputCount());
        for (int i = 0; i < interpreter.outputCount(); i++) {
            out.add(interpreter.output(i));
        }
        return out;
    }

    @Override
    public void reset() {
        interpreter.resetVariables();
    }

    @Override
    public void close() {
        // nothing native to release
    }
}
