package io.lstmq.engine.lstm;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmVariant;

/**
 * The integer arithmetic of one prepared LSTM operator, split the way TFLite Micro splits a step: a gate
 * (two fully connected layers and an activation), the cell update, the hidden state. The input-side fully
 * connected products depend on the input alone, so {@link #multiplyInputs} computes them ahead for a block of
 * input rows (many steps, one pass over the weights); each step then starts with {@link #multiplyRecurrent}
 * (the recurrent products of all gates) and finishes every gate with {@link #gate}. {@link IntegerLstm} drives
 * it over batch rows and time steps; implementations fix every variant-dependent choice when they are built,
 * so the per-element loops carry no flags.
 *
 * <p>Every step call processes a block of {@code rows} batch rows of one time step: row r of the output state
 * starts at {@code hOff + r·O}, of the cell state at {@code cOff + r·S}, and gate buffers are {@code [rows][S]}
 * from index 0. Activations (int8 or int16) are carried in {@code short}s. Gate outputs are Q0.15; the cell is
 * int16 with scale 2^P.
 *
 * <p>Implementations keep scratch buffers, so one instance must not be used by two threads at once.
 */
public interface LstmNumerics {

    LstmDims dims();

    LstmVariant variant();

    /**
     * The input fully connected products of all gates for {@code rows} consecutive input rows, row r starting at
     * {@code xOff + r·I}; kept until the next call.
     */
    void multiplyInputs(int rows, short[] x, int xOff);

    /**
     * Starts a step: the recurrent fully connected products of all gates from the previous output state. The
     * step's input rows are rows {@code [inputRow, inputRow + rows)} of the last {@link #multiplyInputs}. Must
     * precede the step's {@link #gate} calls.
     */
    void multiplyRecurrent(int inputRow, int rows, short[] h, int hOff);

    /**
     * Finishes gate {@code gate} from the products of the step: rescale and add the two products, the peephole
     * term (cell state: previous for i and f, already updated for o), layer norm, the activation. Writes the
     * int16 value fed to the activation into {@code pre}, the activation into {@code out}.
     */
    void gate(Gate gate, int rows, short[] c, int cOff, short[] pre, short[] out);

    /**
     * Updates the cell in place: {@code c = f ⊙ c + i ⊙ g}, then the clip. With CIFG the input gate is derived
     * from the forget gate here and written into {@code i}.
     */
    void updateCell(int rows, short[] f, short[] i, short[] g, short[] c, int cOff);

    /** Computes the new output state from the output gate and the updated cell and writes it into {@code h}. */
    void hidden(int rows, short[] o, short[] c, int cOff, short[] h, int hOff);
}
