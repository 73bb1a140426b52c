package io.lstmq.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.inspect.Json;
import io.lstmq.lstm.Gate;

/** A sweep's result as a text table, as CSV (one line per row) and as JSON. */
public final class SweepReport {
    private SweepReport() {}

    /** The table {@code lstmq sweep} prints: a header of what was measured, then one line per row. */
    public static List<String> table(SweepResult r) {
        List<String> out = new ArrayList<>();
        out.add(r.model() + ": scored on " + r.samples() + " samples against the float model (output '" + r.output()
                + "')" + (r.labelled() ? " and the labels" : "") + "; ranges from " + r.calibrationSamples()
                + " calibration samples");
        for (SweepResult.Lstm l : r.lstms()) {
            out.add(String.format(Locale.ROOT, "%s: %s, %,d weights and %,d biases (%,d bytes in float32); "
                    + "calibrated |input| <= %.4g, |hidden| <= %.4g, |cell| <= %.4g", l.name(), l.dims(), l.weights(),
                    l.biases(), l.float32Bytes(), l.ranges().input(), l.ranges().hidden(), l.ranges().cell()));
        }
        out.add("fixed point: W-bit weights and A-bit input/hidden/gates in power-of-two formats, 32-bit biases, "
                + "Q3.12 gate pre-activations, 16-bit cell; the rest of the model in float32");
        out.add("");
        out.add(String.format(Locale.ROOT, "%-13s %3s %3s %11s %8s %9s %10s %10s %10s %7s", "model", "W", "A",
                "LSTM bytes", "of float", "accuracy", "agreement", "max|err|", "RMSE", "SNR dB"));
        long floatBytes = r.floatRow().lstmBytes();
        for (SweepRow row : r.rows()) {
            Score s = row.score();
            out.add(String.format(Locale.ROOT, "%-13s %3s %3s %,11d %7.1f%% %9s %9.2f%% %10.3g %10.3g %7s",
                    row.kind().label(), widths(row, row.weightBits()), widths(row, row.activationBits()),
                    row.lstmBytes(), 100.0 * row.lstmBytes() / floatBytes,
                    s.accuracy() == null ? "-" : String.format(Locale.ROOT, "%.2f%%", 100 * s.accuracy()),
                    100 * s.agreement(), s.maxAbsError(), s.rmse(), snr(s.snrDb())));
        }
        for (String note : r.notes()) {
            out.add("note: " + note);
        }
        return out;
    }

    private static String widths(SweepRow row, int bits) {
        return row.kind() == SweepRow.Kind.FLOAT ? "f32" : String.valueOf(bits);
    }

    private static String snr(double db) {
        return Double.isInfinite(db) ? "inf" : String.format(Locale.ROOT, "%.1f", db);
    }

    /** CSV with a header line; accuracy is empty without labels, an exact match has SNR {@code inf}. */
    public static String csv(SweepResult r) {
        StringBuilder s = new StringBuilder(
                "kind,weight_bits,activation_bits,lstm_bytes,accuracy,agreement,max_abs_error,rmse,snr_db\n");
        for (SweepRow row : r.rows()) {
            Score sc = row.score();
            s.append(row.kind().name().toLowerCase(Locale.ROOT)).append(',').append(row.weightBits()).append(',')
                    .append(row.activationBits()).append(',').append(row.lstmBytes()).append(',')
                    .append(sc.accuracy() == null ? "" : sc.accuracy()).append(',').append(sc.agreement()).append(',')
                    .append(sc.maxAbsError()).append(',').append(sc.rmse()).append(',')
                    .append(Double.isInfinite(sc.snrDb()) ? "inf" : String.valueOf(sc.snrDb())).append('\n');
        }
        return s.toString();
    }

    /** The JSON {@code lstmq sweep --json} prints; an exact match has {@code snr_db} null. */
    public static ObjectNode json(SweepResult r) {
        ObjectNode o = Json.object();
        o.put("model", r.model());
        o.put("samples", r.samples());
        o.put("calibration_samples", r.calibrationSamples());
        o.put("output", r.output());
        ArrayNode lstms = o.putArray("lstms");
        for (SweepResult.Lstm l : r.lstms()) {
            ObjectNode n = lstms.addObject();
            n.put("operator", l.name());
            n.putObject("dims").put("input", l.dims().input()).put("cell", l.dims().cell())
                    .put("output", l.dims().output());
            n.put("weights", l.weights()).put("biases", l.biases()).put("float32_bytes", l.float32Bytes());
            n.putObject("ranges").put("input", l.ranges().input()).put("hidden", l.ranges().hidden())
                    .put("cell", l.ranges().cell());
        }
        ArrayNode rows = o.putArray("rows");
        for (SweepRow row : r.rows()) {
            ObjectNode n = rows.addObject();
            Score s = row.score();
            n.put("kind", row.kind().name().toLowerCase(Locale.ROOT));
            n.put("weight_bits", row.weightBits()).put("activation_bits", row.activationBits());
            n.put("lstm_bytes", row.lstmBytes());
            if (s.accuracy() != null) {
                n.put("accuracy", s.accuracy());
            }
            n.put("agreement", s.agreement()).put("max_abs_error", s.maxAbsError()).put("rmse", s.rmse());
            if (Double.isInfinite(s.snrDb())) {
                n.putNull("snr_db");
            } else {
                n.put("snr_db", s.snrDb());
            }
            if (!row.formats().isEmpty()) {
                ArrayNode f = n.putArray("formats");
                for (SweepRow.Formats fm : row.formats()) {
                    ObjectNode lstm = f.addObject().put("input", fm.input().toString())
                            .put("hidden", fm.hidden().toString()).put("cell", fm.cell().toString())
                            .put("gate", fm.gate().toString());
                    ObjectNode gates = lstm.putObject("gates");
                    for (Gate g : Gate.values()) {
                        List<QFormat> w = fm.weights().get(g.ordinal());
                        gates.putObject(g.tfliteName()).put("input_weights", w.get(0).toString())
                                .put("recurrent_weights", w.get(1).toString()).put("bias", w.get(2).toString());
                    }
                }
            }
        }
        ArrayNode notes = o.putArray("notes");
        r.notes().forEach(notes::add);
        return o;
    }
}
