package io.lstmq.quant;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.lstmq.model.DataType;
import io.lstmq.model.Model;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * The float range of each tensor of one subgraph, by tensor index, accumulated over calibration: one running
 * minimum and maximum over every value seen; NaNs are skipped. Tensors never seen have no range.
 */
public final class TensorRanges {
    private final Map<Integer, float[]> ranges = new TreeMap<>();

    /** Widens tensor {@code index}'s range to include {@code values[offset, offset + length)}. */
    public void include(int index, float[] values, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            include(index, values[i]);
        }
    }

    public void include(int index, float value) {
        if (Float.isNaN(value)) {
            return;
        }
        float[] r = ranges.get(index);
        if (r == null) {
            ranges.put(index, new float[] {value, value});
        } else {
            r[0] = Math.min(r[0], value);
            r[1] = Math.max(r[1], value);
        }
    }

    /** {min, max} of tensor {@code index}, or null when it was never seen. */
    public float[] get(int index) {
        float[] r = ranges.get(index);
        return r == null ? null : r.clone();
    }

    public Set<Integer> tensors() {
        return ranges.keySet();
    }

    /**
     * Records the ranges on the subgraph's float tensors that have no constant data, replacing their
     * QuantizationParameters with min/max alone, as TFLite's calibrator does.
     *
     * @return the number of tensors written
     */
    public int applyTo(Model model, SubGraph sg) {
        TensorData data = new TensorData(model, "");
        int written = 0;
        for (Map.Entry<Integer, float[]> e : ranges.entrySet()) {
            Tensor t = sg.tensor(e.getKey());
            if (t.type() == DataType.FLOAT32 && !data.isConstant(t)) {
                t.setQuantization(null);
                TensorData.setRange(t, e.getValue()[0], e.getValue()[1]);
                written++;
            }
        }
        return written;
    }
}
