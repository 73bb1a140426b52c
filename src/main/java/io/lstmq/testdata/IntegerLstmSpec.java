package io.lstmq.testdata;

/**
 * Shape and options of a random int8 (8x8_16) UNIDIRECTIONAL_SEQUENCE_LSTM model: one LSTM whose input and output
 * are the model's, with realistic scales, for bit-exactness checks against TFLite and for benchmarks.
 */
public record IntegerLstmSpec(int batch, int steps, int inputs, int units, boolean timeMajor, float cellClip,
                              long seed) {
    public IntegerLstmSpec {
        if (batch < 1 || steps < 1 || inputs < 1 || units < 1 || cellClip < 0) {
            throw new IllegalArgumentException("invalid " + this);
        }
    }
}
