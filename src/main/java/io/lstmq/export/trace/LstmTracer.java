package io.lstmq.export.trace;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.lstm.IntegerLstm;
import io.lstmq.engine.lstm.LstmNumerics;
import io.lstmq.engine.lstm.TfliteNumerics;
import io.lstmq.engine.lstm.TflmNumerics;
import io.lstmq.export.ElementType;
import io.lstmq.export.ExportArray;
import io.lstmq.export.ValueFormat;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.lstm.TflmLstmParameters;

/**
 * Traces one integer LSTM operator on its own, from given states: the bit-exact kernel of the chosen numerics run
 * on an input the caller provides. {@link ModelTracer} traces whole models; both turn the recorded steps into an
 * {@link LstmTraceResult} here.
 */
public final class LstmTracer {
    /** B and T of an input in the operator's layout. */
    record Layout(int batch, int steps) {}

    private LstmTracer() {}

    /**
     * @param input         the quantized input in the operator's layout: {@code [B, T, I]}, {@code [T, B, I]} when
     *                      time-major, {@code [B, I]} for the single-step LSTM
     * @param shape         the input's shape
     * @param initialHidden {@code [B][O]} values of the output state, or null for {@link #resetHidden}
     * @param initialCell   {@code [B][S]} values of the cell state, or null for zeros
     */
    public static LstmTraceResult trace(int index, LstmOperator lstm, short[] input, int[] shape,
            short[] initialHidden, short[] initialCell, Numerics numerics) {
        requireInteger(lstm);
        LstmQuantization q = lstm.quantization();
        LstmWeights w = lstm.weights();
        LstmDims d = w.dims();
        Layout layout = layout(lstm, shape);
        short[] hidden = initialHidden != null ? initialHidden.clone() : resetHidden(q, layout.batch(), d.output());
        short[] cell = initialCell != null ? initialCell.clone() : new short[layout.batch() * d.cell()];
        if (hidden.length != layout.batch() * d.output() || cell.length != layout.batch() * d.cell()) {
            throw new LstmqException(lstm.describe() + ": initial states of " + hidden.length + " and " + cell.length
                    + " values, expected " + layout.batch() * d.output() + " and " + layout.batch() * d.cell());
        }
        short[] h0 = hidden.clone();
        short[] c0 = cell.clone();
        LstmTraceRecorder recorder = new LstmTraceRecorder(layout.batch(), layout.steps(), d.cell(), d.output());
        short[] output = new short[layout.batch() * layout.steps() * d.output()];
        new IntegerLstm(prepare(lstm, q, w, numerics)).run(input, output, hidden, cell, layout.batch(),
                layout.steps(), lstm.timeMajor(), recorder);
        return result(index, lstm, numerics, layout, input, h0, c0, recorder);
    }

    /**
     * What both runtimes put in the output state before the first step: they ignore the tensor's buffer and fill
     * an int8 state with its zero point and any other state with zeros (TFLite Micro's ResetVariableTensors,
     * TFLite's ResetVariableTensor).
     */
    public static short[] resetHidden(LstmQuantization q, int batch, int outputs) {
        short[] h = new short[batch * outputs];
        if (q.activationBits() == 8) {
            Arrays.fill(h, (short) q.outputState().zeroPoint());
        }
        return h;
    }

    static void requireInteger(LstmOperator lstm) {
        if (!lstm.isInteger()) {
            throw new LstmqException(lstm.describe() + " is a " + (lstm.isFloat() ? "float" : "hybrid")
                    + " LSTM; trace runs the integer kernels (quantize the model first)");
        }
    }

    static Layout layout(LstmOperator lstm, int[] shape) {
        int rank = lstm.isSequence() ? 3 : 2;
        int features = lstm.dims().input();
        if (shape.length != rank || shape[rank - 1] != features) {
            throw new LstmqException(lstm.describe() + ": input of shape " + Arrays.toString(shape) + ", expected rank "
                    + rank + " with " + features + " features last");
        }
        if (!lstm.isSequence()) {
            return new Layout(shape[0], 1);
        }
        return lstm.timeMajor() ? new Layout(shape[1], shape[0]) : new Layout(shape[0], shape[1]);
    }

