package io.lstmq.lstm;

/**
 * The sizes of one LSTM: I = input features, S = n_cell, O = n_output (O = S without projection).
 */
public record LstmDims(int input, int cell, int output) {
    public LstmDims {
        if (input <= 0 || cell <= 0 || output <= 0) {
            throw new IllegalArgumentException("LSTM sizes must be positive: I=" + input + " S=" + cell + " O=" + output);
        }
    }

    @Override
    public String toString() {
        return "I=" + input + " S=" + cell + " O=" + output;
    }
}
