package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.lstmq.cli.CliRunner;
import io.lstmq.inspect.Json;
import io.lstmq.io.Npy;
import io.lstmq.quant.QuantScheme;
import io.lstmq.testing.Shared;

/**
 * The checks' figures do not depend on the threads that compute them. Every expected agreement below was printed
 * by the single-threaded checks at commit e2cc76b (source and converted model run one after the other, sample by
 * sample, the source once per runtime), for the same conversions.
 */
class OutputChecksTest {
    @TempDir
    Path tmp;

    @Test
    void classifierInt8MatchesTheSingleThreadedFigures() {
        Path int8 = ConvertedTestModels.convert(tmp, "int8.tflite");
        List<int[]> progress = new ArrayList<>();
        OutputChecks.Report report;
        try (SourceReference r = SourceReference.start(ConvertedTestModels.CLASSIFIER, ConvertedTestModels.SAMPLES,
                "calibration.npy", OutputChecks.DEFAULT_SAMPLES)) {
            report = OutputChecks.run(r, int8, ConvertOptions.DEFAULTS,
                    (done, total) -> progress.add(new int[] {done, total}));
        }
        assertEquals(List.of(
                new OutputCheck.Agreement("lstmq engine (tflm numerics)", 32, 0.96875, 0.005001813173294067,
                        0.001674150349572301),
                new OutputCheck.Agreement("TFLite", 32, 0.96875, 0.005325049161911011, 0.001588418148458004)),
                report.runs());
        assertEquals(List.of(), report.notes());
        assertFalse(report.failed());
        // The reference's 32 samples and each runtime's 32 count towards one total, never backwards.
        int[] last = progress.get(progress.size() - 1);
        assertEquals(96, last[0]);
        assertEquals(96, last[1]);
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i)[0] >= progress.get(i - 1)[0], "progress went back at call " + i);
        }
    }

    @Test
    void classifierInt16RunsOnLstmqsEngineOnly() {
        Path int16 = ConvertedTestModels.convert(tmp, "int16.tflite", "--activations", "int16");
        ConvertOptions options = new ConvertOptions(QuantScheme.INT16, false, false, Set.of(),
                ConvertOptions.CalibrationMethod.MINMAX);
        OutputChecks.Report report;
        try (SourceReference r = SourceReference.start(ConvertedTestModels.CLASSIFIER, ConvertedTestModels.SAMPLES,
                "calibration.npy", OutputChecks.DEFAULT_SAMPLES)) {
            report = OutputChecks.run(r, int16, options, (done, total) -> {});
        }
        assertEquals(List.of(new OutputCheck.Agreement("lstmq engine (tflm numerics)", 32, 0.96875,
                0.0019618868827819824, 0.0009691453306004405)), report.runs());
        assertEquals(List.of("TFLite has no LSTM kernel with int16 activations: the 16x8 model is for TFLite Micro"),
                report.notes());
    }

    @Test
    void mnistHybridSharedByBothThreadsMatchesTheSingleThreadedFigures() {
        Path source = Shared.path("models/mnist_lstm/trained_lstm.tflite");
        Path data = Shared.path("data/mnist/calib_1000_float32.npy");
        Path hybrid = tmp.resolve("hybrid.tflite");
        CliRunner.Result c = CliRunner.run("convert", source.toString(), "--weights-only", "--check-samples", "0",
                "-o", hybrid.toString());
        assertEquals(0, c.code(), c.err());
        ConvertOptions options = new ConvertOptions(QuantScheme.INT8, false, true, Set.of(),
                ConvertOptions.CalibrationMethod.MINMAX);
        OutputChecks.Report report;
        try (SourceReference r = SourceReference.start(source, Map.of("", Npy.read(data)), data.toString(),
                OutputChecks.DEFAULT_SAMPLES)) {
            report = OutputChecks.run(r, hybrid, options, (done, total) -> {});
        }
        assertEquals(List.of(new OutputCheck.Agreement("TFLite", 256, 1.0, 0.02037927508354187,
                8.922606176955313e-05)), report.runs());
    }

    @Test
    void mnistInt8MatchesTheSingleThreadedFigures() throws Exception {
        CliRunner.Result r = CliRunner.run("convert", Shared.path("models/mnist_lstm/trained_lstm.tflite").toString(),
                "--calibration", Shared.path("data/mnist/calib_1000_float32.npy").toString(), "-o",
                tmp.resolve("int8.tflite").toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode runs = Json.mapper().readTree(r.out()).get("checks").get("runs");
        assertEquals(0.024955928325653076, runs.get(0).get("maxAbsError").asDouble());
        assertEquals(0.0004567163743772515, runs.get(0).get("meanAbsError").asDouble());
        assertEquals(0.024955928325653076, runs.get(1).get("maxAbsError").asDouble());
        assertEquals(0.00045861707005632053, runs.get(1).get("meanAbsError").asDouble());
        assertEquals(256, runs.get(1).get("samples").asInt());
    }
}
