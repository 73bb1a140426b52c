package io.lstmq.inspect;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders the LSTM part of a report: slots, cell format, and the Prepare pairs of both runtimes. */
final class LstmTextReport {
    private LstmTextReport() {}

    static void print(JsonNode lstms, PrintStream out) {
        for (JsonNode l : lstms) {
            out.println();
            out.printf("LSTM: subgraph %d, operator %d (%s): %s, %s variant, options %s%n", l.get("subgraph").asInt(),
                    l.get("operator").asInt(), l.get("opcode").asText(), l.get("kind").asText(),
                    l.get("variant").asText(), l.get("options"));
            for (JsonNode s : l.get("slots")) {
                if (s.get("tensor").isNull()) {
                    continue;
                }
                out.printf("  %2d %-32s #%-4d %-6s %-10s %s%n", s.get("slot").asInt(), s.get("name").asText(),
                        s.get("tensor").asInt(), s.get("dtype").asText(), s.get("shape"), scale(s));
            }
            for (JsonNode s : l.get("intermediates")) {
                out.printf("  i%d %-32s #%-4d %-6s %-10s %s%n", s.get("index").asInt(), s.get("name").asText(),
                        s.get("tensor").asInt(), s.get("dtype").asText(), s.get("shape"), scale(s));
            }
            if (l.has("error")) {
                out.println("  cannot compute Prepare values: " + l.get("error").asText());
            }
            if (l.has("cell_state_format")) {
                out.println("  " + l.get("cell_state_format").get("explanation").asText());
                section("TFLite Micro (Prepare)", l.get("tflm"), out);
                section("TFLite (Prepare)", l.get("tflite"), out);
            }
        }
    }

    private static void section(String title, JsonNode n, PrintStream out) {
        out.println("  " + title + ":");
        print("    ", n, out);
    }

    private static void print(String indent, JsonNode n, PrintStream out) {
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (v.has("multiplier")) {
                out.printf("%s%-34s multiplier %11d  shift %4d   (%.10g)%n", indent, e.getKey(), v.get("multiplier").asLong(),
                        v.get("shift").asInt(), v.get("effective_scale").asDouble());
            } else if (v.isObject()) {
                out.println(indent + e.getKey() + ":");
                print(indent + "  ", v, out);
            } else {
                out.printf("%s%-34s %s%n", indent, e.getKey(), v.asText());
            }
        }
    }

    private static String scale(JsonNode s) {
        if (s.has("scale")) {
            return "scale=" + s.get("scale").asText() + " zp=" + s.get("zero_point").asText();
        }
        return s.has("scales") ? "per-channel (" + s.get("scales").size() + " scales)" : "";
    }
}
