package io.lstmq.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

import io.lstmq.LstmqException;
import io.lstmq.cli.Main;
import io.lstmq.io.DType;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.model.SubGraph;
import io.lstmq.model.Tensor;

/**
 * The {@code lstmq} command line in-process on a fuzzed model file: {@code inspect} in every format, {@code patch}
 * with fuzzed edits (scales and values include NaN and infinities), {@code diff}, and {@code run} on both engines
 * with zeros shaped like the model's input. Bad input is exit code 2, never 3 (an internal error); {@code diff}
 * may also say 1 (the models differ), but never of a model and itself; what {@code patch} writes must verify.
 *
 * <p>Input layout: the model bytes first, the choices of command and edits at the end (where
 * {@link FuzzedDataProvider} takes numbers from), so a model file with a few bytes appended is a good seed.
 */
@ExtendWith(RegressionWithoutHooks.class)
class CommandLineFuzzTest {
    private static final Path REFERENCE = Path.of("testdata", "lstm_classifier.tflite");
    private static final Path REFERENCE_DATA = Path.of("testdata", "calibration.npy");
    /** Larger inputs are not made up: the reference data stands in and the model is refused. */
    private static final long MAX_MADE_UP_ELEMENTS = 4096;
    private static final String[] FORMATS = {"text", "json", "c-header", "yaml"};
    private static final String[] MATCHES = {"position", "name", "size"};
    private static final String[] NAMES = {"input", "#0", "#1", "#-1", "#99999", "", "a=b", "dense/kernel"};
    private static final String[] OPERATORS = {"UNIDIRECTIONAL_SEQUENCE_LSTM", "FULLY_CONNECTED", "0", "7", "CUSTOM"};
    /** Standard output is not checked; the exit code, standard error and a patched file are. */
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());
    private static Path dir;

    @FuzzTest(maxDuration = "10m")
    void commands(FuzzedDataProvider in) throws Exception {
        int command = in.consumeInt(0, 5);
        List<String> edits = command == 2 ? edits(in) : List.of();
        int choice = in.consumeInt(0, 3);
        byte[] model = in.consumeRemainingAsBytes();
        Path file = scratch().resolve("model.tflite");
        Path out = dir.resolve("out.npy");
        Path data = dir.resolve("x.npy");
        AllocationBudget.run(model.length, "lstmq command " + command, () -> {
            Files.write(file, model);
            try {
                run(command, edits, choice, file, out, command >= 4 ? inputData(model, data) : REFERENCE_DATA);
            } finally {
                clear(dir);
            }
        });
    }

    private static void run(int command, List<String> edits, int choice, Path file, Path out, Path data) {
        List<String> args = new ArrayList<>();
        switch (command) {
            case 0 -> args.addAll(List.of("inspect", file.toString(), "--format", FORMATS[choice % FORMATS.length]));
            case 1 -> args.addAll(List.of("diff", file.toString(), file.toString()));
            case 2 -> {
                args.addAll(List.of("patch", file.toString(), "-o", out.toString()));
                args.addAll(edits);
            }
            case 3 -> args.addAll(List.of("diff", file.toString(), REFERENCE.toString(), "--match",
                    MATCHES[choice % MATCHES.length]));
            case 4 -> args.addAll(List.of("run", file.toString(), "--input", data.toString(), "-o", out.toString(),
                    "--numerics", choice % 2 == 0 ? "tflm" : "tflite"));
            default -> args.addAll(List.of("run", file.toString(), "--input", data.toString(), "-o", out.toString(),
                    "--engine", "tflite"));
        }
        args.add("--debug"); // an internal error then comes with its stack trace
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args.toArray(String[]::new), NOWHERE,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        boolean allowed = code == Main.OK || code == Main.BAD_INPUT || (code == Main.CHECK_FAILED && command == 3);
        if (!allowed) {
            throw new AssertionError("lstmq " + args + " exited with " + code + ": " + message);
        }
        if (code == Main.BAD_INPUT && message.isBlank()) {
            throw new AssertionError("lstmq " + args + " failed without saying why");
        }
        if (command == 2 && code == Main.OK) {
            try {
                ModelFile.open(out);
            } catch (LstmqException e) {
                throw new AssertionError("patch wrote a model that does not verify: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Zeros shaped and typed like the first input of the model's first subgraph, written to {@code data}, so that
     * {@code run} gets past binding its data; the project's calibration data when the model gives nothing to go by.
     */
    private static Path inputData(byte[] model, Path data) {
        ModelFile file = Rejections.readModel(model);
        if (file == null || file.model().subgraphs().isEmpty() || file.model().subgraph(0).inputs().length == 0) {
            return REFERENCE_DATA;
        }
        SubGraph sg = file.model().subgraph(0);
        int input = sg.inputs()[0];
        if (input < 0 || input >= sg.tensorCount()) {
            return REFERENCE_DATA;
        }
        Tensor t = sg.tensor(input);
        long elements = t.elementCount();
        if (elements < 0 || elements > MAX_MADE_UP_ELEMENTS) {
            return REFERENCE_DATA;
        }
        DType type;
        try {
            type = ModelInputs.dtypeOf(t);
        } catch (LstmqException e) {
            return REFERENCE_DATA;
        }
        long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
        Npy.write(data, NdArray.of(type, shape, ByteBuffer.allocate((int) elements * type.size())));
        return data;
    }

    /** Up to three patch edits on tensors by index or name, with values that include NaN and infinities. */
    private static List<String> edits(FuzzedDataProvider in) {
        List<String> edits = new ArrayList<>();
        int count = in.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            String tensor = NAMES[in.consumeInt(0, NAMES.length - 1)];
            switch (in.consumeInt(0, 5)) {
                case 0 -> edits.addAll(List.of("--set-quant", tensor + "=" + in.consumeFloat() + ":"
                        + in.consumeLong()));
                case 1 -> edits.addAll(List.of("--set-quant", tensor + "=" + in.consumeFloat() + "," + in.consumeFloat()
                        + ":0,0@" + in.consumeInt(-1, 4)));
                case 2 -> edits.addAll(List.of("--set-element", tensor + ":" + in.consumeLong(-1, 1000) + "="
                        + in.consumeFloat()));
                case 3 -> edits.addAll(List.of("--rename", tensor + "=" + NAMES[in.consumeInt(0, NAMES.length - 1)]));
                case 4 -> edits.addAll(List.of("--op-version", OPERATORS[in.consumeInt(0, OPERATORS.length - 1)] + "="
                        + in.consumeInt()));
                default -> edits.add(in.consumeBoolean() ? "--drop-metadata" : "--keep-metadata=min_runtime_version");
            }
        }
        if (in.consumeBoolean()) {
            edits.addAll(List.of("--subgraph", Integer.toString(in.consumeInt(-1, 2))));
        }
        return edits;
    }

    /** Removes what one execution wrote (run writes one file per model output). */
    private static void clear(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
    }

    private static synchronized Path scratch() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("lstmq-fuzz-cli");
            dir.toFile().deleteOnExit(); // empty by then: every execution removes its files
        }
        return dir;
    }
}
