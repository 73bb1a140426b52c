package io.lstmq.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.ExtendWith;

import com.code_intelligence.jazzer.junit.FuzzTest;

import io.lstmq.LstmqException;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.model.SubGraph;
import io.lstmq.testing.TflmGoldenModel;

/**
 * The {@code .npy} reader on arbitrary bytes: only {@link LstmqException} may come out, naming the file. An array
 * that reads must read the same from a file as from memory, survive a write and read back unchanged, and bind to
 * the inputs of a float and an integer model as calibration data does (or be refused in one line).
 */
@ExtendWith(RegressionWithoutHooks.class)
class NpyReaderFuzzTest {
    private static final String NAME = "fuzzed.npy";
    private static List<SubGraph> models;
    private static Path file;

    @FuzzTest(maxDuration = "10m")
    void readRewriteBind(byte[] data) throws Exception {
        AllocationBudget.run(data.length, "reading and binding the .npy image", () -> {
            NdArray array = readOrNull(data);
            if (array != null) {
                readAndUse(data, array);
            }
        });
    }

    /** The array, or null when the bytes were refused the way users are told (anything else escapes). */
    private static NdArray readOrNull(byte[] data) {
        try {
            return Npy.read(data, NAME);
        } catch (LstmqException e) {
            Rejections.requireNamed(e, NAME);
            return null;
        }
    }

    private static void readAndUse(byte[] data, NdArray array) throws IOException {
        Files.write(scratch(), data);
        if (!Npy.read(file).equals(array)) {
            throw new AssertionError("reading from a file gave another array than reading from memory");
        }
        if (!Npy.read(Npy.toBytes(array), "rewritten.npy").equals(array)) {
            throw new AssertionError("write and read back changed " + array);
        }
        for (SubGraph model : models()) {
            try {
                ModelInputs inputs = ModelInputs.bind(model, Map.of("", array), NAME);
                inputs.sample(0);
                inputs.sample(inputs.sampleCount() - 1);
            } catch (LstmqException e) {
                // Data that does not fit the model's input: refused in one line, which is allowed.
            }
        }
    }

    /** A float input of shape [1, 12, 8] and a quantized int8 input of shape [1, 2, 2]. */
    private static synchronized List<SubGraph> models() {
        if (models == null) {
            models = List.of(ModelFile.open(Path.of("testdata", "lstm_classifier.tflite")).model().subgraph(0),
                    TflmGoldenModel.build(FuzzSeeds.syntheticLstm(8, 21)).subgraph(0));
        }
        return models;
    }

    private static synchronized Path scratch() throws IOException {
        if (file == null) {
            file = Files.createTempFile("lstmq-fuzz", ".npy");
            file.toFile().deleteOnExit();
        }
        return file;
    }
}
