package io.lstmq.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.lstmq.cli.CliRunner;
import io.lstmq.fuzz.HostileModels.Buffers;
import io.lstmq.io.NdArray;
import io.lstmq.io.Npy;
import io.lstmq.schema.TensorType;

/**
 * {@code .npy} data that holds no elements but claims huge dimensions: numpy writes such arrays, and binding them
 * to a model's inputs must refuse them in one line rather than overflow an int.
 */
@Timeout(10)
class DamagedDataTest {
    @TempDir
    Path tmp;

    private Path npy(long... shape) throws IOException {
        Path p = tmp.resolve("x.npy");
        Files.write(p, Npy.toBytes(NdArray.ofFloats(shape)));
        return p;
    }

    @Test
    void emptyArrayWithADimensionBeyondIntRange() throws IOException {
        Path data = npy(0, 3_000_000_000L);
        CliRunner.Result r = CliRunner.run("run", "testdata/lstm_classifier.tflite", "--input", data.toString(), "-o",
                tmp.resolve("y.npy").toString());
        Refusals.assertRefuses(r, "lstmq run: " + data + ": input 'input' has shape [1, 12, 8] but the data has shape"
                + " [0, 3000000000] (expected [1, 12, 8], [N, 1, 12, 8] or [N, 12, 8])");
    }

    @Test
    void moreSamplesThanAnIntCounts() throws IOException {
        byte[] model = HostileModels.singleTensor(TensorType.FLOAT32, new int[] {1, 0}, Buffers.EMPTY);
        Path data = npy(3_000_000_000L, 0);
        CliRunner.Result r = Refusals.run(tmp.resolve("empty.tflite"), model, "run", "--input", data.toString(), "-o",
                tmp.resolve("y.npy").toString());
        Refusals.assertRefuses(r, "lstmq run: " + data + ": 3000000000 samples for input 'x' are too many");
    }
}
