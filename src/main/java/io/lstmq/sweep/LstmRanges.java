package io.lstmq.sweep;

/**
 * The calibrated magnitudes of one LSTM's activations: the largest |value| of its input, of its hidden state
 * (output) at any step, and of its cell state at any step. The fixed-point formats of the sweep are chosen to
 * cover them.
 */
public record LstmRanges(double input, double hidden, double cell) {}
