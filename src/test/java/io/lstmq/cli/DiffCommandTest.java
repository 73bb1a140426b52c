package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.inspect.Json;
import io.lstmq.testing.Shared;

class DiffCommandTest {
    @TempDir
    Path tmp;

    private String model() {
        return Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString();
    }

    private String patched(String... edit) {
        String out = tmp.resolve("p" + System.nanoTime() + ".tflite").toString();
        String[] args = new String[4 + edit.length];
        args[0] = "patch";
        args[1] = model();
        args[2] = "-o";
        args[3] = out;
        System.arraycopy(edit, 0, args, 4, edit.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        return out;
    }

    private JsonNode diff(String b, String... extra) throws Exception {
        String[] args = new String[4 + extra.length];
        args[0] = "diff";
        args[1] = model();
        args[2] = b;
        args[3] = "--json";
        System.arraycopy(extra, 0, args, 4, extra.length);
        Cli r = Cli.run(args);
        JsonNode j = Json.mapper().readTree(r.out());
        assertEquals(j.get("identical").asBoolean() ? 0 : 1, r.code(), r.err());
        return j;
    }

    @Test
    void losslessRewriteHasNoDifferences() throws Exception {
        JsonNode j = diff(patched());
        assertTrue(j.get("identical").asBoolean(), j.toString());
        Cli text = Cli.run("diff", model(), patched());
        assertEquals(0, text.code());
        assertEquals("no differences", text.out().strip());
    }

    @Test
    void findsAPlantedScale() throws Exception {
        JsonNode j = diff(patched("--set-quant", "arith.constant=0.0082:0"));
        assertEquals(1, j.get("tensors").size(), j.toString());
        JsonNode d = j.get("tensors").get(0);
        assertEquals("scale", d.get("field").asText());
        assertTrue(d.get("tensor").asText().contains("tensor 8 'arith.constant'"));
        // within a loose tolerance the same change is accepted
        assertTrue(diff(patched("--set-quant", "arith.constant=0.0082:0"), "--scale-rtol", "0.01")
                .get("identical").asBoolean());
    }

    @Test
    void findsAPlantedZeroPoint() throws Exception {
        JsonNode j = diff(patched("--set-quant", "#0=0.003921569:-127"));
        assertEquals(1, j.get("tensors").size(), j.toString());
        assertEquals("zero_point", j.get("tensors").get(0).get("field").asText());
        assertEquals("[-128]", j.get("tensors").get(0).get("a").asText());
    }

    @Test
    void findsAPlantedWeightByte() throws Exception {
        JsonNode j = diff(patched("--set-element", "arith.constant:17=99"), "--match", "name");
        assertEquals(0, j.get("tensors").size(), j.toString());
        assertEquals(1, j.get("buffers").size(), j.toString());
        JsonNode b = j.get("buffers").get(0);
        assertEquals(1, b.get("differing_values").asInt());
        assertEquals(17, b.get("first_at").asInt());
        assertTrue(b.get("max_abs_difference").asDouble() > 0);
    }

    @Test
    void structureDifferencesOfTheFloatAndInt8Models() throws Exception {
        Cli r = Cli.run("diff", Shared.path("models/mnist_lstm/trained_lstm.tflite").toString(), model(), "--json");
        assertEquals(1, r.code());
        JsonNode j = Json.mapper().readTree(r.out());
        assertTrue(j.get("structure").toString().contains("\"field\":\"version\""), j.get("structure").toString());
    }
}
