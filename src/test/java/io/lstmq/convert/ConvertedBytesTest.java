package io.lstmq.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.cli.CliRunner;
import io.lstmq.testing.Shared;

/**
 * The bytes {@code lstmq convert} writes do not depend on how the work is spread over threads. Every expected
 * SHA-256 below was produced by the single-threaded converter at commit e2cc76b (calibration, then the checks,
 * one after the other on one thread); a change to the numerics, or to the project's test models, changes them
 * on purpose only.
 */
class ConvertedBytesTest {
    private static final String CLASSIFIER = "testdata/lstm_classifier.tflite";
    private static final String CLASSIFIER_DATA = "testdata/calibration.npy";

    @TempDir
    Path tmp;

    @Test
    void classifierInt8() {
        assertConverts("f5e7b70afe8f05716f5359763c628c50d4cf791d80f628e2e8f0b0029becdc02", CLASSIFIER,
                CLASSIFIER_DATA);
    }

    @Test
    void classifierInt16() {
        assertConverts("a85583ebf9916c6a4df4efeefd33a9d6c9820adc9716f5c609e91dce3521cde0", CLASSIFIER,
                CLASSIFIER_DATA, "--activations", "int16");
    }

    @Test
    void classifierWithFloatIo() {
        assertConverts("ef0f08234f688a0dba8107f18b4a5b2ebe3518953c3b62eda8a1c289f4308b64", CLASSIFIER,
                CLASSIFIER_DATA, "--io", "float");
    }

    @Test
    void mnistInt8() {
        assertConverts("305afc155086a3ef957cbe0c96e8638f4d10a4ebdc5b82cf0d0929e9ce15c186", mnist(), mnistData());
    }

    @Test
    void mnistInt16() {
        assertConverts("a72f38c3fa85d4291b04262a77512e5da2e2988ec3464a4b74f5159f465098a3", mnist(), mnistData(),
                "--activations", "int16");
    }

    @Test
    void mnistWeightsOnly() {
        assertConverts("1db07851abbfce86672d48f12b372aa6727d377c101357f55e64a529808db916", mnist(), mnistData(),
                "--weights-only");
    }

    private static String mnist() {
        return Shared.path("models/mnist_lstm/trained_lstm.tflite").toString();
    }

    private static String mnistData() {
        return Shared.path("data/mnist/calib_1000_float32.npy").toString();
    }

    /** Converts with the checks on (their threads run while the file is made), then hashes the file. */
    private void assertConverts(String sha256, String model, String calibration, String... extra) {
        Path out = tmp.resolve("out.tflite");
        List<String> args = new ArrayList<>(List.of("convert", model, "--calibration", calibration, "-o",
                out.toString()));
        args.addAll(List.of(extra));
        CliRunner.Result r = CliRunner.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals(sha256, sha256(out), String.join(" ", args));
    }

    private static String sha256(Path p) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
