package io.lstmq.engine.lstm;

import io.lstmq.LstmqException;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;

/**
 * Runs an integer LSTM over a sequence the way both runtimes loop (spec §4.1): time-major input
 * {@code [T][B][I]} is processed one step at a time for all B rows together; batch-major input
 * {@code [B][T][I]} one row at a time, all T steps of row 0 first. Within a step: the fully connected products
 * of all gates (previous output state), the forget, input and cell gates (previous cell), the cell update, the
 * output gate (updated cell), the hidden state, the copy to the output. The input-side products, which do not
 * depend on the recurrence, are computed ahead for blocks of steps (integer sums are exact in any order).
 *
 * <p>The gate buffers are allocated once per batch size, never per step. Not thread-safe (nor are the
 * numerics): use one instance per thread.
 */
public final class IntegerLstm {
    /** The input rows whose input products are computed together, at least one time step's. */
    private static final int BLOCK_ROWS = 128;

    private final LstmNumerics numerics;
    private final LstmDims dims;
    private final boolean derivedInputGate;
    private final short[][] pre = new short[4][0];
    private final short[][] act = new short[4][0];

    public IntegerLstm(LstmNumerics numerics) {
        this.numerics = numerics;
        this.dims = numerics.dims();
        this.derivedInputGate = numerics.variant().cifg();
    }

    public LstmNumerics numerics() {
        return numerics;
    }

    /**
     * Runs {@code steps} time steps for {@code batch} rows.
     *
     * @param input     {@code [B][T][I]}, or {@code [T][B][I]} when time-major; int8 or int16 values
     * @param output    receives {@code [B][T][O]}, or {@code [T][B][O]} when time-major
     * @param hidden    the output state {@code [B][O]}: initial values in, final values out
     * @param cell      the cell state {@code [B][S]}: initial values in, final values out
     * @param timeMajor the layout of input and output
     * @param trace     receives every step's values, or null
     */
    public void run(short[] input, short[] output, short[] hidden, short[] cell, int batch, int steps,
            boolean timeMajor, LstmTrace trace) {
        int in = dims.input();
        int s = dims.cell();
        int o = dims.output();
        checkLength("input", input, (long) batch * steps * in);
        checkLength("output", output, (long) batch * steps * o);
        checkLength("hidden state", hidden, (long) batch * o);
        checkLength("cell state", cell, (long) batch * s);
        // The input products of a block of steps are computed ahead (they do not depend on the recurrence):
        // whole time steps of all B rows when time-major, steps of one batch row otherwise.
        int rowsPerStep = timeMajor ? batch : 1;
        int stepsPerBlock = Math.max(1, BLOCK_ROWS / rowsPerStep);
        reserve(rowsPerStep * s);
        for (int b = 0; b < (timeMajor ? 1 : batch); b++) {
            int hOff = b * o;
            int cOff = b * s;
            for (int t0 = 0; t0 < steps; t0 += stepsPerBlock) {
                int blockSteps = Math.min(stepsPerBlock, steps - t0);
                int firstRow = timeMajor ? t0 * batch : b * steps + t0;
                numerics.multiplyInputs(blockSteps * rowsPerStep, input, firstRow * in);
                for (int t = t0; t < t0 + blockSteps; t++) {
                    int inputRow = (t - t0) * rowsPerStep;
                    step(rowsPerStep, inputRow, hidden, hOff, cell, cOff, output, (firstRow + inputRow) * o, t, b,
                            trace);
                }
            }
        }
    }

    private void step(int rows, int inputRow, short[] h, int hOff, short[] c, int cOff, short[] out, int outOff,
            int t, int firstRow, LstmTrace trace) {
        short[] f = act[Gate.FORGET.ordinal()];
        short[] i = act[Gate.INPUT.ordinal()];
        short[] g = act[Gate.CELL.ordinal()];
        short[] og = act[Gate.OUTPUT.ordinal()];
        numerics.multiplyRecurrent(inputRow, rows, h, hOff);
        numerics.gate(Gate.FORGET, rows, c, cOff, pre[Gate.FORGET.ordinal()], f);
        if (!derivedInputGate) {
            numerics.gate(Gate.INPUT, rows, c, cOff, pre[Gate.INPUT.ordinal()], i);
        }
        numerics.gate(Gate.CELL, rows, c, cOff, pre[Gate.CELL.ordinal()], g);
        numerics.updateCell(rows, f, i, g, c, cOff);
        numerics.gate(Gate.OUTPUT, rows, c, cOff, pre[Gate.OUTPUT.ordinal()], og);
        numerics.hidden(rows, og, c, cOff, h, hOff);
        System.arraycopy(h, hOff, out, outOff, rows * dims.output());
        if (trace != null) {
            emit(trace, rows, t, firstRow, h, hOff, c, cOff);
        }
    }

    private void emit(LstmTrace trace, int rows, int t, int firstRow, short[] h, int hOff, short[] c, int cOff) {
        int s = dims.cell();
        int o = dims.output();
        for (int r = 0; r < rows; r++) {
            for (Gate gate : Gate.values()) {
                short[] p = gate == Gate.INPUT && derivedInputGate ? null : pre[gate.ordinal()];
                trace.gate(t, firstRow + r, gate, p, act[gate.ordinal()], r * s, s);
            }
            trace.cell(t, firstRow + r, c, cOff + r * s, s);
            trace.hidden(t, firstRow + r, h, hOff + r * o, o);
        }
    }

    private void reserve(int n) {
        if (act[0].length < n) {
            for (int k = 0; k < 4; k++) {
                pre[k] = new short[n];
                act[k] = new short[n];
            }
        }
    }

    private static void checkLength(String what, short[] a, long expected) {
        if (a.length != expected) {
            throw new LstmqException("LSTM run: the " + what + " has " + a.length + " values, expected " + expected);
        }
    }
}
