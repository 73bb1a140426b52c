package io.lstmq.engine.lstm;

import io.lstmq.lstm.Gate;

/** Keeps the gate outputs of the last traced step, as {@code [B][S]} per gate. */
final class GateRecorder implements LstmTrace {
    final int[][] outputs;
    final int[][] preActivations;
    private final int cells;

    GateRecorder(int batch, int cells) {
        this.cells = cells;
        this.outputs = new int[4][batch * cells];
        this.preActivations = new int[4][batch * cells];
    }

    @Override
    public void gate(int step, int batchRow, Gate gate, short[] preActivation, short[] output, int offset,
            int length) {
        for (int k = 0; k < length; k++) {
            outputs[gate.ordinal()][batchRow * cells + k] = output[offset + k];
            preActivations[gate.ordinal()][batchRow * cells + k] = preActivation == null ? 0 : preActivation[offset + k];
        }
    }
}
