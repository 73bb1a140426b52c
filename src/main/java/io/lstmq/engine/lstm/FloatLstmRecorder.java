package io.lstmq.engine.lstm;

import io.lstmq.lstm.Gate;

/**
 * Sees the float values a calibrator needs, per step and batch row, while {@link FloatLstm} runs. Arrays are
 * the kernel's buffers: read {@code [offset, offset + length)} during the call. Pass null and recording
 * costs nothing.
 *
 * <p>What TFLite's calibrator logs from them (spec §6): intermediates 0..3 = {@link #gatePreActivation}, only
 * for layer-norm LSTMs; intermediate 4 = {@link #hidden}; the op output = {@link #output}. The input and the
 * two state tensors are logged by the calibrator before and after each invoke, not per step.
 */
public interface FloatLstmRecorder {

    /** The step's input row. */
    default void input(int step, int batchRow, float[] x, int offset, int length) {}

    /**
     * A gate's pre-activation before layer norm and bias: {@code W·x + R·h_prev (+ w_c ⊙ c)}. Not called
     * for the CIFG input gate.
     */
    default void gatePreActivation(int step, int batchRow, Gate gate, float[] values, int offset, int length) {}

    /** The updated (clipped) cell state. */
    default void cell(int step, int batchRow, float[] cell, int offset, int length) {}

    /** {@code m = o ⊙ act(c)}, before projection (intermediate 4). */
    default void hidden(int step, int batchRow, float[] m, int offset, int length) {}

    /** The step's output row (the new output state). */
    default void output(int step, int batchRow, float[] h, int offset, int length) {}

    /** Both recorders, in order. */
    static FloatLstmRecorder both(FloatLstmRecorder a, FloatLstmRecorder b) {
        return new FloatLstmRecorder() {
            @Override
            public void input(int step, int batchRow, float[] x, int offset, int length) {
                a.input(step, batchRow, x, offset, length);
                b.input(step, batchRow, x, offset, length);
            }

            @Override
            public void gatePreActivation(int step, int batchRow, Gate gate, float[] values, int offset, int length) {
                a.gatePreActivation(step, batchRow, gate, values, offset, length);
                b.gatePreActivation(step, batchRow, gate, values, offset, length);
            }

            @Override
            public void cell(int step, int batchRow, float[] cell, int offset, int length) {
                a.cell(step, batchRow, cell, offset, length);
                b.cell(step, batchRow, cell, offset, length);
            }

            @Override
            public void hidden(int step, int batchRow, float[] m, int offset, int length) {
                a.hidden(step, batchRow, m, offset, length);
                b.hidden(step, batchRow, m, offset, length);
            }

            @Override
            public void output(int step, int batchRow, float[] h, int offset, int length) {
                a.output(step, batchRow, h, offset, length);
                b.output(step, batchRow, h, offset, length);
            }
        };
    }
}
