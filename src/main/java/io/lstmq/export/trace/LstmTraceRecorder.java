package io.lstmq.export.trace;

import io.lstmq.engine.lstm.LstmTrace;
import io.lstmq.lstm.Gate;

/**
 * Keeps every step's values of one {@link io.lstmq.engine.lstm.IntegerLstm} run in {@code [batch][step][...]}
 * arrays, whatever the order the kernel visits rows and steps in (time-major runs step all rows at once).
 */
final class LstmTraceRecorder implements LstmTrace {
    private final int steps;
    private final int cells;
    private final int outputs;
    final short[][] preActivations = new short[4][];
    final short[][] gateOutputs = new short[4][];
    final short[] cell;
    final short[] hidden;

    LstmTraceRecorder(int batch, int steps, int cells, int outputs) {
        this.steps = steps;
        this.cells = cells;
        this.outputs = outputs;
        for (int g = 0; g < 4; g++) {
            gateOutputs[g] = new short[batch * steps * cells];
        }
        cell = new short[batch * steps * cells];
        hidden = new short[batch * steps * outputs];
    }

    @Override
    public void gate(int step, int batchRow, Gate gate, short[] preActivation, short[] output, int offset, int length) {
        int at = (batchRow * steps + step) * cells;
        if (preActivation != null) {
            if (preActivations[gate.ordinal()] == null) {
                preActivations[gate.ordinal()] = new short[gateOutputs[0].length];
            }
            System.arraycopy(preActivation, offset, preActivations[gate.ordinal()], at, length);
        }
        System.arraycopy(output, offset, gateOutputs[gate.ordinal()], at, length);
    }

    @Override
    public void cell(int step, int batchRow, short[] values, int offset, int length) {
        System.arraycopy(values, offset, cell, (batchRow * steps + step) * cells, length);
    }

    @Override
    public void hidden(int step, int batchRow, short[] values, int offset, int length) {
        System.arraycopy(values, offset, hidden, (batchRow * steps + step) * outputs, length);
    }
}
