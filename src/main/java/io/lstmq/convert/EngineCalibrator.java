package io.lstmq.convert;

import java.util.List;
import java.util.Map;

import io.lstmq.engine.EngineOptions;
import io.lstmq.engine.Interpreter;
import io.lstmq.engine.LstmObserver;
import io.lstmq.engine.RangeRecorder;
import io.lstmq.engine.lstm.FloatLstmRecorder;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.Model;
import io.lstmq.model.Operator;
import io.lstmq.model.SubGraph;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.LstmRecipe;
import io.lstmq.quant.TensorRanges;

/**
 * Calibration with lstmq's Java engine: the float model runs once per sample, from a zero LSTM state, with the
 * engine's range recorder watching every float tensor and the LSTM internals, and an observer adding the cell
 * and output state of every LSTM step to the state tensors' ranges. The internals become the ranges of the
 * operators' intermediate tensors: intermediate 4 always (the hidden value before projection), 0..3 only for
 * layer-norm LSTMs, the only ones whose integer kernel reads them.
 */
public final class EngineCalibrator implements Calibrator {

    @Override
    public TensorRanges calibrate(Model floatModel, ModelInputs samples, Progress progress) {
        RangeRecorder recorder = new RangeRecorder();
        TensorRanges ranges = new TensorRanges();
        SubGraph sg = floatModel.subgraph(0);
        Interpreter interpreter = Interpreter.create(floatModel,
                EngineOptions.defaults().withRecorder(recorder).withObserver(new StatesEveryStep(sg, ranges)));
        int n = samples.sampleCount();
        for (int s = 0; s < n; s++) {
            interpreter.resetVariables();
            List<NdArray> sample = samples.sample(s);
            for (int i = 0; i < sample.size(); i++) {
                interpreter.inputTensor(i).set(sample.get(i));
            }
            interpreter.invoke();
            progress.samplesDone(s + 1, n);
        }
        for (Map.Entry<Integer, RangeRecorder.Range> e : recorder.tensorRanges().entrySet()) {
            ranges.include(e.getKey(), e.getValue().min());
            ranges.include(e.getKey(), e.getValue().max());
        }
        for (Operator op : sg.operators()) {
            int[] intermediates = op.intermediates();
            if (intermediates.length < LstmSlot.Intermediate.COUNT) {
                continue;
            }
            boolean layerNorm = LstmRecipe.variantOf(op.inputs()).layerNorm();
            for (LstmSlot.Intermediate k : LstmSlot.Intermediate.values()) {
                RangeRecorder.Range r = recorder.lstmInternal(op.index(), k);
                if (r != null && (k == LstmSlot.Intermediate.HIDDEN || layerNorm)) {
                    ranges.include(intermediates[k.index()], r.min());
                    ranges.include(intermediates[k.index()], r.max());
                }
            }
        }
        return ranges;
    }

    /** Adds each step's cell state and output state (slots 19 and 18) to those tensors' ranges. */
    private static final class StatesEveryStep implements LstmObserver {
        private final SubGraph sg;
        private final TensorRanges ranges;

        StatesEveryStep(SubGraph sg, TensorRanges ranges) {
            this.sg = sg;
            this.ranges = ranges;
        }

        @Override
        public FloatLstmRecorder floatRecorder(int operatorIndex) {
            int[] inputs = sg.operators().get(operatorIndex).inputs();
            int cell = inputs[LstmSlot.CELL_STATE.index()];
            int state = inputs[LstmSlot.OUTPUT_STATE.index()];
            return new FloatLstmRecorder() {
                @Override
                public void cell(int step, int batchRow, float[] values, int offset, int length) {
                    ranges.include(cell, values, offset, length);
                }

                @Override
                public void output(int step, int batchRow, float[] values, int offset, int length) {
                    ranges.include(state, values, offset, length);
                }
            };
        }
    }
}
