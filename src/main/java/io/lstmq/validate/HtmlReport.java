package io.lstmq.validate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.AtomicFiles;

/** One self-contained HTML page: the summary tables and inline SVG charts, readable offline. */
public final class HtmlReport {
    private HtmlReport() {}

    /** A per-time-step error curve of one LSTM signal, for the report. */
    public record StepCurve(String lstm, String signal, double[] meanAbsErrorPerStep) {}

    public static void write(Path target, JsonNode summary, List<Validation.EngineResult> results,
                             List<StepCurve> curves) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html><head><meta charset='utf-8'><title>lstmq validate</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}")
                .append(".bad{color:#b00;font-weight:bold}.ok{color:#070}</style></head><body>");
        h.append("<h1>lstmq validate</h1><p>reference <code>").append(Svg.escape(summary.get("reference").asText()))
                .append("</code><br>candidate <code>").append(Svg.escape(summary.get("candidate").asText()))
                .append("</code><br>Java engine numerics: ").append(summary.get("numerics").asText()).append("</p>");
        boolean passed = summary.get("passed").asBoolean();
        h.append("<p class='").append(passed ? "ok'>all thresholds met" : "bad'>thresholds broken").append("</p>");
        for (JsonNode t : summary.get("thresholds")) {
            h.append("<div class='").append(t.get("ok").asBoolean() ? "ok" : "bad").append("'>")
                    .append(t.get("name").asText()).append(" (").append(t.get("engine").asText()).append("): ")
                    .append(t.get("value").asText()).append(" vs limit ").append(t.get("limit").asText()).append("</div>");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = summary.get("engines").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            h.append("<h2>").append(e.getKey()).append(" engine</h2>");
            if (r.has("error")) {
                h.append("<p class='bad'>").append(Svg.escape(r.get("error").asText())).append("</p>");
                continue;
            }
            if (r.has("reference_accuracy")) {
                h.append(String.format("<p>accuracy: reference %.2f%%, candidate %.2f%% over %d samples</p>",
                        100 * r.get("reference_accuracy").asDouble(), 100 * r.get("candidate_accuracy").asDouble(),
                        r.get("samples").asInt()));
            }
            h.append("<table><tr><th>output</th><th>max |err|</th><th>mean |err|</th><th>RMSE</th><th>SNR dB</th>")
                    .append("<th>cosine</th><th>argmax agreement</th></tr>");
            for (JsonNode o : r.get("outputs")) {
                h.append("<tr><td>").append(Svg.escape(o.get("name").asText())).append("</td>");
                for (String k : new String[] {"max_abs_error", "mean_abs_error", "rmse", "snr_db", "cosine",
                        "argmax_agreement"}) {
                    h.append(String.format("<td>%.6g</td>", o.get(k).asDouble()));
                }
                h.append("</tr>");
            }
            h.append("</table>");
            for (Validation.EngineResult res : results) {
                if (res.engine().lowerName().equals(e.getKey()) && res.error() == null) {
                    for (int k = 0; k < res.outputs().size(); k++) {
                        ErrorStats s = res.outputs().get(k);
                        h.append("<h3>error histogram, output ").append(k).append("</h3>")
                                .append(Svg.histogram(s.histogram(), -s.maxAbsError(), s.maxAbsError(),
                                        "candidate - reference"));
                    }
                }
            }
        }
        if (summary.has("candidate_java_vs_tflite")) {
            JsonNode l = summary.get("candidate_java_vs_tflite");
            h.append("<h2>candidate: Java engine vs TFLite</h2><p>").append(l.get("differing").asLong()).append(" of ")
                    .append(l.get("values").asLong()).append(" output values differ, by at most ")
                    .append(l.get("max_lsb").asLong()).append(" LSB</p>");
        }
        if (!curves.isEmpty()) {
            h.append("<h2>LSTM state error per time step (Java engine, float vs integer, dequantized)</h2>");
            String lstm = null;
            for (StepCurve c : curves) {
                if (!c.lstm().equals(lstm)) {
                    lstm = c.lstm();
                    h.append("<h3>").append(Svg.escape(lstm)).append("</h3>");
                }
                h.append(Svg.lines(new double[][] {c.meanAbsErrorPerStep()}, new String[] {c.signal()},
                        "time step (mean |error| over samples and cells)"));
            }
        }
        h.append("</body></html>\n");
        AtomicFiles.write(target, h.toString().getBytes(StandardCharsets.UTF_8));
    }
}
