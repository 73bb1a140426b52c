package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.export.ElementType;
import io.lstmq.export.ExportArray;
import io.lstmq.export.ExportFixtures;
import io.lstmq.export.LstmExport;
import io.lstmq.export.ModelExport;
import io.lstmq.export.TflmSigmoidTable;
import io.lstmq.inspect.Json;
import io.lstmq.model.Model;
import io.lstmq.model.ModelFile;
import io.lstmq.testing.TflmGoldenModel;

class ExportCommandTest {
    @TempDir
    Path tmp;

    private static JsonNode inspectLstm(Path model) throws IOException {
        Cli r = Cli.run("inspect", model.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        return Json.mapper().readTree(r.out()).get("lstm").get(0);
    }

    /** The model tensors in the weight and bias slots, by slot name, as inspect maps them. */
    private static Map<String, long[]> slotTensors(Path path) throws IOException {
        Model model = ModelFile.open(path).model();
        Map<String, long[]> out = new HashMap<>();
        for (JsonNode slot : inspectLstm(path).get("slots")) {
            String name = slot.get("name").asText();
            if (!slot.get("tensor").isNull() && (name.endsWith("_gate_bias") || name.startsWith("input_to_")
                    || name.startsWith("recurrent_to_"))) {
                out.put(name, ExportFixtures.raw(model, model.subgraph(0).tensor(slot.get("tensor").asInt())));
            }
        }
        return out;
    }

    private static List<String> lines(Cli r) {
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        return r.out().lines().toList();
    }

    // ---- C ----

    /**
     * The C files compile with gcc -Wall -Wextra -Werror; a program linked with them writes the model array back
     * (it must be the .tflite byte for byte), checks the 16-byte alignment, and prints every macro and array, which
     * must equal inspect's pairs and the model's tensors.
     */
    @Test
    void cHeaderAndModelArrayCompileAndCarryTheModel() throws Exception {
        Path model = ExportFixtures.mnistInt8();
        Path dir = tmp.resolve("c");
        List<String> written = lines(Cli.run("export", model.toString(), "--format", "c", "-o", dir.toString()));
        assertEquals(List.of(dir.resolve("trained_lstm_int8_model.h").toString(),
                dir.resolve("trained_lstm_int8_model.c").toString(), dir.resolve("trained_lstm_int8_lstm.h").toString()),
                written);
        Map<String, List<Long>> printed = compileAndRun(dir, "trained_lstm_int8", model);

        JsonNode tflm = inspectLstm(model).get("tflm");
        for (String fc : List.of("input_fc", "recurrent_fc")) {
            for (String g : List.of("forget", "input", "cell", "output")) {
                String macro = (fc + "_" + g).toUpperCase(Locale.ROOT);
                assertEquals(tflm.get(fc).get(g).get("multiplier").asLong(), printed.get(macro + "_MULTIPLIER").get(0));
                assertEquals(tflm.get(fc).get(g).get("shift").asLong(), printed.get(macro + "_SHIFT").get(0));
            }
        }
        for (String m : List.of("forget_cell_mul", "input_mul", "output_mul")) {
            String macro = m.toUpperCase(Locale.ROOT);
            assertEquals(tflm.get(m).get("multiplier").asLong(), printed.get(macro + "_MULTIPLIER").get(0), m);
            assertEquals(tflm.get(m).get("shift").asLong(), printed.get(macro + "_SHIFT").get(0), m);
        }
        for (String k : List.of("cell_state_scale_power", "quantized_cell_clip", "input_zero_point",
                "hidden_zero_point")) {
            assertEquals(tflm.get(k).asLong(), printed.get(k.toUpperCase(Locale.ROOT)).get(0), k);
        }
        assertEquals(List.of(2146304392L), printed.get("OUTPUT_MUL_MULTIPLIER"), "spec-derived, as in LstmReportTest");
        Map<String, long[]> tensors = slotTensors(model);
        assertEquals(12, tensors.size());
        for (Map.Entry<String, long[]> t : tensors.entrySet()) {
            assertArrayEquals(t.getValue(), unbox(printed.get(t.getKey())), t.getKey());
        }
        assertArrayEquals(TflmSigmoidTable.values(), printed.get("tflm_sigmoid_table").stream()
                .mapToInt(Long::intValue).toArray());
        LstmExport lstm = ModelExport.of(model, ModelFile.open(model), null).lstms().get(0);
        for (ExportArray a : lstm.arrays()) {
            assertArrayEquals(a.values(), unbox(printed.get(a.name())), a.name());
        }
    }

    /** The 16x8 golden model: int64 biases as INT64_C literals, read back by C as the golden file's values. */
    @Test
    void int16GoldenModelHeaderCompiles() throws Exception {
        Path model = ExportFixtures.goldenModel("eval_2x3x2x2_int16", tmp);
        Path dir = tmp.resolve("c16");
        lines(Cli.run("export", model.toString(), "-o", dir.toString(), "--name", "golden16"));
        Map<String, List<Long>> printed = compileAndRun(dir, "golden16", model);
        JsonNode gates = TflmGoldenModel.golden("eval_2x3x2x2_int16").get("model").get("gates");
        for (String g : List.of("input", "forget", "cell", "output")) {
            assertArrayEquals(ExportFixtures.longs(gates.get(g).get("bias").get("values")),
                    unbox(printed.get(g + "_gate_bias")), g);
        }
        assertEquals(List.of(-208074L, -416147L), printed.get("input_gate_bias"));
        assertEquals(List.of(16L), printed.get("ACTIVATION_BITS"));
        assertEquals(List.of(1533870029L), printed.get("OUTPUT_MUL_MULTIPLIER"), "spec §8 16x8 h_mul");
    }

    private static long[] unbox(List<Long> v) {
        assertTrue(v != null, "not printed");
        return v.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Writes and runs a C program that includes the export's headers, links its model array, writes the array to a
     * file, and prints "name v1 v2 ..." for every LSTM 0 macro and array and the sigmoid table.
     */
    private Map<String, List<Long>> compileAndRun(Path dir, String name, Path model) throws Exception {
        LstmExport lstm = ModelExport.of(model, ModelFile.open(model), name).lstms().get(0);
        String macro = name.toUpperCase(Locale.ROOT) + "_LSTM0_";
        StringBuilder c = new StringBuilder();
        c.append("#include <stdio.h>\n#include <stdint.h>\n")
                .append("#include \"").append(name).append("_model.h\"\n")
                .append("#include \"").append(name).append("_lstm.h\"\n")
                .append("#define ARRAY(n, t, a) do { const t *p = (const t *) (a); size_t k = sizeof(a) / sizeof(t); ")
                .append("printf(\"%s\", n); for (size_t i = 0; i < k; i++) printf(\" %lld\", (long long) p[i]); ")
                .append("printf(\"\\n\"); } while (0)\n")
                .append("#define SCALAR(n, x) printf(\"%s %lld\\n\", n, (long long) (x))\n")
                .append("int main(int argc, char **argv) {\n")
                .append("  FILE *f = argc > 1 ? fopen(argv[1], \"wb\") : NULL;\n")
                .append("  if (!f || fwrite(").append(name).append("_model, 1, ").append(name)
                .append("_model_len, f) != ").append(name).append("_model_len) return 1;\n  fclose(f);\n")
                .append("  SCALAR(\"alignment\", (uintptr_t) ").append(name).append("_model % 16);\n")
                .append("  SCALAR(\"LSTM_COUNT\", ").append(name.toUpperCase(Locale.ROOT)).append("_LSTM_COUNT);\n");
        List<String> macros = new ArrayList<>();
        lstm.scalars().keySet().forEach(k -> macros.add(k.toUpperCase(Locale.ROOT)));
        lstm.multipliers().keySet().forEach(k -> {
            macros.add(k.toUpperCase(Locale.ROOT) + "_MULTIPLIER");
            macros.add(k.toUpperCase(Locale.ROOT) + "_SHIFT");
        });
        for (String m : macros) {
            c.append("  SCALAR(\"").append(m).append("\", ").append(macro).append(m).append(");\n");
        }
        for (ExportArray a : lstm.arrays()) {
            String cName = name + "_lstm0_" + a.name();
            // The pointer assignment fails under -Werror unless the array has the element type the manifest gives.
            c.append("  { const ").append(a.type().cType()).append(" *typed = ").append(cName)
                    .append(a.shape().length == 2 ? "[0]" : "").append("; (void) typed; }\n");
            c.append("  ARRAY(\"").append(a.name()).append("\", ").append(a.type().cType()).append(", ")
                    .append(cName).append(");\n");
        }
        c.append("  ARRAY(\"tflm_sigmoid_table\", uint16_t, ").append(name).append("_tflm_sigmoid_table);\n");
        c.append("  return 0;\n}\n");
        String source = c.toString();
        Files.writeString(dir.resolve("main.c"), source);
        Path exe = dir.resolve("main");
        run(List.of("gcc", "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", exe.toString(),
                dir.resolve("main.c").toString(), dir.resolve(name + "_model.c").toString()), dir);
        // TFLite Micro applications are C++: the model array compiles as C++ too.
        run(List.of("g++", "-std=c++11", "-Wall", "-Wextra", "-Werror", "-x", "c++", "-c", "-o",
                dir.resolve("model_cpp.o").toString(), dir.resolve(name + "_model.c").toString()), dir);
        Path back = dir.resolve("model_back.tflite");
        String out = run(List.of(exe.toString(), back.toString()), dir);
        assertArrayEquals(Files.readAllBytes(model), Files.readAllBytes(back), "the C array is the model file");
        Map<String, List<Long>> printed = new HashMap<>();
        for (String line : out.lines().toList()) {
            String[] parts = line.split(" ");
            List<Long> values = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                values.add(Long.parseLong(parts[i]));
            }
            printed.put(parts[0], values);
        }
        assertEquals(List.of(0L), printed.get("alignment"), "16-byte aligned");
        assertEquals(List.of(1L), printed.get("LSTM_COUNT"));
        return printed;
    }

    private static String run(List<String> command, Path dir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("skipped: cannot run " + command.get(0) + " (" + e.getMessage() + ")");
            return null;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), String.join(" ", command) + ":\n" + out);
        return out;
    }

    // ---- mem ----

    /** Every .mem file, read with the width and signedness its manifest gives, is the model's array. */
    @Test
    void memFilesReadBackEqualTheModelsArrays() throws Exception {
        Path model = ExportFixtures.mnistInt8();
        Path dir = tmp.resolve("mem");
        List<String> written = lines(Cli.run("export", model.toString(), "--format", "mem", "-o", dir.toString()));
        assertEquals(dir.resolve("manifest.json").toString(), written.get(written.size() - 1));
        JsonNode manifest = Json.mapper().readTree(dir.resolve("manifest.json").toFile());
        Map<String, long[]> read = new HashMap<>();
        List<JsonNode> entries = new ArrayList<>();
        entries.add(manifest.get("table"));
        manifest.get("lstm").get(0).get("arrays").forEach(entries::add);
        for (JsonNode a : entries) {
            ElementType type = ElementType.valueOf(a.get("type").asText().toUpperCase(Locale.ROOT));
            assertEquals(type.bits(), a.get("width").asInt());
            assertEquals(type.signed(), a.get("signed").asBoolean());
            List<String> words = Files.readAllLines(dir.resolve(a.get("file").asText()));
            assertEquals(a.get("words").asInt(), words.size());
            long expectedWords = 1;
            for (JsonNode d : a.get("shape")) {
                expectedWords *= d.asLong();
            }
            assertEquals(expectedWords, words.size(), a.get("name").asText());
            long[] values = new long[words.size()];
            for (int i = 0; i < values.length; i++) {
                assertEquals(type.bits() / 4, words.get(i).length(), "fixed-width words");
                values[i] = type.parseHex(words.get(i));
            }
            read.put(a.get("name").asText(), values);
        }
        assertEquals(written.size() - 1, entries.size(), "one file per array, plus the manifest");
        Map<String, long[]> tensors = slotTensors(model);
        for (Map.Entry<String, long[]> t : tensors.entrySet()) {
            assertArrayEquals(t.getValue(), read.get(t.getKey()), t.getKey());
        }
        assertArrayEquals(TflmSigmoidTable.values(), java.util.Arrays.stream(read.get("tflm_sigmoid_table"))
                .mapToInt(v -> (int) v).toArray());
        JsonNode first = manifest.get("lstm").get(0);
        assertEquals("[cell][input]", first.get("arrays").get(0).get("layout").asText());
        assertEquals("input_to_input_weights", first.get("arrays").get(0).get("name").asText());
        assertEquals("lstm0_input_to_input_weights.mem", first.get("arrays").get(0).get("file").asText());
        assertEquals(2146304392L, first.get("multipliers").get("output_mul").get("multiplier").asLong());
        assertEquals("Q3.12", first.get("activations").get("gate_pre_activation").get("q_format").asText());
        assertTrue(manifest.get("conventions").get("folded_bias").asText().contains("input_zero_point"));
        assertTrue(manifest.get("mem_format").asText().contains("$readmemh"));
    }

    // ---- json ----

    @Test
    void jsonCarriesValuesFormatsAndPairs() throws Exception {
        Path model = ExportFixtures.goldenModel("eval_2x3x2x2_int8", tmp);
        Path dir = tmp.resolve("json");
        assertEquals(List.of(dir.resolve("eval_2x3x2x2_int8_lstm.json").toString()),
                lines(Cli.run("export", model.toString(), "--format", "json", "-o", dir.toString())));
        JsonNode doc = Json.mapper().readTree(dir.resolve("eval_2x3x2x2_int8_lstm.json").toFile());
        JsonNode lstm = doc.get("lstm").get(0);
        JsonNode tflm = inspectLstm(model).get("tflm");
        assertEquals(tflm.get("output_mul").get("multiplier").asLong(),
                lstm.get("multipliers").get("output_mul").get("multiplier").asLong());
        assertEquals(1782579271L, lstm.get("multipliers").get("output_mul").get("multiplier").asLong());
        assertEquals(24576, lstm.get("scalars").get("quantized_cell_clip").asInt());
        Map<String, JsonNode> arrays = new HashMap<>();
        lstm.get("arrays").forEach(a -> arrays.put(a.get("name").asText(), a));
        assertEquals("[2,2]", arrays.get("input_to_forget_weights").get("shape").toString());
        assertEquals("[-64,-64,-127,-127]", arrays.get("input_to_forget_weights").get("values").toString());
        assertEquals("[-2688,-5334]", arrays.get("recurrent_to_forget_folded_bias").get("values").toString());
        assertEquals("int32", arrays.get("forget_gate_bias").get("type").asText());
        assertEquals(256, doc.get("table").get("values").size());
        assertEquals(-21, lstm.get("activations").get("hidden_state").get("zero_point").asInt());
        assertEquals("Q0.15", lstm.get("activations").get("gate_output").get("q_format").asText());
    }

    // ---- errors ----

    @Test
    void usageErrorsAreOneLine() throws Exception {
        String model = ExportFixtures.mnistInt8().toString();
        Cli r = Cli.run("export", model);
        assertEquals(2, r.code());
        assertEquals("lstmq export: missing -o DIR", r.errorLine());
        r = Cli.run("export", model, "-o", tmp.toString(), "--format", "verilog");
        assertEquals(2, r.code());
        assertEquals("lstmq export: --format verilog: expected c, mem or json", r.errorLine());
        Path file = Files.writeString(tmp.resolve("taken"), "x");
        assertEquals("lstmq export: " + file + ": not a directory",
                Cli.run("export", model, "-o", file.toString()).errorLine());
        r = Cli.run("export", ExportFixtures.mnistInt8().resolveSibling("trained_lstm.tflite").toString(),
                "-o", tmp.resolve("f").toString());
        assertEquals(2, r.code());
        assertTrue(r.errorLine().endsWith("is a float LSTM; export writes the constants of integer LSTMs (quantize "
                + "the model first)"), r.err());
        assertTrue(!Files.exists(tmp.resolve("f")), "nothing written for a refused model");
    }
}
