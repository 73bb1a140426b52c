package io.lstmq.export.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.EngineTensor;
import io.lstmq.engine.Interpreter;
import io.lstmq.engine.LstmObserver;
import io.lstmq.engine.Numerics;
import io.lstmq.engine.lstm.LstmTrace;
import io.lstmq.io.NdArray;
import io.lstmq.lstm.Gate;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.SubGraph;

/**
 * Traces every LSTM of a model's main subgraph on one sample: the whole model runs once in the Java engine
 * ({@link Interpreter}), which computes each LSTM's input whatever operators come before it, and an
 * {@link LstmObserver} records every step of every integer LSTM. The LSTM states start where both runtimes reset
 * them ({@link LstmTracer#resetHidden}, a zero cell).
 */
public final class ModelTracer {
    private ModelTracer() {}

    /**
     * @param sample one array per model input of subgraph 0, each shaped like its tensor and of its type (as
     *               {@link io.lstmq.io.ModelInputs#sample} gives them)
     * @throws LstmqException when the model has no LSTM, an LSTM is not an integer one, or the engine cannot run it
     */
    public static List<LstmTraceResult> trace(Model model, List<NdArray> sample, Numerics numerics) {
        SubGraph sg = model.subgraph(0);
        List<LstmOperator> lstms = LstmOperator.in(model, sg);
        if (lstms.isEmpty()) {
            throw new LstmqException("the model has no LSTM operator in subgraph 0");
        }
        Map<Integer, Pending> pending = new HashMap<>();
        for (LstmOperator lstm : lstms) {
            LstmTracer.requireInteger(lstm);
            pending.put(lstm.operator().index(), new Pending());
        }
        Interpreter engine = Interpreter.create(model, EngineOptions.defaults().withNumerics(numerics)
                .withObserver(new LstmObserver() {
                    @Override
                    public LstmTrace integerTrace(int operatorIndex) {
                        return pending.get(operatorIndex);
                    }
                }));
        List<LstmTracer.Layout> layouts = new ArrayList<>();
        List<short[]> initialHidden = new ArrayList<>();
        List<short[]> initialCell = new ArrayList<>();
        for (LstmOperator lstm : lstms) {
            int[] in = lstm.operator().inputs();
            LstmTracer.Layout layout = LstmTracer.layout(lstm, engine.tensor(in[LstmSlot.INPUT.index()]).shape());
            short[] h = LstmTracer.resetHidden(lstm.quantization(), layout.batch(), lstm.dims().output());
            short[] c = new short[layout.batch() * lstm.dims().cell()];
            load(engine.tensor(in[LstmSlot.OUTPUT_STATE.index()]), h);
            load(engine.tensor(in[LstmSlot.CELL_STATE.index()]), c);
            pending.get(lstm.operator().index()).target =
                    new LstmTraceRecorder(layout.batch(), layout.steps(), lstm.dims().cell(), lstm.dims().output());
            layouts.add(layout);
            initialHidden.add(h);
            initialCell.add(c);
        }
        for (int i = 0; i < sample.size(); i++) {
            engine.setInput(i, sample.get(i));
        }
        engine.invoke();
        List<LstmTraceResult> results = new ArrayList<>();
        for (int k = 0; k < lstms.size(); k++) {
            LstmOperator lstm = lstms.get(k);
            short[] x = values(engine.tensor(lstm.operator().inputs()[LstmSlot.INPUT.index()]));
            results.add(LstmTracer.result(k, lstm, numerics, layouts.get(k), x, initialHidden.get(k),
                    initialCell.get(k), pending.get(lstm.operator().index()).target));
        }
        return results;
    }

    /** The engine asks for an operator's trace when it is built, before the input shapes are known. */
    private static final class Pending implements LstmTrace {
        LstmTraceRecorder target;

        @Override
        public void gate(int step, int batchRow, Gate gate, short[] preActivation, short[] output, int offset,
                int length) {
            target.gate(step, batchRow, gate, preActivation, output, offset, length);
        }

        @Override
        public void cell(int step, int batchRow, short[] cell, int offset, int length) {
            target.cell(step, batchRow, cell, offset, length);
        }

        @Override
        public void hidden(int step, int batchRow, short[] hidden, int offset, int length) {
            target.hidden(step, batchRow, hidden, offset, length);
        }
    }

    /** An int8 or int16 engine tensor's values, widened to shorts. */
    private static short[] values(EngineTensor t) {
        if (t.type() == DataType.INT16) {
            return t.shorts().clone();
        }
        byte[] b = t.bytes();
        short[] out = new short[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }

    /** Puts state values into the engine's state tensor (int8 or int16). */
    private static void load(EngineTensor state, short[] values) {
        if (state.type() == DataType.INT16) {
            System.arraycopy(values, 0, state.shorts(), 0, values.length);
            return;
        }
        byte[] b = state.bytes();
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
    }
}
