package io.lstmq.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.lstmq.lstm.LstmSlot;

/**
 * Running min/max of float values seen while a float model runs: what calibration needs to quantize it.
 *
 * <p>The interpreter records, on every invoke, each float operator output after the operator ran and each
 * non-constant float operator input before and after it ran (so LSTM state tensors show their values at the
 * sequence boundaries, as TFLite's calibrator logs them). Float LSTM kernels add their internals per time step:
 * each gate's pre-activation (intermediates 0..3) and the hidden value before projection (intermediate 4), keyed
 * by operator, because a float model need not have intermediate tensors yet. TFLite's calibrator keeps the gate
 * pre-activations only for layer-norm LSTMs; they are recorded here for every LSTM and the converter decides.
 *
 * <p>Ranges start empty; NaNs are skipped. Not thread-safe: one recorder per interpreter.
 */
public final class RangeRecorder {
    /** The smallest and largest value seen. */
    public record Range(float min, float max) {
        Range widen(float lo, float hi) {
            return lo >= min && hi <= max ? this : new Range(Math.min(min, lo), Math.max(max, hi));
        }
    }

    /** One internal value of one LSTM operator: operator index in the subgraph and which intermediate. */
    public record LstmInternal(int operator, LstmSlot.Intermediate intermediate) {}

    private final Map<Integer, Range> tensors = new TreeMap<>();
    private final Map<LstmInternal, Range> lstmInternals = new LinkedHashMap<>();

    /** Widens the range of tensor {@code tensorIndex} by {@code values[offset .. offset+length)}. */
    public void recordTensor(int tensorIndex, float[] values, int offset, int length) {
        Range r = widened(tensors.get(tensorIndex), values, offset, length);
        if (r != null) {
            tensors.put(tensorIndex, r);
        }
    }

    /** Widens the range of one LSTM internal by {@code values[offset .. offset+length)}. */
    public void recordLstmInternal(LstmInternal which, float[] values, int offset, int length) {
        Range r = widened(lstmInternals.get(which), values, offset, length);
        if (r != null) {
            lstmInternals.put(which, r);
        }
    }

    private static Range widened(Range current, float[] values, int offset, int length) {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int i = offset; i < offset + length; i++) {
            float v = values[i];
            if (v < lo) {
                lo = v;
            }
            if (v > hi) {
                hi = v;
            }
        }
        if (lo > hi) { // nothing but NaNs (or nothing at all)
            return current;
        }
        return current == null ? new Range(lo, hi) : current.widen(lo, hi);
    }

    /** The range of a tensor, or null when no value of it was seen. */
    public Range tensor(int tensorIndex) {
        return tensors.get(tensorIndex);
    }

    /** The range of an LSTM internal, or null when none was seen. */
    public Range lstmInternal(int operator, LstmSlot.Intermediate intermediate) {
        return lstmInternals.get(new LstmInternal(operator, intermediate));
    }

    /** Every tensor range, by tensor index (read-only view). */
    public Map<Integer, Range> tensorRanges() {
        return Collections.unmodifiableMap(tensors);
    }

    /** Every LSTM internal range (read-only view). */
    public Map<LstmInternal, Range> lstmInternalRanges() {
        return Collections.unmodifiableMap(lstmInternals);
    }
}
