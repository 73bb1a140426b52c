package io.lstmq.fuzz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.Model;
import io.lstmq.model.ModelWriter;
import io.lstmq.testdata.LstmClassifierFactory;
import io.lstmq.testdata.LstmClassifierSpec;
import io.lstmq.testing.TflmGoldenModel;

/**
 * Starting inputs for the fuzz targets, made by the project itself: its test data, models built with
 * {@link LstmClassifierFactory} and {@link TflmGoldenModel} (fed with made-up integers, never the golden ones:
 * findings grow out of seeds and are committed, and nothing of {@code ../shared} may end up in the project), and
 * small {@code .npy} images. {@code tools/fuzz} writes them into a scratch directory before each run; only a few
 * small ones are committed as regression inputs.
 *
 * <p>Usage: {@code FuzzSeeds models|cli|convert|npy DIR}.
 */
public final class FuzzSeeds {
    private FuzzSeeds() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: FuzzSeeds models|cli|convert|npy DIR");
        }
        Map<String, byte[]> seeds = switch (args[0]) {
            case "models" -> models();
            case "cli" -> commandLines();
            case "convert" -> conversions();
            case "npy" -> npys();
            default -> throw new IllegalArgumentException("unknown seed kind " + args[0]);
        };
        Path dir = Files.createDirectories(Path.of(args[1]));
        for (Map.Entry<String, byte[]> e : seeds.entrySet()) {
            Files.write(dir.resolve(e.getKey()), e.getValue());
        }
        System.out.println("wrote " + seeds.size() + " seeds to " + dir);
    }

    /** Model seeds by file name: float and integer LSTMs, small enough for quick mutation. */
    static Map<String, byte[]> models() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("lstm_classifier.tflite", Files.readAllBytes(Path.of("testdata", "lstm_classifier.tflite")));
        out.put("float_lstm_2x3x2.tflite", bytes(LstmClassifierFactory.build(
                new LstmClassifierSpec(3, 2, 2, 1, 2, 11))));
        out.put("float_lstm_stacked.tflite", bytes(LstmClassifierFactory.build(
                new LstmClassifierSpec(2, 3, 3, 2, 3, 12))));
        out.put("integer_lstm_8x8_16.tflite", bytes(TflmGoldenModel.build(syntheticLstm(8, 21))));
        out.put("integer_lstm_16x8.tflite", bytes(TflmGoldenModel.build(syntheticLstm(16, 22))));
        return out;
    }

    /**
     * Command line seeds: each model followed by the choices {@link CommandLineFuzzTest} reads from the end of its
     * input (command, format or match, patch edits), one per command.
     */
    static Map<String, byte[]> commandLines() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : models().entrySet()) {
            for (int command = 0; command < 6; command++) {
                byte[] choices = new byte[16];
                choices[0] = (byte) command;
                for (int i = 1; i < choices.length; i++) {
                    choices[i] = (byte) (i * 37 + command); // arbitrary edits
                }
                out.put(m.getKey() + ".cmd" + command, withChoices(m.getValue(), choices));
            }
        }
        return out;
    }

    /**
     * Convert seeds: each float model in each of the four schemes {@link ConvertFuzzTest} reads first, with
     * calibration data and one checked sample.
     */
    static Map<String, byte[]> conversions() throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> m : models().entrySet()) {
            if (!m.getKey().startsWith("integer")) {
                for (int scheme = 0; scheme < 4; scheme++) {
                    out.put(m.getKey() + ".scheme" + scheme, withChoices(m.getValue(), (byte) scheme, (byte) 1,
                            (byte) 1));
                }
            }
        }
        return out;
    }

    /**
     * The model followed by choice bytes in reverse, as {@link com.code_intelligence.jazzer.api.FuzzedDataProvider}
     * takes numbers from the end: {@code choices[0]} is the last byte, read first.
     */
    private static byte[] withChoices(byte[] model, byte... choices) {
        byte[] seed = Arrays.copyOf(model, model.length + choices.length);
        for (int i = 0; i < choices.length; i++) {
            seed[seed.length - 1 - i] = choices[i];
        }
        return seed;
    }

    /** {@code .npy} seeds: every dtype, scalars, empty and multi-dimensional arrays, both header versions. */
    static Map<String, byte[]> npys() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        out.put("f4_2x3.npy", Npy.toBytes(NdArray.ofFloats(new long[] {2, 3}, 0f, -1.5f, 2f, Float.NaN,
                Float.POSITIVE_INFINITY, 1e-30f)));
        out.put("f4_scalar.npy", Npy.toBytes(NdArray.ofFloats(new long[] {}, 0.25f)));
        out.put("f4_empty.npy", Npy.toBytes(NdArray.ofFloats(new long[] {0, 4})));
        out.put("i1_4.npy", Npy.toBytes(NdArray.ofInts(DType.INT8, new long[] {4}, -128, -1, 0, 127)));
        out.put("u1_2x2.npy", Npy.toBytes(NdArray.ofInts(DType.UINT8, new long[] {2, 2}, 0, 1, 128, 255)));
        out.put("i2_3.npy", Npy.toBytes(NdArray.ofInts(DType.INT16, new long[] {3}, -32768, 0, 32767)));
        out.put("u2_1.npy", Npy.toBytes(NdArray.ofInts(DType.UINT16, new long[] {1}, 65535)));
        out.put("i4_1x1x2.npy", Npy.toBytes(NdArray.ofInts(DType.INT32, new long[] {1, 1, 2}, Integer.MIN_VALUE, 7)));
        out.put("i8_2.npy", Npy.toBytes(NdArray.ofInts(DType.INT64, new long[] {2}, -1, 1)));
        out.put("b1_3.npy", Npy.toBytes(NdArray.ofInts(DType.BOOL, new long[] {3}, 1, 0, 1)));
        ByteBuffer doubles = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.0 / 3)
                .putDouble(-0.0).flip();
        out.put("f8_2.npy", Npy.toBytes(NdArray.of(DType.FLOAT64, new long[] {2}, doubles)));
        out.put("version2.npy", version2(Npy.toBytes(NdArray.ofFloats(new long[] {1}, 3f))));
        return out;
    }

    /** The same array in a format 2.0 header (4-byte header length), which numpy writes for huge headers. */
    private static byte[] version2(byte[] v1) {
        int dictLength = (v1[8] & 0xFF) | (v1[9] & 0xFF) << 8;
        byte[] out = new byte[v1.length + 2];
        System.arraycopy(v1, 0, out, 0, 6);
        out[6] = 2;
        out[8] = (byte) dictLength;
        out[9] = (byte) (dictLength >>> 8);
        System.arraycopy(v1, 10, out, 12, v1.length - 10);
        return out;
    }

    static byte[] bytes(Model model) {
        ByteBuffer b = ModelWriter.toBytes(model);
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    /**
     * A 1x2x2x2 LSTM case in the layout {@link TflmGoldenModel#build} reads, with made-up weights and scales
     * drawn from {@code seed}; activation bits 8 (8x8_16) or 16 (16x8).
     */
    static JsonNode syntheticLstm(int activationBits, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode c = f.objectNode().put("name", "synthetic").put("batch", 1).put("time_steps", 2)
                .put("input_dim", 2).put("state_dim", 2).put("time_major", false);
        ObjectNode m = c.putObject("model").put("activation_bits", activationBits).put("cell_clip", 8.0)
                .put("proj_clip", 0.0);
        m.putObject("input").put("scale", 1.0 / 128).put("zero_point", activationBits == 8 ? -3 : 0);
        m.putObject("hidden_state_and_output").put("scale", 1.0 / 200).put("zero_point", activationBits == 8 ? 5 : 0);
        m.putObject("cell_state").put("scale", 1.0 / 4096).put("zero_point", 0);
        ObjectNode gates = m.putObject("gates");
        for (String gate : new String[] {"input", "forget", "cell", "output"}) {
            ObjectNode g = gates.putObject(gate);
            for (String w : new String[] {"input_weights", "recurrent_weights"}) {
                ObjectNode wn = g.putObject(w).put("scale", 0.01 + r.nextDouble() / 10);
                wn.putArray("shape").add(2).add(2);
                ArrayNode v = wn.putArray("values");
                for (int i = 0; i < 4; i++) {
                    v.add(r.nextInt(-127, 128));
                }
            }
            ObjectNode b = g.putObject("bias").put("scale", 1e-4 + r.nextDouble() / 1000);
            b.putArray("values").add(r.nextInt(-2000, 2000)).add(r.nextInt(-2000, 2000));
        }
        return c;
    }
}
