package io.lstmq.engine.kernels;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Kernel;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.OpContext;
import io.lstmq.engine.RangeRecorder;
import io.lstmq.engine.lstm.FloatLstm;
import io.lstmq.engine.lstm.FloatLstmRecorder;
import io.lstmq.engine.lstm.FloatLstmWeights;
import io.lstmq.engine.lstm.IntegerLstm;
import io.lstmq.engine.lstm.LstmTrace;
import io.lstmq.engine.lstm.LstmNumerics;
import io.lstmq.engine.lstm.TfliteNumerics;
import io.lstmq.engine.lstm.TflmNumerics;
import io.lstmq.lstm.FusedActivation;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmDims;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmQuantization;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.lstm.LstmWeights;
import io.lstmq.model.DataType;
import io.lstmq.model.fb.FbTable;

/**
 * UNIDIRECTIONAL_SEQUENCE_LSTM and LSTM: maps the operator's 24 input slots, 5 intermediates and options onto the
 * project's LSTM kernels. Float operators run {@link FloatLstm} (with the range recorder watching its internals
 * when the interpreter calibrates); integer operators run {@link IntegerLstm} with the numerics the interpreter was
 * built with ({@link Numerics#TFLM} or {@link Numerics#TFLITE}), chosen once here. The hidden and cell state live
 * in the operator's variable tensors (slots 18 and 19) and persist across invokes.
 *
 * <p>Input layouts: UNIDIRECTIONAL_SEQUENCE_LSTM takes {@code [B, T, I]}, or {@code [T, B, I]} when
 * {@code time_major}; LSTM takes {@code [B, I]} and runs one step per invoke.
 */
final class Lstm {
    private final OpContext op;
    private final LstmOperator lstm;
    private final EngineTensor[] slots = new EngineTensor[LstmSlot.COUNT];
    private final FusedActivation activation;
    private final boolean timeMajor;
    private final int batch;
    private final int steps;
    private final LstmDims dims;

    private Lstm(OpContext op, LstmOperator lstm) {
        this.op = op;
        this.lstm = lstm;
        int n = lstm.inputCount();
        if (n != LstmSlot.COUNT && n != 20) {
            throw op.unsupported("an LSTM with " + n + " inputs (the basic 5-input kernel or another layout)");
        }
        if (lstm.slotInconsistency() != null) {
            throw op.invalid("has inconsistent slots: " + lstm.slotInconsistency());
        }
        for (int k = 0; k < n; k++) {
            if (k != LstmSlot.OUTPUT_STATE.index() && k != LstmSlot.CELL_STATE.index()) {
                slots[k] = op.input(k);
            }
        }
        FbTable o = lstm.options();
        if (o == null) {
            throw op.invalid("has no options");
        }
        if (lstm.isSequence() ? o.getBool("diagonal_recurrent_tensors") : o.getInt("kernel_type") != 0) {
            throw op.unsupported(lstm.isSequence() ? "diagonal recurrent weights" : "the BASIC LSTM kernel type");
        }
        activation = FusedActivation.of(lstm.activation());
        timeMajor = lstm.timeMajor();
        EngineTensor input = slot(LstmSlot.INPUT);
        int expectedRank = lstm.isSequence() ? 3 : 2;
        if (input.rank() != expectedRank) {
            throw op.invalid("has input " + input + "; rank " + expectedRank + " expected");
        }
        steps = lstm.isSequence() ? input.dim(timeMajor ? 0 : 1) : 1;
        batch = lstm.isSequence() ? input.dim(timeMajor ? 1 : 0) : input.dim(0);
        dims = lstm.dims();
        if (input.dim(input.rank() - 1) != dims.input()) {
            throw op.invalid("has input " + input + " but input_to_forget_weights of input size " + dims.input());
        }
        requireState(LstmSlot.OUTPUT_STATE, (long) batch * dims.output());
        requireState(LstmSlot.CELL_STATE, (long) batch * dims.cell());
    }

    static Kernel prepare(OpContext op) {
        try {
            return new Lstm(op, find(op)).kernel();
        } catch (LstmqException e) {
            if (e.getMessage().startsWith(op.describe())) {
                throw e;
            }
            // The LSTM classes name the operator their own way or not at all; messages here start with ours.
            throw new LstmqException(op.describe() + ": " + e.getMessage(), e);
        }
    }

    private static LstmOperator find(OpContext op) {
        for (LstmOperator l : LstmOperator.in(op.model(), op.subgraph())) {
            if (l.operator().index() == op.index()) {
                return l;
            }
        }
        throw new AssertionError(op.describe() + " is not an LSTM");
    }

    private EngineTensor slot(LstmSlot s) {
        EngineTensor t = slots[s.index()];
        if (t == null && !s.optional()) {
            throw op.invalid("has no " + s.tfliteName() + " (input " + s.index() + ")");
        }
        return t;
    }

    private void requireState(LstmSlot s, long expected) {
        slots[s.index()] = op.state(s.index(), s.tfliteName(), expected);
    }

    private Kernel kernel() {
        int[] shape = lstm.isSequence()
                ? (timeMajor ? new int[] {steps, batch, dims.output()} : new int[] {batch, steps, dims.output()})
                : new int[] {batch, dims.output()};
        EngineTensor output = op.allocateOutput(0, shape);
        if (lstm.isFloat()) {
            return floatKernel(output);
        }
        if (lstm.isHybrid()) {
            throw op.unsupported("a hybrid LSTM (float input, integer weights)");
        }
        if (lstm.isInteger()) {
            return integerKernel(output);
        }
        throw op.unsupported("an LSTM with " + lstm.inputType().lowerName() + " input");
    }

