package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.inspect.Json;
import io.lstmq.testing.Shared;

class ValidateCommandTest {
    @TempDir
    Path tmp;

    private Cli validate(String... extra) {
        String[] base = {"validate", Shared.path("models/mnist_lstm/trained_lstm.tflite").toString(),
                Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString(), "--input",
                Shared.path("data/mnist/images_uint8.npy").toString(), "--input-scale", "0.00392156862745098",
                "--labels", Shared.path("data/mnist/labels_int32.npy").toString(), "--json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Cli.run(args);
    }

    /** The reference numbers: float 99.16%, official int8 99.09%, with TFLite and the Java engine alike. */
    @Test
    void tenThousandDigitsGiveTheKnownAccuracies() throws Exception {
        Cli r = validate("--report", tmp.resolve("r.html").toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        for (String engine : new String[] {"tflite", "java"}) {
            JsonNode e = j.get("engines").get(engine);
            assertEquals(10000, e.get("samples").asInt());
            assertEquals(0.9916, e.get("reference_accuracy").asDouble(), 1e-9, engine);
            assertEquals(0.9909, e.get("candidate_accuracy").asDouble(), 1e-9, engine);
            assertTrue(e.get("outputs").get(0).get("snr_db").asDouble() > 30, e.toString());
        }
        // TFLM numerics differ from TFLite's interpreter, by design (spec §4.8)
        assertTrue(j.get("candidate_java_vs_tflite").get("differing").asLong() > 0);
        String html = Files.readString(tmp.resolve("r.html"));
        assertTrue(html.contains("<svg") && html.contains("99.09%"), "report with inline charts and accuracies");
        assertTrue(html.contains("LSTM state error per time step") && html.contains("hidden state")
                && html.contains("cell state") && html.contains("<polyline"), "per-step LSTM state error curves");
        assertTrue(!html.contains("<script") && !html.contains("src="), "no scripts, no external resources");
    }

    @Test
    void tfliteNumericsMatchTheInterpreterBitForBitOnAThousandDigits() throws Exception {
        Cli r = validate("--limit", "1000", "--numerics", "tflite", "--max-lsb", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode lsb = Json.mapper().readTree(r.out()).get("candidate_java_vs_tflite");
        assertEquals(0, lsb.get("differing").asLong(), lsb.toString());
        assertEquals(10000, lsb.get("values").asLong());
    }

    @Test
    void brokenThresholdGivesExitCode1() throws Exception {
        Cli r = validate("--limit", "200", "--min-accuracy", "0.9999", "--engine", "java");
        assertEquals(1, r.code(), r.err());
        JsonNode t = Json.mapper().readTree(r.out()).get("thresholds").get(0);
        assertEquals("min-accuracy", t.get("name").asText());
        assertTrue(!t.get("ok").asBoolean());
    }
}
