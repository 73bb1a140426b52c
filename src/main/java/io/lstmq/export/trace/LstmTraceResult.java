package io.lstmq.export.trace;

import java.util.List;

import io.lstmq.engine.Numerics;
import io.lstmq.export.ExportArray;

/**
 * The traced values of one LSTM operator over one input sequence: the quantized input, the initial states, and per
 * step every gate's pre-activation and output, the cell state and the hidden state. Every signal is
 * {@code [batch][step][...]} (the initial states {@code [batch][...]}), whatever the operator's layout.
 *
 * @param index     the LSTM's position among the subgraph's LSTMs
 * @param operator  e.g. {@code subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM)}
 * @param numerics  whose kernel the values reproduce
 * @param batch     B
 * @param steps     T
 * @param timeMajor the operator's input layout
 * @param signals   in the order {@code input}, {@code initial_hidden_state}, {@code initial_cell_state}, per gate
 *                  (input, forget, cell, output) {@code X_gate_pre} (absent for a CIFG input gate) and
 *                  {@code X_gate}, then {@code cell_state}, {@code hidden_state}
 */
public record LstmTraceResult(int index, String operator, Numerics numerics, int batch, int steps,
        boolean timeMajor, List<ExportArray> signals) {

    /** @throws IllegalArgumentException when the trace has no such signal */
    public ExportArray signal(String name) {
        for (ExportArray a : signals) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no signal " + name + " in the trace of " + operator);
    }
}
