package io.lstmq.inspect;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders a {@link ModelReport} for people: a summary, then one line per tensor. */
public final class TextReport {
    private TextReport() {}

    public static void print(JsonNode r, PrintStream out) {
        out.printf("%s  (%,d bytes, schema v%d, %d buffers)%n", r.get("file").asText(), r.get("size_bytes").asLong(),
                r.get("schema_version").asInt(), r.get("buffers").asInt());
        if (r.has("description")) {
            out.println("description: " + r.get("description").asText());
        }
        for (JsonNode m : r.get("metadata")) {
            out.printf("metadata: %s (%d bytes)%n", m.get("name").asText(), m.get("bytes").asLong());
        }
        for (JsonNode s : r.get("signatures")) {
            out.printf("signature '%s' -> subgraph %d: inputs %s, outputs %s%n", s.get("key").asText(),
                    s.get("subgraph").asInt(), s.get("inputs"), s.get("outputs"));
        }
        for (JsonNode sg : r.get("subgraphs")) {
            out.println();
            out.printf("subgraph %d%s: %d operators, %d tensors%n", sg.get("index").asInt(),
                    sg.has("name") ? " '" + sg.get("name").asText() + "'" : "", sg.get("operators").size(),
                    sg.get("tensors").size());
            for (JsonNode t : sg.get("inputs")) {
                out.println("  input   " + brief(t));
            }
            for (JsonNode t : sg.get("outputs")) {
                out.println("  output  " + brief(t));
            }
            out.print("  operators:");
            for (Iterator<Map.Entry<String, JsonNode>> it = sg.get("operator_histogram").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.print(" " + e.getKey() + " x" + e.getValue().asInt() + (it.hasNext() ? "," : ""));
            }
            out.println();
            out.println("  tensors:");
            for (JsonNode t : sg.get("tensors")) {
                out.printf("    %4d %-8s %-16s %10s B%s  %s%s%n", t.get("index").asInt(), t.get("dtype").asText(),
                        t.get("shape").toString(), t.get("buffer_bytes").asText(),
                        t.get("variable").asBoolean() ? " var" : "", t.get("name").asText(), quant(t));
            }
        }
        if (r.has("lstm")) {
            LstmTextReport.print(r.get("lstm"), out);
        }
        if (r.has("deployment")) {
            JsonNode d = r.get("deployment");
            out.println();
            out.println("TFLite Micro integer deployment: " + (d.get("tflm_integer").asBoolean() ? "ready" : "NOT ready"));
            for (JsonNode reason : d.get("findings")) {
                out.println("  - " + reason.asText());
            }
        }
        for (JsonNode w : r.get("warnings")) {
            out.println("warning: " + w.asText());
        }
    }

    private static String brief(JsonNode t) {
        return String.format("#%d %s %s %s%s", t.get("index").asInt(), t.get("name").asText(),
                t.get("dtype").asText(), t.get("shape"), t.has("scale")
                        ? " scale=" + t.get("scale").asText() + " zp=" + t.get("zero_point").asText() : "");
    }

    private static String quant(JsonNode t) {
        JsonNode q = t.get("quantization");
        if (q == null || !q.has("scale") || q.get("scale").isEmpty()) {
            return q != null && q.has("min") ? "  min=" + q.get("min") + " max=" + q.get("max") : "";
        }
        if (q.has("axis")) {
            return "  per-channel axis " + q.get("axis").asInt() + " (" + q.get("scale").size() + " scales)";
        }
        JsonNode zp = q.path("zero_point").path(0);
        return "  scale=" + q.get("scale").get(0).asText() + " zp=" + (zp.isMissingNode() ? "(none)" : zp.asText());
    }
}
