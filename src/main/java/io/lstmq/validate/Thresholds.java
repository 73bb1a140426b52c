package io.lstmq.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;

import io.lstmq.inspect.Json;

/**
 * Limits given on the command line; each is checked on every engine that ran (the worst case counts).
 * Names are the option names: {@code max-abs-error}, {@code max-rmse}, {@code min-snr-db}, {@code min-cosine},
 * {@code min-argmax-agreement}, {@code min-accuracy}, {@code max-accuracy-drop}, {@code max-lsb}.
 */
public final class Thresholds {
    public static final List<String> NAMES = List.of("max-abs-error", "max-rmse", "min-snr-db", "min-cosine",
            "min-argmax-agreement", "min-accuracy", "max-accuracy-drop", "max-lsb");

    private final Map<String, Double> limits = new LinkedHashMap<>();

    public void set(String name, double limit) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException(name);
        }
        limits.put(name, limit);
    }

    ArrayNode check(List<Validation.EngineResult> results, LsbStats lsb) {
        ArrayNode out = Json.array();
        for (Map.Entry<String, Double> e : limits.entrySet()) {
            String name = e.getKey();
            double limit = e.getValue();
            boolean max = name.startsWith("max");
            for (Validation.EngineResult r : results) {
                if (r.error() != null) {
                    continue;
                }
                Double value = value(name, r, lsb);
                if (value == null) {
                    continue;
                }
                boolean ok = max ? value <= limit : value >= limit;
                out.addObject().put("name", name).put("engine", r.engine().lowerName()).put("limit", limit)
                        .put("value", value).put("ok", ok);
            }
        }
        return out;
    }

    private static Double value(String name, Validation.EngineResult r, LsbStats lsb) {
        double worst = Double.NaN;
        for (ErrorStats s : r.outputs()) {
            double v = switch (name) {
                case "max-abs-error" -> s.maxAbsError();
                case "max-rmse" -> s.rmse();
                case "min-snr-db" -> s.snrDb();
                case "min-cosine" -> s.cosine();
                case "min-argmax-agreement" -> s.argmaxAgreement();
                default -> Double.NaN;
            };
            if (!Double.isNaN(v)) {
                worst = Double.isNaN(worst) ? v : name.startsWith("max") ? Math.max(worst, v) : Math.min(worst, v);
            }
        }
        return switch (name) {
            case "min-accuracy" -> r.candidateAccuracy();
            case "max-accuracy-drop" -> r.candidateAccuracy() == null ? null
                    : r.referenceAccuracy() - r.candidateAccuracy();
            case "max-lsb" -> lsb == null ? null : (double) lsb.maxDiff();
            default -> Double.isNaN(worst) ? null : worst;
        };
    }

    static boolean passed(JsonNode checks) {
        for (JsonNode c : checks) {
            if (!c.get("ok").asBoolean()) {
                return false;
            }
        }
        return true;
    }
}
