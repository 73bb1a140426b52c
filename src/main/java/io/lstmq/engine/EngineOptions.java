package io.lstmq.engine;

import java.util.Objects;

/**
 * How an {@link Interpreter} runs a model.
 *
 * @param subgraph the subgraph to run (0 is the model's main graph)
 * @param numerics the integer LSTM arithmetic to reproduce
 * @param recorder receives the value ranges of float tensors on every invoke (calibration), or null
 * @param observer watches LSTM operators step by step (traces, reports), or null
 */
public record EngineOptions(int subgraph, Numerics numerics, RangeRecorder recorder, LstmObserver observer) {
    public EngineOptions {
        Objects.requireNonNull(numerics, "numerics");
        if (subgraph < 0) {
            throw new IllegalArgumentException("subgraph index " + subgraph);
        }
    }

    /** Subgraph 0, TFLite Micro numerics, no range recording. */
    public static EngineOptions defaults() {
        return new EngineOptions(0, Numerics.TFLM, null, null);
    }

    public EngineOptions withSubgraph(int index) {
        return new EngineOptions(index, numerics, recorder, observer);
    }

    public EngineOptions withNumerics(Numerics n) {
        return new EngineOptions(subgraph, n, recorder, observer);
    }

    public EngineOptions withRecorder(RangeRecorder r) {
        return new EngineOptions(subgraph, numerics, r, observer);
    }

    public EngineOptions withObserver(LstmObserver o) {
        return new EngineOptions(subgraph, numerics, recorder, o);
    }
}
