package io.lstmq.sweep;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.LstmqException;
import io.lstmq.convert.EngineCalibrator;
import io.lstmq.io.ModelInputs;
import io.lstmq.lstm.LstmOperator;
import io.lstmq.lstm.LstmSlot;
import io.lstmq.model.Model;
import io.lstmq.quant.Calibrator;
import io.lstmq.quant.TensorRanges;

/**
 * The activation ranges of each LSTM, measured the way {@code lstmq convert} measures them
 * ({@link EngineCalibrator}: the float model in the Java engine, LSTM state reset before every sample, cell and
 * output state recorded at every step), so the sweep and the converter start from the same numbers.
 */
final class LstmCalibration {
    private LstmCalibration() {}

    /** One {@link LstmRanges} per operator of {@code lstms}, in order. */
    static List<LstmRanges> measure(Model floatModel, List<LstmOperator> lstms, ModelInputs samples,
            Calibrator.Progress progress) {
        TensorRanges ranges = new EngineCalibrator().calibrate(floatModel, samples, progress);
        List<LstmRanges> out = new ArrayList<>();
        for (LstmOperator op : lstms) {
            double input = maxAbs(ranges, op, op.slot(LstmSlot.INPUT).index(), "input");
            double hidden = Math.max(maxAbs(ranges, op, op.output().index(), "output"),
                    maxAbs(ranges, op, op.slot(LstmSlot.OUTPUT_STATE).index(), "output state"));
            double cell = maxAbs(ranges, op, op.slot(LstmSlot.CELL_STATE).index(), "cell state");
            out.add(new LstmRanges(input, hidden, cell));
        }
        return out;
    }

    private static double maxAbs(TensorRanges ranges, LstmOperator op, int tensor, String what) {
        float[] r = ranges.get(tensor);
        if (r == null) {
            throw new LstmqException(op.describe() + ": calibration saw no value of its " + what);
        }
        return Math.max(Math.abs(r[0]), Math.abs(r[1]));
    }
}
