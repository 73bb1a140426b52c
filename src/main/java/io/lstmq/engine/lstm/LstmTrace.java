package io.lstmq.engine.lstm;

import io.lstmq.lstm.Gate;

/**
 * Receives the integer values of every step of an {@link IntegerLstm} run, per batch row, after the step is
 * complete. Arrays are the kernel's own buffers: read {@code [offset, offset + length)} during the call and
 * copy what you keep. Pass no trace (null) to the run and tracing costs nothing.
 */
public interface LstmTrace {

    /**
     * One gate of one row.
     *
     * @param preActivation the int16 value fed to the activation (Q3.12; after layer norm when there is one),
     *                      or null when the gate has none (the CIFG input gate, derived as 1 - f)
     * @param output        the gate's output, Q0.15
     */
    default void gate(int step, int batchRow, Gate gate, short[] preActivation, short[] output, int offset,
            int length) {}

    /** The updated cell state of one row (int16, scale 2^P). */
    default void cell(int step, int batchRow, short[] cell, int offset, int length) {}

    /** The new output state of one row (int8 or int16), which is also the step's output. */
    default void hidden(int step, int batchRow, short[] hidden, int offset, int length) {}
}
