package io.lstmq.sweep;

import java.util.ArrayList;
import java.util.List;

import io.lstmq.lstm.Gate;

/**
 * One line of the sweep: a way of storing and running the LSTMs, its parameter footprint and its score.
 *
 * @param weightBits     W (32 for the float model)
 * @param activationBits A (32 for the float model)
 * @param lstmBytes      bytes of all LSTM gate weights and biases
 * @param formats        per LSTM, the activation formats chosen (fixed-point rows only, else empty)
 */
public record SweepRow(Kind kind, int weightBits, int activationBits, long lstmBytes, Score score,
        List<Formats> formats) {

    /** Where the row comes from. */
    public enum Kind {
        /** The float model itself: the reference. */
        FLOAT("float32"),
        /** The fixed-point simulation at W/A bits ({@link FixedPointLstm}). */
        FIXED_POINT("fixed point"),
        /** The int8 model {@code lstmq convert} writes, run by the Java engine with TFLite Micro numerics. */
        CONVERTED("convert int8");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * The formats one simulated LSTM used.
     *
     * @param weights per gate in {@link Gate} order: input weights, recurrent weights, bias
     */
    public record Formats(QFormat input, QFormat hidden, QFormat cell, QFormat gate, List<List<QFormat>> weights) {
        static Formats of(FixedPointLstm l) {
            List<List<QFormat>> weights = new ArrayList<>();
            for (Gate g : Gate.values()) {
                weights.add(List.of(l.weightFormats(g)));
            }
            return new Formats(l.inputFormat(), l.hiddenFormat(), l.cellFormat(), l.gateFormat(), weights);
        }
    }

    public SweepRow {
        formats = List.copyOf(formats);
    }
}
