package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.export.ElementType;
import io.lstmq.export.ExportFixtures;
import io.lstmq.inspect.Json;
import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.testing.Shared;
import io.lstmq.testing.TflmGoldenModel;

class TraceCommandTest {
    @TempDir
    Path tmp;

    private static final String CASE = "eval_2x3x2x2_int8";

    /** The golden case's float input as a .npy file, optionally behind {@code before} other samples. */
    private Path input(JsonNode c, int before) {
        JsonNode f = c.get("float_input");
        float[] x = new float[(before + 1) * f.size()];
        for (int i = 0; i < f.size(); i++) {
            x[before * f.size() + i] = (float) f.get(i).asDouble();
        }
        Path p = tmp.resolve("x" + before + ".npy");
        Npy.write(p, NdArray.ofFloats(before == 0 ? new long[] {2, 3, 2} : new long[] {before + 1, 2, 3, 2}, x));
        return p;
    }

    private static List<String> lines(Cli r) {
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out().lines().toList();
    }

    /** Hex files read back with the manifest's widths are the golden kernel's integers, per step. */
    @Test
    void hexVectorsOfTheGoldenModel() throws Exception {
        JsonNode c = TflmGoldenModel.golden(CASE);
        Path model = ExportFixtures.goldenModel(CASE, tmp);
        Path dir = tmp.resolve("hex");
        List<String> written = lines(Cli.run("trace", model.toString(), "--input", input(c, 0).toString(), "-o",
                dir.toString()));
        assertEquals(dir.resolve("trace.json").toString(), written.get(written.size() - 1));
        JsonNode manifest = Json.mapper().readTree(dir.resolve("trace.json").toFile());
        assertEquals("tflm", manifest.get("numerics").asText());
        assertEquals("hex", manifest.get("format").asText());
        JsonNode lstm = manifest.get("lstm").get(0);
        assertEquals(2, lstm.get("batch").asInt());
        assertEquals(3, lstm.get("steps").asInt());
        Map<String, long[]> read = new HashMap<>();
        List<String> names = new ArrayList<>();
        for (JsonNode s : lstm.get("signals")) {
            ElementType type = ElementType.valueOf(s.get("type").asText().toUpperCase(Locale.ROOT));
            assertEquals(type.bits(), s.get("width").asInt());
            List<String> words = Files.readAllLines(dir.resolve(s.get("file").asText()));
            long[] v = words.stream().mapToLong(type::parseHex).toArray();
            words.forEach(w -> assertEquals(type.bits() / 4, w.length(), w));
            read.put(s.get("name").asText(), v);
            names.add(s.get("name").asText());
        }
        assertEquals(List.of("input", "initial_hidden_state", "initial_cell_state", "input_gate_pre", "input_gate",
                "forget_gate_pre", "forget_gate", "cell_gate_pre", "cell_gate", "output_gate_pre", "output_gate",
                "cell_state", "hidden_state"), names);
        assertEquals(names.size() + 1, written.size());
        assertArrayEquals(ExportFixtures.longs(c.get("quantized_input")), read.get("input"));
        assertArrayEquals(ExportFixtures.longs(c.get("expected_output_tflm")), read.get("hidden_state"));
        assertArrayEquals(new long[] {-21, -21, -21, -21}, read.get("initial_hidden_state"));
        long[] cell = read.get("cell_state");
        assertArrayEquals(ExportFixtures.longs(c.get("expected_cell_tflm")),
                new long[] {cell[4], cell[5], cell[10], cell[11]}, "step 2 of both rows");
        assertEquals("[batch][step][cell]", lstm.get("signals").get(5).get("layout").asText());
        assertEquals("Q3.12", lstm.get("signals").get(5).get("q_format").asText());
        assertEquals(-21, lstm.get("signals").get(12).get("zero_point").asInt());
        assertEquals("0000", Files.readAllLines(dir.resolve("lstm0_initial_cell_state.hex")).get(0));
        assertEquals("eb", Files.readAllLines(dir.resolve("lstm0_initial_hidden_state.hex")).get(0),
                "-21 as an 8-bit two's complement word");
    }