    private static LstmNumerics prepare(LstmOperator lstm, LstmQuantization q, LstmWeights w, Numerics numerics) {
        try {
            return switch (numerics) {
                case TFLM -> TflmNumerics.of(q, w, FusedActivation.of(lstm.activation()));
                case TFLITE -> TfliteNumerics.of(q, w);
            };
        } catch (LstmqException e) {
            throw new LstmqException(lstm.describe() + " with " + numerics + " numerics: " + e.getMessage(), e);
        }
    }

    /** The signals of a finished run, from its input (operator layout), initial states and recorded steps. */
    static LstmTraceResult result(int index, LstmOperator lstm, Numerics numerics, Layout layout, short[] input,
            short[] initialHidden, short[] initialCell, LstmTraceRecorder recorder) {
        LstmQuantization q = lstm.quantization();
        LstmDims d = lstm.dims();
        int batch = layout.batch();
        int steps = layout.steps();
        List<ExportArray> signals = new ArrayList<>();
        ElementType activation = q.activationBits() == 16 ? ElementType.INT16 : ElementType.INT8;
        ValueFormat hiddenFormat = ValueFormat.affine(q.outputState().scale(), q.outputState().zeroPoint(), activation);
        ValueFormat cellFormat = ValueFormat.affine(q.cellScale(), 0, ElementType.INT16);
        signals.add(new ExportArray("input", activation, new int[] {batch, steps, d.input()}, "[batch][step][input]",
                ValueFormat.affine(q.input().scale(), q.input().zeroPoint(), activation),
                "the quantized input x[t] each step read",
                ExportArray.widen(batchMajor(input, batch, steps, d.input(), lstm.timeMajor()))));
        signals.add(new ExportArray("initial_hidden_state", activation, new int[] {batch, d.output()},
                "[batch][output]", hiddenFormat, "the hidden (output) state before step 0",
                ExportArray.widen(initialHidden)));
        signals.add(new ExportArray("initial_cell_state", ElementType.INT16, new int[] {batch, d.cell()},
                "[batch][cell]", cellFormat, "the cell state before step 0", ExportArray.widen(initialCell)));
        int[] perStep = {batch, steps, d.cell()};
        ValueFormat pre = ValueFormat.fixed(-TflmLstmParameters.GATE_SCALE_POWER, ElementType.INT16);
        ValueFormat q015 = ValueFormat.fixed(15, ElementType.INT16);
        for (Gate g : Gate.values()) {
            String x = g.tfliteName();
            short[] p = recorder.preActivations[g.ordinal()];
            if (p != null) {
                signals.add(new ExportArray(x + "_gate_pre", ElementType.INT16, perStep, "[batch][step][cell]", pre,
                        "the value fed to the " + x + " gate's activation: its input and recurrent products rescaled to"
                                + " Q3.12 and added" + (q.variant().layerNorm() ? ", then layer-normalized" : ""),
                        ExportArray.widen(p)));
            }
            signals.add(new ExportArray(x + "_gate", ElementType.INT16, perStep, "[batch][step][cell]", q015,
                    p == null ? "the " + x + " gate, 1 - forget gate (CIFG)"
                            : "the " + x + " gate's output, " + (g == Gate.CELL ? "tanh" : "sigmoid"),
                    ExportArray.widen(recorder.gateOutputs[g.ordinal()])));
        }
        signals.add(new ExportArray("cell_state", ElementType.INT16, perStep, "[batch][step][cell]", cellFormat,
                "the cell state after the step's update and clip", ExportArray.widen(recorder.cell)));
        signals.add(new ExportArray("hidden_state", activation, new int[] {batch, steps, d.output()},
                "[batch][step][output]", hiddenFormat, "the hidden (output) state after the step: the step's output",
                ExportArray.widen(recorder.hidden)));
        return new LstmTraceResult(index, lstm.describe(), numerics, batch, steps, lstm.timeMajor(),
                List.copyOf(signals));
    }

    /** {@code [T][B][N]} reordered to {@code [B][T][N]}; batch-major input as is. */
    private static short[] batchMajor(short[] x, int batch, int steps, int n, boolean timeMajor) {
        if (!timeMajor) {
            return x;
        }
        short[] out = new short[x.length];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                System.arraycopy(x, (t * batch + b) * n, out, (b * steps + t) * n, n);
            }
        }
        return out;
    }
}
