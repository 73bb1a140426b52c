package io.lstmq.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.io.DType;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.testing.Shared;

class RunCommandTest {
    @TempDir
    Path tmp;

    private static final String SCALE = "0.00392156862745098";

    /** The first n MNIST digits as uint8 [n, 28, 28]. */
    private Path digits(int n) {
        NdArray all = Npy.read(Shared.path("data/mnist/images_uint8.npy"));
        java.util.List<NdArray> s = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            s.add(all.sample(i));
        }
        Path p = tmp.resolve("digits" + n + ".npy");
        Npy.write(p, NdArray.stack(s));
        return p;
    }

    private NdArray run(String model, Path input, String... extra) {
        Path out = tmp.resolve("y" + System.nanoTime() + ".npy");
        String[] args = new String[7 + extra.length];
        args[0] = "run";
        args[1] = Shared.path(model).toString();
        args[2] = "--input";
        args[3] = input.toString();
        args[4] = "--input-scale=" + SCALE;
        args[5] = "-o";
        args[6] = out.toString();
        System.arraycopy(extra, 0, args, 7, extra.length);
        Cli r = Cli.run(args);
        assertEquals(0, r.code(), r.err());
        return Npy.read(out);
    }

    @Test
    void floatModelOnBothEnginesAgreesWithin1e5() {
        Path x = digits(20);
        NdArray java = run("models/mnist_lstm/trained_lstm.tflite", x);
        NdArray tflite = run("models/mnist_lstm/trained_lstm.tflite", x, "--engine", "tflite");
        assertArrayEquals(new long[] {20, 10}, java.shape());
        float[] a = java.asFloatArray();
        float[] b = tflite.asFloatArray();
        for (int i = 0; i < a.length; i++) {
            assertEquals(b[i], a[i], 1e-5, "element " + i);
        }
    }

    @Test
    void int8ModelWithTfliteNumericsIsBitExact() {
        Path x = digits(50);
        NdArray java = run("models/mnist_lstm/trained_lstm_int8.tflite", x, "--numerics", "tflite");
        NdArray tflite = run("models/mnist_lstm/trained_lstm_int8.tflite", x, "--engine", "tflite");
        assertEquals(DType.INT8, java.dtype());
        assertEquals(tflite, java);
        NdArray deq = run("models/mnist_lstm/trained_lstm_int8.tflite", x, "--dequantize");
        assertEquals(DType.FLOAT32, deq.dtype());
        assertEquals(1.0, sum(deq, 0), 0.05, "softmax probabilities of digit 0");
    }

    private static double sum(NdArray a, int row) {
        double s = 0;
        for (int j = 0; j < a.dim(1); j++) {
            s += a.getDouble(row * a.dim(1) + j);
        }
        return s;
    }

    @Test
    void shapeMismatchIsOneClearLine() {
        Path bad = tmp.resolve("bad.npy");
        Npy.write(bad, NdArray.ofFloats(new long[] {3, 27, 28}, new float[3 * 27 * 28]));
        Cli r = Cli.run("run", Shared.path("models/mnist_lstm/trained_lstm.tflite").toString(), "--input",
                bad.toString(), "-o", tmp.resolve("y.npy").toString());
        assertEquals(2, r.code());
        assertTrue(r.errorLine().contains("has shape [1, 28, 28] but the data has shape [3, 27, 28]"), r.errorLine());
    }

    /** --trace on the TFLM golden model: the last step's hidden state is TFLM's golden final hidden state. */
    @Test
    void traceOfTheGoldenModelEndsInTheGoldenHiddenState() throws Exception {
        var c = io.lstmq.testing.TflmGoldenModel.golden("eval_2x3x2x2_int8");
        Path model = tmp.resolve("golden.tflite");
        io.lstmq.model.ModelWriter.write(io.lstmq.testing.TflmGoldenModel.build(c), model);
        int[] x = new int[12];
        for (int i = 0; i < 12; i++) {
            x[i] = c.get("quantized_input").get(i).asInt();
        }
        Path input = tmp.resolve("x.npy");
        Npy.write(input, NdArray.ofInts(DType.INT8, new long[] {2, 3, 2}, x));
        Path dir = tmp.resolve("trace");
        Cli r = Cli.run("run", model.toString(), "--input", input.toString(), "-o", tmp.resolve("y.npy").toString(),
                "--trace", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("LSTM traces of 1 sample(s)"), r.out());
        java.util.List<Integer> lastHidden = new java.util.ArrayList<>();
        try (var files = java.nio.file.Files.list(dir)) {
            Path csv = files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElseThrow();
            for (String line : java.nio.file.Files.readAllLines(csv)) {
                String[] f = line.split(",");
                if (f[2].equals("hidden_state") && f[1].equals("2")) {
                    lastHidden.add(Integer.parseInt(f[4]));
                }
            }
        }
        java.util.List<Integer> expected = new java.util.ArrayList<>();
        c.get("expected_hidden_tflm").forEach(v -> expected.add(v.asInt()));
        assertEquals(expected, lastHidden);
    }
}