    // ---- float ----

    private Kernel floatKernel(EngineTensor output) {
        for (int k = 0; k < LstmSlot.COUNT; k++) {
            if (slots[k] != null && slots[k].type() != DataType.FLOAT32) {
                throw op.unsupported("a float LSTM with " + slots[k].type().lowerName() + " "
                        + LstmSlot.of(k).tfliteName());
            }
        }
        List<FloatLstmWeights.GateWeights> gates = new ArrayList<>();
        for (Gate g : Gate.values()) {
            gates.add(new FloatLstmWeights.GateWeights(floats(g.inputWeights()), floats(g.recurrentWeights()),
                    g.hasPeephole() ? floats(g.peephole()) : null, floats(g.layerNormCoefficients()),
                    floats(g.bias())));
        }
        FloatLstm kernel = new FloatLstm(new FloatLstmWeights(dims, gates, floats(LstmSlot.PROJECTION_WEIGHTS),
                floats(LstmSlot.PROJECTION_BIAS)), activation, lstm.cellClip(), lstm.projClip());
        float[] x = slot(LstmSlot.INPUT).floats();
        float[] y = output.floats();
        float[] h = slot(LstmSlot.OUTPUT_STATE).floats();
        float[] c = slot(LstmSlot.CELL_STATE).floats();
        FloatLstmRecorder ranges = op.recorder() == null ? null : new InternalsRecorder(op.recorder(), op.index());
        FloatLstmRecorder watcher = op.observer() == null ? null : op.observer().floatRecorder(op.index());
        FloatLstmRecorder recorder = ranges == null ? watcher : watcher == null ? ranges : FloatLstmRecorder.both(ranges, watcher);
        return () -> kernel.run(x, y, h, c, batch, steps, timeMajor, recorder);
    }

    private float[] floats(LstmSlot s) {
        EngineTensor t = slots[s.index()];
        return t == null ? null : t.floats();
    }

    /** Passes the float LSTM's gate pre-activations and hidden values to the interpreter's range recorder. */
    private static final class InternalsRecorder implements FloatLstmRecorder {
        private final RangeRecorder ranges;
        private final RangeRecorder.LstmInternal[] gates = new RangeRecorder.LstmInternal[Gate.values().length];
        private final RangeRecorder.LstmInternal hidden;

        InternalsRecorder(RangeRecorder ranges, int operator) {
            this.ranges = ranges;
            for (Gate g : Gate.values()) {
                gates[g.ordinal()] = new RangeRecorder.LstmInternal(operator, g.intermediate());
            }
            this.hidden = new RangeRecorder.LstmInternal(operator, LstmSlot.Intermediate.HIDDEN);
        }

        @Override
        public void gatePreActivation(int step, int batchRow, Gate gate, float[] values, int offset, int length) {
            ranges.recordLstmInternal(gates[gate.ordinal()], values, offset, length);
        }

        @Override
        public void hidden(int step, int batchRow, float[] m, int offset, int length) {
            ranges.recordLstmInternal(hidden, m, offset, length);
        }
    }

    // ---- integer ----

    private Kernel integerKernel(EngineTensor output) {
        EngineTensor input = slot(LstmSlot.INPUT);
        boolean wide = input.type() == DataType.INT16;
        EngineTensor state = slot(LstmSlot.OUTPUT_STATE);
        if (output.type() != input.type() || state.type() != input.type()) {
            throw op.unsupported("an LSTM with " + input.type().lowerName() + " input, " + state.type().lowerName()
                    + " output state and " + output.type().lowerName() + " output");
        }
        op.requireType(slot(LstmSlot.CELL_STATE), "cell state", DataType.INT16);
        op.requireType(slot(LstmSlot.FORGET_GATE_BIAS), "gate bias", wide ? DataType.INT64 : DataType.INT32);
        IntegerLstm kernel = new IntegerLstm(numerics(lstm.quantization(), lstm.weights()));
        LstmTrace trace = op.observer() == null ? null : op.observer().integerTrace(op.index());
        short[] cell = slot(LstmSlot.CELL_STATE).shorts();
        if (wide) {
            short[] x = input.shorts();
            short[] y = output.shorts();
            short[] h = state.shorts();
            return () -> kernel.run(x, y, h, cell, batch, steps, timeMajor, trace);
        }
        // int8 activations travel as shorts through the kernel: widen the input and state, narrow the results.
        byte[] x8 = input.bytes();
        byte[] y8 = output.bytes();
        byte[] h8 = state.bytes();
        short[] x = new short[x8.length];
        short[] y = new short[y8.length];
        short[] h = new short[h8.length];
        return () -> {
            widen(x8, x);
            widen(h8, h);
            kernel.run(x, y, h, cell, batch, steps, timeMajor, trace);
            narrow(y, y8);
            narrow(h, h8);
        };
    }

    /** The one place the interpreter's choice of numerics takes effect. */
    private LstmNumerics numerics(LstmQuantization q, LstmWeights w) {
        try {
            return switch (op.numerics()) {
                case TFLM -> TflmNumerics.of(q, w, activation);
                case TFLITE -> TfliteNumerics.of(q, w);
            };
        } catch (LstmqException e) {
            throw new LstmqException(op.describe() + " with " + op.numerics() + " numerics: " + e.getMessage(), e);
        }
    }

    private static void widen(byte[] from, short[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = from[i];
        }
    }

    private static void narrow(short[] from, byte[] to) {
        for (int i = 0; i < from.length; i++) {
            to[i] = (byte) from[i];
        }
    }
}
