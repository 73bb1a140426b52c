package io.lstmq.sweep;

import java.util.List;

import io.lstmq.lstm.LstmDims;

/**
 * Everything a sweep found: the model and data it used, each LSTM's sizes and calibrated ranges, and the rows:
 * the float model first, then the int8 model of {@code lstmq convert} when the grid holds W = A = 8, then every
 * fixed-point combination by weight width, then activation width.
 *
 * @param samples            evaluation samples used
 * @param calibrationSamples samples the ranges were measured on
 * @param output             the model output compared (the first)
 * @param notes              what the reader should know, e.g. why the convert row is missing
 */
public record SweepResult(String model, int samples, int calibrationSamples, String output, List<Lstm> lstms,
        List<SweepRow> rows, List<String> notes) {

    /** One simulated LSTM. */
    public record Lstm(String name, LstmDims dims, long weights, long biases, long float32Bytes, LstmRanges ranges) {}

    public SweepResult {
        lstms = List.copyOf(lstms);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }

    /** The row of a kind and widths, or null. */
    public SweepRow row(SweepRow.Kind kind, int weightBits, int activationBits) {
        return rows.stream().filter(r -> r.kind() == kind && r.weightBits() == weightBits
                && r.activationBits() == activationBits).findFirst().orElse(null);
    }

    public SweepRow floatRow() {
        return rows.get(0);
    }

    /** The fixed-point rows, in sweep order. */
    public List<SweepRow> fixedPointRows() {
        return rows.stream().filter(r -> r.kind() == SweepRow.Kind.FIXED_POINT).toList();
    }

    /** True when the score is accuracy against labels, false when it is agreement with the float model. */
    public boolean labelled() {
        return floatRow().score().accuracy() != null;
    }
}
