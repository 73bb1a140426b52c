package io.lstmq.convert;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

import io.lstmq.LstmqException;
import io.lstmq.io.NdArray;
import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * Refuses NaN and infinite values where convert would turn them into scales: in the float constants it quantizes
 * and in the calibration data whose ranges become activation scales. A NaN scale passes through every multiplier
 * and yields a model that runs nowhere, so it is better named at the source.
 */
final class FiniteValues {
    private FiniteValues() {}

    static void requireFiniteConstants(Model model, String file) {
        for (SubGraph sg : model.subgraphs()) {
            for (Tensor t : sg.tensors()) {
                if (t.type() != DataType.FLOAT32) {
                    continue;
                }
                ByteBuffer data = model.data(t).duplicate().order(ByteOrder.LITTLE_ENDIAN);
                int first = -1;
                int count = 0;
                for (int i = 0; i + 4 <= data.remaining(); i += 4) {
                    if (!Float.isFinite(data.getFloat(data.position() + i))) {
                        first = first < 0 ? i / 4 : first;
                        count++;
                    }
                }
                if (count > 0) {
                    float v = data.getFloat(data.position() + first * 4);
                    throw new LstmqException(file + ": subgraph " + sg.index() + ", " + t.describe() + " holds "
                            + count + " non-finite value(s), the first (" + v + ") at element " + first
                            + "; only finite weights can be quantized");
                }
            }
        }
    }

    static void requireFiniteCalibration(Map<String, NdArray> arrays, String source) {
        for (Map.Entry<String, NdArray> e : arrays.entrySet()) {
            NdArray a = e.getValue();
            if (!a.dtype().isFloatingPoint()) {
                continue;
            }
            long perSample = a.rank() == 0 || a.dim(0) == 0 ? 1 : a.size() / a.dim(0);
            for (long i = 0; i < a.size(); i++) {
                double v = a.getDouble(i);
                if (!Double.isFinite(v)) {
                    String input = e.getKey().isEmpty() ? "" : " for input '" + e.getKey() + "'";
                    throw new LstmqException("--calibration " + source + ": sample " + i / perSample + input
                            + " holds " + v + " (element " + i % perSample + " of the sample); calibration values "
                            + "must be finite");
                }
            }
        }
    }
}
