package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.inspect.Json;
import io.lstmq.testing.Shared;

class InspectCommandTest {
    @Test
    void jsonSummaryOfTheOfficialInt8Model() throws Exception {
        Cli r = Cli.run("inspect", Shared.path("models/mnist_lstm/trained_lstm_int8.tflite").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = Json.mapper().readTree(r.out());
        JsonNode sg = j.get("subgraphs").get(0);
        assertEquals(27, sg.get("tensors").size());
        assertEquals(1, sg.get("operator_histogram").get("FULLY_CONNECTED v4").asInt());
        JsonNode input = sg.get("inputs").get(0);
        assertEquals("int8", input.get("dtype").asText());
        assertEquals("[1,28,28]", input.get("shape").toString());
        assertEquals(-128, input.get("zero_point").asInt());
        JsonNode cell = sg.get("tensors").get(17);
        assertTrue(cell.get("variable").asBoolean());
        assertEquals(0x1p-12f, (float) cell.get("quantization").get("scale").get(0).asDouble(), "float32 2^-12");
        assertEquals("serving_default", j.get("signatures").get(0).get("key").asText());
    }

    @Test
    void textSummary() {
        Cli r = Cli.run("inspect", Shared.path("models/roundtrip/litert_multi_signatures.tflite").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("signature '"), r.out());
    }

    @Test
    void usageErrorsAreOneLine() {
        Cli r = Cli.run("inspect");
        assertEquals(2, r.code());
        assertEquals("lstmq inspect: expected MODEL but got nothing", r.errorLine());
        assertEquals(2, Cli.run("frobnicate").code());
        assertEquals(2, Cli.run("inspect", "--bogus", "x").code());
        assertEquals("lstmq inspect: nope.tflite: no such file", Cli.run("inspect", "nope.tflite").errorLine());
    }
}
