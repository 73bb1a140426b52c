package io.lstmq.engine.lstm;

import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmVariant;

/**
 * The integer arithmetic of one prepared LSTM operator, split the way TFLite Micro splits a step: a gate
 * (two fully connected layers and an activation), the cell update, the hidden state. The fully connected
 * products of the four gates are computed together by {@link #multiply} (one pass over the weights), each
 * gate is then finished by {@link #gate}. {@link IntegerLstm} drives it over batch rows and time steps;
 * implementations fix every variant-dependent choice when they are built, so the per-element loops carry no
 * flags.
 *
 * <p>Every call processes a block of {@code rows} batch rows of one time step: row r of the input starts at
 * {@code xOff + r·I}, of the output state at {@code hOff + r·O}, of the cell state at {@code cOff + r·S}, and
 * gate buffers are {@code [rows][S]} from index 0. Activations (int8 or int16) are carried in {@code short}s.
 * Gate outputs are Q0.15; the cell is int16 with scale 2^P.
 *
 * <p>Implementations keep scratch buffers, so one instance must not be used by two threads at once.
 */
public interface LstmNumerics {

    LstmDims dims();

    LstmVariant variant();

    /**
     * Starts a step: the input and recurrent fully connected products of all gates, from the input and the
     * previous output state. Must precede the step's {@link #gate} calls.
     */
    void multiply(int rows, short[] x, int xOff, short[] h, int hOff);

    /**
     * Finishes gate {@code gate} from the products of the last {@link #multiply}: rescale and add the two
     * products, the peephole term (cell state: previous for i and f, already updated for o), layer norm, the
     * activation. Writes the int16 value fed to the activation into {@code pre}, the activation into
     * {@code out}.
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
