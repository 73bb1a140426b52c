package io.lstmq.run;

import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.Numerics;
import io.lstmq.io.NdArray;
import io.lstmq.model.ModelFile;

/** Runs one sample at a time through a model, on either engine; each sample is a list of model inputs. */
public interface SampleRunner extends AutoCloseable {
    /** Runs one sample; LSTM state carries over from the previous sample unless {@link #reset()} is called. */
    List<NdArray> run(List<NdArray> inputs);

    /** Starts a new sequence: LSTM state back to its initial value. */
    void reset();

    @Override
    void close();

    static SampleRunner open(ModelFile model, Engine engine, Numerics numerics) {
        return switch (engine) {
            case JAVA -> java(model, EngineOptions.defaults().withNumerics(numerics));
            case TFLITE -> new TfliteSampleRunner(model);
        };
    }

    /** The Java engine with full control of its options (observers, range recording). */
    static SampleRunner java(ModelFile model, EngineOptions options) {
        return model.about(() -> new JavaSampleRunner(model, options));
    }

    static Numerics parseNumerics(String s) {
        return switch (s) {
            case "tflm" -> Numerics.TFLM;
            case "tflite" -> Numerics.TFLITE;
            default -> throw new LstmqException("--numerics " + s + ": expected tflm or tflite");
        };
    }
}