    /** CSV rows carry integer and real values; the initial states come first, at step -1. */
    @Test
    void csvRowsWithRealValues() throws Exception {
        JsonNode c = TflmGoldenModel.golden(CASE);
        Path model = ExportFixtures.goldenModel(CASE, tmp);
        Path dir = tmp.resolve("csv");
        assertEquals(List.of(dir.resolve("lstm0.csv").toString(), dir.resolve("trace.json").toString()),
                lines(Cli.run("trace", model.toString(), "--input", input(c, 0).toString(), "-o", dir.toString(),
                        "--format", "csv")));
        List<String> rows = Files.readAllLines(dir.resolve("lstm0.csv"));
        assertEquals("batch,step,signal,index,value,real", rows.get(0));
        // per row: 2 + 2 initial state values; per row and step: input 2, 4 gates x (pre + output) x 2, cell 2, hidden 2
        assertEquals(1 + 2 * 4 + 2 * 3 * (2 + 16 + 2 + 2), rows.size());
        assertEquals("0,-1,hidden_state,0,-21,0.0", rows.get(1));
        assertEquals("0,-1,cell_state,1,0,0.0", rows.get(4));
        assertEquals("0,0,input,0,25," + (float) (25 * (double) 0.007843137718737125f), rows.get(5));
        assertTrue(rows.contains("1,2,hidden_state,1,85," + (float) (106 * (double) 0.004705882165580988f)), rows
                .toString());
        JsonNode manifest = Json.mapper().readTree(dir.resolve("trace.json").toFile());
        assertEquals("lstm0.csv", manifest.get("lstm").get(0).get("file").asText());
        assertEquals("batch,step,signal,index,value,real", manifest.get("conventions").get("columns").asText());
    }

    /** npy arrays [B, T, ...] of the signal's type; TFLite numerics on the second sample of a stacked file. */
    @Test
    void npyArraysWithTfliteNumericsAndASampleIndex() throws Exception {
        JsonNode c = TflmGoldenModel.golden(CASE);
        Path model = ExportFixtures.goldenModel(CASE, tmp);
        Path dir = tmp.resolve("npy");
        lines(Cli.run("trace", model.toString(), "--input", input(c, 1).toString(), "-o", dir.toString(), "--format",
                "npy", "--numerics", "tflite", "--sample", "1"));
        NdArray hidden = Npy.read(dir.resolve("lstm0_hidden_state.npy"));
        assertEquals(DType.INT8, hidden.dtype());
        assertArrayEquals(new long[] {2, 3, 2}, hidden.shape());
        assertArrayEquals(ExportFixtures.longs(c.get("expected_output_tflite_8x8_16")),
                java.util.Arrays.stream(hidden.asIntArray()).asLongStream().toArray());
        NdArray pre = Npy.read(dir.resolve("lstm0_output_gate_pre.npy"));
        assertEquals(DType.INT16, pre.dtype());
        assertArrayEquals(new long[] {2, 3, 2}, pre.shape());
        JsonNode manifest = Json.mapper().readTree(dir.resolve("trace.json").toFile());
        assertEquals("tflite", manifest.get("numerics").asText());
        assertEquals(1, manifest.get("sample").asInt());
    }

    /** A named input, as models with several inputs need. */
    @Test
    void namedInput() throws Exception {
        JsonNode c = TflmGoldenModel.golden(CASE);
        Path model = ExportFixtures.goldenModel(CASE, tmp);
        Path dir = tmp.resolve("named");
        lines(Cli.run("trace", model.toString(), "--input", "input=" + input(c, 0), "-o", dir.toString()));
        assertTrue(Files.exists(dir.resolve("lstm0_hidden_state.hex")));
    }

    @Test
    void usageErrorsAreOneLine() throws Exception {
        JsonNode c = TflmGoldenModel.golden(CASE);
        String model = ExportFixtures.goldenModel(CASE, tmp).toString();
        String x = input(c, 0).toString();
        String out = tmp.resolve("out").toString();
        assertEquals("lstmq trace: missing --input X.npy (or --input NAME=FILE per model input)",
                Cli.run("trace", model, "-o", out).errorLine());
        assertEquals("lstmq trace: missing -o DIR", Cli.run("trace", model, "--input", x).errorLine());
        assertEquals("lstmq trace: --numerics tfl: expected tflm or tflite",
                Cli.run("trace", model, "--input", x, "-o", out, "--numerics", "tfl").errorLine());
        assertEquals("lstmq trace: --format vcd: expected hex, csv or npy",
                Cli.run("trace", model, "--input", x, "-o", out, "--format", "vcd").errorLine());
        assertEquals("lstmq trace: --sample 1: " + x + " holds 1 sample(s)",
                Cli.run("trace", model, "--input", x, "-o", out, "--sample", "1").errorLine());
        assertEquals("lstmq trace: --input nope.npy: no such file",
                Cli.run("trace", model, "--input", "nope.npy", "-o", out).errorLine());
        String floatModel = Shared.path("models/mnist_lstm/trained_lstm.tflite").toString();
        Cli r = Cli.run("trace", floatModel, "--input", Shared.path("data/mnist/calib_1000_float32.npy").toString(),
                "-o", out);
        assertEquals(2, r.code());
        assertEquals("lstmq trace: " + floatModel + ": subgraph 0, operator 0 (UNIDIRECTIONAL_SEQUENCE_LSTM) is a float LSTM; trace runs "
                + "the integer kernels (quantize the model first)", r.errorLine());
        assertTrue(!Files.exists(Path.of(out)), "nothing written after an error");
    }
}
