package io.lstmq.testdata;

/**
 * Shape of a synthetic float sequence classifier: {@code layers} stacked UNIDIRECTIONAL_SEQUENCE_LSTMs of
 * {@code units} cells over {@code steps} x {@code inputs}, then RESHAPE, FULLY_CONNECTED and SOFTMAX, like the
 * MNIST LSTM example. Weights come from {@code seed}, so the same spec always gives the same bytes.
 */
public record LstmClassifierSpec(int steps, int inputs, int units, int layers, int classes, long seed) {
    public LstmClassifierSpec {
        if (steps < 1 || inputs < 1 || units < 1 || layers < 1 || classes < 1) {
            throw new IllegalArgumentException("all sizes must be positive: " + this);
        }
    }

    /** The small classifier committed in testdata/. */
    public static LstmClassifierSpec small() {
        return new LstmClassifierSpec(12, 8, 16, 1, 4, 20261122L);
    }
}
