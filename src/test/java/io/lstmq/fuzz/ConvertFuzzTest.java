package io.lstmq.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.lstmq.cli.Main;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;

/**
 * {@code lstmq convert} in-process on a fuzzed model with the calibration data of {@code testdata/} (its first two
 * samples, to keep executions quick) or none, in every scheme: int8 or int16 activations, integer or float I/O,
 * or weights only. A model convert cannot handle is exit code 2; anything else, a 3 or a written model that fails
 * its own checks (1), is a finding. What convert writes must also pass {@code inspect}.
 *
 * <p>Input layout as in {@link CommandLineFuzzTest}: the model first, the choices at the end.
 */
@ExtendWith(RegressionWithoutHooks.class)
class ConvertFuzzTest {
    private static final Path CALIBRATION = Path.of("testdata", "calibration.npy");
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static Path dir;
    private static Path calibration;

    @FuzzTest(maxDuration = "10m")
    void convert(FuzzedDataProvider in) throws Exception {
        List<String> options = options(in);
        byte[] model = in.consumeRemainingAsBytes();
        Path file = scratch().resolve("model.tflite");
        Path out = dir.resolve("converted.tflite");
        AllocationBudget.run(model.length, "lstmq convert", () -> {
            Files.write(file, model);
            try {
                convert(file, out, options);
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(out);
            }
        });
    }

    private static void convert(Path file, Path out, List<String> options) {
        List<String> args = new ArrayList<>(List.of("convert", file.toString(), "-o", out.toString(), "--debug"));
        args.addAll(options);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), NOWHERE, new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        if (code != Main.OK && code != Main.BAD_INPUT) {
            throw new AssertionError("lstmq " + args + " exited with " + code + ": " + message);
        }
        if (code == Main.BAD_INPUT && message.isBlank()) {
            throw new AssertionError("lstmq " + args + " failed without saying why");
        }
        if (code == Main.OK) {
            int inspect = Main.run(new String[] {"inspect", out.toString(), "--debug"}, NOWHERE,
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            if (inspect != Main.OK) {
                throw new AssertionError("inspect of what convert wrote exited with " + inspect + ": " + err);
            }
        }
    }

    /** The scheme, and calibration data or none; checks run on at most one sample. */
    private static List<String> options(FuzzedDataProvider in) throws IOException {
        List<String> o = new ArrayList<>();
        switch (in.consumeInt(0, 3)) {
            case 0 -> { }
            case 1 -> o.addAll(List.of("--activations", "int16"));
            case 2 -> o.addAll(List.of("--io", "float"));
            default -> o.add("--weights-only");
        }
        if (in.consumeBoolean()) {
            o.addAll(List.of("--calibration", calibration().toString()));
        }
        o.addAll(List.of("--check-samples", in.consumeBoolean() ? "1" : "0"));
        return o;
    }

    private static synchronized Path calibration() throws IOException {
        if (calibration == null) {
            NdArray all = Npy.read(CALIBRATION);
            calibration = scratch().resolve("calibration.npy");
            Npy.write(calibration, NdArray.stack(List.of(all.sample(0), all.sample(1))));
            calibration.toFile().deleteOnExit();
        }
        return calibration;
    }

    private static synchronized Path scratch() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("lstmq-fuzz-convert");
            dir.toFile().deleteOnExit(); // empty by then: every execution removes its files
        }
        return dir;
    }
}
