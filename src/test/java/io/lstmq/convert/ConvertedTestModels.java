package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lstmq.cli.CliRunner;
import io.lstmq.engine.Numerics;
import io.lstmq.io.ModelInputs;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.model.ModelFile;
import io.lstmq.run.Engine;

/** The project's small float classifier, its calibration samples, and conversions of it, for the check tests. */
final class ConvertedTestModels {
    static final Path CLASSIFIER = Path.of("testdata", "lstm_classifier.tflite");
    static final Path SAMPLES_FILE = Path.of("testdata", "calibration.npy");
    static final Map<String, NdArray> SAMPLES = Map.of("", Npy.read(SAMPLES_FILE));

    private ConvertedTestModels() {}

    /** Converts the classifier into {@code dir} without checks; {@code extra} are convert options. */
    static Path convert(Path dir, String name, String... extra) {
        Path out = dir.resolve(name);
        List<String> args = new ArrayList<>(List.of("convert", CLASSIFIER.toString(), "--calibration",
                SAMPLES_FILE.toString(), "--check-samples", "0", "-o", out.toString()));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.out() + r.err());
        return out;
    }

    /** The outputs of the first {@code samples} samples, run one after the other on one runner. */
    static List<List<float[]>> sequentialOutputs(Path model, Engine engine, int samples) {
        ModelFile file = ModelFile.open(model);
        ModelInputs inputs = ModelInputs.bind(file.model().subgraph(0), SAMPLES, "calibration.npy");
        List<List<float[]>> out = new ArrayList<>();
        try (FloatOutputRun run = new FloatOutputRun(file, inputs, engine, Numerics.TFLM)) {
            for (int s = 0; s < samples; s++) {
                out.add(run.run(s));
            }
        }
        return out;
    }

    static void assertSameOutputs(List<List<float[]>> expected, List<List<float[]>> actual) {
        assertEquals(expected.size(), actual.size(), "samples");
        for (int s = 0; s < expected.size(); s++) {
            assertEquals(expected.get(s).size(), actual.get(s).size(), "outputs of sample " + s);
            for (int o = 0; o < expected.get(s).size(); o++) {
                assertArrayEquals(expected.get(s).get(o), actual.get(s).get(o),
                        "sample " + s + ", output " + o);
            }
        }
    }
}
